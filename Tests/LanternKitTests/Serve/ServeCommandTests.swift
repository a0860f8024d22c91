import Foundation
import Testing
@testable import LanternKit

/// `lantern serve` as a command: its exit status and what it prints.
@Suite(.serialized) struct ServeCommandTests {
    /// A port that was free a moment ago.
    func freePort(_ site: TemporarySite) async throws -> UInt16 {
        var options = SiteServer.Options(build: site.options)
        options.port = 0
        let probe = SiteServer(options: options)
        let port = try await probe.start()
        await probe.stop()
        return port
    }

    @Test func servesUntilInterruptedThenExitsCleanly() async throws {
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\nHello.\n"])
        defer { site.remove() }
        let port = try await freePort(site)
        let serve = try LanternBinary(["serve", "--port", String(port), "--bind", "0.0.0.0"], in: site.root)
        #expect(await serve.waitForOutput("lantern: serving at http://0.0.0.0:\(port)/"), "\(serve.stderr)")
        #expect(serve.stdout.contains("lantern: built 2 pages"))
        #expect(serve.stderr.contains("warning: listening on 0.0.0.0"))
        let page = try await RawHTTPClient(port: port).get("/a/")
        #expect(page.status == 200 && page.text.contains("Hello."))
        serve.process.interrupt()
        #expect(await serve.waitForExit(seconds: 5) == 0)
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Public"))
    }

    @Test func aPortInUseExitsWithStatusOne() async throws {
        let site = try TemporarySite([:])
        defer { site.remove() }
        var options = SiteServer.Options(build: site.options)
        options.port = 0
        let holder = SiteServer(options: options)
        let port = try await holder.start()
        let run = try await LanternBinary.run(["serve", "--port", String(port)], in: site.root)
        await holder.stop()
        #expect(run.status == 1)
        #expect(run.stderr.contains("lantern: error: port \(port) on 127.0.0.1 is already in use"), "\(run.stderr)")
        #expect(!run.stdout.contains("serving at"))
    }

    @Test func aBadAddressExitsWithStatusOne() async throws {
        let site = try TemporarySite([:])
        defer { site.remove() }
        let run = try await LanternBinary.run(["serve", "--bind", "not-an-address"], in: site.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("'not-an-address' is not an IP address"))
    }

    @Test func helpExplainsEveryFlag() async throws {
        let run = try await LanternBinary.run(["serve", "--help"], in: NSTemporaryDirectory())
        #expect(run.status == 0)
        for flag in ["--config", "--content", "--templates", "--port", "--bind", "--no-drafts", "--base-url"] {
            #expect(run.stdout.contains(flag), "\(flag) missing from help")
        }
    }
}
