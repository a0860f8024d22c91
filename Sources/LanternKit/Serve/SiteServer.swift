import FlyingFox
import FlyingSocks
import Foundation

/// `lantern serve`: builds the site into memory, answers it over HTTP, and rebuilds and tells
/// open pages to reload whenever a source changes. Nothing is written to disk.
///
/// Building and watching run on a thread of their own, so that a long build never holds up
/// the Swift concurrency threads that answer requests.
public final class SiteServer: Sendable {
    public struct Options: Sendable {
        public var build: BuildOptions
        /// The address to listen on; `127.0.0.1` (the default) is reachable from this machine only.
        public var host = "127.0.0.1"
        /// 0 picks a free port (see `start()`'s result).
        public var port: UInt16 = 1313
        /// How often the sources are looked at, in seconds, when no change event wakes the
        /// watcher first (on Linux, inotify reports a save at once).
        public var pollInterval = 0.2

        public init(build: BuildOptions) {
            self.build = build
        }
    }

    /// What the server reports while it runs, for the terminal.
    public enum Event: Sendable {
        /// The whole site was built.
        case built(pages: Int, seconds: Double)
        /// Only these output files were built again after a change.
        case rebuilt(outputs: [String], seconds: Double)
        /// The sources do not build; the browser shows these until they do.
        case failed([Diagnostic])
    }

    public let options: Options
    private let onEvent: @Sendable (Event) -> Void
    private let state = LockedState()
    private let channel = ReloadChannel()

    public init(options: Options, onEvent: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.options = options
        self.onEvent = onEvent
    }

    /// True for addresses reachable only from this machine.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Starts listening, builds the site and starts watching its sources. Returns the port
    /// listened on. A site that does not build still starts: the browser shows its errors.
    public func start() async throws(ServeError) -> UInt16 {
        let address = try SiteServer.address(host: options.host, port: options.port)
        let server = HTTPServer(address: address, timeout: 30, pool: HTTPServer.defaultPool(),
            logger: .disabled, handler: ClosureHTTPHandler { [self] request in await respond(to: request) })
        let failure = FinishedBox()
        let run = Task {
            do { try await server.run() } catch { failure.set(error) }
        }
        state.withLock { $0.server = server; $0.serverTask = run }
        // Wait until the socket listens, or the server gave up (port in use).
        var port: UInt16?
        for _ in 0..<2000 {
            if let error = failure.error {
                throw SiteServer.describe(error, host: options.host, port: options.port)
            }
            if await server.isListening, let address = await server.listeningAddress {
                switch address {
                case .ip4(_, let listening), .ip6(_, let listening): port = listening
                case .unix: port = options.port
                }
                break
            }
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
        guard let port else {
            await stop()
            throw ServeError.cannotListen(host: options.host, port: options.port, reason: "timed out")
        }
        // Requests that come before the first build is in place find an empty site (404).
        await withCheckedContinuation { (ready: CheckedContinuation<Void, Never>) in
            startWatching { ready.resume() }
        }
        return port
    }

    /// Stops answering and watching; open pages' event streams end.
    public func stop() async {
        stopWatching()
        channel.close()
        let (server, task) = state.withLock { ($0.server, $0.serverTask) }
        // Closes the listening socket and every connection at once: nothing is in flight
        // that a browser would miss (pages are answered whole, event streams just end).
        await server?.stop(timeout: 0)
        task?.cancel()
        await task?.value
    }

    /// The number of browsers listening for reloads (for tests).
    var reloadListeners: Int { channel.listenerCount }

    /// What the request handlers answer from now (for tests).
    var servedNow: ServedSite { state.withLock { $0.served } }

    // MARK: Building and watching

    private func startWatching(ready: @escaping @Sendable () -> Void) {
        let live = UncheckedSendable(LiveBuild(options: options.build))
        let thread = Thread { [self] in
            let live = live.value
            // Look at the sources before building: a change made during the first build is
            // then seen at the first poll.
            var watcher = SourceWatcher(contentPath: options.build.contentPath,
                templatesPath: options.build.templatesPath, configPath: options.build.configPath)
            report(live.buildAll(), served: live.served)
            ready()
            let interval = max(0.01, options.pollInterval)
            #if canImport(Glibc)
            let events = FolderEvents()
            #endif
            var foldersChanged = true
            func waitForActivity() -> SourceActivity {
                #if canImport(Glibc)
                if let events {
                    guard !foldersChanged else {
                        events.watch(watcher.folders)
                        // What was written into a new folder before its watch began made no
                        // event: look at everything once more.
                        foldersChanged = false
                        return .unknown
                    }
                    // A search index being built on another thread is served as soon as it is done.
                    return events.wait(timeout: live.isRefreshingSearchIndex ? 0.01 : interval, settle: 0.01)
                }
                #endif
                usleep(UInt32(interval * 1_000_000))
                return .unknown
            }
            var lastKeepAlive = Date()
            // Files named by events are looked at alone; everything, when events cannot say
            // what changed, and every few seconds (for file systems where inotify is silent).
            // (The first look is a full one: it sees changes made during the first build.)
            var lastFullLook = Date.distantPast
            while !state.withLock({ $0.isStopping }) {
                if Date().timeIntervalSince(lastKeepAlive) > 15 {
                    channel.keepAlive()
                    lastKeepAlive = Date()
                }
                let activity = waitForActivity()
                if live.collectSearchIndex() { state.withLock { $0.served = live.served } }
                let changes: SourceChanges
                switch activity {
                case .paths(let paths):
                    changes = watcher.changes(at: paths)
                case .none where Date().timeIntervalSince(lastFullLook) <= 3:
                    continue
                case .none, .unknown:
                    changes = watcher.changes()
                    lastFullLook = Date()
                }
                foldersChanged = !changes.addedOrRemovedContent.isEmpty || changes.themeOrConfig
                if changes.isEmpty { continue }
                report(live.apply(changes), served: live.served)
                live.startSearchIndexRefresh()
            }
        }
        thread.name = "lantern serve: watch and build"
        thread.start()
    }

    private func stopWatching() {
        state.withLock { $0.isStopping = true }
    }

    /// Publishes a build's result to the request handlers, the terminal and open pages.
    private func report(_ outcome: LiveBuild.Outcome, served: ServedSite) {
        let generation = state.withLock {
            $0.served = served
            $0.generation += 1
            return $0.generation
        }
        switch outcome {
        case .full(let pages, let seconds): onEvent(.built(pages: pages, seconds: seconds))
        case .partial(let outputs, let seconds): onEvent(.rebuilt(outputs: outputs, seconds: seconds))
        case .failed(let diagnostics, _): onEvent(.failed(diagnostics))
        }
        channel.reload(generation: generation)
    }

    // MARK: Answering requests

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return response(.methodNotAllowed, type: MediaType.of("x.txt"), Array("Method not allowed\n".utf8),
                for: request, extra: [.init("Allow"): "GET, HEAD"])
        }
        let target = request.target.path(percentEncoded: true)
        switch target {
        case ServeInjection.scriptPath:
            return response(.ok, type: MediaType.of("x.js"), Array(ServeInjection.reloadScript.utf8), for: request)
        case ServeInjection.stylesheetPath:
            let css = ServeInjection.stylesheet + ErrorPage.stylesheet
            return response(.ok, type: MediaType.of("x.css"), Array(css.utf8), for: request)
        case ServeInjection.eventsPath:
            return HTTPResponse(statusCode: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: HTTPBodySequence(from: channel.subscribe()))
        default:
            break
        }
        let served = state.withLock { $0.served }
        guard case .file(let path) = RequestPath.resolve(target), !target.hasPrefix(ServeInjection.prefix) else {
            return notFound(served, for: request)
        }
        let bytes = served.files[path]
        if let failure = served.failure, bytes == nil || path.hasSuffix(".html") {
            return page(.internalServerError, Array(ErrorPage.html(for: failure).utf8), draft: false, for: request)
        }
        if let bytes {
            if path.hasSuffix(".html") {
                return page(.ok, bytes, draft: served.draftOutputs.contains(path), for: request)
            }
            return response(.ok, type: MediaType.of(path), bytes, for: request)
        }
        if !path.isEmpty, served.files[path + "/index.html"] != nil {
            // `/therapies` → `/therapies/`, as static hosts do, so relative links work.
            return response(.movedPermanently, type: MediaType.of("x.txt"), [], for: request,
                extra: [.location: target + "/"])
        }
        return notFound(served, at: path, for: request)
    }

    /// The site's 404 page, or, for a path under a language's folder (`es/…`), that language's.
    private func notFound(_ served: ServedSite, at path: String = "", for request: HTTPRequest) -> HTTPResponse {
        if let failure = served.failure {
            return page(.internalServerError, Array(ErrorPage.html(for: failure).utf8), draft: false, for: request)
        }
        let own = path.split(separator: "/").first.flatMap { served.files[$0 + "/404.html"] }
        if let page404 = own ?? served.files["404.html"] {
            return page(.notFound, page404, draft: false, for: request)
        }
        return response(.notFound, type: MediaType.of("x.txt"), Array("Not found\n".utf8), for: request)
    }

    private func page(_ status: HTTPStatusCode, _ html: [UInt8], draft: Bool, for request: HTTPRequest)
        -> HTTPResponse
    {
        response(status, type: MediaType.html, ServeInjection.inject(into: html, draft: draft), for: request)
    }

    private func response(
        _ status: HTTPStatusCode, type: String, _ body: [UInt8], for request: HTTPRequest,
        extra: [HTTPHeader: String] = [:]
    ) -> HTTPResponse {
        var headers: HTTPHeaders = [
            .contentType: type, .cacheControl: "no-store", .init("X-Content-Type-Options"): "nosniff",
        ]
        for (name, value) in extra { headers[name] = value }
        if request.method == .HEAD {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        return HTTPResponse(statusCode: status, headers: headers, body: Data(body))
    }

    // MARK: Addresses and errors

    static func address(host: String, port: UInt16) throws(ServeError) -> any SocketAddress {
        do {
            if host == "localhost" { return try sockaddr_in.inet(ip4: "127.0.0.1", port: port) }
            if host.contains(":") { return try sockaddr_in6.inet6(ip6: host, port: port) }
            return try sockaddr_in.inet(ip4: host, port: port)
        } catch {
            throw .invalidAddress(host)
        }
    }

    private static func describe(_ error: any Error, host: String, port: UInt16) -> ServeError {
        if case SocketError.failed(_, let code, let message) = error {
            if code == EADDRINUSE { return .portInUse(host: host, port: port) }
            return .cannotListen(host: host, port: port, reason: message)
        }
        return .cannotListen(host: host, port: port, reason: error.localizedDescription)
    }
}

/// Why `lantern serve` could not start.
public enum ServeError: Error, Sendable, CustomStringConvertible {
    case invalidAddress(String)
    case portInUse(host: String, port: UInt16)
    case cannotListen(host: String, port: UInt16, reason: String)

    public var description: String {
        switch self {
        case .invalidAddress(let host):
            return "'\(host)' is not an IP address to listen on (use 127.0.0.1, ::1, 0.0.0.0 or localhost)"
        case .portInUse(let host, let port):
            return "port \(port) on \(host) is already in use (another lantern serve?); "
                + "stop it or choose another with --port"
        case .cannotListen(let host, let port, let reason):
            return "cannot listen on \(host) port \(port): \(reason)"
        }
    }
}

/// What the request handlers and the build thread share.
private final class LockedState: @unchecked Sendable {
    struct Values {
        var served = ServedSite()
        var generation = 0
        var isStopping = false
        var server: HTTPServer?
        var serverTask: Task<Void, Never>?
    }

    private let lock = NSLock()
    private var values = Values()

    func withLock<T>(_ body: (inout Values) -> T) -> T {
        lock.withLock { body(&values) }
    }
}

private final class FinishedBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    var error: (any Error)? { lock.withLock { stored } }
    func set(_ error: any Error) { lock.withLock { stored = error } }
}
