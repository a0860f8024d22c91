extension SearchDocument {
    /// A rendered page as the index sees it; nil for pages with nothing to find (a section
    /// Lantern generated for a folder without `_index.md`).
    init?(_ outcome: PageOutcome, in site: Site) {
        let page = outcome.page
        guard !page.isGenerated else { return nil }
        let section =
            page.kind == .page && !page.sectionPath.isEmpty
            ? site.sectionPage(page.sectionPath)?.title ?? "" : ""
        self.init(
            url: page.url, title: page.title, section: section,
            description: page.frontMatter.description, tags: page.frontMatter.tags,
            parts: outcome.parts)
    }
}

extension SearchIndexBuilder {
    /// The index files of a site, as output paths (`search/index.json`…).
    static func files(
        for documents: [SearchDocument], config: SiteConfig
    ) -> [(path: String, bytes: [UInt8])] {
        let builder = SearchIndexBuilder(
            synonyms: config.synonyms, synonymGroups: config.synonymGroups,
            healthVocabulary: config.healthVocabulary, shardThresholdBytes: config.searchShardBytes)
        return builder.build(documents).sorted { $0.key < $1.key }.map {
            ("search/" + $0.key, $0.value)
        }
    }
}
