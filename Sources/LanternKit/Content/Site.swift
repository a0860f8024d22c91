import Foundation

/// Every page of the site in place: sections filled in, URLs checked to be unique.
public struct Site: Sendable {
    public var config: SiteConfig
    /// Sorted by URL.
    public var pages: [Page]
    public var staticFiles: [StaticFile]
    /// Redirect pages: old URL → the page now there.
    public var aliases: [Alias]
    /// Pages left out because they are drafts (links to them get a clear message).
    public var draftPaths: Set<String>
    /// Pages that failed to load; links to them are not reported a second time.
    public var unloadedPaths: Set<String>
    /// The content folder's pictures, read and made into variants (`Builder.prepare`).
    var pictures = ImageCatalogue.empty
    /// The pictures' credit files (`marigold.jpg.yaml`), which `Builder.prepare` reads into
    /// `pictures`; they are not content files: never published, nothing links to them.
    var pictureCredits: [StaticFile] = []

    public struct Alias: Sendable, Equatable {
        /// `/old/path/`
        public var url: String
        public var outputPath: String
        public var target: String
        public var targetTitle: String
        /// The target's language, which the redirect page speaks.
        public var language: String
    }

    /// A folder of one language's tree: what sections, lists and breadcrumbs are made of.
    struct Folder: Hashable, Sendable {
        var language: String
        var path: String
    }

    private var childrenBySection: [Folder: [Int]]
    private var sectionByFolder: [Folder: Int] = [:]
    private(set) var indexByPath: [String: Int]
    /// Pages by translation key (`Page.translationKey`), in the order of the site's languages.
    private var translationsByKey: [String: [Int]] = [:]
    /// Previous and next regular page of each regular page, by index into `pages`.
    private var neighbourIndices: [Int: (previous: Int?, next: Int?)] = [:]
    /// The slug each folder has in each language (`es` → `therapies` → `terapias`), from its
    /// section page: the URLs of the pages in it follow.
    private var folderSlugs: [String: [String: String]] = [:]
    /// Each taxonomy's terms in each language (`TaxonomyTerms.swift`), and where each slug is.
    private(set) var taxonomyTerms: [TaxonomyKey: [TaxonomyTerm]] = [:]
    private var termPositions: [TaxonomyKey: [String: Int]] = [:]
    private(set) var termsOfPage: [Int: [PageTerms]] = [:]
    /// The related pages each content page ends with (`RelatedPages.swift`).
    private(set) var related = RelatedPages.none
    /// Each page's place in title order (`sortKey`, then URL), by index into `pages`: section
    /// lists, term lists and related pages' ties all go by it. Made by `index()`; a title that
    /// changes places the site anew (`PageFields.structure`).
    private(set) var titleRank: [Int] = []

    /// The term of this slug in a taxonomy and language, if a page has it.
    func term(_ slug: String, of field: String, in language: String) -> TaxonomyTerm? {
        let key = TaxonomyKey(field: field, language: language)
        return termPositions[key]?[slug].map { taxonomyTerms[key]![$0] }
    }

    /// Places loaded pages: adds a generated page for every folder of a language without
    /// `_index.md` (and a home page if there is none), puts every page in its sections'
    /// folders (a section's slug renames its folder), and reports two things claiming one
    /// URL and translation keys that pair nothing or pair two pages of one language.
    static func assemble(
        config: SiteConfig, pages loadedPages: [Page], staticFiles: [StaticFile],
        draftPaths: Set<String>, unloadedPaths: Set<String> = [], contentDisplayRoot: String,
        placedBefore: Bool = false, keptRelated: [String: [String]]? = nil
    ) -> (Site, [Diagnostic]) {
        var diagnostics = DiagnosticBag()
        var pages = loadedPages
        var sections = Set(pages.filter { $0.kind != .page }.map { Folder(language: $0.language, path: $0.sectionPath) })
        var needed = Set(config.languages.map { Folder(language: $0.code, path: "") })
        for page in pages {
            var folder = page.kind == .page ? page.sectionPath : PagePath.folder(of: page.sectionPath)
            if page.kind == .home { continue }
            while true {
                needed.insert(Folder(language: page.language, path: folder))
                if folder.isEmpty { break }
                folder = PagePath.folder(of: folder)
            }
        }
        for folder in needed.sorted(by: { ($0.language, $0.path) < ($1.language, $1.path) })
            where !sections.contains(folder)
        {
            pages.append(generatedSection(folder, config: config, displayRoot: contentDisplayRoot))
            sections.insert(folder)
        }
        var folderSlugs: [String: [String: String]] = [:]
        for page in pages where page.kind == .section {
            if let slug = page.frontMatter.slug { folderSlugs[page.language, default: [:]][page.sectionPath] = slug }
        }
        // Pages placed before (`lantern serve` places the site again) keep the URLs of the
        // slugs they had: a slug just removed must take them back.
        if !folderSlugs.isEmpty || placedBefore {
            for i in pages.indices { place(&pages[i], config: config, folderSlugs: folderSlugs) }
        }
        // Sorted by index: moving the pages themselves, large values, cost more than comparing.
        pages = pages.indices.sorted { (pages[$0].url, pages[$0].sourcePath) < (pages[$1].url, pages[$1].sourcePath) }
            .map { pages[$0] }

        var claims: [String: String] = [:]  // output path → who claims it
        func claim(_ output: String, by who: String, at location: SourceLocation, what: String,
                   advice: String = "rename a file or change its 'slug'") {
            if let earlier = claims[output] {
                let bothPages = [who, earlier].allSatisfy { $0.hasSuffix(".md") && !$0.hasPrefix("an alias") }
                if bothPages, let bundle = [who, earlier].first(where: PagePath.isBundle) {
                    let single = PagePath.folder(of: bundle) + ".md"
                    diagnostics.error(location, "\(earlier) and \(who) are the same page, written both as "
                        + "\((single as NSString).lastPathComponent) and as a bundle folder with index.md; "
                        + "keep one of them (a bundle holds the page's pictures beside it)")
                    return
                }
                diagnostics.error(location, "\(what) '/\(output)' is already taken by \(earlier); \(advice)")
            } else {
                claims[output] = who
            }
        }
        for page in pages {
            claim(page.outputPath, by: page.displayPath, at: page.location(line: 1), what: "the URL of this page,")
        }
        for file in staticFiles {
            claim(file.sourcePath, by: contentDisplayRoot + "/" + file.sourcePath,
                at: SourceLocation(file: contentDisplayRoot + "/" + file.sourcePath), what: "the file")
        }
        var aliases: [Alias] = []
        for page in pages {
            for alias in page.frontMatter.aliases {
                let location = page.frontMatter.location(of: "aliases") ?? page.location(line: 1)
                guard let placed = URLSpace.alias(alias) else {
                    diagnostics.error(location, "alias '\(alias)' must be a path on this site like "
                        + "'/old-page/', without '..'")
                    continue
                }
                claim(placed.outputPath, by: "an alias of \(page.displayPath)", at: location,
                    what: "alias '\(alias)':", advice: "remove this alias")
                aliases.append(Alias(url: placed.url, outputPath: placed.outputPath, target: page.url,
                    targetTitle: page.title, language: page.language))
            }
        }
        var site = Site(config: config, pages: pages, staticFiles: staticFiles,
            aliases: aliases.sorted { $0.url < $1.url }, draftPaths: draftPaths,
            unloadedPaths: unloadedPaths, childrenBySection: [:], indexByPath: [:])
        site.folderSlugs = folderSlugs
        site.index(keptRelated: keptRelated)
        let advice = "give the taxonomy another folder in site.yaml ('taxonomies:') or rename the content folder"
        for taxonomyPage in site.taxonomyPages {
            let field = taxonomyPage.taxonomy.field
            if let term = taxonomyPage.term {
                let page = site.pages[term.pages[0]]
                claim(taxonomyPage.place.outputPath, by: "the page of \(field) '\(term.name)'",
                    at: page.frontMatter.location(of: field) ?? page.location(line: 1),
                    what: "\(field) '\(term.name)':", advice: advice)
            } else {
                claim(taxonomyPage.place.outputPath, by: "the list of '\(field)'", at: SourceLocation(file: "site.yaml"),
                    what: "the taxonomy '\(field)':", advice: advice)
            }
        }
        site.checkTranslationKeys(&diagnostics)
        return (site, diagnostics.diagnostics)
    }

    /// Puts a page at its URL in its language, in its sections' folders.
    private static func place(_ page: inout Page, config: SiteConfig, folderSlugs: [String: [String: String]]) {
        let place = config.urls(for: page.language).page(sourcePath: page.pathInLanguage,
            slug: page.kind == .home ? nil : page.frontMatter.slug, folders: folderSlugs[page.language] ?? [:])
        page.url = place.url
        page.outputPath = place.outputPath
    }

    /// A page loaded on its own (`ContentLoader`), at its URL in this site's folders.
    func placed(_ page: Page) -> Page {
        var page = page
        if !folderSlugs.isEmpty { Site.place(&page, config: config, folderSlugs: folderSlugs) }
        return page
    }

    /// A `translation_key:` must pair the page with a page of another language (else it is a
    /// typo), and no two pages of one language may share one.
    private func checkTranslationKeys(_ diagnostics: inout DiagnosticBag) {
        for page in pages where !page.isGenerated {
            let family = translationsByKey[page.translationKey] ?? []
            let location = page.frontMatter.location(of: "translation_key") ?? page.location(line: 1)
            if let twin = family.map({ pages[$0] }).first(where: {
                $0.language == page.language && $0.sourcePath < page.sourcePath && !$0.isGenerated
            }) {
                diagnostics.error(location, "this page and \(twin.displayPath) are both the '\(page.language)' "
                    + "translation of '\(page.translationKey)'; give one of them another 'translation_key'")
            }
            if let key = page.frontMatter.translationKey,
                !family.contains(where: { pages[$0].language != page.language && !pages[$0].isGenerated })
            {
                diagnostics.error(location, "translation_key '\(key)' pairs this page with no page of another "
                    + "language; write the key its translation has (or that page's file, like 'therapies/cbt.md')")
            }
        }
    }

    /// Groups the pages again by taxonomy term and picks their related pages: after pages
    /// were replaced in place (`replacePage`) with new descriptions, terms or pins. With
    /// `keptRelated` (an earlier build's picks, when no page's front matter changed since), the
    /// related pages are those instead of being picked again.
    mutating func regroup(keptRelated: [String: [String]]? = nil) {
        (taxonomyTerms, termsOfPage) = Site.taxonomyTerms(of: pages, config: config, titleRank: titleRank)
        termPositions = taxonomyTerms.mapValues { terms in
            Dictionary(terms.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { a, _ in a })
        }
        related = keptRelated.flatMap { RelatedPages(kept: $0, in: self) } ?? RelatedPages(site: self)
    }

    /// The related pages a page ends with, pinned first.
    func relatedPages(of page: Page) -> [Page] { related.indices(of: page.sourcePath).map { pages[$0] } }

    /// Their content paths, for telling whether a change picked others.
    func relatedPaths(of path: String) -> [String] { related.indices(of: path).map { pages[$0].sourcePath } }

    private mutating func index(keptRelated: [String: [String]]?) {
        indexByPath = [:]
        childrenBySection = [:]
        sectionByFolder = [:]
        translationsByKey = [:]
        for (i, page) in pages.enumerated() {
            indexByPath[page.sourcePath] = i
            translationsByKey[page.translationKey, default: []].append(i)
            switch page.kind {
            case .home:
                sectionByFolder[Folder(language: page.language, path: "")] = i
            case .page:
                childrenBySection[Folder(language: page.language, path: page.sectionPath), default: []].append(i)
            case .section:
                sectionByFolder[Folder(language: page.language, path: page.sectionPath)] = i
                childrenBySection[Folder(language: page.language, path: PagePath.folder(of: page.sectionPath)),
                    default: []].append(i)
            }
        }
        let languageOrder = Dictionary(config.languages.enumerated().map { ($1.code, $0) }) { a, _ in a }
        for (key, indices) in translationsByKey where indices.count > 1 {
            translationsByKey[key] = indices.sorted {
                (languageOrder[pages[$0].language] ?? .max, pages[$0].sourcePath)
                    < (languageOrder[pages[$1].language] ?? .max, pages[$1].sourcePath)
            }
        }
        neighbourIndices = [:]
        titleRank = Site.titleRanks(of: pages)
        let order = pages.indices.map { ListOrder(pages[$0], titleRank: titleRank[$0]) }
        for (key, indices) in childrenBySection {
            let sorted = indices.sorted { order[$0] < order[$1] }
            childrenBySection[key] = sorted
            let regular = sorted.filter { pages[$0].kind == .page }
            for (position, index) in regular.enumerated() {
                neighbourIndices[index] = (
                    position > 0 ? regular[position - 1] : nil,
                    position + 1 < regular.count ? regular[position + 1] : nil)
            }
        }
        regroup(keptRelated: keptRelated)
    }

    /// Where a page comes in its section's list: weight first (pages without one after those
    /// with one), then title, then URL.
    private struct ListOrder: Comparable {
        var weight: Int
        var titleRank: Int

        init(_ page: Page, titleRank: Int) {
            weight = page.frontMatter.weight == 0 ? Int.max : page.frontMatter.weight
            self.titleRank = titleRank
        }

        static func < (a: ListOrder, b: ListOrder) -> Bool {
            (a.weight, a.titleRank) < (b.weight, b.titleRank)
        }
    }

    /// `titleRank`: sort keys made on every core (a page's key is made once, not in every
    /// comparison), then one sort by them.
    private static func titleRanks(of pages: [Page]) -> [Int] {
        let keys = Array(stride(from: 0, to: pages.count, by: 512).map { $0..<min($0 + 512, pages.count) }
            .parallelMap { chunk in chunk.map { sortKey(pages[$0].title) } }.joined())
        let order = pages.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] < keys[b] : pages[a].url < pages[b].url }
        var rank = [Int](repeating: 0, count: pages.count)
        for (position, i) in order.enumerated() { rank[i] = position }
        return rank
    }

    /// The pages and subsections listed by a section (`""` is the home page's list), in a language
    /// (the site's default when not given).
    public func children(ofSection path: String, in language: String? = nil) -> [Page] {
        (childrenBySection[Folder(language: language ?? config.defaultLanguage, path: path)] ?? []).map { pages[$0] }
    }

    /// The section page of a folder (`""` → home) in a language (the site's default when not given).
    public func sectionPage(_ path: String, in language: String? = nil) -> Page? {
        sectionByFolder[Folder(language: language ?? config.defaultLanguage, path: path)].map { pages[$0] }
    }

    /// The home page of the site's default language.
    public var home: Page? { sectionPage("") }

    /// The page made from a content file (`therapies/cbt.md`), or generated for a folder
    /// (`therapies/_index.md`, `therapies/_index.es.md`).
    public func page(at sourcePath: String) -> Page? {
        indexByPath[sourcePath].map { pages[$0] }
    }

    /// The page and its translations, in the order of the site's languages.
    public func translations(of page: Page) -> [Page] {
        (translationsByKey[page.translationKey] ?? []).map { pages[$0] }
    }

    /// The translation of a page into a language, if there is one.
    public func translation(of page: Page, in language: String) -> Page? {
        if page.language == language { return page }
        return translationsByKey[page.translationKey]?.lazy.map { pages[$0] }.first { $0.language == language }
    }

    /// Gives the page from `path` its Markdown, when it was made from its front matter alone
    /// (`ContentLoader.load(_:knownHead:)`) and is to be rendered.
    mutating func setBody(_ body: String, firstLine: Int, of path: String) {
        guard let index = indexByPath[path] else { return }
        pages[index].body = body
        pages[index].bodyFirstLine = firstLine
    }

    /// Puts `page` in place of the page from the same content file; for an edit that leaves the
    /// site's structure (`PageFields.structure`) as it was, so every index stays true.
    mutating func replacePage(_ page: Page) {
        if let index = indexByPath[page.sourcePath] { pages[index] = placed(page) }
    }

    /// Home, then each enclosing section, then the page itself, in the page's language.
    public func breadcrumbs(for page: Page) -> [Page] {
        var trail: [Page] = [page]
        var folder = page.kind == .page ? page.sectionPath : PagePath.folder(of: page.sectionPath)
        while page.kind != .home {
            if let section = sectionPage(folder, in: page.language) { trail.insert(section, at: 0) }
            if folder.isEmpty { break }
            folder = PagePath.folder(of: folder)
        }
        return trail
    }

    /// The pages next to a regular page in its section's order.
    public func neighbours(of page: Page) -> (previous: Page?, next: Page?) {
        guard page.kind == .page, let index = indexByPath[page.sourcePath],
            let (previous, next) = neighbourIndices[index]
        else { return (nil, nil) }
        return (previous.map { pages[$0] }, next.map { pages[$0] })
    }

    /// The menu from `site.yaml` of a language (the default when not given), or else its
    /// top-level sections in order.
    public func menu(in language: String? = nil) -> [SiteConfig.MenuItem] {
        let code = language ?? config.defaultLanguage
        let configured = config.language(code)?.menu ?? config.menu
        if !configured.isEmpty { return configured }
        return children(ofSection: "", in: code).filter { $0.kind == .section }
            .map { SiteConfig.MenuItem(title: $0.title, url: $0.url) }
    }

    private static func generatedSection(_ folder: Folder, config: SiteConfig, displayRoot: String) -> Page {
        let name = folder.path.split(separator: "/").last.map(String.init) ?? ""
        let title = folder.path.isEmpty ? config.localized(to: folder.language).title : humanized(name)
        let pathInLanguage = folder.path.isEmpty ? "_index.md" : folder.path + "/_index.md"
        let source = PagePath.path(pathInLanguage, inLanguage: folder.language,
            isDefault: folder.language == config.defaultLanguage)
        let placement = config.urls(for: folder.language).page(sourcePath: pathInLanguage, slug: nil)
        let matter = FrontMatter(
            title: title, description: "", date: nil, lastReviewed: nil, reviewedBy: nil, tags: [],
            draft: false, weight: 0, slug: nil, aliases: [], layout: nil, language: nil,
            params: [:], valueLocations: [:])
        return Page(
            sourcePath: source, displayPath: displayRoot + "/" + folder.path,
            kind: folder.path.isEmpty ? .home : .section,
            frontMatter: matter, body: "", bodyFirstLine: 1, sectionPath: folder.path, url: placement.url,
            outputPath: placement.outputPath, isGenerated: true, language: folder.language,
            pathInLanguage: pathInLanguage)
    }

    /// `family-support` → `Family support`
    static func humanized(_ name: String) -> String {
        let spaced = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}
