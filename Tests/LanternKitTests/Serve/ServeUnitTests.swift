import Foundation
import Testing
@testable import LanternKit

@Suite struct ServeRequestPathTests {
    @Test func mapsURLsToOutputFiles() {
        #expect(RequestPath.resolve("/") == .file("index.html"))
        #expect(RequestPath.resolve("/therapies/") == .file("therapies/index.html"))
        #expect(RequestPath.resolve("/therapies/cbt/?q=1#top") == .file("therapies/cbt/index.html"))
        #expect(RequestPath.resolve("/assets/site.css") == .file("assets/site.css"))
        #expect(RequestPath.resolve("/caf%C3%A9/") == .file("café/index.html"))
        #expect(RequestPath.resolve("/a%20b/c%23d.png") == .file("a b/c#d.png"))
    }

    @Test func refusesEveryWayOfLeavingTheSite() {
        let attempts = [
            "", "relative", "/..", "/../x", "/a/../x", "/%2e%2e/x", "/%2E%2e/x", "/.%2e/x", "/%2e/x",
            "/a%2fb", "/a%2Fb", "/%252e%252e/x", "/a%255cb", "/..\\x", "/a\\b", "/a%5cb", "/a%00",
            "/a%0a", "/a\u{0}b", "//x", "/a//b", "/./a", "/%c0%ae%c0%ae/x", "/a%", "/a%2", "/a%g0",
        ]
        for attempt in attempts {
            #expect(RequestPath.resolve(attempt) == .rejected, "\(attempt)")
        }
    }
}

@Suite struct ServeInjectionTests {
    func inject(_ html: String, draft: Bool = false) -> String {
        String(decoding: ServeInjection.inject(into: Array(html.utf8), draft: draft), as: UTF8.self)
    }

    @Test func addsTheReloadScriptBeforeTheLastBodyEnd() {
        #expect(inject("<html><body><p>x</p></BODY></html>")
            == "<html><body><p>x</p><script src=\"/__lantern/reload.js\"></script></BODY></html>")
        #expect(inject("<p>fragment</p>") == "<p>fragment</p><script src=\"/__lantern/reload.js\"></script>")
    }

    @Test func marksDraftsWithABannerAndItsStylesheet() {
        let html = inject("<html><head><title>t</title></head><body class=\"x\"><p>x</p></body></html>", draft: true)
        #expect(html == """
            <html><head><title>t</title><link rel="stylesheet" href="/__lantern/serve.css"></head>\
            <body class="x"><div class="lantern-draft-banner" role="note">Draft: not published</div>\
            <p>x</p><script src="/__lantern/reload.js"></script></body></html>
            """)
    }
}

@Suite struct ServeErrorPageTests {
    @Test func listsEveryDiagnosticEscaped() {
        let html = ErrorPage.html(for: [
            .error(SourceLocation(file: "Content/a.md", line: 3, column: 7), "bad <b>title</b> & more"),
            .error(SourceLocation(file: "Content/<b>.md"), "cannot read"),
        ])
        #expect(html.contains("2 errors"))
        #expect(html.contains("<span class=\"file\">Content/a.md</span>:<span class=\"line\">3</span>:7"))
        #expect(html.contains("bad &lt;b&gt;title&lt;/b&gt; &amp; more"))
        #expect(html.contains("Content/&lt;b&gt;.md"))
        #expect(!html.contains("<b>"))
    }
}

@Suite struct ServeLiveBuildTests {
    static let files: [String: String] = [
        "Content/therapies/_index.md": "---\ntitle: Therapies\n---\n",
        "Content/therapies/a.md": "---\ntitle: A\nweight: 1\n---\nA body.\n",
        "Content/therapies/b.md": "---\ntitle: B\nweight: 2\n---\nB body.\n",
        "Content/therapies/c.md": "---\ntitle: C\nweight: 3\n---\nC body.\n",
        "Content/therapies/d.md": "---\ntitle: D\nweight: 4\n---\nD body.\n",
        "Content/other.md": "---\ntitle: Other\n---\n",
    ]

    func changed(_ paths: String...) -> SourceChanges {
        SourceChanges(modifiedContent: Set(paths))
    }

    func html(_ live: LiveBuild, _ path: String) -> String {
        String(decoding: live.served.files[path] ?? [], as: UTF8.self)
    }

    @Test func aBodyEditRendersThatPageOnly() throws {
        let site = try TemporarySite(ServeLiveBuildTests.files)
        defer { site.remove() }
        let live = LiveBuild(options: site.options)
        guard case .full = live.buildAll() else { Issue.record("first build failed"); return }
        try site.write("---\ntitle: B\nweight: 2\n---\nNew B body.\n", to: "Content/therapies/b.md")
        guard case .partial(let outputs, _) = live.apply(changed("therapies/b.md")) else {
            Issue.record("expected a partial rebuild")
            return
        }
        // Its section list and neighbours show only its title and front matter, which did not change.
        #expect(outputs == ["therapies/b/index.html"])
        // The search index (every page's text) follows the page, and then holds the new text.
        func searchText() -> String {
            live.served.files.filter { $0.key.hasPrefix("search/text-") }.values
                .map { String(decoding: Gzip.decompress($0) ?? [], as: UTF8.self) }.joined()
        }
        #expect(!searchText().contains("New B body"))
        #expect(live.refreshSearchIndex())
        #expect(searchText().contains("New B body"))
        #expect(!live.refreshSearchIndex())
        #expect(html(live, "therapies/b/index.html").contains("New B body."))
        // A full build of the same sources gives the same files.
        live.refreshSearchIndex()
        let fresh = LiveBuild(options: site.options)
        fresh.buildAll()
        #expect(fresh.served.files == live.served.files)
    }

    /// A tag is a page of its own (`/tags/x/`) in the list of tags and the sitemap; the pages
    /// the edit makes related to b show it, and nothing else is written again.
    @Test func aNewTagWritesItsPagesAndThePagesItRelates() throws {
        var files = ServeLiveBuildTests.files
        files["Content/therapies/c.md"] = "---\ntitle: C\nweight: 3\ntags: [family, groups]\n---\nC body.\n"
        files["Content/therapies/d.md"] = "---\ntitle: D\nweight: 4\ntags: [groups]\n---\nD body.\n"
        files["Templates/page.mustache"] =
            "{{<base}}{{$main}}<h1>{{page.title}}</h1>{{> partials/terms}}{{> partials/related}}{{/main}}{{/base}}"
        let site = try TemporarySite(files)
        defer { site.remove() }
        let live = LiveBuild(options: site.options)
        guard case .full = live.buildAll() else { Issue.record("first build failed"); return }
        #expect(html(live, "tags/groups/index.html").contains("href=\"/therapies/d/\""))
        try site.write("---\ntitle: B\nweight: 2\ntags: [x, family]\n---\nB body.\n", to: "Content/therapies/b.md")
        guard case .partial(let outputs, _) = live.apply(changed("therapies/b.md")) else {
            Issue.record("expected a partial rebuild")
            return
        }
        #expect(outputs == ["sitemap.xml", "tags/family/index.html", "tags/index.html", "tags/x/index.html",
            "therapies/b/index.html", "therapies/c/index.html"])
        #expect(html(live, "therapies/c/index.html").contains("<li><a href=\"/therapies/b/\">B</a>"))
        #expect(html(live, "therapies/b/index.html").contains("href=\"/tags/x/\""))
        live.refreshSearchIndex()
        let fresh = LiveBuild(options: site.options)
        fresh.buildAll()
        #expect(fresh.served.files == live.served.files)
    }

    @Test func theSearchIndexCanFollowOnAnotherThread() throws {
        let site = try TemporarySite(ServeLiveBuildTests.files)
        defer { site.remove() }
        let live = LiveBuild(options: site.options)
        live.buildAll()
        try site.write("---\ntitle: C\nweight: 3\n---\nNew C body.\n", to: "Content/therapies/c.md")
        _ = live.apply(changed("therapies/c.md"))
        live.startSearchIndexRefresh()
        let deadline = Date().addingTimeInterval(10)
        while !live.collectSearchIndex() && Date() < deadline { usleep(5_000) }
        let fresh = LiveBuild(options: site.options)
        fresh.buildAll()
        #expect(fresh.served.files == live.served.files)
        #expect(!live.collectSearchIndex())
    }

    /// Shorter pages fit the search text in fewer files: the files the new index no longer has
    /// are no longer served (they lingered, a stale part of the site a fresh build lacks).
    @Test func searchFilesTheNewIndexLacksAreGone() throws {
        let long = (0..<250).map { "word\($0)" }.joined(separator: " ")
        var files = ServeLiveBuildTests.files
        for name in ["a", "b", "c", "d"] {
            files["Content/therapies/\(name).md"] = (files["Content/therapies/\(name).md"] ?? "")
                + "\n## One\n\n\(long)\n\n## Two\n\n\(long)\n"
        }
        let site = try TemporarySite(files)
        defer { site.remove() }
        let live = LiveBuild(options: site.options)
        live.buildAll()
        func textFiles(_ live: LiveBuild) -> [String] {
            live.served.files.keys.filter { $0.hasPrefix("search/text-") }.sorted()
        }
        #expect(textFiles(live).count > 1)
        for (name, weight) in [("a", 1), ("b", 2), ("c", 3), ("d", 4)] {
            try site.write("---\ntitle: \(name.uppercased())\nweight: \(weight)\n---\nShort.\n",
                to: "Content/therapies/\(name).md")
        }
        #expect(!live.apply(changed("therapies/a.md", "therapies/b.md", "therapies/c.md", "therapies/d.md")).isFull)
        #expect(live.refreshSearchIndex())
        let fresh = LiveBuild(options: site.options)
        fresh.buildAll()
        #expect(textFiles(fresh).count < textFiles(live).count || textFiles(fresh) == textFiles(live))
        #expect(Set(live.served.files.keys) == Set(fresh.served.files.keys))
        #expect(fresh.served.files == live.served.files)
    }

    @Test func aDescriptionEditAlsoRewritesListsOfEveryPage() throws {
        var files = ServeLiveBuildTests.files
        files["Templates/site-index.mustache"] = "{{#allSections}}{{#pages}}{{title}}: {{description}};{{/pages}}{{/allSections}}"
        let site = try TemporarySite(files)
        defer { site.remove() }
        let live = LiveBuild(options: site.options)
        live.buildAll()
        try site.write("---\ntitle: D\nweight: 4\ndescription: Dee\n---\nD body.\n", to: "Content/therapies/d.md")
        guard case .partial(let outputs, _) = live.apply(changed("therapies/d.md")) else {
            Issue.record("expected a partial rebuild")
            return
        }
        // The sitemap shows no descriptions.
        #expect(outputs.contains("site-index/index.html") && !outputs.contains("sitemap.xml"))
        #expect(html(live, "site-index/index.html").contains("D: Dee;"))
        live.refreshSearchIndex()
        let fresh = LiveBuild(options: site.options)
        fresh.buildAll()
        #expect(fresh.served.files == live.served.files)
    }

    @Test func changesOtherPagesShowRewriteThosePagesAndNoMore() throws {
        let site = try TemporarySite(ServeLiveBuildTests.files)
        defer { site.remove() }
        let live = LiveBuild(options: site.options)
        live.buildAll()
        let edits = [
            "---\ntitle: B renamed\nweight: 2\n---\nB body.\n",
            "---\ntitle: B renamed\nweight: 9\n---\nB body.\n",
            "---\ntitle: B renamed\nweight: 9\nslug: bee\n---\nB body.\n",
            "---\ntitle: B renamed\nweight: 9\nslug: bee\naliases: [/old-b/]\n---\nB body.\n",
        ]
        for (i, edit) in edits.enumerated() {
            try site.write(edit, to: "Content/therapies/b.md")
            guard case .partial(let outputs, _) = live.apply(changed("therapies/b.md")) else {
                Issue.record("expected a partial rebuild for \(edit)")
                return
            }
            // Another section's page shows nothing of b (but its URL, which only the slug moves).
            #expect((i == 2) == outputs.contains("other/index.html"), "\(edit): \(outputs)")
            live.refreshSearchIndex()
            let fresh = LiveBuild(options: site.options)
            fresh.buildAll()
            #expect(fresh.served.files == live.served.files, "\(edit)")
        }
        #expect(live.served.files["old-b/index.html"] != nil && live.served.files["therapies/b/index.html"] == nil)
        #expect(live.apply(SourceChanges(themeOrConfig: true)).isFull)
        try site.write("---\ntitle: E\n---\nE.\n", to: "Content/therapies/e.md")
        #expect(!live.apply(SourceChanges(addedOrRemovedContent: ["therapies/e.md"])).isFull)
        #expect(live.served.files["therapies/e/index.html"] != nil)
    }

    @Test func anErrorFailsAndTheNextGoodChangeRecovers() throws {
        let site = try TemporarySite(ServeLiveBuildTests.files)
        defer { site.remove() }
        let live = LiveBuild(options: site.options)
        live.buildAll()
        try site.write("---\ntitle: [B\n---\n", to: "Content/therapies/b.md")
        guard case .failed(let diagnostics, _) = live.apply(changed("therapies/b.md")) else {
            Issue.record("expected a failure")
            return
        }
        #expect(diagnostics.contains { $0.location.file.hasSuffix("Content/therapies/b.md") && $0.location.line == 2 })
        #expect(live.served.failure != nil)
        #expect(live.served.files["therapies/b/index.html"] != nil)  // the last good site is kept
        try site.write("---\ntitle: B\nweight: 2\n---\nBack.\n", to: "Content/therapies/b.md")
        #expect(live.apply(changed("therapies/b.md")).isFull)
        #expect(live.served.failure == nil)
        #expect(html(live, "therapies/b/index.html").contains("Back."))
    }

    /// Pages from cmark's pathological suite saved into a served site: each edit fails cleanly
    /// at the page (the limits, before cmark sees the text), the last good site stays served,
    /// and fixing the page brings it back.
    @Test func aPathologicalPageFailsCleanlyAndTheFixRecovers() throws {
        let site = try TemporarySite(ServeLiveBuildTests.files)
        defer { site.remove() }
        let live = LiveBuild(options: site.options)
        live.buildAll()
        let inputs = [
            "emph in deep blockquote": String(repeating: ">", count: 100_000) + String(repeating: "a*", count: 100_000),
            "empty lines in nested lists": String(repeating: "- ", count: 30_000) + "x" + String(repeating: "\n", count: 30_000),
            "image brackets": String(repeating: "![[]()", count: 160_000),
        ]
        for (name, body) in inputs.sorted(by: { $0.key < $1.key }) {
            try site.write("---\ntitle: B\nweight: 2\n---\n" + body + "\n", to: "Content/therapies/b.md")
            guard case .failed(let diagnostics, _) = live.apply(changed("therapies/b.md")) else {
                Issue.record("\(name): expected a failure")
                continue
            }
            #expect(diagnostics.contains { $0.location.file.hasSuffix("Content/therapies/b.md") && $0.location.line == 5 },
                "\(name): \(diagnostics.map(\.message))")
            #expect(html(live, "therapies/b/index.html").contains("B body."), "\(name): the last good page is kept")
        }
        try site.write("---\ntitle: B\nweight: 2\n---\nBack.\n", to: "Content/therapies/b.md")
        #expect(live.apply(changed("therapies/b.md")).isFull)
        #expect(live.served.failure == nil)
        #expect(html(live, "therapies/b/index.html").contains("Back."))
    }
}

@Suite struct ServeSourceWatcherTests {
    @Test func reportsEditsAdditionsRemovalsAndThemeChanges() throws {
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\n", "Content/.a.md.swp": "x"])
        defer { site.remove() }
        var watcher = SourceWatcher(contentPath: site.root + "/Content", templatesPath: site.root + "/Templates",
            configPath: site.root + "/site.yaml")
        #expect(watcher.changes().isEmpty)
        try site.write("---\ntitle: A2\n---\n", to: "Content/a.md")
        try site.write("y", to: "Content/.a.md.swp")
        #expect(watcher.changes() == SourceChanges(modifiedContent: ["a.md"]))
        try site.write("---\ntitle: B\n---\n", to: "Content/sub/b.md")
        #expect(watcher.changes().addedOrRemovedContent == ["sub/", "sub/b.md"])
        try FileManager.default.removeItem(atPath: site.root + "/Content/a.md")
        #expect(watcher.changes().addedOrRemovedContent == ["a.md"])
        try site.write("title: New\n", to: "site.yaml")
        #expect(watcher.changes() == SourceChanges(themeOrConfig: true))
        try site.write("x", to: "Templates/partials/new.mustache")
        #expect(watcher.changes().themeOrConfig)
    }

    /// A file written again in place with as many bytes within one tick of the file system's
    /// clock keeps its modification time, size and inode (on kernels before 6.13, FAT, network
    /// shares): the watcher then compares the bytes of files it looked at right after a write.
    /// Here every write's time is set to one moment, as such a clock would (a moment ahead, so
    /// that a slow test machine cannot make the writes look old).
    @Test func aSecondWriteInTheSameClockTickIsSeen() throws {
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\nOne.\n"])
        defer { site.remove() }
        let content = site.root + "/Content"
        var tick = timespec()
        clock_gettime(CLOCK_REALTIME, &tick)
        tick.tv_sec += 60
        func write(_ path: String, _ text: String) throws {
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
            var times = [tick, tick]
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        }
        try write(content + "/a.md", "---\ntitle: A\n---\nOne.\n")
        try write(site.root + "/Templates/page.mustache", "x")
        var watcher = SourceWatcher(contentPath: content, templatesPath: site.root + "/Templates",
            configPath: site.root + "/site.yaml")
        for text in ["Two.", "Six.", "Ten."] {
            try write(content + "/a.md", "---\ntitle: A\n---\n\(text)\n")
            #expect(watcher.changes() == SourceChanges(modifiedContent: ["a.md"]), "\(text)")
        }
        try write(content + "/a.md", "---\ntitle: A\n---\nAll.\n")
        #expect(watcher.changes(at: [content + "/a.md"]) == SourceChanges(modifiedContent: ["a.md"]))
        for text in ["y", "z"] {
            try write(site.root + "/Templates/page.mustache", text)
            #expect(watcher.changes().themeOrConfig, "\(text)")
        }
        // Nothing else changed: nothing is reported.
        #expect(watcher.changes().isEmpty)
        #expect(watcher.changes(at: [content + "/a.md"]).isEmpty)
    }

    /// The build leaves out what the watcher ignores, so that no such file is ever served stale
    /// (the `cbt.md~` vim makes while it saves was published, and stayed after vim deleted it).
    @Test func theBuildLeavesOutWhatTheWatcherIgnores() throws {
        let site = try TemporarySite([
            "Content/a.md": "---\ntitle: A\n---\n", "Content/a.md~": "backup", "Content/.a.md.swp": "swap",
            "Content/files/notes.txt": "x", "Content/files/notes.txt~": "x",
            "Templates/assets/site.css": "x", "Templates/assets/site.css~": "x", "Templates/assets/.site.css.swp": "x",
        ])
        defer { site.remove() }
        try site.build()
        let paths = Set(site.snapshot().keys)
        #expect(paths.isSuperset(of: ["a/index.html", "files/notes.txt", "assets/site.css"]))
        #expect(!paths.contains { $0.hasSuffix("~") || $0.hasPrefix(".") || $0.contains("/.") }, "\(paths.sorted())")
    }

    @Test func looksAtTheFilesEventsNameOrElseAtEverything() throws {
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\n", "Content/b.md": "---\ntitle: B\n---\n"])
        defer { site.remove() }
        let content = site.root + "/Content"
        var watcher = SourceWatcher(contentPath: content, templatesPath: site.root + "/Templates",
            configPath: site.root + "/site.yaml")
        try site.write("---\ntitle: A2\n---\n", to: "Content/a.md")
        try site.write("---\ntitle: B2\n---\n", to: "Content/b.md")
        // Only the named file is looked at; b.md's change is found by the next full look.
        #expect(watcher.changes(at: [content + "/a.md"]) == SourceChanges(modifiedContent: ["a.md"]))
        #expect(watcher.changes(at: [content + "/a.md"]).isEmpty)
        #expect(watcher.changes() == SourceChanges(modifiedContent: ["b.md"]))
        // A file it does not know, or one outside the content folder: everything is looked at.
        try site.write("---\ntitle: C\n---\n", to: "Content/c.md")
        #expect(watcher.changes(at: [content + "/c.md"]).addedOrRemovedContent == ["c.md"])
        try site.write("title: New\n", to: "site.yaml")
        #expect(watcher.changes(at: [site.root + "/site.yaml"]).themeOrConfig)
    }

    #if canImport(Glibc)
    @Test func folderEventsNameTheFileWritten() throws {
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\n"])
        defer { site.remove() }
        let events = try #require(FolderEvents())
        events.watch([site.root + "/Content"])
        #expect(events.wait(timeout: 0.01, settle: 0.01) == .none)
        try site.write("---\ntitle: A2\n---\n", to: "Content/a.md")
        #expect(events.wait(timeout: 2, settle: 0.01) == .paths([site.root + "/Content/a.md"]))
    }

    /// A save in a subfolder is named so that the watcher looks at that file alone (a path
    /// with `//` in it was unknown to it, and every save cost a look at the whole site).
    @Test func eventsInSubfoldersNameFilesTheWatcherKnows() throws {
        let site = try TemporarySite(["Content/care/b.md": "---\ntitle: B\n---\n"])
        defer { site.remove() }
        let content = site.root + "/Content"
        var watcher = SourceWatcher(contentPath: content, templatesPath: site.root + "/Templates",
            configPath: site.root + "/site.yaml")
        let events = try #require(FolderEvents())
        events.watch(watcher.folders)
        try site.write("---\ntitle: B2\n---\n", to: "Content/care/b.md")
        let activity = events.wait(timeout: 2, settle: 0.01)
        #expect(activity == .paths([content + "/care/b.md"]))
        guard case .paths(let paths) = activity else { return }
        #expect(watcher.changes(at: paths) == SourceChanges(modifiedContent: ["care/b.md"]))
    }
    #endif
}

extension LiveBuild.Outcome {
    var isFull: Bool {
        if case .full = self { return true }
        return false
    }
}

@Suite struct ServeReloadChannelTests {
    @Test func streamsEventsAndForgetsListenersWhoseBodyIsGone() async throws {
        let channel = ReloadChannel()
        var body: EventStreamBody? = channel.subscribe()
        #expect(channel.listenerCount == 1)
        channel.reload(generation: 7)
        var iterator = body!.makeAsyncIterator()
        var text = ""
        while !text.contains("event: reload\ndata: 7\n\n"), let chunk = try await iterator.nextBuffer(suggested: 5) {
            text += String(decoding: chunk, as: UTF8.self)
        }
        #expect(text == "retry: 500\n: lantern serve\n\nevent: reload\ndata: 7\n\n")
        body = nil
        iterator = channel.subscribe().makeAsyncIterator()  // the first body's iterator is gone too
        #expect(channel.listenerCount == 1)
        channel.close()
        #expect(channel.listenerCount == 0)
        var rest = ""
        while let chunk = try await iterator.nextBuffer(suggested: 100) { rest += String(decoding: chunk, as: UTF8.self) }
        #expect(rest == "retry: 500\n: lantern serve\n\n")  // then the stream ends
    }
}
