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

    public struct Alias: Sendable, Equatable {
        /// `/old/path/`
        public var url: String
        public var outputPath: String
        public var target: String
        public var targetTitle: String
    }

    private var childrenBySection: [String: [Int]]
    private var indexByPath: [String: Int]
    /// Previous and next regular page of each regular page, by index into `pages`.
    private var neighbourIndices: [Int: (previous: Int?, next: Int?)] = [:]

    /// Places loaded pages: adds a generated page for every folder without `_index.md` (and a
    /// home page if there is none), and reports two things claiming one URL.
    static func assemble(
        config: SiteConfig, pages loadedPages: [Page], staticFiles: [StaticFile],
        draftPaths: Set<String>, unloadedPaths: Set<String> = [], contentDisplayRoot: String
    ) -> (Site, [Diagnostic]) {
        var diagnostics = DiagnosticBag()
        var pages = loadedPages
        var sectionPaths = Set(pages.filter { $0.kind != .page }.map(\.sectionPath))
        var needed = Set<String>([""])
        for page in pages {
            var folder = page.kind == .page ? page.sectionPath : PagePath.folder(of: page.sectionPath)
            if page.kind == .home { continue }
            while true {
                needed.insert(folder)
                if folder.isEmpty { break }
                folder = PagePath.folder(of: folder)
            }
        }
        for folder in needed.sorted() where !sectionPaths.contains(folder) {
            pages.append(generatedSection(folder, config: config, displayRoot: contentDisplayRoot))
            sectionPaths.insert(folder)
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
                    targetTitle: page.title))
            }
        }
        var site = Site(config: config, pages: pages, staticFiles: staticFiles,
            aliases: aliases.sorted { $0.url < $1.url }, draftPaths: draftPaths,
            unloadedPaths: unloadedPaths, childrenBySection: [:], indexByPath: [:])
        site.index()
        return (site, diagnostics.diagnostics)
    }

    private mutating func index() {
        indexByPath = [:]
        childrenBySection = [:]
        for (i, page) in pages.enumerated() {
            indexByPath[page.sourcePath] = i
            switch page.kind {
            case .home: break
            case .page: childrenBySection[page.sectionPath, default: []].append(i)
            case .section: childrenBySection[PagePath.folder(of: page.sectionPath), default: []].append(i)
            }
        }
        neighbourIndices = [:]
        let order = pages.map(ListOrder.init)
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
    }

    /// Where a page comes in its section's list: weight first (pages without one after those
    /// with one), then title, then URL.
    private struct ListOrder: Comparable {
        var weight: Int
        var title: String
        var url: String

        init(_ page: Page) {
            weight = page.frontMatter.weight == 0 ? Int.max : page.frontMatter.weight
            title = page.title.lowercased()
            url = page.url
        }

        static func < (a: ListOrder, b: ListOrder) -> Bool {
            (a.weight, a.title, a.url) < (b.weight, b.title, b.url)
        }
    }

    /// The pages and subsections listed by a section (`""` is the home page's list).
    public func children(ofSection path: String) -> [Page] {
        (childrenBySection[path] ?? []).map { pages[$0] }
    }

    /// The section page of a folder (`""` → home).
    public func sectionPage(_ path: String) -> Page? {
        let key = path.isEmpty ? "_index.md" : path + "/_index.md"
        return indexByPath[key].map { pages[$0] }
    }

    public var home: Page? { sectionPage("") }

    /// The page made from a content file (`therapies/cbt.md`), or generated for a folder
    /// (`therapies/_index.md`).
    public func page(at sourcePath: String) -> Page? {
        indexByPath[sourcePath].map { pages[$0] }
    }

    /// Puts `page` in place of the page from the same content file; for an edit that leaves the
    /// site's structure (`PageFields.structure`) as it was, so every index stays true.
    mutating func replacePage(_ page: Page) {
        if let index = indexByPath[page.sourcePath] { pages[index] = page }
    }

    /// Home, then each enclosing section, then the page itself.
    public func breadcrumbs(for page: Page) -> [Page] {
        var trail: [Page] = [page]
        var folder = page.kind == .page ? page.sectionPath : PagePath.folder(of: page.sectionPath)
        while page.kind != .home {
            if let section = sectionPage(folder) { trail.insert(section, at: 0) }
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

    /// The menu from `site.yaml`, or else the top-level sections in order.
    public var menu: [SiteConfig.MenuItem] {
        if !config.menu.isEmpty { return config.menu }
        return children(ofSection: "").filter { $0.kind == .section }
            .map { SiteConfig.MenuItem(title: $0.title, url: $0.url) }
    }

    private static func generatedSection(_ folder: String, config: SiteConfig, displayRoot: String) -> Page {
        let name = folder.split(separator: "/").last.map(String.init) ?? ""
        let title = folder.isEmpty ? config.title : humanized(name)
        let source = folder.isEmpty ? "_index.md" : folder + "/_index.md"
        let placement = config.urls.page(sourcePath: source, slug: nil)
        let matter = FrontMatter(
            title: title, description: "", date: nil, lastReviewed: nil, reviewedBy: nil, tags: [],
            draft: false, weight: 0, slug: nil, aliases: [], layout: nil, language: nil,
            params: [:], valueLocations: [:])
        return Page(
            sourcePath: source, displayPath: displayRoot + "/" + folder, kind: folder.isEmpty ? .home : .section,
            frontMatter: matter, body: "", bodyFirstLine: 1, sectionPath: folder, url: placement.url,
            outputPath: placement.outputPath, isGenerated: true)
    }

    /// `family-support` → `Family support`
    static func humanized(_ name: String) -> String {
        let spaced = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}
