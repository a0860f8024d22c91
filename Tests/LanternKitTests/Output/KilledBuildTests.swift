import Foundation
import Testing

/// The real `lantern build` on a large site, killed (SIGKILL) at 20 moments, interrupted
/// (SIGINT, SIGTERM), and run twice at once: the previous `Public/` is always whole and
/// byte-identical, the next build succeeds, and nothing is left beside the output.
///
/// The site lives on tmpfs (/dev/shm) where there is one, so that the builds' time goes into
/// the build, not into the disk queue of a machine that many jobs share. The named moments
/// come from `LANTERN_TEST_PAUSE` (Sources/LanternKit/Output/TestHooks.swift).
///
/// They run in a `swift test` of their own, with LANTERN_KILL_TESTS=1 (`make test-swift` does
/// both runs): inside the whole parallel suite, on this 2-core machine, the run stalled after
/// some 95 s with every test that waits on a process suspended and no thread busy, three runs
/// out of three, while each half passes alone. Why is not yet understood.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["LANTERN_KILL_TESTS"] != nil,
    "run with LANTERN_KILL_TESTS=1, as make test-swift does"))
struct KilledBuildTests {
    /// Pages enough that a build takes a while (about a second for the debug binary on a busy
    /// 2-core machine, so the 16 timed kills are some 60 ms apart), few enough that the 41
    /// builds of the SIGKILL test stay within half a minute.
    static let pageCount = 600

    static let pauseLine = "lantern: test pause at "

    @Test func sigkillAtTwentyMomentsCostsNothing() async throws {
        let site = try KilledBuildTests.largeSite()
        defer { site.remove() }
        try site.write("---\ntitle: Generation\n---\nThe first build.\n", to: "Content/generation.md")
        let started = Date()
        try await build(site)
        let buildSeconds = Date().timeIntervalSince(started)
        var previous = site.snapshot()
        #expect(previous.count > KilledBuildTests.pageCount)

        enum Moment { case paused(String), after(Double) }
        let named = ["locked", "staged", "before-swap", "after-swap"].map(Moment.paused)
        let timed = (0..<16).map { Moment.after(buildSeconds * (Double($0) + 0.5) / 16) }
        for (index, moment) in (named + timed).enumerated() {
            // Each build differs from the one before, so that a mix of two sites would show.
            try site.write("---\ntitle: Generation\n---\nBuild number \(index).\n", to: "Content/generation.md")
            var environment: [String: String] = [:]
            if case .paused(let point) = moment { environment["LANTERN_TEST_PAUSE"] = point }
            let killed = try LanternBinary(["build", "--quiet"], in: site.root, environment: environment)
            switch moment {
            case .paused(let point):
                let paused = await killed.waitForError(KilledBuildTests.pauseLine + point, seconds: 30)
                #expect(paused, "\(point): never paused; stderr: \(killed.stderr)")
            case .after(let seconds):
                try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            }
            kill(killed.process.processIdentifier, SIGKILL)
            _ = await killed.waitForExit()
            let afterKill = site.snapshot()
            let left = besideOutput(site)
            if case .paused(let point) = moment {
                // What the next build has to clear, so that its clearing is tested.
                let expected = point == "locked" ? ".Public.lock" : ".Public.building-"
                #expect(left.contains { $0.hasPrefix(expected) }, "\(point): nothing left to clear: \(left)")
            }

            let next = try await LanternBinary.run(["build", "--quiet"], in: site.root, seconds: 60)
            #expect(next.status == 0, "\(moment): the next build failed: \(next.stderr)")
            let rebuilt = site.snapshot()
            #expect(rebuilt.count == previous.count && rebuilt != previous,
                "\(moment): the next build did not write the new site")
            #expect(besideOutput(site).isEmpty, "\(moment): left beside the output: \(besideOutput(site))")
            switch moment {
            case .paused("after-swap"):
                let isNew = afterKill == rebuilt
                #expect(isNew, "after-swap: the output is not the new site")
            case .paused(let point):
                let isOld = afterKill == previous
                #expect(isOld, "\(point): the previous output changed")
            case .after(let seconds):
                let isWhole = afterKill == previous || afterKill == rebuilt
                #expect(isWhole, "killed after \(seconds) s: the output is neither the old site nor the new one")
            }
            previous = rebuilt
        }
    }

    @Test func interruptDeletesTheStagingFolderAtOnce() async throws {
        let site = try KilledBuildTests.largeSite()
        defer { site.remove() }
        try await build(site)
        var previous = site.snapshot()
        try site.write("---\ntitle: Generation\n---\nA newer build.\n", to: "Content/generation.md")
        for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            previous = try await interrupt(site, with: signal, expecting: status, previous: previous)
        }
    }

    /// Ctrl-C (SIGINT) or a plain kill (SIGTERM) once the site is staged, then halfway
    /// through writing pages: lantern exits with `status` and leaves nothing. Returns the output.
    private func interrupt(_ site: TemporarySite, with signal: Int32, expecting status: Int32,
                           previous: [String: Data]) async throws -> [String: Data] {

        // With the whole new site staged: the most there is to clean up.
        let paused = try LanternBinary(["build"], in: site.root, environment: ["LANTERN_TEST_PAUSE": "before-swap"])
        #expect(await paused.waitForError(KilledBuildTests.pauseLine + "before-swap", seconds: 30), "\(paused.stderr)")
        #expect(besideOutput(site).contains { $0.hasPrefix(".Public.building-") })
        kill(paused.process.processIdentifier, signal)
        #expect(await paused.waitForExit(seconds: 10) == status, "signal \(signal)")
        #expect(besideOutput(site).isEmpty, "left beside the output: \(besideOutput(site))")
        let unchanged = site.snapshot() == previous
        #expect(unchanged, "the previous output changed")

        // Halfway through writing pages, while files are being written on every core.
        let writing = try LanternBinary(["build"], in: site.root)
        #expect(await waitForStagedFiles(site, of: writing, atLeast: KilledBuildTests.pageCount / 3))
        kill(writing.process.processIdentifier, signal)
        let exit = await writing.waitForExit(seconds: 10)
        #expect(besideOutput(site).isEmpty, "left beside the output: \(besideOutput(site))")
        let output = site.snapshot()
        let stillOld = output == previous
        if exit == 0 {
            // The build was done before the signal was handled: the new site, whole.
            #expect(!stillOld)
        } else {
            #expect(exit == status, "signal \(signal): \(writing.stderr)")
            #expect(stillOld, "the previous output changed")
        }
        return output
    }

    /// Two builds with different base URLs started at once: the output is one whole site or the
    /// other, never a mix, and one build says it waits for the other.
    @Test func concurrentBuildsNeverMix() async throws {
        // Smaller: however long a build takes, the second one waits for all of it.
        let site = try KilledBuildTests.largeSite(pages: KilledBuildTests.pageCount / 4)
        defer { site.remove() }
        let urls = ["https://one.example.org", "https://two.example.org"]
        var sites: [[String: Data]] = []
        for url in urls {
            try await build(site, ["--base-url", url])
            sites.append(site.snapshot())
        }
        let differ = sites[0] != sites[1]
        #expect(differ)

        let builds = try urls.map { try LanternBinary(["build", "--base-url", $0], in: site.root) }
        for build in builds {
            #expect(await build.waitForExit(seconds: 60) == 0, "\(build.stderr)")
        }
        let final = site.snapshot()
        let whole = final == sites[0] || final == sites[1]
        #expect(whole, "the output mixes the two builds")
        #expect(besideOutput(site).isEmpty, "left beside the output: \(besideOutput(site))")
        let waited = builds.filter { $0.stderr.contains("lantern: waiting for another build of Public/ (pid ") }
        #expect(waited.count == 1, "\(builds.map(\.stderr))")
    }

    /// While another process holds the output's lock, a build waits, names that process, and
    /// writes nothing; it builds as soon as the lock is let go.
    @Test func aBuildWaitsForTheOneHoldingTheLock() async throws {
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\n"])
        defer { site.remove() }
        let lockPath = site.root + "/.Public.lock"
        let held = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        #expect(held >= 0 && flock(held, LOCK_EX) == 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { write(held, $0.baseAddress, $0.count) }

        let waiting = try LanternBinary(["build"], in: site.root)
        let message = "lantern: waiting for another build of Public/ (pid \(getpid())) to finish"
        #expect(await waiting.waitForError(message), "\(waiting.stderr)")
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(waiting.process.isRunning)
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Public"))
        // Ctrl-C ends a build that waits, too.
        let interrupted = try LanternBinary(["build"], in: site.root)
        #expect(await interrupted.waitForError(message), "\(interrupted.stderr)")
        kill(interrupted.process.processIdentifier, SIGINT)
        #expect(await interrupted.waitForExit(seconds: 10) == 130)
        #expect(waiting.process.isRunning)
        unlink(lockPath)
        close(held)
        #expect(await waiting.waitForExit() == 0, "\(waiting.stderr)")
        #expect(site.output("a/index.html") != nil)
        #expect(besideOutput(site).isEmpty, "left beside the output: \(besideOutput(site))")
    }

    /// Where `RENAME_EXCHANGE` is refused the swap is two renames, and a kill between them
    /// leaves no `Public/`: the next build puts the old site back before anything else.
    @Test func killBetweenTwoRenamesIsRepairedByTheNextBuild() async throws {
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\n"])
        defer { site.remove() }
        let renames = ["LANTERN_TEST_SWAP": "renames"]
        try await build(site, environment: renames)
        let previous = site.snapshot()
        try site.write("---\ntitle: A, newer\n---\n", to: "Content/a.md")

        let killed = try LanternBinary(["build"], in: site.root,
            environment: renames.merging(["LANTERN_TEST_PAUSE": "between-renames"]) { a, _ in a })
        #expect(await killed.waitForError(KilledBuildTests.pauseLine + "between-renames"), "\(killed.stderr)")
        kill(killed.process.processIdentifier, SIGKILL)
        _ = await killed.waitForExit()
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Public"))
        let aside = besideOutput(site).first { $0.hasSuffix(".previous") }
        let asideIsOld = aside.map { TemporarySite.snapshot(of: site.root + "/" + $0) } == previous
        #expect(asideIsOld, "no whole old site beside the output: \(besideOutput(site))")

        // A build that fails still finds its old site.
        try site.write("---\ntitle: [A]\n---\n", to: "Content/a.md")
        let failed = try await LanternBinary.run(["build"], in: site.root, environment: renames)
        #expect(failed.status == 1)
        try site.write("---\ntitle: A, newer\n---\n", to: "Content/a.md")
        try await build(site, environment: renames)
        #expect(site.output("a/index.html")?.contains("A, newer") == true)
        #expect(besideOutput(site).isEmpty, "left beside the output: \(besideOutput(site))")
    }

    // MARK: - Helpers

    /// `pages` short pages in 20 sections, on tmpfs where there is one.
    static func largeSite(pages: Int = pageCount) throws -> TemporarySite {
        var files: [String: String] = [:]
        let sections = 20
        for section in 0..<sections {
            files["Content/s\(section)/_index.md"] = "---\ntitle: Section \(section)\n---\n"
            for page in 0..<pages / sections {
                files["Content/s\(section)/p\(page).md"] = """
                    ---
                    title: Page \(page) of section \(section)
                    ---

                    # Coping with worry, part \(page)

                    A paragraph about sleep, breathing and therapy, with a [link](../s0/_index.md)
                    and *emphasis*, so that the page has words for the search index.

                    - one step
                    - another step

                    """
            }
        }
        var isDirectory: ObjCBool = false
        let tmpfs = FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDirectory) && isDirectory.boolValue
        return try TemporarySite(files, under: tmpfs ? "/dev/shm" : NSTemporaryDirectory())
    }

    private func build(_ site: TemporarySite, _ arguments: [String] = [], environment: [String: String] = [:])
        async throws
    {
        let run = try await LanternBinary.run(["build", "--quiet"] + arguments, in: site.root,
            environment: environment, seconds: 60)
        try #require(run.status == 0, "\(run.stderr)")
    }

    /// The names beside the output that are not the sources or the output itself.
    private func besideOutput(_ site: TemporarySite) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: site.root)) ?? []
        return names.filter { $0.hasPrefix(".Public") }.sorted()
    }

    /// Waits until the staging folder holds at least `count` files (or the build is gone).
    private func waitForStagedFiles(_ site: TemporarySite, of build: LanternBinary, atLeast count: Int) async
        -> Bool
    {
        let deadline = Date() + 30
        while Date() < deadline && build.process.isRunning {
            if let staging = besideOutput(site).first(where: { $0.hasPrefix(".Public.building-") }) {
                let folder = site.root + "/" + staging
                let files = FileManager.default.enumerator(atPath: folder)?.allObjects.count ?? 0
                if files >= count { return true }
            }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        return false
    }
}
