import ArgumentParser
import Dispatch
import Foundation
import LanternKit

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site in a browser, rebuilding it as you edit.",
        discussion: """
            Builds the site into memory (nothing is written to disk) and serves it at \
            http://127.0.0.1:1313/. Saving a page, a template or the configuration rebuilds \
            what changed, and open pages reload by themselves. Drafts are shown, with a \
            "Draft" banner, unless --no-drafts. While the site does not build, the browser \
            shows the errors. Stop with Ctrl-C.
            """
    )

    @OptionGroup var location: SiteLocation

    @Option(help: "The port to listen on.")
    var port: UInt16 = 1313

    @Option(help: "The address to listen on. The default is reachable from this computer only.")
    var bind = "127.0.0.1"

    @Option(name: .customLong("base-url"), help: "The site's absolute URL, overriding base_url in the configuration.")
    var baseURL: String?

    @Flag(name: .customLong("no-drafts"), help: "Leave out pages marked 'draft: true', as 'lantern build' does.")
    var noDrafts = false

    func run() async throws {
        var build = location.buildOptions
        build.baseURL = baseURL
        build.includeDrafts = !noDrafts
        var options = SiteServer.Options(build: build)
        options.host = bind
        options.port = port

        if !SiteServer.isLoopback(bind) {
            printError("lantern: warning: listening on \(bind): other computers on the network can see "
                + "the site, drafts included")
        }
        let server = SiteServer(options: options, onEvent: Serve.report)
        let listeningPort: UInt16
        do {
            listeningPort = try await server.start()
        } catch {
            printError("lantern: error: \(error)")
            throw ExitCode(1)
        }
        let host = bind.contains(":") ? "[\(bind)]" : bind
        Swift.print("lantern: serving at http://\(host):\(listeningPort)/ (Ctrl-C to stop)")
        fflush(nil)

        await Serve.interrupted()
        Swift.print("\nlantern: stopping")
        fflush(nil)
        await server.stop()
    }

    /// Returns at Ctrl-C (SIGINT) or a plain kill (SIGTERM).
    private static func interrupted() async {
        let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        for await _ in signals { break }
        for source in sources { source.cancel() }
    }

    @Sendable static func report(_ event: SiteServer.Event) {
        switch event {
        case .built(let pages, let seconds):
            Swift.print("lantern: built \(pages) pages in \(milliseconds(seconds)) ms")
        case .rebuilt(let outputs, let seconds):
            let shown = outputs.prefix(3).joined(separator: ", ") + (outputs.count > 3 ? ", …" : "")
            Swift.print("lantern: rebuilt \(outputs.count) file\(outputs.count == 1 ? "" : "s") "
                + "(\(shown)) in \(milliseconds(seconds)) ms")
        case .failed(let diagnostics):
            var stderr = StandardError()
            for diagnostic in diagnostics { Swift.print(diagnostic, to: &stderr) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            Swift.print("lantern: \(errors) error\(errors == 1 ? "" : "s"); the browser shows them until fixed",
                to: &stderr)
        }
        fflush(nil)
    }

    private static func milliseconds(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }

    private func printError(_ line: String) {
        var stderr = StandardError()
        Swift.print(line, to: &stderr)
    }
}
