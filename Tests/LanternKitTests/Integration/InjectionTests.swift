import Foundation
import Testing
@testable import LanternKit

/// Nothing a writer types (or pastes) may run script in a visitor's browser. Built with the
/// real default theme, since escaping is only as good as the templates that use it.
@Suite struct InjectionTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'"

    private func siteWithTheme(_ files: [String: String], config: String? = nil) throws -> TemporarySite {
        var all = files
        all["site.yaml"] = try config ?? String(contentsOfFile: InjectionTests.repository + "/site.yaml", encoding: .utf8)
        let site = try TemporarySite(all, withDefaults: false)
        try FileManager.default.copyItem(atPath: InjectionTests.repository + "/Templates", toPath: site.root + "/Templates")
        return site
    }

    private func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    @Test func frontMatterIsEscapedEverywhere() throws {
        let q = yamlQuoted(InjectionTests.hostile)
        let site = try siteWithTheme([
            "Content/_index.md": "---\ntitle: Home\n---\nHi\n",
            "Content/evil.md": """
                ---
                title: \(q)
                description: \(q)
                reviewed_by: \(q)
                last_reviewed: 2026-01-01
                tags: [\(q)]
                layout: faq
                ---
                ## Is this \(InjectionTests.hostile)?
                Answer \(InjectionTests.hostile)
                """,
        ])
        defer { site.remove() }
        try site.build()
        for path in ["evil/index.html", "index.html", "sitemap.xml", "404.html"] {
            let html = try #require(site.output(path))
            #expect(!html.contains("<script>alert"), "\(path) runs script")
            #expect(!html.contains("<img src=x"), "\(path) has an injected element")
            #expect(!html.contains("onerror=alert(2)>\""), "\(path) has an injected attribute")
        }
        let page = try #require(site.output("evil/index.html"))
        // Every ld+json block parses and holds the text as text.
        var rest = Substring(page)
        var blocks = 0
        while let open = rest.range(of: "<script type=\"application/ld+json\">") {
            let close = try #require(rest[open.upperBound...].range(of: "</script>"))
            let json = rest[open.upperBound..<close.lowerBound]
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
            #expect("\(object)".contains("alert(1)"))
            blocks += 1
            rest = rest[close.upperBound...]
        }
        #expect(blocks >= 1)
        #expect(page.components(separatedBy: "</script>").count - 1 == page.components(separatedBy: "<script").count - 1)
    }

    @Test func rawHTMLAndScriptLinksNeverReachTheSiteByDefault() throws {
        let body = """
            <script>alert(1)</script>

            <div onclick="alert(2)">x</div>

            [click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) <iframe src="/x"></iframe>
            """
        let site = try siteWithTheme([
            "Content/_index.md": "---\ntitle: Home\n---\nHi\n",
            "Content/raw.md": "---\ntitle: Raw\n---\n" + body,
        ])
        defer { site.remove() }
        try site.build()
        let html = try #require(site.output("raw/index.html"))
        let main = html.components(separatedBy: "<main").last ?? ""
        // The only scripts are the theme's own files (the print button's).
        #expect(main.components(separatedBy: "<script").count == main.components(separatedBy: "<script src=\"/assets/").count)
        #expect(!main.contains("alert(1)"))
        #expect(!main.contains("onclick"))
        #expect(!main.contains("javascript:"))
        #expect(!main.contains("data:text/html"))
        #expect(!main.contains("<iframe"))
    }

    @Test func unsafeModePassesHTMLButStillFiltersDangerousTags() throws {
        let config = "title: T\nbase_url: https://example.org\nmarkdown:\n  unsafe: true\n"
        let site = try siteWithTheme([
            "Content/_index.md": "---\ntitle: Home\n---\nHi\n",
            "Content/raw.md": "---\ntitle: Raw\n---\n<details><summary>More</summary>Text</details>\n\n<script>alert(1)</script>\n",
        ], config: config)
        defer { site.remove() }
        try site.build()
        let html = try #require(site.output("raw/index.html"))
        #expect(html.contains("<details><summary>More</summary>"))
        // GitHub's tagfilter still disarms script, iframe, style and the like.
        #expect(!(html.components(separatedBy: "<main").last ?? "").contains("<script>alert"))
    }

    @Test func pathologicalMarkdownBuilds() throws {
        let site = try TemporarySite([
            "Content/quotes.md": "---\ntitle: Q\n---\n" + String(repeating: "> ", count: 5_000) + "deep\n",
            "Content/lists.md": "---\ntitle: L\n---\n" + (0..<500).map { String(repeating: "  ", count: $0) + "- item\n" }.joined(),
            "Content/emphasis.md": "---\ntitle: E\n---\n## " + String(repeating: "*a ", count: 20_000) + "\n",
            "Content/brackets.md": "---\ntitle: B\n---\n" + String(repeating: "[", count: 20_000) + "x" + String(repeating: "](y.md)", count: 3) + "\n",
            "Content/backticks.md": "---\ntitle: T\n---\n" + String(repeating: "`", count: 20_000) + "\n" + String(repeating: "``", count: 5_000) + "\n",
        ])
        defer { site.remove() }
        let diagnostics = site.failure()
        // Nothing crashed or hung: the complaints are the link to a missing page and the
        // pages past a limit of MarkdownLimits, each at its own file.
        #expect(diagnostics.allSatisfy { $0.message.contains("y.md") || $0.message.contains("are allowed") })
        #expect(diagnostics.contains { $0.location.file.hasSuffix("quotes.md") && $0.message.contains("nested 5000 deep") })
    }

    @Test func awkwardFileNamesGetWorkingURLs() throws {
        let site = try TemporarySite([
            "Content/family/my plan #1?.md": "---\ntitle: Plan\n---\n",
            "Content/familia/guía.md": "---\ntitle: Guía\n---\n",
            "Content/_index.md": "---\ntitle: Home\n---\n[plan](family/my%20plan%20%231%3F.md) [guía](familia/guía.md)\n",
        ])
        defer { site.remove() }
        try site.build()
        #expect(site.output("family/my plan #1?/index.html") != nil)
        let home = try #require(site.output("index.html"))
        #expect(home.contains("href=\"/family/my%20plan%20%231%3F/\""))
        #expect(home.contains("href=\"/familia/gu%C3%ADa/\""))
        #expect(site.output("sitemap.xml")?.contains("https://example.org/familia/gu%C3%ADa/") == true)
    }
}
