extension SearchDocument {
    /// A rendered page as the index sees it; nil for pages with nothing to find (a section
    /// Lantern generated for a folder without `_index.md`).
    init?(_ outcome: PageOutcome, in site: Site) {
        let page = outcome.page
        guard !page.isGenerated else { return nil }
        let section =
            page.kind == .page && !page.sectionPath.isEmpty
            ? site.sectionPage(page.sectionPath, in: page.language)?.title ?? "" : ""
        self.init(
            url: page.url, title: page.title, section: section,
            description: page.frontMatter.description, tags: page.frontMatter.tags,
            parts: outcome.parts)
    }
}

extension SearchIndexBuilder {
    /// The folder of a language's index, as an output path: `search/`, `es/search/`. Pages
    /// find it as `site.theme.links.search`, which is the same place.
    static func folder(in urls: URLSpace) -> String {
        String(urls.folder("search").url.dropFirst())
    }

    /// The index files of one language of a site, as output paths (`search/index.json`,
    /// `es/search/index.json`…), from the documents of that language's pages.
    static func files<Page: IndexedPage>(
        for documents: [Page], config: SiteConfig, language: String, kept: AnalysisChunks? = nil
    ) -> [(path: String, bytes: [UInt8])] {
        let own = config.localized(to: language)
        let builder = SearchIndexBuilder(
            synonyms: own.synonyms, synonymGroups: own.synonymGroups,
            healthVocabulary: config.healthVocabulary, shardThresholdBytes: config.searchShardBytes,
            language: language)
        let prefix = folder(in: config.urls(for: language))
        return builder.build(documents, kept: kept).sorted { $0.key < $1.key }.map {
            (prefix + $0.key, $0.value)
        }
    }
}
