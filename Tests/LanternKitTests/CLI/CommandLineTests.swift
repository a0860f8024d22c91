import Foundation
import Testing
@testable import LanternKit

/// Runs the real `lantern` binary, as a writer or CI would, and checks exit status and output.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32?
        var stdout: String
        var stderr: String
    }

    private func lantern(_ arguments: [String], in folder: String) async throws -> Run {
        let run = try await LanternBinary.run(arguments, in: folder)
        return Run(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }

    @Test func buildsWithDefaultPathsAndPrintsASummary() async throws {
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\n"])
        defer { site.remove() }
        let run = try await lantern(["build"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("lantern: wrote 2 pages"))
        #expect(FileManager.default.fileExists(atPath: site.root + "/Public/a/index.html"))
        let quiet = try await lantern(["build", "--quiet", "--output", "Elsewhere"], in: site.root)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
    }

    @Test func aSecondBuildSaysWhatItKeptAndFullSaysWhyItBuiltEverything() async throws {
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\nText.\n"])
        defer { site.remove() }
        _ = try await lantern(["build", "--quiet"], in: site.root)
        // Files written just now are read again; an hour back, they count as unchanged.
        IncrementalBuildOracleTests.settle(site.root + "/Content")
        _ = try await lantern(["build", "--quiet"], in: site.root)
        try site.write("---\ntitle: A\n---\nOther text.\n", to: "Content/a.md")
        let again = try await lantern(["build"], in: site.root)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("lantern: wrote 1 pages ("), "\(again.stdout)")
        #expect(again.stdout.contains(" again and kept "), "\(again.stdout)")
        let full = try await lantern(["build", "--full", "--timings"], in: site.root)
        #expect(full.stdout.hasPrefix("lantern: wrote 2 pages"), "\(full.stdout)")
        let other = try await lantern(["build", "--timings", "--output", "Elsewhere"], in: site.root)
        #expect(other.stdout.contains("built everything: no earlier build kept its state"), "\(other.stdout)")
    }

    @Test func errorsArePrintedCompilerStyleWithStatusOne() async throws {
        let site = try TemporarySite([
            "Content/a.md": "---\ntitle: A\n---\n\n[x](missing.md)\n",
            "Content/b.md": "---\ntitle: [B]\n---\n",
        ])
        defer { site.remove() }
        let run = try await lantern(["build"], in: site.root)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Content/a.md:5:1: error: link 'missing.md'") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Content/b.md:2:8: error: 'title' must be text") }, "\(lines)")
        #expect(lines.last == "lantern: 2 errors; nothing was written")
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Public"))
    }

    @Test func usageErrorsExitNonZeroWithUsage() async throws {
        let run = try await lantern(["build", "--no-such-flag"], in: NSTemporaryDirectory())
        #expect(run.status != 0 && run.status != nil)
        #expect(run.stderr.contains("Usage: lantern build"))
    }

    @Test func helpExplainsEveryFlag() async throws {
        let run = try await lantern(["build", "--help"], in: NSTemporaryDirectory())
        #expect(run.status == 0)
        for flag in ["--config", "--content", "--templates", "--output", "--base-url", "--drafts", "--quiet"] {
            #expect(run.stdout.contains(flag), "\(flag) missing from help")
        }
    }
}
