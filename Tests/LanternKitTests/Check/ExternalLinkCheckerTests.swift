import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import LanternKit

/// `lantern check --external` against a real HTTP server on loopback (never the network).
@Suite struct ExternalLinkCheckerTests {
    private func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                _ = bind(socket, $0, length)
                _ = getsockname(socket, $0, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func reportsBrokenAndUnreachableLinksAndCachesAnswers() async throws {
        let folder = NSTemporaryDirectory() + "lantern-ext-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("ok".utf8).write(to: URL(fileURLWithPath: folder + "/ok.html"))
        let port = freePort(), closed = freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", folder]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { kill(server.processIdentifier, SIGKILL) }
        let base = "http://127.0.0.1:\(port)"
        for _ in 0..<50 {
            if await ExternalLinkChecker().httpStatus(of: base + "/ok.html") == 200 { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }

        let site = try TemporarySite(["Content/page.md": """
            ---
            title: Page
            ---
            [fine](\(base)/ok.html) and [gone](\(base)/missing.html)
            and [down](http://127.0.0.1:\(closed)/x).
            """])
        defer { site.remove() }
        let (_, outcomes) = Checker.run(site.options, today: SiteDate("2026-11-22")!)
        var checker = ExternalLinkChecker(cachePath: folder + "/cache/links.json")
        checker.timeout = 3
        let found = await checker.check(outcomes, today: SiteDate("2026-11-22")!)
        #expect(found.count == 2)
        #expect(found.contains { $0.message.contains("missing.html answered 404") && $0.location.line == 4 })
        #expect(found.contains { $0.message.contains("did not answer") && $0.location.line == 5 })
        #expect(found.allSatisfy { $0.severity == .warning && $0.rule == "external-link" })

        // With the server gone, the cache still knows: nothing is asked again within a week.
        kill(server.processIdentifier, SIGKILL)
        for _ in 0..<50 where server.isRunning { try await Task.sleep(nanoseconds: 100_000_000) }
        let cached = await checker.check(outcomes, today: SiteDate("2026-11-25")!)
        #expect(cached.count == 2)
        // After a week the links are asked again: now all three fail.
        let later = await checker.check(outcomes, today: SiteDate("2026-12-05")!)
        #expect(later.count == 3)
    }
}
