import Foundation
import Testing
@testable import LanternKit

/// `lantern serve` while its sources change all at once: a `git checkout` of another branch,
/// editors saving by renaming, a folder deleted and made anew, the configuration and a template
/// changed mid-burst, a page broken for a moment. Within 2 s of the last change the server must
/// serve exactly what a fresh `lantern build` of the final sources writes: every file byte for
/// byte (HTML with only serve's own additions), and nothing else.
///
/// `LANTERN_CHURN_RUNS=20 swift test --filter ServeChurnTests` runs each burst 20 times and
/// prints the time from the last change to the settled site (median and max).
@Suite(.serialized) struct ServeChurnTests {
    static let runs = max(1, Int(ProcessInfo.processInfo.environment["LANTERN_CHURN_RUNS"] ?? "") ?? 1)

    static func page(_ title: String, weight: Int, _ body: String, draft: Bool = false) -> String {
        "---\ntitle: \(title)\nweight: \(weight)\n\(draft ? "draft: true\n" : "")---\n\(body)\n"
    }

    /// Three sections, a draft, a static file beside the pages, and pages that link their
    /// neighbours (so that an added or removed page changes the pages around it).
    static let siteA: [String: String] = {
        var files: [String: String] = [
            "Templates/page.mustache": """
                {{<base}}{{$main}}<h1>{{page.title}}</h1>{{{page.content}}}\
                {{#prev}}<a rel="prev" href="{{url}}">{{title}}</a>{{/prev}}\
                {{#next}}<a rel="next" href="{{url}}">{{title}}</a>{{/next}}{{/main}}{{/base}}
                """,
            "Content/therapies/_index.md": "---\ntitle: Therapies\n---\nKinds of therapy.\n",
            "Content/family/_index.md": "---\ntitle: Family\n---\nFor families.\n",
            "Content/family/f4.md": page("Family plan", weight: 4, "Not ready.", draft: true),
            "Content/care/_index.md": "---\ntitle: Care\n---\nCare pathways.\n",
            "Content/care/notes.txt": "care notes A\n",
            "Content/images/logo.svg": "<svg>A</svg>\n",
        ]
        for i in 1...8 { files["Content/therapies/p\(i).md"] = page("Therapy \(i)", weight: i, "About therapy \(i).") }
        for i in 1...3 { files["Content/family/f\(i).md"] = page("Family \(i)", weight: i, "Family text \(i).") }
        for i in 1...3 { files["Content/care/c\(i).md"] = page("Care \(i)", weight: i, "Care text \(i).") }
        return files
    }()

    /// Another branch of the same site: pages edited, renamed, added and removed, the family
    /// section gone, a groups section new, the theme and the configuration changed.
    static let siteB: [String: String?] = {
        var files: [String: String?] = [
            "site.yaml": TemporarySite.minimalConfig.replacingOccurrences(of: "Test site", with: "Branch B"),
            "Templates/page.mustache": """
                {{<base}}{{$main}}<h1 class="b">{{page.title}}</h1>{{{page.content}}}\
                {{#next}}<a rel="next" href="{{url}}">{{title}}</a>{{/next}}{{/main}}{{/base}}
                """,
            "Content/therapies/p5.md": page("Therapy five", weight: 5, "About therapy 5."),
            "Content/therapies/p6.md": nil,
            "Content/therapies/p7.md": page("Therapy 7", weight: 70, "About therapy 7."),
            "Content/therapies/p9.md": page("Therapy 9", weight: 9, "New therapy 9."),
            "Content/therapies/p10.md": page("Therapy 10", weight: 10, "New therapy 10."),
            "Content/groups/_index.md": "---\ntitle: Groups\n---\nGroup sessions.\n",
            "Content/care/c2.md": page("Care 2", weight: 2, "Care text two, on branch B."),
            "Content/care/notes.txt": "care notes on branch B\n",
            "Content/images/logo.svg": "<svg>B</svg>\n",
        ]
        for i in 1...4 { files["Content/therapies/p\(i).md"] = page("Therapy \(i)", weight: i, "Branch B text \(i).") }
        for name in ["_index", "f1", "f2", "f3", "f4"] { files["Content/family/\(name).md"] = .some(nil) }
        for i in 1...4 { files["Content/groups/g\(i).md"] = page("Group \(i)", weight: i, "Group \(i).") }
        return files
    }()

    // MARK: The bursts

    @Test func aGitCheckoutOfAnotherBranchAndBack() async throws {
        var times: [Double] = []
        for _ in 0..<ServeChurnTests.runs {
            let site = try TemporarySite(ServeChurnTests.siteA)
            defer { site.remove() }
            try await ServeChurnTests.git(["init", "-q", "-b", "a"], in: site.root)
            try await ServeChurnTests.commit(site, "a")
            try await ServeChurnTests.git(["checkout", "-q", "-b", "b"], in: site.root)
            try ServeChurnTests.apply(ServeChurnTests.siteB, to: site)
            try await ServeChurnTests.commit(site, "b")
            try await ServeChurnTests.git(["checkout", "-q", "a"], in: site.root)
            try await serving(site) { server in
                for branch in ["b", "a", "b"] {
                    try await ServeChurnTests.git(["checkout", "-q", branch], in: site.root)
                    times.append(try await expectSettled(server, site, after: Date(), "checkout \(branch)"))
                }
            }
        }
        ServeChurnTests.report("git checkout", times)
    }

    @Test func editorsSavingByRenaming() async throws {
        try await measureSettling("save by rename") { server, site, pauses, run in
            let folder = site.root + "/Content/therapies/"
            for i in 1...8 {
                // Odd pages change their title (other pages list it), even ones their text only.
                let text = ServeChurnTests.page(i % 2 == 1 ? "Renamed \(i)" : "Therapy \(i)", weight: i,
                    "Saved by rename, run \(run), page \(i).")
                let page = folder + "p\(i).md"
                if i % 4 == 0 {
                    // vim: the original moves away, the new text is written, the backup goes.
                    try FileManager.default.moveItem(atPath: page, toPath: page + "~")
                    await pauses.next()
                    try site.write(text, to: "Content/therapies/p\(i).md")
                    await pauses.next()
                    try FileManager.default.removeItem(atPath: page + "~")
                } else {
                    // A temporary file renamed over the page: hidden, or beside it in plain sight.
                    let temporary = i % 2 == 0 ? folder + ".p\(i).md.tmp" : page + ".tmp-\(run)"
                    try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
                    await pauses.next()
                    ServeChurnTests.renameOver(temporary, page)
                }
                await pauses.next()
            }
        }
    }

    @Test func aFolderDeletedAndMadeAnew() async throws {
        try await measureSettling("folder deleted and made anew") { server, site, pauses, run in
            for round in 0..<3 {
                if round == 1 {
                    // Moved aside instead (its watch follows it), then edited there.
                    try FileManager.default.moveItem(atPath: site.root + "/Content/care",
                        toPath: site.root + "/Content/archive")
                } else {
                    try FileManager.default.removeItem(atPath: site.root + "/Content/care")
                }
                await pauses.next()
                try site.write("---\ntitle: Care \(round)\n---\nRound \(round).\n", to: "Content/care/_index.md")
                await pauses.next()
                // The same names with other text, new names, and a folder inside.
                for i in 1...3 {
                    try site.write(ServeChurnTests.page("Care \(i)", weight: i, "Round \(round) text \(i)."),
                        to: "Content/care/c\(i).md")
                }
                try site.write(ServeChurnTests.page("New \(round)", weight: 9, "New."), to: "Content/care/n\(round).md")
                await pauses.next()
                try site.write(ServeChurnTests.page("Deep", weight: 1, "Deep \(round)."),
                    to: "Content/care/deeper/d\(round).md")
                try site.write("notes \(round)\n", to: "Content/care/deeper/notes.txt")
                await pauses.next()
                if round == 2 {
                    try site.write(ServeChurnTests.page("Care 1", weight: 1, "Archived, edited."),
                        to: "Content/archive/c1.md")
                }
            }
        }
    }

    @Test func theConfigurationAndATemplateChangeMidBurst() async throws {
        try await measureSettling("site.yaml and template mid-burst") { server, site, pauses, run in
            let edits: [(String, String)] = [
                ("Content/therapies/p1.md", ServeChurnTests.page("Therapy 1", weight: 1, "Edit one.")),
                ("site.yaml", TemporarySite.minimalConfig.replacingOccurrences(of: "Test site", with: "Run \(run)")),
                ("Content/therapies/p2.md", ServeChurnTests.page("Therapy 2", weight: 2, "Edit two.")),
                ("Templates/page.mustache",
                    "{{<base}}{{$main}}<h2>{{page.title}}</h2>{{{page.content}}}{{/main}}{{/base}}"),
                ("Content/therapies/p11.md", ServeChurnTests.page("Therapy 11", weight: 11, "New.")),
                ("Templates/partials/unused.mustache", "<p>unused</p>"),
                ("Content/therapies/p3.md", ServeChurnTests.page("Therapy 3", weight: 3, "Edit three.")),
            ]
            for (path, text) in edits {
                try site.write(text, to: path)
                await pauses.next()
            }
        }
    }

    @Test func aBurstThatBreaksTheSiteForAMomentThenFixesIt() async throws {
        try await measureSettling("broken, then fixed") { server, site, pauses, run in
            try site.write("---\ntitle: [Therapy 2\n---\nBroken.\n", to: "Content/therapies/p2.md")
            try site.write(ServeChurnTests.page("Therapy 3", weight: 3, "Edited during the break."),
                to: "Content/therapies/p3.md")
            // Long enough, sometimes, for serve to build the broken site and show the error.
            await pauses.next(upTo: 0.2)
            try site.write("---\ntitle: Therapy 2\nweight: 2\n---\nFixed \(run).\n", to: "Content/therapies/p2.md")
            await pauses.next()
            try site.write(ServeChurnTests.page("Therapy 4", weight: 4, "Edited after."), to: "Content/therapies/p4.md")
        }
    }

    /// The real binary, as a writer runs it, through a checkout and back: checked over HTTP alone.
    @Test func theLanternBinarySettlesAfterACheckout() async throws {
        let site = try TemporarySite(ServeChurnTests.siteA)
        defer { site.remove() }
        try await ServeChurnTests.git(["init", "-q", "-b", "a"], in: site.root)
        try await ServeChurnTests.commit(site, "a")
        try await ServeChurnTests.git(["checkout", "-q", "-b", "b"], in: site.root)
        try ServeChurnTests.apply(ServeChurnTests.siteB, to: site)
        try await ServeChurnTests.commit(site, "b")
        try await ServeChurnTests.git(["checkout", "-q", "a"], in: site.root)

        let port = try await ServeCommandTests().freePort(site)
        let serve = try LanternBinary(["serve", "--port", String(port)], in: site.root)
        defer { serve.process.terminate() }
        #expect(await serve.waitForOutput("lantern: serving at"), "\(serve.stderr)")
        let client = RawHTTPClient(port: port)
        var everyPath = Set(try ServeChurnTests.freshBuild(site).files.keys)
        for branch in ["b", "a"] {
            try await ServeChurnTests.git(["checkout", "-q", branch], in: site.root)
            let changed = Date()
            let expected = try ServeChurnTests.freshBuild(site)
            everyPath.formUnion(expected.files.keys)
            var mismatch: String? = "not looked at"
            while Date().timeIntervalSince(changed) < 5 {
                mismatch = try await ServeChurnTests.firstMismatch(client, expected, paths: everyPath)
                if mismatch == nil { break }
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            let seconds = Date().timeIntervalSince(changed)
            #expect(mismatch == nil, "checkout \(branch): \(mismatch ?? "")")
            #expect(seconds < 2, "checkout \(branch): settled after \(seconds) s")
        }
        #expect(serve.process.isRunning, "\(serve.stderr)")
        serve.process.interrupt()
        #expect(await serve.waitForExit(seconds: 5) == 0)
    }

    // MARK: Settling

    /// Runs `burst` on a fresh copy of `siteA` under a server, `runs` times, expects the site
    /// settled after each, and prints the settling times under `scenario`.
    func measureSettling(
        _ scenario: String, _ burst: (Served, TemporarySite, inout Pauses, Int) async throws -> Void
    ) async throws {
        var times: [Double] = []
        for run in 0..<ServeChurnTests.runs {
            var pauses = Pauses(seed: run)
            let site = try TemporarySite(ServeChurnTests.siteA)
            defer { site.remove() }
            try await serving(site) { server in
                try await burst(server, site, &pauses, run)
                times.append(try await expectSettled(server, site, after: Date(), "run \(run)"))
            }
        }
        ServeChurnTests.report(scenario, times)
    }

    /// Starts an in-process server on `site` (drafts shown, as `lantern serve` does).
    func serving(_ site: TemporarySite, _ body: (Served) async throws -> Void) async throws {
        var build = site.options
        build.includeDrafts = true
        var options = SiteServer.Options(build: build)
        options.port = 0
        let server = SiteServer(options: options)
        let port = try await server.start()
        do {
            try await body(Served(server: server, client: RawHTTPClient(port: port)))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// Watches what `server` serves from `changed` (the last change) on, until it is exactly a
    /// fresh build of the sources and has stayed so for a moment; then asks for every file over
    /// HTTP, and every file served on the way, which must now be gone. Returns the seconds from
    /// the last change to the first moment the right site was served.
    func expectSettled(_ served: Served, _ site: TemporarySite, after changed: Date, _ label: String)
        async throws -> Double
    {
        let recorder = Recorder(served.server)
        let recording = Task.detached {
            while !Task.isCancelled {
                recorder.look()
                try? await Task.sleep(nanoseconds: 5_000_000)
            }
        }
        defer { recording.cancel() }
        let expected = try await Task.detached { try ServeChurnTests.freshBuild(site) }.value
        var settledSince: Date?
        while Date().timeIntervalSince(changed) < 5 {
            let states = recorder.states
            settledSince = nil
            if let last = states.last, expected.matches(last.served) {
                var first = states.count - 1
                while first > 0 && expected.matches(states[first - 1].served) { first -= 1 }
                settledSince = states[first].seen
                // Stays right a while longer: no rebuild still to come undoes it.
                if Date().timeIntervalSince(states[first].seen) > 0.3 { break }
            }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        recording.cancel()
        guard let settledSince else {
            Issue.record("\(label): never settled; \(ServeChurnTests.difference(served.server.servedNow, from: expected))")
            return .infinity
        }
        let seconds = max(0, settledSince.timeIntervalSince(changed))
        #expect(seconds < 2, "\(label): settled \(seconds) s after the last change")
        var everyPath = Set(expected.files.keys)
        for state in recorder.states { everyPath.formUnion(state.served.files.keys) }
        let mismatch = try await ServeChurnTests.firstMismatch(served.client, expected, paths: everyPath)
        #expect(mismatch == nil, "\(label): \(mismatch ?? "")")
        return seconds
    }

    struct Served {
        var server: SiteServer
        var client: RawHTTPClient
    }

    /// Every distinct site the server served, with when it was first seen.
    final class Recorder: @unchecked Sendable {
        // @unchecked: `recorded` is touched under `lock` only.
        private let lock = NSLock()
        private var recorded: [(seen: Date, served: ServedSite)] = []
        let server: SiteServer

        init(_ server: SiteServer) {
            self.server = server
            look()
        }

        var states: [(seen: Date, served: ServedSite)] { lock.withLock { recorded } }

        func look() {
            let now = Date(), served = server.servedNow
            lock.withLock {
                if recorded.last.map({ !ServeChurnTests.same($0.served, served) }) ?? true {
                    recorded.append((now, served))
                }
            }
        }
    }

    /// What `lantern build` writes for the site's sources as they are now, drafts included.
    struct FreshBuild: Sendable {
        var files: [String: [UInt8]]
        var draftOutputs: Set<String>

        func matches(_ served: ServedSite) -> Bool {
            served.failure == nil && served.files == files && served.draftOutputs == draftOutputs
        }
    }

    static func freshBuild(_ site: TemporarySite) throws -> FreshBuild {
        var options = site.options
        options.includeDrafts = true
        options.outputPath = NSTemporaryDirectory() + "lantern-churn-oracle-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: options.outputPath) }
        try Builder.build(options)
        let files = TemporarySite.snapshot(of: options.outputPath).mapValues { [UInt8]($0) }
        let drafts = try Builder.loadSite(options).pages.filter { $0.frontMatter.draft }.map(\.outputPath)
        return FreshBuild(files: files, draftOutputs: Set(drafts))
    }

    /// The first path that does not answer as the fresh build says: its file, with serve's
    /// additions to HTML, or a 404 for a path it does not have.
    static func firstMismatch(_ client: RawHTTPClient, _ expected: FreshBuild, paths: Set<String>)
        async throws -> String?
    {
        for path in paths.sorted() {
            let encoded = path.split(separator: "/").map {
                $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? String($0)
            }.joined(separator: "/")
            let response = try await client.get("/" + encoded)
            guard var bytes = expected.files[path] else {
                if response.status != 404 { return "\(path): answered \(response.status), the fresh build has no such file" }
                continue
            }
            if path.hasSuffix(".html") {
                bytes = ServeInjection.inject(into: bytes, draft: expected.draftOutputs.contains(path))
            }
            if response.status != 200 { return "\(path): answered \(response.status)" }
            if response.body != bytes { return "\(path): differs from the fresh build:\n\(response.text)" }
        }
        return nil
    }

    static func same(_ a: ServedSite, _ b: ServedSite) -> Bool {
        a.files == b.files && a.draftOutputs == b.draftOutputs && a.failure == b.failure
    }

    static func difference(_ served: ServedSite, from expected: FreshBuild) -> String {
        if let failure = served.failure { return "the served site failed: \(failure)" }
        let missing = Set(expected.files.keys).subtracting(served.files.keys).sorted()
        let stale = Set(served.files.keys).subtracting(expected.files.keys).sorted()
        let differing = expected.files.keys.filter { served.files[$0] != nil && served.files[$0] != expected.files[$0] }
        return "missing \(missing), not in a fresh build \(stale), differing \(differing.sorted())"
            + (served.draftOutputs == expected.draftOutputs ? "" : ", drafts \(served.draftOutputs)")
    }

    static func report(_ scenario: String, _ times: [Double]) {
        let sorted = times.sorted()
        guard !sorted.isEmpty else { return }
        func ms(_ seconds: Double) -> String { seconds.isFinite ? String(Int((seconds * 1000).rounded())) : "never" }
        print("serve churn: \(scenario): \(sorted.count) settles, median \(ms(sorted[sorted.count / 2])) ms, "
            + "max \(ms(sorted.last!)) ms")
    }

    // MARK: Changing files

    /// Random pauses between the steps of a burst, the same for the same seed.
    struct Pauses {
        var state: UInt64

        init(seed: Int) { state = UInt64(seed) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 }

        /// Up to 20 ms by default: sometimes none, sometimes long enough for serve to start a build.
        mutating func next(upTo seconds: Double = 0.02) async {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let fraction = Double(state >> 11) / Double(1 << 53)
            if fraction < 0.25 { return }
            try? await Task.sleep(nanoseconds: UInt64(fraction * seconds * 1e9))
        }
    }

    static func renameOver(_ from: String, _ to: String) {
        precondition(rename(from, to) == 0, "rename \(from) over \(to) failed")
    }

    /// Writes the files with text and removes those that are nil.
    static func apply(_ files: [String: String?], to site: TemporarySite) throws {
        for (path, text) in files {
            if let text { try site.write(text, to: path) } else { try FileManager.default.removeItem(atPath: site.root + "/" + path) }
        }
    }

    static func commit(_ site: TemporarySite, _ message: String) async throws {
        try await git(["add", "-A"], in: site.root)
        try await git(["-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", message],
            in: site.root)
    }

    static func git(_ arguments: [String], in folder: String) async throws {
        let status = try await RawHTTPClient.offThread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            var environment = ProcessInfo.processInfo.environment
            environment["GIT_CONFIG_NOSYSTEM"] = "1"
            environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
            process.environment = environment
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        try #require(status == 0, "git \(arguments.joined(separator: " ")) failed")
    }
}
