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

/// Builds the site into memory for `lantern serve`, and after a change rebuilds only what the
/// change affects when that is certain, else everything.
///
/// A page whose Markdown changed, or whose front matter changed in a way no other page shows,
/// is rendered again alone with its section's list page and its previous and next pages. A
/// change another page could show (title, weight, slug, draft, aliases, layout, description,
/// dates), a new or deleted file, a template or the configuration rebuilds the whole site, as
/// does any change while the last build failed.
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
            pendingSearchUpdate = []
            searchRefresh.cancel()
            served = ServedSite(files: files, draftOutputs: LiveBuild.draftOutputs(rendered.site), failure: nil)
            return .full(pages: rendered.site.pages.count, seconds: LiveBuild.seconds(since: start))
        } catch {
            last = nil
            served.failure = error.diagnostics
            return .failed(error.diagnostics, seconds: LiveBuild.seconds(since: start))
        }
    }

    /// Pages rendered by the last partial rebuild whose search entries are not yet in the index.
    private var pendingSearchUpdate: [PageOutcome] = []

    /// Brings the served site's pages up to date with `changes`. After a partial rebuild the
    /// search index still holds the old text until `refreshSearchIndex()`: the edited page is
    /// served first, the index (which holds every page) follows.
    func apply(_ changes: SourceChanges) -> Outcome {
        let start = DispatchTime.now()
        guard let update = partialUpdate(for: changes) else { return buildAll() }
        served.files.merge(update.files) { _, new in new }
        last?.renderer = update.renderer
        pendingSearchUpdate += update.outcomes
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

    /// The documents with the pending pages' entries replaced, or nil when none are pending.
    private func takeSearchUpdate() -> ([SearchDocument], SiteConfig)? {
        guard !pendingSearchUpdate.isEmpty, let site = last?.site, var documents = last?.searchDocuments
        else { return nil }
        for outcome in pendingSearchUpdate {
            guard let document = SearchDocument(outcome, in: site) else { continue }
            if let i = documents.firstIndex(where: { $0.url == document.url }) { documents[i] = document }
        }
        pendingSearchUpdate = []
        last?.searchDocuments = documents
        return (documents, site.config)
    }

    /// The index holds every page, so it is built again whole.
    private static func searchFiles(_ documents: [SearchDocument], config: SiteConfig) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for file in SearchIndexBuilder.files(for: documents, config: config) { files[file.path] = file.bytes }
        return files
    }

    /// The files a change rewrites, or nil when only a full build is certain to be right.
    private func partialUpdate(for changes: SourceChanges)
        -> (renderer: PageRenderer, files: [String: [UInt8]], outcomes: [PageOutcome])?
    {
        guard served.failure == nil, var site = last?.site, let lastRenderer = last?.renderer,
            let templates = lastRenderer.templates,
            changes.addedOrRemovedContent.isEmpty, !changes.themeOrConfig, !changes.modifiedContent.isEmpty
        else { return nil }
        let loader = ContentLoader(root: options.contentPath, displayRoot: options.contentPath,
            includeDrafts: options.includeDrafts, urls: site.config.urls)
        var changed: [Int] = []
        var files: [String: [UInt8]] = [:]
        var listingsChanged = false
        for path in changes.modifiedContent.sorted() {
            guard path.hasSuffix(".md") else {
                // An image or PDF: copied as it is.
                guard site.staticFiles.contains(where: { $0.sourcePath == path }),
                    let data = FileManager.default.contents(atPath: options.contentPath + "/" + path)
                else { return nil }
                files[path] = [UInt8](data)
                continue
            }
            guard let index = site.pages.firstIndex(where: { $0.sourcePath == path && !$0.isGenerated }),
                let page = try? loader.loadPage(path, root: options.contentPath)
            else { return nil }  // a draft left out, or an error: the full build reports it
            let old = site.pages[index]
            guard LiveBuild.placesTheSame(old, page) else { return nil }
            if !LiveBuild.listsTheSame(old, page) {
                // Only regular pages: a section's description also shows in its children's pages.
                guard page.kind == .page else { return nil }
                listingsChanged = true
            }
            site.pages[index] = page
            changed.append(index)
        }

        // The changed pages; when what lists show of them changed, also each one's section
        // list and its neighbours.
        var toRender: [String: Page] = [:]
        for index in changed {
            let page = site.pages[index]
            toRender[page.sourcePath] = page
            guard listingsChanged else { continue }
            if page.kind == .page, let section = site.sectionPage(page.sectionPath) {
                toRender[section.sourcePath] = section
            }
            let (previous, next) = site.neighbours(of: page)
            for neighbour in [previous, next].compactMap({ $0 }) { toRender[neighbour.sourcePath] = neighbour }
        }
        let renderer = lastRenderer.updating(site: site)
        let pages = toRender.keys.sorted().compactMap { toRender[$0] }
        let outcomes = pages.parallelMap { renderer.render($0) }
        for outcome in outcomes {
            guard outcome.diagnostics.isEmpty, let html = outcome.html else { return nil }
            files[outcome.page.outputPath] = html
        }
        if listingsChanged {
            // Lists of every page, and lastmod dates.
            for special in SpecialPage.allCases
            where special != .notFound && templates.names.contains(special.template) {
                files[special.outputPath] = renderer.render(special)
            }
            files["sitemap.xml"] = Array(SiteFiles.sitemap(site).utf8)
        }
        return (renderer, files, outcomes)
    }

    /// Same URL, same place in its section's order and the same page to every other page.
    static func placesTheSame(_ a: Page, _ b: Page) -> Bool {
        let x = a.frontMatter, y = b.frontMatter
        return a.kind == b.kind && a.url == b.url && a.outputPath == b.outputPath && x.title == y.title
            && x.weight == y.weight && x.slug == y.slug && x.draft == y.draft && x.aliases == y.aliases
            && x.layout == y.layout
    }

    /// What section lists, neighbour links, the site index and the sitemap show of a page.
    static func listsTheSame(_ a: Page, _ b: Page) -> Bool {
        let x = a.frontMatter, y = b.frontMatter
        return x.description == y.description && x.lastReviewed == y.lastReviewed && x.date == y.date
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
        DispatchQueue.global(qos: .utility).async { [self] in
            let files = build()
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
