import Foundation

/// The site as `lantern serve` answers it: every file of the last successful build, in
/// memory, and the diagnostics of the last build if it failed.
struct ServedSite: Sendable {
    var files: [String: [UInt8]] = [:]
    /// Output paths of draft pages, which get the "Draft" banner.
    var draftOutputs: Set<String> = []
    /// Set while the sources do not build; the browser then sees these instead of the site.
    var failure: [Diagnostic]?
}

/// Builds the site into memory for `lantern serve`, and after a change writes again only the
/// outputs whose declared dependencies (`OutputPlan`) the change touched.
///
/// Changed, added and deleted pages are loaded again and the site placed anew when their
/// place or order changed; the change, compared field by field with the last build
/// (`SiteChange`), picks the outputs to write again. A template, the configuration, a content
/// file added or deleted (which every page's links resolve against) rebuild the whole site,
/// as does any change while the last build failed, or one that makes an error (the full build
/// reports it).
final class LiveBuild {
    enum Outcome {
        /// Everything was built again.
        case full(pages: Int, seconds: Double)
        /// Only these output files were written again.
        case partial(outputs: [String], seconds: Double)
        case failed([Diagnostic], seconds: Double)
    }

    let options: BuildOptions
    private(set) var served = ServedSite()
    /// The last successful build, which a partial rebuild starts from.
    private var last: Builder.RenderedSite?
    /// The search index being rebuilt on another thread after partial rebuilds.
    private let searchRefresh = SearchRefresh()
    /// Set when pages changed since the search index was last built.
    private var searchIndexIsStale = false

    init(options: BuildOptions) {
        self.options = options
    }

    /// Builds the whole site.
    @discardableResult
    func buildAll() -> Outcome {
        let start = DispatchTime.now()
        let output = MemoryOutput()
        do {
            let rendered = try Builder.render(options, into: output)
            var files: [String: [UInt8]] = [:]
            for path in output.paths { files[path] = output.file(path) }
            last = rendered
            searchIndexIsStale = false
            searchRefresh.cancel()
            served = ServedSite(files: files, draftOutputs: LiveBuild.draftOutputs(rendered.site), failure: nil)
            return .full(pages: rendered.site.pages.count, seconds: LiveBuild.seconds(since: start))
        } catch {
            last = nil
            served.failure = error.diagnostics
            return .failed(error.diagnostics, seconds: LiveBuild.seconds(since: start))
        }
    }

    /// Brings the served site's pages up to date with `changes`. After a partial rebuild the
    /// search index still holds the old text until `refreshSearchIndex()`: the edited page is
    /// served first, the index (which holds every page) follows.
    func apply(_ changes: SourceChanges) -> Outcome {
        let start = DispatchTime.now()
        guard let update = partialUpdate(for: changes) else { return buildAll() }
        for path in update.gone { served.files[path] = nil }
        served.files.merge(update.files) { _, new in new }
        served.draftOutputs = LiveBuild.draftOutputs(update.rendered.site)
        last = update.rendered
        if update.searchIndexTouched { searchIndexIsStale = true }
        return .partial(outputs: update.files.keys.sorted(), seconds: LiveBuild.seconds(since: start))
    }

    /// Rebuilds the search index after a partial rebuild; false when it was already current.
    @discardableResult
    func refreshSearchIndex() -> Bool {
        guard let (documents, config) = takeSearchUpdate() else { return false }
        searchRefresh.cancel()
        serveSearchIndex(LiveBuild.searchFiles(documents, config: config))
        return true
    }

    /// Starts rebuilding the search index on another thread, so that the next save is not kept
    /// waiting for it (at 10,000 pages it takes a second); `collectSearchIndex()` puts it in.
    func startSearchIndexRefresh() {
        guard let (documents, config) = takeSearchUpdate() else { return }
        searchRefresh.start { LiveBuild.searchFiles(documents, config: config) }
    }

    /// True from `startSearchIndexRefresh()` until `collectSearchIndex()` took its result (or a
    /// full build made it needless).
    var isRefreshingSearchIndex: Bool { searchRefresh.isRunning }

    /// Serves the index `startSearchIndexRefresh()` built, once it is ready and still current.
    func collectSearchIndex() -> Bool {
        guard let files = searchRefresh.take() else { return false }
        serveSearchIndex(files)
        return true
    }

    /// Serves `files` as the whole search index: the old index's files it lacks go (text
    /// split over fewer files after pages got shorter, shards after the index got small).
    private func serveSearchIndex(_ files: [String: [UInt8]]) {
        for path in last?.searchPaths ?? [] where files[path] == nil { served.files[path] = nil }
        served.files.merge(files) { _, new in new }
        last?.searchPaths = Set(files.keys)
    }

    /// Every page's document with its language in the site's order, or nil when the index is current.
    private func takeSearchUpdate() -> ([(language: String, document: SearchDocument)], SiteConfig)? {
        guard searchIndexIsStale, let last else { return nil }
        searchIndexIsStale = false
        return (last.site.pages.compactMap { page in last.searchDocuments[page.sourcePath].map { (language: page.language, document: $0) } },
            last.site.config)
    }

    /// The index holds every page (of its language), so it is built again whole.
    private static func searchFiles(_ documents: [(language: String, document: SearchDocument)], config: SiteConfig)
        -> [String: [UInt8]]
    {
        var files: [String: [UInt8]] = [:]
        for file in Builder.searchIndexFiles(documents, config: config) { files[file.path] = file.bytes }
        return files
    }

    /// What a partial rebuild made: the new state, the files written again and those gone.
    private struct Update {
        var rendered: Builder.RenderedSite
        var files: [String: [UInt8]]
        var gone: [String]
        var searchIndexTouched: Bool
    }

    /// The outputs a change writes again, or nil when only a full build is certain to be right.
    private func partialUpdate(for changes: SourceChanges) -> Update? {
        guard served.failure == nil, var rendered = last, let templates = rendered.renderer.templates,
            !changes.themeOrConfig
        else { return nil }
        // Taken out, so that the search documents and the site are changed in place and not
        // copied whole (10,000 pages) on every save; a nil result is followed by a full build.
        last = nil
        let old = rendered.site
        guard let (site, change, placedAnew) = changedSite(old, changes) else { return nil }
        guard !change.isEmpty else {
            return Update(rendered: rendered, files: [:], gone: [], searchIndexTouched: false)
        }
        // The renderer keeps link targets and the menu's variants; a change to those makes a new one.
        let renewsRenderer = PageRenderer.reads.contains { $0.isTouched(by: change) }
        let renderer = renewsRenderer
            ? PageRenderer(site: site, templates: templates, forChecks: false)
            : rendered.renderer.updating(site: site)
        // The plan is made of the site's structure: when that stayed, so did the plan.
        let plan = !placedAnew ? rendered.plan : OutputPlan(site: site, templates: templates,
            themeAssets: rendered.plan.outputs.compactMap { planned in
                guard case .themeAsset(let file) = planned.product else { return nil }
                return file
            })
        let touched = plan.outputs(touchedBy: change, since: placedAnew ? rendered.plan : nil)
        var files: [String: [UInt8]] = [:]
        let pages = OutputPlan.pages(of: touched, in: site)
        let outcomes = pages.parallelMap { renderer.render($0) }
        for outcome in outcomes {
            guard outcome.diagnostics.isEmpty, let html = outcome.html else { return nil }
            files[outcome.page.outputPath] = html
        }
        // The feeds' pages keep the content rendered before, but for the pages that changed, and
        // all of it when the renderer is new (their links resolve against other targets).
        var feedContent = renewsRenderer || placedAnew ? [:] : rendered.feedContent
        for changed in change.pages { feedContent[changed.sourcePath] = nil }
        for outcome in outcomes { if let html = outcome.contentHTML { feedContent[outcome.page.sourcePath] = html } }
        for path in Feeds.pagesShown(by: touched, in: site) where feedContent[path] == nil {
            if let page = site.page(at: path) { feedContent[path] = renderer.contentHTML(of: page) }
        }
        let output = MemoryOutput()
        var searchIndexTouched = false
        for planned in touched {
            switch planned.product {
            case .page: continue
            case .searchIndex: searchIndexTouched = true
            default:
                guard (try? OutputPlan.write(planned, site: site, renderer: renderer, into: output,
                    contentHTML: feedContent)) != nil
                else { return nil }
            }
        }
        for path in output.paths { files[path] = output.file(path) }
        for changed in change.pages where site.page(at: changed.sourcePath) == nil {
            rendered.searchDocuments[changed.sourcePath] = nil
        }
        for outcome in outcomes {
            rendered.searchDocuments[outcome.page.sourcePath] = SearchDocument(outcome, in: site)
        }
        let gone = placedAnew ? plan.pathsGone(since: rendered.plan) : []
        rendered.renderer = renderer
        rendered.plan = plan
        rendered.feedContent = feedContent
        return Update(rendered: rendered, files: files, gone: gone, searchIndexTouched: searchIndexTouched)
    }

    /// The site with the changed content files loaded again, how it differs from `old`, and
    /// whether it was placed anew (its structure changed, `PageFields.structure`);
    /// nil when a file does not load or the new site has a problem (the full build reports
    /// it), or content files came or went.
    private func changedSite(_ old: Site, _ changes: SourceChanges) -> (Site, SiteChange, placedAnew: Bool)? {
        let loader = ContentLoader(root: options.contentPath, displayRoot: options.contentPath,
            includeDrafts: options.includeDrafts, config: old.config)
        var change = SiteChange()
        var loaded: [String: Page?] = [:]  // content path → the page now, or nil when gone
        var draftPaths = old.draftPaths
        for path in changes.modifiedContent.union(changes.addedOrRemovedContent).sorted() {
            let onDisk = FileManager.default.fileExists(atPath: options.contentPath + "/" + path)
            guard path.hasSuffix(".md") else {
                // A file came or went (every page's links resolve against them), or a picture's
                // credit file changed (it is no content file), as for a picture below.
                guard changes.modifiedContent.contains(path), onDisk,
                    old.staticFiles.contains(where: { $0.sourcePath == path })
                else { return nil }
                // A picture's size is in every page that shows it: a full build, in which the
                // cache makes only the changed picture's variants.
                if ImageFormat(fileName: path) != nil { return nil }
                change.contentFiles.insert(path)
                continue
            }
            draftPaths.remove(path)
            guard onDisk else {
                loaded[path] = .some(nil)
                continue
            }
            guard let page = try? old.placed(loader.loadPage(path, root: options.contentPath)) else { return nil }
            if page.frontMatter.draft && !options.includeDrafts {
                draftPaths.insert(path)
                loaded[path] = .some(nil)
            } else {
                loaded[path] = page
            }
        }
        var site = old
        site.draftPaths = draftPaths
        var placesAnew = false, regroups = false
        for (path, page) in loaded {
            let before = old.page(at: path).flatMap { $0.isGenerated ? nil : $0 }
            let fields = PageFields(between: before, and: page)
            if !fields.isDisjoint(with: .structure) || old.page(at: path)?.isGenerated == true { placesAnew = true }
            // A term that comes or goes is a page that comes or goes (and claims its URL).
            if old.config.taxonomies.contains(where: { before?.frontMatter.terms(of: $0.field) != page?.frontMatter.terms(of: $0.field) }) {
                placesAnew = true
            }
            if !fields.isDisjoint(with: RelatedPages.fields) { regroups = true }
        }
        if placesAnew {
            var pages = old.pages.filter { !$0.isGenerated && loaded[$0.sourcePath] == nil }
            pages += loaded.keys.sorted().compactMap { loaded[$0] ?? nil }
            let (placed, problems) = Site.assemble(config: old.config, pages: pages, staticFiles: old.staticFiles,
                draftPaths: draftPaths, unloadedPaths: [], contentDisplayRoot: options.contentPath,
                placedBefore: true)
            guard problems.isEmpty else { return nil }
            site = placed
            site.pictures = old.pictures  // no picture changed: a changed picture is a full build
        } else {
            for case let page? in loaded.values { site.replacePage(page) }
            if regroups { site.regroup() }
        }
        let contentFiles = change.contentFiles
        change = SiteChange(from: old, to: site, candidates: Set(loaded.keys))
        change.contentFiles = contentFiles
        change.relatedMayDiffer = placesAnew || regroups
        return (site, change, placesAnew)
    }

    static func draftOutputs(_ site: Site) -> Set<String> {
        Set(site.pages.filter { $0.frontMatter.draft }.map(\.outputPath))
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

/// One background rebuild of the search index at a time; a newer one supersedes the older,
/// whose result is then dropped.
private final class SearchRefresh: @unchecked Sendable {
    // @unchecked: every stored property is touched under `lock` only.
    private let lock = NSLock()
    private var generation = 0
    private var ready: [String: [UInt8]]?
    private var running = false

    var isRunning: Bool { lock.withLock { running } }

    func start(_ build: @escaping @Sendable () -> [String: [UInt8]]) {
        let mine = lock.withLock {
            generation += 1
            ready = nil
            running = true
            return generation
        }
        ParallelWork.inBackground(build) { [self] files in
            lock.withLock { if generation == mine { ready = files } }
        }
    }

    func cancel() {
        lock.withLock {
            generation += 1
            ready = nil
            running = false
        }
    }

    func take() -> [String: [UInt8]]? {
        lock.withLock {
            defer { ready = nil }
            if ready != nil { running = false }
            return ready
        }
    }
}
