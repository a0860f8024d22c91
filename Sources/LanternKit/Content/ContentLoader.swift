import Foundation

/// Finds every file under the content folder and loads the Markdown pages.
///
/// Symbolic links are followed only while they stay inside the content folder: a link that
/// leads out could publish any file on the writer's machine.
struct ContentLoader {
    let root: String
    /// How the content folder is written in messages (`Content`).
    let displayRoot: String
    let includeDrafts: Bool
    /// The site's languages, which file names and front matter must name, and their URL spaces.
    let config: SiteConfig

    struct Discovery {
        var markdown: [String] = []
        var other: [String] = []
        var pictureCredits: [String] = []
        /// Every file found, by content path, as the file system describes it (links followed).
        var stamps: [String: FileStamp] = [:]
        var diagnostics = DiagnosticBag()
    }

    struct Loaded {
        var pages: [Page]
        var staticFiles: [StaticFile]
        /// Pictures' credit files (`PictureCredit`), read, never published.
        var pictureCredits: [StaticFile]
        /// Drafts left out, so that links to them can say so.
        var draftPaths: Set<String>
        /// Pages that exist but could not be loaded (their errors are in `diagnostics`).
        var failedPaths: Set<String>
        var diagnostics: [Diagnostic]
        /// The front matter of every page loaded, drafts too, by content path, which the build
        /// keeps for the next one.
        var heads: [String: PageHead] = [:]
        /// `Discovery.stamps`, and when they were taken (`FileStamp.now` before the walk).
        var stamps: [String: FileStamp] = [:]
        var stampTime: Int64 = 0
    }

    func load() -> Loaded {
        let time = FileStamp.now
        var loaded = load(discover())
        loaded.stampTime = time
        return loaded
    }

    /// Loads the pages `discovery` found. A page for which `knownHead` gives its front matter
    /// (kept from the last build, its file unchanged since) is made from that alone, without
    /// reading its file: its body is then empty (`Site.withBodies` reads it when needed).
    func load(_ discovery: Discovery, knownHead: @Sendable (String) -> PageHead? = { _ in nil }) -> Loaded {
        var discovery = discovery
        let root = self.root, config = self.config
        let results = discovery.markdown.parallelMap { path in
            Result { () throws(BuildFailure) -> (Page, PageHead) in
                if let head = knownHead(path) {
                    return (try ContentLoader.page(head: head, path: path, displayPath: display(path), config: config), head)
                }
                return try loadPageAndHead(path, root: root)
            }
        }
        var pages: [Page] = []
        var drafts: Set<String> = []
        var failed: Set<String> = []
        var heads: [String: PageHead] = [:]
        heads.reserveCapacity(discovery.markdown.count)
        for (path, result) in zip(discovery.markdown, results) {
            switch result {
            case .success(let (page, head)):
                heads[path] = head
                if page.frontMatter.draft && !includeDrafts {
                    drafts.insert(page.sourcePath)
                } else {
                    pages.append(page)
                }
            case .failure(let failure):
                failed.insert(path)
                discovery.diagnostics.append(contentsOf: failure.diagnostics)
            }
        }
        let file = { (path: String) in
            StaticFile(sourcePath: path, absolutePath: root + "/" + path, url: PagePath.url(of: path))
        }
        return Loaded(pages: pages, staticFiles: discovery.other.map(file), pictureCredits: discovery.pictureCredits.map(file),
            draftPaths: drafts, failedPaths: failed, diagnostics: discovery.diagnostics.diagnostics, heads: heads,
            stamps: discovery.stamps)
    }

    /// Content paths in the order `discover` finds them: folder by folder, names sorted.
    static func walkOrder(_ paths: [String]) -> [String] {
        paths.map { ($0, $0.split(separator: "/", omittingEmptySubsequences: false).map(String.init)) }
            .sorted { $0.1.lexicographicallyPrecedes($1.1) }
            .map(\.0)
    }

    func display(_ relative: String) -> String {
        relative.isEmpty ? displayRoot : displayRoot + "/" + relative
    }

    func discover() -> Discovery {
        var discovery = Discovery()
        let fm = FileManager.default
        guard let realRoot = realPath(root) else {
            discovery.diagnostics.error(SourceLocation(file: displayRoot),
                "the content folder does not exist")
            return discovery
        }
        var visited: Set<String> = [realRoot]
        func walk(_ relative: String, _ absolute: String) {
            let names: [String]
            do {
                names = try fm.contentsOfDirectory(atPath: absolute).sorted()
            } catch {
                discovery.diagnostics.error(SourceLocation(file: display(relative)),
                    "cannot read this folder (check its permissions)")
                return
            }
            for name in names where !IgnoredFile.isIgnored(name) {
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                let childAbsolute = absolute + "/" + name
                var info = stat()
                let type = lstat(childAbsolute, &info) == 0 ? info.st_mode & S_IFMT : 0
                var isDirectory = false
                if type == S_IFLNK {
                    guard let target = realPath(childAbsolute) else {
                        discovery.diagnostics.error(SourceLocation(file: display(childRelative)),
                            "this symbolic link points to nothing (or loops back on itself); remove it")
                        continue
                    }
                    guard target == realRoot || target.hasPrefix(realRoot + "/") else {
                        discovery.diagnostics.error(SourceLocation(file: display(childRelative)),
                            "this symbolic link points outside the content folder, to \(target); "
                            + "copy the file into the content folder instead")
                        continue
                    }
                    var targetIsDirectory: ObjCBool = false
                    _ = fm.fileExists(atPath: target, isDirectory: &targetIsDirectory)
                    isDirectory = targetIsDirectory.boolValue
                    if isDirectory {
                        guard visited.insert(target).inserted else {
                            discovery.diagnostics.error(SourceLocation(file: display(childRelative)),
                                "this symbolic link leads back into a folder already read (a loop); remove it")
                            continue
                        }
                    }
                } else {
                    isDirectory = type == S_IFDIR
                }
                if isDirectory {
                    walk(childRelative, childAbsolute)
                    continue
                }
                if type == S_IFLNK {
                    discovery.stamps[childRelative] = FileStamp(path: childAbsolute)
                } else {
                    discovery.stamps[childRelative] = FileStamp(info)
                }
                if name.hasSuffix(".md") {
                    discovery.markdown.append(childRelative)
                } else if PictureCredit.picturePath(ofCreditFile: name) != nil {
                    discovery.pictureCredits.append(childRelative)
                } else {
                    discovery.other.append(childRelative)
                }
            }
        }
        walk("", root)
        return discovery
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Reads and parses one page (also used by `lantern serve` to reload a page that changed).
    func loadPage(_ path: String, root: String) throws(BuildFailure) -> Page {
        try loadPageAndHead(path, root: root).0
    }

    /// `loadPage`, and the page's front matter as `Loaded.heads` keeps it.
    private func loadPageAndHead(_ path: String, root: String) throws(BuildFailure) -> (Page, PageHead) {
        let text = try readText(path, root: root)
        return try ContentLoader.page(fromText: text, path: path, displayPath: display(path), config: config)
    }

    /// A page file's text, decoded.
    func readText(_ path: String, root: String) throws(BuildFailure) -> String {
        let displayPath = display(path)
        guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
            throw BuildFailure(.error(SourceLocation(file: displayPath),
                "cannot read this file (check its permissions)"))
        }
        return try SourceText.decode(data, file: displayPath)
    }

    /// A page from its file's bytes: decoded, front matter parsed and checked, its language
    /// found, placed at its URL (as if no section had a slug: `Site.assemble` places it in its
    /// sections' folders).
    static func page(from data: Data, path: String, displayPath: String, config: SiteConfig)
        throws(BuildFailure) -> Page
    {
        let text = try SourceText.decode(data, file: displayPath)
        return try page(fromText: text, path: path, displayPath: displayPath, config: config).0
    }

    /// `page(from:…)` from the decoded text, and the text's front matter, from which
    /// `page(head:…)` makes the same page with an empty body.
    static func page(fromText text: String, path: String, displayPath: String, config: SiteConfig)
        throws(BuildFailure) -> (Page, PageHead)
    {
        let split = try FrontMatterParser.split(text, file: displayPath)
        let matter = try FrontMatterParser.parse(split, file: displayPath)
        let page = try page(matter, body: String(split.body), bodyFirstLine: split.bodyFirstLine, path: path,
            displayPath: displayPath, config: config)
        return (page, PageHead(text: String(text[..<split.body.startIndex]), matter: matter,
            bodyFirstLine: split.bodyFirstLine))
    }

    /// The page `head` was read from, with an empty body.
    static func page(head: PageHead, path: String, displayPath: String, config: SiteConfig)
        throws(BuildFailure) -> Page
    {
        try page(head.matter.located(in: displayPath), body: "", bodyFirstLine: head.bodyFirstLine, path: path,
            displayPath: displayPath, config: config)
    }

    private static func page(_ matter: FrontMatter, body: String, bodyFirstLine: Int, path: String,
                             displayPath: String, config: SiteConfig) throws(BuildFailure) -> Page
    {
        if let slug = matter.slug, let problem = PagePath.problem(withSlug: slug) {
            throw BuildFailure(.error(matter.location(of: "slug") ?? SourceLocation(file: displayPath),
                "cannot use slug '\(slug)': \(problem)"))
        }
        let (pathInLanguage, language) = try ContentLoader.language(of: path, matter: matter,
            displayPath: displayPath, config: config)
        let isIndex = pathInLanguage == "_index.md" || pathInLanguage.hasSuffix("/_index.md")
        let kind: Page.Kind = pathInLanguage == "_index.md" ? .home : isIndex ? .section : .page
        let placement = config.urls(for: language).page(sourcePath: pathInLanguage,
            slug: kind == .home ? nil : matter.slug)
        let folder = kind == .page ? PagePath.section(ofPage: path) : PagePath.folder(of: path)
        return Page(
            sourcePath: path, displayPath: displayPath, kind: kind, frontMatter: matter,
            body: body, bodyFirstLine: bodyFirstLine,
            sectionPath: folder, url: placement.url, outputPath: placement.outputPath,
            language: language, pathInLanguage: pathInLanguage)
    }

    /// The page's path without its language, and its language: the file name's (`cbt.es.md`),
    /// else front matter's `language:`, else the site's default; each must be one of the site's.
    private static func language(of path: String, matter: FrontMatter, displayPath: String, config: SiteConfig)
        throws(BuildFailure) -> (String, String)
    {
        let (pathInLanguage, named) = PagePath.splitLanguage(ofMarkdown: path)
        let known = config.languages.map(\.code).joined(separator: ", ")
        if let named, config.language(named) == nil {
            throw BuildFailure(.error(SourceLocation(file: displayPath, line: 1, column: 1),
                "the file name gives the language '\(named)', which is not one of the site's languages "
                    + "(\(known)); add it to 'languages' in the site configuration, or rename the file"))
        }
        if let declared = matter.language {
            let at = matter.location(of: "language") ?? SourceLocation(file: displayPath, line: 1)
            if config.language(declared) == nil {
                throw BuildFailure(.error(at, "unknown language '\(declared)': the site's languages are "
                    + "\(known) ('languages' in the site configuration)"))
            }
            if let named, named != declared {
                throw BuildFailure(.error(at, "'language: \(declared)' contradicts the file name, which says "
                    + "'\(named)'; remove one of them"))
            }
            return (pathInLanguage, declared)
        }
        return (pathInLanguage, named ?? config.defaultLanguage)
    }
}
