import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A 50 MB Markdown page (a writer pasting a whole book) builds, in bounded memory.
@Suite struct LargeInputTests {
    @Test func aFiftyMegabytePageBuildsInBoundedMemory() throws {
        let site = try TemporarySite([:])
        defer { site.remove() }
        var body = "---\ntitle: A very long page\n---\n"
        let paragraph = String(repeating: "Family support helps a person keep going in care every week. ", count: 12) + "\n\n"
        var section = 0
        while body.utf8.count < 50 * 1024 * 1024 {
            section += 1
            body += "## Part \(section)\n\n" + String(repeating: paragraph, count: 40)
        }
        try site.write(body, to: "Content/long.md")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("lantern")
        process.arguments = ["build", "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: site.root)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(site.output("long/index.html")?.contains("<h2 id=\"part-\(section)\">") == true)

        // Peak memory of the largest child so far: the build, since the other tests' are small.
        // A child's peak starts from its parent's at exec, so this suite runs in a `swift test`
        // of its own (Makefile, ALONE_SUITES): in the whole parallel run it measured that run.
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let peakMegabytes = usage.ru_maxrss / 1024
        #expect(peakMegabytes < 1536, "peak memory \(peakMegabytes) MB for a 50 MB page")
    }
}
