import Foundation
import Testing
@testable import LanternKit

/// `lantern serve` end to end: a real site in a temporary folder, a real server on a free
/// loopback port, requests over a socket.
@Suite(.serialized) struct SiteServerTests {
    static let files: [String: String] = [
        "Content/therapies/_index.md": "---\ntitle: Therapies\n---\nKinds of therapy.\n",
        "Content/therapies/cbt.md": "---\ntitle: CBT\nweight: 1\n---\nOriginal text about CBT.\n",
        "Content/therapies/dbt.md": "---\ntitle: DBT\nweight: 2\n---\nSkills.\n",
        "Content/therapies/emdr.md": "---\ntitle: EMDR\nweight: 3\n---\nEye movements.\n",
        "Content/family/plan.md": "---\ntitle: Plan\ndraft: true\n---\nNot ready yet.\n",
        "Templates/page.mustache": """
            {{<base}}{{$main}}<h1>{{page.title}}</h1>{{{page.content}}}\
            {{#prev}}<a rel="prev" href="{{url}}">{{title}}</a>{{/prev}}\
            {{#next}}<a rel="next" href="{{url}}">{{title}}</a>{{/next}}{{/main}}{{/base}}
            """,
    ]

    /// Starts a server for `site`, runs `body`, stops the server.
    func serving(
        _ site: TemporarySite, drafts: Bool = true,
        _ body: (RawHTTPClient, SiteServer) async throws -> Void
    ) async throws {
        var build = site.options
        build.includeDrafts = drafts
        var options = SiteServer.Options(build: build)
        options.port = 0
        options.pollInterval = 0.05
        let server = SiteServer(options: options)
        let port = try await server.start()
        do {
            try await body(RawHTTPClient(port: port), server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// Polls until `path` answers with `status` and a body containing `text`.
    func eventually(_ client: RawHTTPClient, _ path: String, status: Int = 200, contains text: String,
                    seconds: Double = 2) async throws -> RawHTTPClient.Response? {
        let deadline = Date() + seconds
        while Date() < deadline {
            let response = try await client.get(path)
            if response.status == status && response.text.contains(text) { return response }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return nil
    }

    @Test func servesTheBuiltSiteWithLiveReloadInjected() async throws {
        let site = try TemporarySite(SiteServerTests.files)
        defer { site.remove() }
        try await serving(site) { client, _ in
            let page = try await client.get("/therapies/cbt/")
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            #expect(page.text.contains("Original text about CBT."))
            #expect(page.text.contains("<script src=\"/__lantern/reload.js\"></script></body>"))
            #expect(!page.text.contains("lantern-draft-banner"))

            let home = try await client.get("/")
            #expect(home.status == 200 && home.text.contains("Welcome."))

            let script = try await client.get("/__lantern/reload.js")
            #expect(script.status == 200)
            #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("new EventSource(\"/__lantern/events\")"))
            #expect(script.text.contains("\"reload\""))

            let redirect = try await client.get("/therapies/cbt")
            #expect(redirect.status == 301)
            #expect(redirect.headers["location"] == "/therapies/cbt/")

            let head = try await client.get("/therapies/cbt/", method: "HEAD")
            #expect(head.status == 200 && head.body.isEmpty)
            #expect(Int(head.headers["content-length"] ?? "") == page.body.count)

            let post = try await client.get("/", method: "POST")
            #expect(post.status == 405)
        }
        // Serving wrote nothing to disk, and a build to disk never carries the script.
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Public"))
        try site.build(drafts: true)
        for (path, data) in site.snapshot() {
            #expect(!String(decoding: data, as: UTF8.self).contains("__lantern"), "\(path)")
        }
    }

    @Test func missesAnswerThe404PageAndFoldersAreNeverListed() async throws {
        let site = try TemporarySite(SiteServerTests.files)
        defer { site.remove() }
        try await serving(site) { client, _ in
            for path in ["/nothing/here/", "/therapies/cbt/missing.png", "/assets/", "/therapies/cbt.md",
                         "/__lantern/", "/__lantern/other.js"] {
                let response = try await client.get(path)
                #expect(response.status == 404, "\(path)")
                #expect(response.text.contains("<h1>Not found</h1>"), "\(path)")
                #expect(response.text.contains("/__lantern/reload.js"), "\(path)")
            }
        }
    }

    /// A miss under a language's folder answers that language's 404 page; any other miss, the
    /// default language's.
    @Test func missesUnderALanguagesFolderAnswerItsOwn404Page() async throws {
        let site = try LanguageSiteTests.site()
        defer { site.remove() }
        try await serving(site) { client, _ in
            for (path, lang, heading) in [("/es/nada/", "es", "No encontramos la página"),
                                          ("/es/terapias/otra/", "es", "No encontramos la página"),
                                          ("/nothing/", "en", "Page not found"),
                                          ("/estudios/", "en", "Page not found")] {
                let response = try await client.get(path)
                #expect(response.status == 404, "\(path)")
                #expect(response.text.contains("<html lang=\"\(lang)\""), "\(path)")
                #expect(response.text.contains("<h1>\(heading)"), "\(path)")
            }
        }
    }

    @Test func pathTraversalAnswers404() async throws {
        let site = try TemporarySite(SiteServerTests.files)
        defer { site.remove() }
        // A secret beside the content folder, and one the build did publish, to show the
        // 404s come from refusing the path and not from a missing file.
        try site.write("secret", to: "secret.txt")
        try site.write("published", to: "Content/therapies/notes.txt")
        try await serving(site) { client, _ in
            #expect(try await client.get("/therapies/notes.txt").text == "published")
            let attempts = [
                "/../secret.txt",
                "/therapies/../../secret.txt",
                "/%2e%2e/secret.txt",
                "/%2E%2E/secret.txt",
                "/.%2e/secret.txt",
                "/..%2fsecret.txt",
                "/therapies%2fnotes.txt",
                "/therapies%2Fnotes.txt",
                "/%252e%252e/secret.txt",
                "/therapies%252fnotes.txt",
                "/..\\secret.txt",
                "/therapies\\notes.txt",
                "/..%5csecret.txt",
                "/therapies%5Cnotes.txt",
                "/therapies/notes.txt%00",
                "/therapies/notes.txt%00.html",
                "/./therapies/notes.txt",
                "/therapies/./notes.txt",
                "//therapies/notes.txt",
                "/%c0%ae%c0%ae/secret.txt",
                "/therapies/notes.txt%",
                "/therapies/notes.txt%zz",
            ]
            for target in attempts {
                let response = try await client.get(target)
                #expect(response.status == 404, "\(target) answered \(response.status)")
                #expect(!response.text.contains("secret") && !response.text.contains("published"), "\(target)")
            }
        }
    }

    @Test func contentTypesFollowTheExtension() async throws {
        let types = [
            "style.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
            "data.json": "application/json", "chart.svg": "image/svg+xml", "photo.png": "image/png",
            "photo.jpg": "image/jpeg", "photo.webp": "image/webp", "leaflet.pdf": "application/pdf",
            "feed.xml": "application/xml; charset=utf-8", "notes.txt": "text/plain; charset=utf-8",
            "favicon.ico": "image/x-icon", "font.woff2": "font/woff2",
        ]
        var files = SiteServerTests.files
        for name in types.keys { files["Content/files/" + name] = "x" }
        files["Content/files/chart.svg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        let site = try TemporarySite(files)
        defer { site.remove() }
        // Pictures must be pictures: anything else is a build error.
        let png = TestPictures.png(width: 8, height: 8)
        try site.write(Data(png), to: "Content/files/photo.png")
        try site.write(Data(TestPictures.jpeg(width: 8, height: 8)), to: "Content/files/photo.jpg")
        guard case .success(let webp) = Vips.encode(png, width: 8, formats: [.webp], quality: 80) else {
            Issue.record("libvips could not make a WebP")
            return
        }
        try site.write(Data(webp[0]), to: "Content/files/photo.webp")
        try await serving(site) { client, _ in
            for (name, type) in types {
                let response = try await client.get("/files/" + name)
                #expect(response.status == 200, "\(name)")
                #expect(response.headers["content-type"] == type, "\(name)")
                #expect(response.headers["x-content-type-options"] == "nosniff")
            }
            #expect(try await client.get("/sitemap.xml").headers["content-type"] == "application/xml; charset=utf-8")
            #expect(try await client.get("/robots.txt").headers["content-type"] == "text/plain; charset=utf-8")
            #expect(try await client.get("/404.html").headers["content-type"] == "text/html; charset=utf-8")
            // The search text is stored gzip and sent as the file it is, for search.js to inflate.
            let text = try await client.get("/search/" + IndexFormat.textFile(0))
            #expect(text.status == 200)
            #expect(text.headers["content-type"] == "application/gzip")
            #expect(text.headers["content-encoding"] == nil)
        }
    }

    @Test func draftsAreShownWithABannerUnlessLeftOut() async throws {
        let site = try TemporarySite(SiteServerTests.files)
        defer { site.remove() }
        try await serving(site) { client, _ in
            let draft = try await client.get("/family/plan/")
            #expect(draft.status == 200)
            #expect(draft.text.contains("<body><div class=\"lantern-draft-banner\" role=\"note\">Draft: not published</div>"))
            #expect(draft.text.contains("<link rel=\"stylesheet\" href=\"/__lantern/serve.css\"></head>"))
            let css = try await client.get("/__lantern/serve.css")
            #expect(css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(css.text.contains(".lantern-draft-banner"))
        }
        try await serving(site, drafts: false) { client, _ in
            let draft = try await client.get("/family/plan/")
            #expect(draft.status == 404)
        }
    }

    @Test func anEditIsServedAndAnnouncedWithinTwoSeconds() async throws {
        let site = try TemporarySite(SiteServerTests.files)
        defer { site.remove() }
        try await serving(site) { client, server in
            let events = try await client.listen()
            #expect(await events.waitFor(": lantern serve", seconds: 2))

            try site.write("---\ntitle: CBT\nweight: 1\n---\nEdited text about CBT.\n", to: "Content/therapies/cbt.md")
            let started = Date()
            #expect(try await eventually(client, "/therapies/cbt/", contains: "Edited text about CBT.") != nil)
            #expect(await events.waitFor("event: reload", seconds: 2))
            #expect(Date().timeIntervalSince(started) < 2)

            // A front matter error: the browser gets every diagnostic with file and line.
            try site.write("---\ntitle: [CBT\n---\nBroken.\n", to: "Content/therapies/cbt.md")
            try site.write("---\ntitle: DBT\nweight: 2\n---\nSee [x](missing<b>.md).\n", to: "Content/therapies/dbt.md")
            // Two files change: wait until the error page reflects both, not the first alone.
            let error = try await eventually(client, "/therapies/cbt/", status: 500, contains: "missing&lt;b&gt;.md")
            #expect(error != nil)
            if let error {
                #expect(error.text.contains("Content/therapies/cbt.md</span>:<span class=\"line\">2</span>"))
                #expect(error.text.contains("Content/therapies/dbt.md</span>:<span class=\"line\">5</span>"))
                #expect(error.text.contains("missing&lt;b&gt;.md"))
                #expect(!error.text.contains("missing<b>"))
                #expect(error.text.contains("/__lantern/reload.js"))
            }
            // Every page shows the errors.
            #expect(try await client.get("/").status == 500)
            #expect(try await client.get("/nothing/").status == 500)
            #expect(await events.waitFor("event: reload", count: 2, seconds: 2))

            // Fixing the files recovers without a restart.
            try site.write("---\ntitle: CBT\nweight: 1\n---\nFixed text.\n", to: "Content/therapies/cbt.md")
            try site.write("---\ntitle: DBT\nweight: 2\n---\nSkills.\n", to: "Content/therapies/dbt.md")
            #expect(try await eventually(client, "/therapies/cbt/", contains: "Fixed text.") != nil)
            #expect(try await client.get("/").status == 200)
            #expect(await events.waitFor("event: reload", count: 3, seconds: 2))
            #expect(server.reloadListeners == 1)
        }
    }

    @Test func closedEventStreamsAreForgotten() async throws {
        let site = try TemporarySite(SiteServerTests.files)
        defer { site.remove() }
        try await serving(site) { client, server in
            var events: RawHTTPClient.EventListener? = try await client.listen()
            #expect(await events!.waitFor(": lantern serve", seconds: 2))
            #expect(server.reloadListeners == 1)
            events = nil  // closes the socket
            // The server notices when it next writes to it.
            for i in 0..<20 where server.reloadListeners > 0 {
                try site.write("---\ntitle: CBT\nweight: 1\n---\nEdit \(i).\n", to: "Content/therapies/cbt.md")
                _ = try await eventually(client, "/therapies/cbt/", contains: "Edit \(i).")
            }
            #expect(server.reloadListeners == 0)
        }
    }

    @Test func templateAndConfigChangesRebuildEverything() async throws {
        let site = try TemporarySite(SiteServerTests.files)
        defer { site.remove() }
        try await serving(site) { client, _ in
            try site.write(TemporarySite.minimalConfig.replacingOccurrences(of: "Test site", with: "Renamed site"),
                to: "site.yaml")
            try site.write("{{<base}}{{$main}}<h1 class=\"new\">{{page.title}}</h1>{{/main}}{{/base}}",
                to: "Templates/page.mustache")
            #expect(try await eventually(client, "/therapies/dbt/", contains: "<h1 class=\"new\">DBT</h1>") != nil)
            try site.write("---\ntitle: New page\n---\nHello.\n", to: "Content/therapies/new.md")
            #expect(try await eventually(client, "/therapies/", contains: "New page") != nil)
        }
    }

    @Test func aPortInUseIsAClearError() async throws {
        let site = try TemporarySite(SiteServerTests.files)
        defer { site.remove() }
        try await serving(site) { client, _ in
            var options = SiteServer.Options(build: site.options)
            options.port = client.port
            let second = SiteServer(options: options)
            await #expect {
                _ = try await second.start()
            } throws: { error in
                "\(error)".contains("port \(client.port) on 127.0.0.1 is already in use")
            }
        }
    }
}
