import Foundation
import Testing

/// Runs the real `lantern` binary, as a writer or CI would, and checks exit status and output.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `swift test` builds every product next to the test bundle.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("lantern").path

    private func lantern(_ arguments: [String], in folder: String) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    @Test func buildsWithDefaultPathsAndPrintsASummary() throws {
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\n"])
        defer { site.remove() }
        let run = try lantern(["build"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("lantern: wrote 2 pages"))
        #expect(FileManager.default.fileExists(atPath: site.root + "/Public/a/index.html"))
        let quiet = try lantern(["build", "--quiet", "--output", "Elsewhere"], in: site.root)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
    }

    @Test func errorsArePrintedCompilerStyleWithStatusOne() throws {
        let site = try TemporarySite([
            "Content/a.md": "---\ntitle: A\n---\n\n[x](missing.md)\n",
            "Content/b.md": "---\ntitle: [B]\n---\n",
        ])
        defer { site.remove() }
        let run = try lantern(["build"], in: site.root)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Content/a.md:5:1: error: link 'missing.md'") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Content/b.md:2:8: error: 'title' must be text") }, "\(lines)")
        #expect(lines.last == "lantern: 2 errors; nothing was written")
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Public"))
    }

    @Test func usageErrorsExitNonZeroWithUsage() throws {
        let run = try lantern(["build", "--no-such-flag"], in: NSTemporaryDirectory())
        #expect(run.status != 0)
        #expect(run.stderr.contains("Usage: lantern build"))
    }

    @Test func helpExplainsEveryFlag() throws {
        let run = try lantern(["build", "--help"], in: NSTemporaryDirectory())
        #expect(run.status == 0)
        for flag in ["--config", "--content", "--templates", "--output", "--base-url", "--drafts", "--quiet"] {
            #expect(run.stdout.contains(flag), "\(flag) missing from help")
        }
    }
}
