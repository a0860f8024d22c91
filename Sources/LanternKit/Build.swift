import Foundation

/// Where a build reads from and writes to, and how.
public struct BuildOptions: Sendable {
    public var configPath: String = "site.yaml"
    public var contentPath: String = "Content"
    public var templatesPath: String = "Templates"
    public var outputPath: String = "Public"
    public var baseURL: String?
    /// Pages at `.html` URLs whatever `ugly_urls` in the configuration says.
    public var uglyURLs = false
    public var includeDrafts = false
    /// Where pictures' variants and the last build's state (`IncrementalBuild`) are kept between
    /// builds; nil for `.lantern-cache` beside the
    /// configuration file.
    public var cachePath: String?
    /// Called when another build of the same output is running, before this one waits for it
    /// to finish (with that build's process id, when known).
    public var whenWaitingForOtherBuild: (@Sendable (_ holder: Int32?) -> Void)?
    /// Whether the build may start from what the last build of the same output kept in the
    /// cache folder, writing again only what changed (`IncrementalBuild`). Every build keeps
    /// that for the next one either way.
    public var reusesLastBuild = true

    public init() {}

    /// The cache folder this build uses.
    var cacheFolder: String {
        if let cachePath { return cachePath }
        let folder = (configPath as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "" : folder + "/") + ".lantern-cache"
    }
}

/// What a finished build wrote.
public struct BuildReport: Sendable {
    public var pagesWritten: Int
    public var filesWritten: Int
    public var seconds: Double
    /// Pictures' variants made by this build (the rest came from the cache).
    public var pictureVariantsMade = 0
    /// Files of the last build's output kept as they were, not written again (an incremental
    /// build); 0 after a full build.
    public var filesKept = 0
    /// Whether the build started from the last build's state (`BuildOptions.reusesLastBuild`).
    public var isIncremental = false
    /// Why a build that could have started from the last build's state built everything.
    public var fullBuildReason: String?
    /// Seconds spent in each stage, in order (`lantern build --timings`), and the processor
    /// seconds of all threads in it (twice `seconds` when two cores were busy throughout).
    public var stages: [(name: String, seconds: Double, cpuSeconds: Double)] = []
}

/// Times the stages of one build.
struct StageClock {
    private var last = DispatchTime.now()
    private var lastCPU = StageClock.cpuSeconds()
    private(set) var stages: [(name: String, seconds: Double, cpuSeconds: Double)] = []

    mutating func lap(_ name: String) {
        let now = DispatchTime.now(), cpu = StageClock.cpuSeconds()
        stages.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9, cpu - lastCPU))
        last = now
        lastCPU = cpu
    }

    /// User and system time of the whole process so far.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
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
        // First, so that a second build of the same output waits here for the whole of this one.
        let staging = try StagingFolder(for: options.outputPath, outputDisplay: options.outputPath) { holder in
            options.whenWaitingForOtherBuild?(holder)
        }
        do {
            var clock = StageClock()
            var fullBuildReason: String?
            let stateFolder = IncrementalBuild.stateFolder(options)
            if options.reusesLastBuild {
                switch try IncrementalBuild.run(options, into: staging, clock: &clock) {
                case .built(var report, let kept):
                    BuildState.forget(in: stateFolder)
                    try staging.commit()
                    clock.lap("swap the output in")
                    kept.save(output: StagingFolder.absolute(options.outputPath), to: stateFolder)
                    BackgroundRelease.drop(kept)
                    clock.lap("keep the state for the next build")
                    report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
                    report.stages = clock.stages
                    return report
                case .needsFullBuild(let wroteSome, let reason):
                    if wroteSome { try staging.clear() }
                    fullBuildReason = reason
                    clock = StageClock()
                }
            }
            var loaded: ContentLoader.Loaded?
            let (site, templates, diagnostics) = try prepare(options, clock: &clock, loaded: &loaded)
            clock.lap("load the theme")
            let analysis = Dictionary(uniqueKeysWithValues: site.config.languages.map { ($0.code, AnalysisChunks()) })
            let rendered = try writeSite(site, templates: templates,
                options: options, into: staging, diagnostics: diagnostics, clock: &clock, analysis: analysis)
            BuildState.forget(in: stateFolder)
            try staging.commit()
            clock.lap("swap the output in")
            if let loaded, let templates {
                IncrementalBuild.keep(loaded, site: site, templates: templates, rendered: rendered, analysis: analysis,
                    options: options, in: stateFolder)
                clock.lap("keep the state for the next build")
            }
            // What the report needs is taken first, so that the release is the values' last use.
            let counts = (pages: site.pages.count, files: rendered.filesWritten, variants: site.pictures.variantsMade)
            BackgroundRelease.drop((site, rendered, loaded, analysis))
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            return BuildReport(pagesWritten: counts.pages, filesWritten: counts.files, seconds: seconds,
                pictureVariantsMade: counts.variants, fullBuildReason: fullBuildReason, stages: clock.stages)
        } catch {
            staging.discard()
            throw error
        }
    }

    /// Stops every build this process is running, at once (for Ctrl-C): each deletes its staging
    /// folder and lets go of its output's lock, leaving its output as it was (or already
    /// replaced, when the swap was done). Those builds write nothing more and fail; the caller
    /// is expected to exit.
    public static func abandonRunningBuilds() {
        StagingFolder.abandonAll()
    }

    /// What `render(_:into:)` produced: the placed site and what rendered its pages.
    public struct RenderedSite: Sendable {
        /// Holds the site and what rendering it needs (link targets, theme, menu variants), so
        /// that pages can be rendered again.
        public var renderer: PageRenderer
        public var site: Site { renderer.site }
        public var filesWritten: Int
        /// What the search index was built from, by page (content path), so that one page's
        /// entry can be replaced.
        public var searchDocuments: [String: SearchDocument]
        /// The search index's files, which an index built again replaces whole.
        public var searchPaths: Set<String>
        /// Every output and what it reads, which a partial rebuild compares with a change.
        var plan: OutputPlan
        /// The content HTML of pages the feeds show, by content path, as rendered, so that a
        /// partial rebuild writes the feeds again without rendering their other pages again.
        var feedContent: [String: String] = [:]
    }

    /// Every stage of `build` except the output folder: renders the whole site into `output`
    /// (memory, for `lantern serve`). Throws every problem of the build.
    public static func render(_ options: BuildOptions, into output: some OutputSink) throws(BuildFailure)
        -> RenderedSite
    {
        let (site, templates, diagnostics) = try prepare(options)
        var clock = StageClock()
        let rendered = try writeSite(site, templates: templates, options: options, into: output,
            diagnostics: diagnostics, clock: &clock)
        // writeSite throws when there are errors, and there are errors whenever templates is nil.
        guard templates != nil else { throw BuildFailure(diagnostics.diagnostics) }
        return RenderedSite(renderer: rendered.renderer, filesWritten: rendered.filesWritten,
            searchDocuments: Dictionary(rendered.searchDocuments) { first, _ in first }, searchPaths: Set(rendered.searchPaths),
            plan: rendered.plan, feedContent: rendered.feedContent)
    }

    /// Configuration, content and theme loaded and checked. Problems are collected through every
    /// stage that can still run, so that one build reports all of them; `templates` is nil when
    /// there are errors (pages are then rendered only to find their broken links).
    static func prepare(_ options: BuildOptions) throws(BuildFailure)
        -> (site: Site, templates: TemplateLibrary?, diagnostics: DiagnosticBag)
    {
        var clock = StageClock()
        return try prepare(options, clock: &clock)
    }

    /// `prepare`, timing loading the content and making the pictures as stages of `clock`;
    /// `loaded` gets what the content loader found.
    static func prepare(_ options: BuildOptions, clock: inout StageClock, loaded: inout ContentLoader.Loaded?)
        throws(BuildFailure) -> (site: Site, templates: TemplateLibrary?, diagnostics: DiagnosticBag)
    {
        var diagnostics = DiagnosticBag()
        var site = try loadSite(options, diagnostics: &diagnostics, loaded: &loaded)
        clock.lap("load content")
        diagnostics.append(contentsOf: makePictures(&site, options: options))
        clock.lap("make pictures")
        let templates = loadTheme(site, options: options, diagnostics: &diagnostics)
        return (site, diagnostics.hasErrors ? nil : templates, diagnostics)
    }

    static func prepare(_ options: BuildOptions, clock: inout StageClock) throws(BuildFailure)
        -> (site: Site, templates: TemplateLibrary?, diagnostics: DiagnosticBag)
    {
        var loaded: ContentLoader.Loaded?
        return try prepare(options, clock: &clock, loaded: &loaded)
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
        var loaded: ContentLoader.Loaded?
        return try loadSite(options, diagnostics: &diagnostics, loaded: &loaded)
    }

    /// `loadSite`, and what the content loader found (which the build keeps for the next one).
    static func loadSite(_ options: BuildOptions, diagnostics: inout DiagnosticBag,
                         loaded: inout ContentLoader.Loaded?) throws(BuildFailure) -> Site
    {
        let config = try loadConfig(options)
        let found = contentLoader(options, config: config).load()
        loaded = found
        return place(found, config: config, options: options, diagnostics: &diagnostics)
    }

    /// `site.yaml`, with the options that override it.
    static func loadConfig(_ options: BuildOptions) throws(BuildFailure) -> SiteConfig {
        var config = try SiteConfig.load(from: options.configPath)
        if let baseURL = options.baseURL { config = try config.with(baseURL: baseURL) }
        if options.uglyURLs { config.uglyURLs = true }
        return config
    }

    static func contentLoader(_ options: BuildOptions, config: SiteConfig) -> ContentLoader {
        ContentLoader(root: options.contentPath, displayRoot: options.contentPath,
            includeDrafts: options.includeDrafts, config: config)
    }

    /// The loaded pages placed at their URLs, in their sections, with their generated sections.
    static func place(_ loaded: ContentLoader.Loaded, config: SiteConfig, options: BuildOptions,
                      diagnostics: inout DiagnosticBag, keptRelated: [String: [String]]? = nil) -> Site
    {
        diagnostics.append(contentsOf: loaded.diagnostics)
        var site: Site, placementProblems: [Diagnostic]
        (site, placementProblems) = Site.assemble(
            config: config, pages: loaded.pages, staticFiles: loaded.staticFiles,
            draftPaths: loaded.draftPaths, unloadedPaths: loaded.failedPaths,
            contentDisplayRoot: options.contentPath, keptRelated: keptRelated)
        site.pictureCredits = loaded.pictureCredits
        diagnostics.append(contentsOf: placementProblems)
        return site
    }

    /// The site's pictures (their variants made, or taken from the cache).
    static func makePictures(_ site: inout Site, options: BuildOptions) -> [Diagnostic] {
        let (pictures, problems) = ImageCatalogue.make(site.staticFiles, credits: site.pictureCredits,
            settings: site.config.images,
            cacheFolder: options.cacheFolder + "/images", displayRoot: options.contentPath,
            languages: site.config.languages.map(\.code))
        site.pictures = pictures
        return problems
    }

    /// The theme, its layouts checked against the pages; nil after a problem (in `diagnostics`).
    static func loadTheme(_ site: Site, options: BuildOptions, diagnostics: inout DiagnosticBag) -> TemplateLibrary? {
        do {
            let templates = try TemplateLibrary.load(Theme(siteFolder: options.templatesPath,
                displayRoot: options.templatesPath, settings: site.config.theme), language: site.config.language)
                .localizing(site.config.languages.map(\.code))
            checkLayouts(site, templates: templates, templatesDisplay: options.templatesPath,
                diagnostics: &diagnostics)
            return templates
        } catch {
            diagnostics.append(contentsOf: error.diagnostics)
            return nil
        }
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

    /// What rendering the whole site produced.
    struct SiteRender: Sendable {
        var filesWritten: Int
        /// What the search index was built from, with each page's content path, in the site's
        /// order (empty when there were no templates).
        var searchDocuments: [(String, SearchDocument)]
        var searchPaths: [String] = []
        var renderer: PageRenderer
        var plan: OutputPlan
        /// The content HTML of the pages the feeds show (RenderedSite.feedContent).
        var feedContent: [String: String] = [:]
        /// The hash of each search index file's bytes (`StableHash`), by output path.
        var searchHashes: [String: UInt64] = [:]
    }

    /// Every output of the site and what each reads.
    static func plan(_ site: Site, templates: TemplateLibrary?) -> OutputPlan {
        OutputPlan(site: site, templates: templates, themeAssets: OutputPlan.themeAssets(of: templates?.theme))
    }

    /// Renders and writes every page, then the site files and the search index.
    /// Without templates (earlier errors), pages are still rendered to find their broken links.
    /// `analysis`: as for `searchIndexFiles`.
    static func writeSite(
        _ site: Site, templates: TemplateLibrary?, options: BuildOptions, into output: some OutputSink,
        diagnostics earlier: DiagnosticBag, clock: inout StageClock, analysis: [String: AnalysisChunks]? = nil
    ) throws(BuildFailure) -> SiteRender {
        let plan = plan(site, templates: templates)
        let pageRenderer = PageRenderer(site: site, templates: templates, forChecks: false)
        let inFeeds = Feeds.pagesShown(by: plan.outputs, in: site)
        let outcomes = renderPages(OutputPlan.pages(of: plan.outputs, in: site), with: pageRenderer, into: output,
            keepingContentOf: inFeeds)
        clock.lap("render and write pages")
        var diagnostics = earlier
        for outcome in outcomes { diagnostics.append(contentsOf: outcome.diagnostics) }
        try diagnostics.throwIfErrors()
        guard templates != nil else {
            return SiteRender(filesWritten: 0, searchDocuments: [], renderer: pageRenderer, plan: plan)
        }
        var feedContent: [String: String] = [:]
        for outcome in outcomes where inFeeds.contains(outcome.page.sourcePath) {
            feedContent[outcome.page.sourcePath] = outcome.contentHTML
        }
        let written = try writeSiteFiles(plan, site: site, pageRenderer: pageRenderer, into: output,
            contentHTML: feedContent)
        clock.lap("site files and assets")
        let documents = outcomes.compactMap { outcome in
            SearchDocument(outcome, in: site).map { (outcome.page.sourcePath, $0) }
        }
        let searchHashes = try writeSearchIndex(documents.map { (language: site.page(at: $0.0)?.language ?? "", document: $0.1) },
            config: site.config, into: output, analysis: analysis)
        clock.lap("search index")
        return SiteRender(filesWritten: outcomes.count + written + searchHashes.count, searchDocuments: documents,
            searchPaths: searchHashes.keys.sorted(), renderer: pageRenderer, plan: plan, feedContent: feedContent,
            searchHashes: searchHashes)
    }

    /// The precomputed search index of every language, from every page's text as the Markdown
    /// stage found it, with the page's language. Returns the paths written, each with the hash
    /// of its bytes.
    static func writeSearchIndex(_ documents: [(language: String, document: SearchDocument)], config: SiteConfig,
                                 into output: some OutputSink, analysis: [String: AnalysisChunks]? = nil)
        throws(BuildFailure) -> [String: UInt64]
    {
        try writeFiles(searchIndexFiles(documents, config: config, analysis: analysis), into: output)
    }

    /// Writes files on every core (a large site's search index has a text file per page or so);
    /// returns the hash of each one's bytes, by path.
    static func writeFiles(_ files: [(path: String, bytes: [UInt8])], into output: some OutputSink)
        throws(BuildFailure) -> [String: UInt64]
    {
        let results = files.parallelMap { file -> Result<UInt64, BuildFailure> in
            do throws(BuildFailure) {
                try output.write(file.bytes, to: file.path)
                return .success(StableHash.of(file.bytes))
            } catch {
                return .failure(error)
            }
        }
        var hashes: [String: UInt64] = [:]
        for (file, result) in zip(files, results) {
            switch result {
            case .success(let hash): hashes[file.path] = hash
            case .failure(let failure): throw failure
            }
        }
        return hashes
    }

    /// The search index of each language (`search/`, `es/search/`), each made from the pages of
    /// its language only, so that a search in Spanish finds Spanish pages.
    /// `analysis` gets, by language, the chunks of pages the index was made from
    /// (`AnalysisChunks`), which the build keeps for the next one.
    static func searchIndexFiles(_ documents: [(language: String, document: SearchDocument)], config: SiteConfig,
                                 analysis: [String: AnalysisChunks]? = nil)
        -> [(path: String, bytes: [UInt8])]
    {
        config.languages.flatMap { language in
            SearchIndexBuilder.files(for: documents.filter { $0.language == language.code }.map(\.document),
                config: config, language: language.code, kept: analysis?[language.code])
        }
    }

    /// Renders every page on every core and writes those without errors. Each page's HTML stays
    /// in its outcome only for a renderer made for checks (which read it); otherwise it is dropped
    /// once written, so memory grows less with the site, but for the content of the pages in
    /// `keepingContentOf` (the feeds', which show it again).
    static func renderPages(_ pages: [Page], with pageRenderer: PageRenderer, into output: some OutputSink,
                            keepingContentOf kept: Set<String> = [])
        -> [PageOutcome]
    {
        pages.parallelMap { page -> PageOutcome in
            var outcome = pageRenderer.render(page)
            if let html = outcome.html {
                do throws(BuildFailure) {
                    try output.write(html, to: page.outputPath)
                } catch {
                    outcome.diagnostics += error.diagnostics
                }
                if !pageRenderer.isForChecks {
                    outcome.html = nil
                    if !kept.contains(page.sourcePath) { outcome.contentHTML = nil }
                }
            }
            return outcome
        }
    }

    /// Everything the plan has besides the content pages and the search index: special pages,
    /// sitemap, robots.txt, redirects, copied files, theme assets. Returns how many files it wrote.
    static func writeSiteFiles(
        _ plan: OutputPlan, site: Site, pageRenderer: PageRenderer, into output: some OutputSink,
        contentHTML: [String: String] = [:]
    ) throws(BuildFailure) -> Int {
        try writeSiteFiles(plan.outputs, site: site, pageRenderer: pageRenderer, into: output, contentHTML: contentHTML)
    }

    /// `writeSiteFiles` of some outputs only (an incremental build's).
    static func writeSiteFiles(
        _ outputs: [PlannedOutput], site: Site, pageRenderer: PageRenderer, into output: some OutputSink,
        contentHTML: [String: String] = [:]
    ) throws(BuildFailure) -> Int {
        let files = outputs.filter {
            switch $0.product {
            case .page, .searchIndex: return false
            default: return true
            }
        }
        // On every core: a taxonomy's term pages list thousands of pages each.
        let failures = files.parallelMap { planned -> BuildFailure? in
            do throws(BuildFailure) {
                try OutputPlan.write(planned, site: site, renderer: pageRenderer, into: output, contentHTML: contentHTML)
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        return files.count
    }
}
