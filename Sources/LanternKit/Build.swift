import Foundation

/// Where a build reads from and writes to, and how.
public struct BuildOptions: Sendable {
    public var configPath: String = "site.yaml"
    public var contentPath: String = "Content"
    public var templatesPath: String = "Templates"
    public var outputPath: String = "Public"
    public var baseURL: String?
    public var includeDrafts = false

    public init() {}
}

/// What a finished build wrote.
public struct BuildReport: Sendable {
    public var pagesWritten: Int
    public var filesWritten: Int
    public var seconds: Double
    /// Problems that did not stop the build.
    public var warnings: [Diagnostic]
}

/// The whole build, stage by stage: configuration → content → templates → render every page
/// (in parallel) → site files → swap the new site in place of the old.
public enum Builder {
    public static func build(_ options: BuildOptions) throws(BuildFailure) -> BuildReport {
        let start = DispatchTime.now()
        try StagingFolder.checkPlacement(
            output: options.outputPath,
            sources: [(options.contentPath, options.contentPath), (options.templatesPath, options.templatesPath)],
            outputDisplay: options.outputPath)
        // Problems are collected through every stage that can still run, so that one build
        // reports all of them; nothing is put in place unless there are none.
        var diagnostics = DiagnosticBag()
        let site = try loadSite(options, diagnostics: &diagnostics)
        var templates: TemplateLibrary?
        do {
            templates = try TemplateLibrary.load(from: options.templatesPath, displayRoot: options.templatesPath)
            checkLayouts(site, templates: templates!, templatesDisplay: options.templatesPath,
                diagnostics: &diagnostics)
        } catch {
            diagnostics.append(contentsOf: error.diagnostics)
        }
        let staging = try StagingFolder(for: options.outputPath, outputDisplay: options.outputPath)
        do {
            let written = try writeSite(site, templates: diagnostics.hasErrors ? nil : templates,
                options: options, into: staging, diagnostics: diagnostics)
            try staging.commit(outputDisplay: options.outputPath)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            return BuildReport(pagesWritten: site.pages.count, filesWritten: written, seconds: seconds,
                warnings: [])
        } catch {
            staging.discard()
            throw error
        }
    }

    /// Configuration and content, loaded and placed; no files written.
    public static func loadSite(_ options: BuildOptions) throws(BuildFailure) -> Site {
        var diagnostics = DiagnosticBag()
        let site = try loadSite(options, diagnostics: &diagnostics)
        try diagnostics.throwIfErrors()
        return site
    }

    /// Throws only when the configuration is unusable; content problems go to `diagnostics`
    /// and the pages that loaded are still placed.
    static func loadSite(_ options: BuildOptions, diagnostics: inout DiagnosticBag) throws(BuildFailure) -> Site {
        var config = try SiteConfig.load(from: options.configPath)
        if let baseURL = options.baseURL { config = try config.with(baseURL: baseURL) }
        let loader = ContentLoader(root: options.contentPath, displayRoot: options.contentPath,
            includeDrafts: options.includeDrafts)
        let loaded = loader.load()
        diagnostics.append(contentsOf: loaded.diagnostics)
        let (site, placementProblems) = Site.assemble(
            config: config, pages: loaded.pages, staticFiles: loaded.staticFiles,
            draftPaths: loaded.draftPaths, unloadedPaths: loaded.failedPaths,
            contentDisplayRoot: options.contentPath)
        diagnostics.append(contentsOf: placementProblems)
        return site
    }

    /// Every layout a page asks for must exist in the theme.
    static func checkLayouts(
        _ site: Site, templates: TemplateLibrary, templatesDisplay: String, diagnostics: inout DiagnosticBag
    ) {
        for name in TemplateLibrary.requiredNames where !templates.names.contains(name) {
            diagnostics.error(SourceLocation(file: templatesDisplay + "/" + name + ".mustache"),
                "the theme has no '\(name)' template; every site needs home, section, page and 404")
        }
        for page in site.pages {
            guard let layout = page.frontMatter.layout else { continue }
            if !templates.names.contains(layout) {
                diagnostics.error(page.frontMatter.location(of: "layout") ?? page.location(line: 1),
                    "unknown layout '\(layout)': there is no \(templatesDisplay)/\(layout).mustache")
            }
        }
    }

    static func templateName(for page: Page) -> String {
        if let layout = page.frontMatter.layout { return layout }
        switch page.kind {
        case .home: return "home"
        case .section: return "section"
        case .page: return "page"
        }
    }

    /// What one page's rendering left behind for the site-wide stages.
    struct PageOutcome: Sendable {
        var diagnostics: [Diagnostic]
        var headings: [Heading]
        var parts: [TextPart]
        var links: [LinkReference]
    }

    /// Renders and writes every page, then the site files. Returns the number of files written.
    /// Without templates (earlier errors), pages are still rendered to find their broken links.
    static func writeSite(
        _ site: Site, templates: TemplateLibrary?, options: BuildOptions, into staging: StagingFolder,
        diagnostics earlier: DiagnosticBag
    ) throws(BuildFailure) -> Int {
        let renderer = MarkdownRenderer(allowRawHTML: site.config.unsafeMarkdown)
        let resolver = LinkResolver(pages: site.pages, staticFiles: site.staticFiles, draftPaths: site.draftPaths,
            unloadedPaths: site.unloadedPaths)
        let context = UncheckedSendable(PageContext(site: site))
        let outcomes = site.pages.parallelMap { page -> PageOutcome in
            let rendered = renderer.render(page.body, file: page.displayPath, firstLine: page.bodyFirstLine) {
                resolver.resolve($0, from: page.sourcePath)
            }
            var diagnostics = rendered.diagnostics
            if diagnostics.isEmpty, let templates {
                let html = templates.render(context.value.values(for: page, rendered: rendered),
                    with: templateName(for: page))
                do throws(BuildFailure) {
                    try staging.write(html, to: page.outputPath)
                } catch {
                    diagnostics += error.diagnostics
                }
            }
            return PageOutcome(diagnostics: diagnostics, headings: rendered.headings, parts: rendered.parts,
                links: rendered.links)
        }
        var diagnostics = earlier
        for outcome in outcomes { diagnostics.append(contentsOf: outcome.diagnostics) }
        try diagnostics.throwIfErrors()
        guard let templates else { return 0 }

        var written = site.pages.count
        for special in SpecialPage.allCases where special.isRequired || templates.names.contains(special.template) {
            try staging.write(render(special, site: site, templates: templates, context: context.value),
                to: special.outputPath)
            written += 1
        }
        try staging.write(SiteFiles.sitemap(site), to: "sitemap.xml")
        try staging.write(SiteFiles.robots(site), to: "robots.txt")
        written += 2
        for alias in site.aliases {
            try staging.write(SiteFiles.redirect(alias, site: site), to: alias.outputPath)
            written += 1
        }
        for file in site.staticFiles {
            try staging.copy(from: file.absolutePath, to: file.sourcePath)
            written += 1
        }
        written += try copyAssets(from: options.templatesPath + "/assets", into: staging)
        return written
    }

    /// Pages Lantern makes itself, each from its own template.
    enum SpecialPage: CaseIterable {
        case notFound, search, siteIndex

        var template: String {
            switch self {
            case .notFound: return "404"
            case .search: return "search"
            case .siteIndex: return "site-index"
            }
        }

        var isRequired: Bool { self == .notFound }

        var title: String {
            switch self {
            case .notFound: return "Page not found"
            case .search: return "Search"
            case .siteIndex: return "All pages"
            }
        }

        var url: String {
            switch self {
            case .notFound: return "/404.html"
            case .search: return "/search/"
            case .siteIndex: return "/site-index/"
            }
        }

        var outputPath: String {
            self == .notFound ? "404.html" : String(url.dropFirst()) + "index.html"
        }
    }

    private static func render(
        _ special: SpecialPage, site: Site, templates: TemplateLibrary, context: PageContext
    ) -> String {
        let matter = FrontMatter(
            title: special.title, description: "", date: nil, lastReviewed: nil, reviewedBy: nil,
            tags: [], draft: false, weight: 0, slug: nil, aliases: [], layout: special.template,
            language: nil, params: UncheckedSendable([:]), keyLocations: [:])
        let page = Page(sourcePath: special.outputPath, displayPath: special.outputPath, kind: .page,
            frontMatter: matter, body: "", bodyFirstLine: 1, sectionPath: "", url: special.url,
            outputPath: special.outputPath, isGenerated: true)
        let rendered = RenderedMarkdown(html: "", headings: [], parts: [], links: [], diagnostics: [])
        var values = context.values(for: page, rendered: rendered)
        if special == .notFound { values["breadcrumbs"] = nil }
        if special == .siteIndex { values["allSections"] = context.allSections() }
        return templates.render(values, with: special.template)
    }

    /// Copies the theme's `assets/` folder to `assets/` in the output.
    private static func copyAssets(from directory: String, into staging: StagingFolder) throws(BuildFailure) -> Int {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return 0 }
        var count = 0
        var paths: [String] = []
        for case let path as String in enumerator { paths.append(path) }
        for path in paths.sorted() {
            var isDirectory: ObjCBool = false
            let source = directory + "/" + path
            guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory),
                !isDirectory.boolValue, !(path as NSString).lastPathComponent.hasPrefix(".")
            else { continue }
            try staging.copy(from: source, to: "assets/" + path)
            count += 1
        }
        return count
    }
}
