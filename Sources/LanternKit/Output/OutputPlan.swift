import Foundation

/// Which pages an output reads. Selections are symbolic, so that a plan of 10,000 pages stays
/// small, and are answered against the site before and after a change.
enum PageSelection: Hashable, Sendable {
    /// One page, by its content path.
    case page(String)
    /// The pages and subsections a section lists in a language (`Site.children(ofSection:in:)`;
    /// `""` is home's), or in every language (nil).
    case listedIn(String, language: String?)
    /// The previous and next page of a regular page in its section's order.
    case neighboursOf(String)
    /// The section pages of this folder and of every folder above it, home included, in a
    /// language (breadcrumbs, a page's own section).
    case sectionsFrom(String, language: String)
    /// Every page of one language.
    case language(String)
    /// The pages a page ends with as related, before or after the change.
    case relatedTo(String)
    /// The pages with a term of a taxonomy in a language (one term, by slug, or any),
    /// before or after the change.
    case inTaxonomy(String, term: String?, language: String)
    /// The pages of one language with a date (`date` or `last_reviewed`, before or after the
    /// change) in this folder and the folders below it (`""`: the whole site), and the
    /// folder's own section page: what a section's feed shows.
    case datedWithin(String, language: String)
    case all

    func contains(_ changed: SiteChange.ChangedPage, old: Site?, new: Site?) -> Bool {
        switch self {
        case .page(let path):
            return changed.sourcePath == path
        case .listedIn(let folder, let language):
            if let language, changed.language != language { return false }
            switch changed.kind {
            case .page: return changed.sectionPath == folder
            case .section: return PagePath.folder(of: changed.sectionPath) == folder
            case .home: return false
            }
        case .neighboursOf(let path):
            // A page that enters or leaves the place next to this one is a neighbour before or after.
            return [old, new].contains { site in
                guard let site, let page = site.page(at: path) else { return false }
                let (previous, next) = site.neighbours(of: page)
                return previous?.sourcePath == changed.sourcePath || next?.sourcePath == changed.sourcePath
            }
        case .sectionsFrom(let folder, let language):
            guard changed.kind != .page, changed.language == language else { return false }
            let section = changed.sectionPath
            return section.isEmpty || folder == section || folder.hasPrefix(section + "/")
        case .language(let language):
            return changed.language == language
        case .relatedTo(let path):
            return [old, new].contains { $0?.relatedPaths(of: path).contains(changed.sourcePath) == true }
        case .inTaxonomy(let field, let term, let language):
            guard changed.language == language else { return false }
            return [old, new].contains { site in
                guard let terms = site?.page(at: changed.sourcePath)?.frontMatter.terms(of: field) else { return false }
                guard let term else { return !terms.isEmpty }
                return terms.contains { Site.termSlug($0) == term }
            }
        case .datedWithin(let folder, let language):
            guard changed.language == language,
                folder.isEmpty || changed.sectionPath == folder || changed.sectionPath.hasPrefix(folder + "/")
            else { return false }
            if changed.kind != .page && changed.sectionPath == folder { return true }
            return [old, new].contains { site in site?.page(at: changed.sourcePath).flatMap(Feeds.changed) != nil }
        case .all:
            return true
        }
    }
}

/// One thing an output is made from.
enum Dependency: Hashable, Sendable {
    /// These fields of these pages.
    case pages(PageSelection, PageFields)
    /// `site.yaml`.
    case config
    /// The theme: templates, partials and assets.
    case templates
    /// The bytes of one content file that is copied as it is.
    case contentFile(String)
    /// Which content files (images, PDFs) exist: Markdown links to them are resolved.
    case contentFileList
    /// Which pages are picked as related to this page (by content path).
    case related(String)

    func isTouched(by change: SiteChange) -> Bool {
        switch self {
        case .pages(let selection, let fields):
            return change.pages.contains {
                !$0.fields.isDisjoint(with: fields) && selection.contains($0, old: change.old, new: change.new)
            }
        case .config: return change.config
        case .templates: return change.templates
        case .contentFile(let path): return change.contentFiles.contains(path)
        case .contentFileList: return change.contentFileList
        case .related(let path):
            return change.relatedMayDiffer && change.old?.relatedPaths(of: path) != change.new?.relatedPaths(of: path)
        }
    }
}

/// One file (or, for the search index, one set of files) that a build writes.
struct PlannedOutput: Sendable {
    enum Product: Sendable {
        /// The page from this content file (or generated for this folder).
        case page(String)
        /// One of Lantern's own pages, in a language.
        case special(SpecialPage, language: String)
        case sitemap
        case robots
        case redirect(Site.Alias)
        /// A content file copied as it is.
        case contentFile(StaticFile)
        /// A picture's variant (or the picture itself at its own name), from the cache.
        case picture(PictureVariant)
        /// A file of the theme's `assets/`: the site's, the built-in theme's or made from settings.
        case themeAsset(Theme.File)
        /// A taxonomy's list of terms (`term` nil) or one term's page, in a language.
        case taxonomy(field: String, term: String?, language: String)
        /// A section's feed (`""`: the site's) in one language, in one format.
        case feed(section: String, language: String, Feeds.Format)
        /// The search index of a language (`search/…`, `es/search/…`), whose files are made
        /// together from every page of the language.
        case searchIndex(language: String)
    }

    /// The output path (the folder `search/` for the search index).
    var path: String
    var product: Product
    /// What it is made from: when none of it changed, the file stays as it is.
    var reads: [Dependency]

    func isTouched(by change: SiteChange) -> Bool {
        reads.contains { $0.isTouched(by: change) }
    }
}

/// Every output of a build, declared once with what each reads. `lantern build` writes the
/// plan, `lantern check` writes it into memory and checks it, and `lantern serve` writes it
/// into memory and, after a change, writes again only the outputs the change touches.
///
/// To add a kind of output: add a `Product`, declare its outputs and their `reads` in
/// `init`, and make its bytes in `OutputPlan.write`. See docs/site-model.md.
struct OutputPlan: Sendable {
    private(set) var outputs: [PlannedOutput] = []

    /// The content pages of `outputs`, as they are in `site`.
    static func pages(of outputs: [PlannedOutput], in site: Site) -> [Page] {
        outputs.compactMap { if case .page(let path) = $0.product { return site.page(at: path) } else { return nil } }
    }

    /// - Parameters:
    ///   - templates: nil when earlier errors left no theme: then only pages are planned
    ///     (rendered to find their broken links).
    ///   - themeAssets: the theme's asset files (`themeAssets(of:)`).
    init(site: Site, templates: TemplateLibrary?, themeAssets: [Theme.File]) {
        outputs.reserveCapacity(site.pages.count + site.aliases.count + site.staticFiles.count + 16)
        for page in site.pages {
            outputs.append(PlannedOutput(path: page.outputPath, product: .page(page.sourcePath),
                reads: OutputPlan.reads(of: page, taxonomies: site.config.taxonomies)))
        }
        guard let templates else { return }
        let languages = site.config.languages.map(\.code)
        for language in languages {
            // Their alternates and language switcher lead to the same page of the other languages.
            let themed: [Dependency] = [.config, .templates, .pages(.listedIn("", language: language), .listing)]
            for special in SpecialPage.allCases where special.isRequired || templates.names.contains(special.template) {
                var reads = themed
                switch special {
                case .notFound: break  // no breadcrumbs
                case .search: reads.append(.pages(.sectionsFrom("", language: language), .listing))
                case .siteIndex: reads.append(.pages(.language(language), .listing))
                }
                outputs.append(PlannedOutput(path: special.place(in: site.config.urls(for: language)).outputPath,
                    product: .special(special, language: language), reads: reads))
            }
        }
        for taxonomyPage in site.taxonomyPages {
            let language = taxonomyPage.language, field = taxonomyPage.taxonomy.field, slug = taxonomyPage.term?.slug
            // The list shows how many pages each term has; a term's page, its pages.
            outputs.append(PlannedOutput(path: taxonomyPage.place.outputPath,
                product: .taxonomy(field: field, term: slug, language: language),
                reads: [.config, .templates, .pages(.listedIn("", language: language), .listing),
                        .pages(.sectionsFrom("", language: language), .listing),  // home, in the breadcrumbs
                        .pages(.inTaxonomy(field, term: slug, language: language),
                            slug == nil ? PageFields.terms : PageFields.terms.union(.listing))]))
        }
        outputs.append(PlannedOutput(path: "sitemap.xml", product: .sitemap,
            reads: [.config, .pages(.all, PageFields.linkTarget.union([.lastReviewed, .date]).union(.terms))]))
        outputs.append(PlannedOutput(path: "robots.txt", product: .robots, reads: [.config]))
        if site.config.feedLimit > 0 {
            for section in site.pages where section.kind != .page {
                for format in Feeds.Format.allCases {
                    outputs.append(PlannedOutput(
                        path: Feeds.place(ofSection: section.sectionPath, in: section.language, format,
                            site: site).outputPath,
                        product: .feed(section: section.sectionPath, language: section.language, format),
                        reads: Feeds.reads(ofSection: section.sectionPath, in: section.language)))
                }
            }
        }
        let pathsBySite = Dictionary(site.pages.map { ($0.url, $0.sourcePath) }, uniquingKeysWith: { a, _ in a })
        for alias in site.aliases {
            let target = pathsBySite[alias.target] ?? ""
            var reads: [Dependency] = [.config, .templates, .pages(.page(target), [.exists, .place, .title, .aliases, .language])]
            // A section's slug moves the pages in its folder, and so the target.
            if let page = site.page(at: target) {
                reads.append(.pages(.sectionsFrom(page.sectionPath, language: page.language), [.place]))
            }
            outputs.append(PlannedOutput(path: alias.outputPath, product: .redirect(alias), reads: reads))
        }
        for file in site.staticFiles {
            // A picture's file is its widest variant, without metadata; its other widths and
            // formats go beside it. Both are made from its bytes and the `images:` settings.
            if let picture = site.pictures.picture(at: file.sourcePath), !picture.variants.isEmpty {
                for variant in picture.variants {
                    outputs.append(PlannedOutput(path: variant.outputPath, product: .picture(variant),
                        reads: [.contentFile(file.sourcePath), .config]))
                }
                continue
            }
            outputs.append(PlannedOutput(path: file.sourcePath, product: .contentFile(file),
                reads: [.contentFile(file.sourcePath)]))
        }
        for asset in themeAssets {
            // The stylesheet made from `theme:` in site.yaml reads the configuration too.
            outputs.append(PlannedOutput(path: asset.path, product: .themeAsset(asset),
                reads: asset.origin == .settings ? [.templates, .config] : [.templates]))
        }
        for language in languages {
            outputs.append(PlannedOutput(path: SearchIndexBuilder.folder(in: site.config.urls(for: language)),
                product: .searchIndex(language: language),
                reads: [.config, .pages(.language(language), [.exists, .place, .kind, .title, .description, .tags, .body])]))
        }
    }

    /// What a content page shows: all of itself; the theme and the configuration; every
    /// page's URL and language (its links are resolved, to a translation where there is one;
    /// the menu marks the page's own item; its alternates and language switcher name its
    /// translations); what lists show of the pages its own list, its neighbours, its
    /// breadcrumbs and the menu name, in its language.
    static func reads(of page: Page, taxonomies: [Taxonomy]) -> [Dependency] {
        let language = page.language
        var reads: [Dependency] = [
            .pages(.page(page.sourcePath), .all), .config, .templates, .contentFileList,
            .pages(.all, PageFields.linkTarget), .pages(.listedIn("", language: language), .listing),
            // Which pages are related to it, and what its list shows of them.
            .related(page.sourcePath), .pages(.relatedTo(page.sourcePath), .listing),
        ]
        // Each of its terms is named as the first page with it writes it.
        for taxonomy in taxonomies {
            for slug in Set(page.frontMatter.terms(of: taxonomy.field).map(Site.termSlug)).sorted() {
                reads.append(.pages(.inTaxonomy(taxonomy.field, term: slug, language: language), PageFields.terms))
            }
        }
        switch page.kind {
        case .home:
            break
        case .section:
            reads.append(.pages(.listedIn(page.sectionPath, language: language), .listing))
            reads.append(.pages(.sectionsFrom(PagePath.folder(of: page.sectionPath), language: language), .listing))
        case .page:
            reads.append(.pages(.neighboursOf(page.sourcePath), .listing))
            reads.append(.pages(.sectionsFrom(page.sectionPath, language: language), .listing))
        }
        return reads
    }

    /// The outputs to write again after `change`: those it touches, and those new in this plan
    /// (`old` is the plan before it, nil when the change left the plan as it was).
    func outputs(touchedBy change: SiteChange, since old: OutputPlan?) -> [PlannedOutput] {
        guard let old else { return outputs.filter { $0.isTouched(by: change) } }
        let before = Set(old.outputs.map(\.path))
        return outputs.filter { !before.contains($0.path) || $0.isTouched(by: change) }
    }

    /// Output paths of `old` that this plan no longer has.
    func pathsGone(since old: OutputPlan) -> [String] {
        let now = Set(outputs.map(\.path))
        return old.outputs.map(\.path).filter { !now.contains($0) }
    }

    /// The theme's `assets/` files in name order, from whichever layer has each, for `init`'s
    /// `themeAssets`.
    static func themeAssets(of theme: Theme?) -> [Theme.File] {
        guard let theme else { return [] }
        return theme.paths(under: "assets/").compactMap { theme.files[$0] }
    }

    /// Writes one output that is not a content page or the search index (those are made from
    /// rendered pages, by the build stages that render them). `contentHTML` gives what a build
    /// kept of the pages' content for the feeds; the renderer renders what it lacks.
    static func write(
        _ planned: PlannedOutput, site: Site, renderer: PageRenderer, into output: some OutputSink,
        contentHTML kept: [String: String] = [:]
    ) throws(BuildFailure) {
        switch planned.product {
        case .page, .searchIndex:
            return
        case .special(let special, let language):
            try output.write(renderer.render(special, in: language), to: planned.path)
        case .taxonomy(let field, let term, let language):
            try output.write(renderer.renderTaxonomy(field, term: term, in: language), to: planned.path)
        case .sitemap:
            try output.write(SiteFiles.sitemap(site), to: planned.path)
        case .robots:
            try output.write(SiteFiles.robots(site), to: planned.path)
        case .feed(let section, let language, let format):
            let feed = Feeds.write(format, ofSection: section, in: language, site: site) { page in
                kept[page.sourcePath] ?? renderer.contentHTML(of: page)
            }
            try output.write(feed, to: planned.path)
        case .redirect(let alias):
            try output.write(SiteFiles.redirect(alias, site: site,
                strings: renderer.strings(in: alias.language)), to: planned.path)
        case .contentFile(let file):
            try output.copy(from: file.absolutePath, to: planned.path)
        case .picture(let variant):
            try output.copy(from: variant.cacheFile, to: planned.path)
        case .themeAsset(let file):
            try file.write(to: planned.path, into: output)
        }
    }
}
