import Foundation
import Testing
@testable import LanternKit

/// The HTML link scanner, and `lantern check` following every link of the built pages.
@Suite struct HTMLLinkScannerTests {
    private func urls(_ html: String) -> [String] { HTMLLinkScanner(Array(html.utf8)).links.map(\.url) }

    @Test func readsQuotedUnquotedAndDecodedValues() {
        #expect(urls(#"<a href="/a/">x</a><A HREF='/b/'>y</A><img src=/c.png alt=""><a class=x href = "/d/?x=1&amp;y=2">"#)
            == ["/a/", "/b/", "/c.png", "/d/?x=1&y=2"])
        #expect(urls(#"<a href="/caf&#233;/&#x2F;x">"#) == ["/café//x"])
        #expect(urls(#"<a href="/it&#39;s/">"#) == ["/it's/"])
        // An unknown reference stays as written.
        #expect(urls(#"<a href="/a&b;c/">"#) == ["/a&b;c/"])
        let link = HTMLLinkScanner(Array(#"<p><a href="/x/&amp;">"#.utf8)).links[0]
        #expect(link.written == "/x/&amp;")
        #expect(link.offset == 12)
    }

    @Test func readsEveryURLOfASrcset() {
        #expect(urls(#"<img srcset="/a.png 1x, /b.png 2x,/c.png 300w, /d,e.png" src="/z.png">"#)
            == ["/a.png", "/b.png", "/c.png", "/d,e.png", "/z.png"])
        #expect(HTMLLinkScanner.srcsetURLs("/a.png, /b.png") == ["/a.png", "/b.png"])
    }

    @Test func skipsCommentsScriptsAndStylesButFindsIds() {
        let html = #"""
            <!-- <a href="/commented/"> --><script>var s = '<a href="/in-script/">';</script>
            <style>a[href="/in-style/"]{}</style><title><a href="/in-title/"></title>
            <h2 id="one">x</h2><a name="two"></a><div name="not-an-anchor"></div><a href="#one">y</a>
            """#
        let scan = HTMLLinkScanner(Array(html.utf8))
        #expect(scan.links.map(\.url) == ["#one"])
        #expect(scan.ids == ["one", "two"])
    }

    @Test func tellsSiteLinksFromOtherAddresses() {
        for local in ["/a/", "a/b.html", "../x/", "#top", "?q=1", "page:1/x", "./a:b"] where local != "page:1/x" {
            #expect(HTMLLinkScanner.isLocal(local), "\(local)")
        }
        for other in ["https://example.org/", "http://x", "//cdn.example.org/x.js", "mailto:a@b.org",
                      "tel:+15550100199", "sms:988", "data:image/png;base64,xx", "javascript:void(0)", ""]
        {
            #expect(!HTMLLinkScanner.isLocal(other), "\(other)")
        }
    }

    @Test func resolvesLinksAsABrowserDoes() {
        #expect(RenderedLinkRule.resolve("/a/b/#x", from: "/c/").path == "a/b/index.html")
        #expect(RenderedLinkRule.resolve("/a/b/#x", from: "/c/").fragment == "x")
        #expect(RenderedLinkRule.resolve("../b/", from: "/a/c/").path == "a/b/index.html")
        #expect(RenderedLinkRule.resolve("b.html", from: "/a/c.html").path == "a/b.html")
        #expect(RenderedLinkRule.resolve("#top", from: "/a/").path == "a/index.html")
        #expect(RenderedLinkRule.resolve("/caf%C3%A9/?q=1", from: "/").path == "café/index.html")
        #expect(RenderedLinkRule.resolve("..", from: "/a/b/").path == "a/index.html")
        #expect(URLSpace.url(ofOutput: "a/index.html") == "/a/")
        #expect(URLSpace.url(ofOutput: "index.html") == "/")
        #expect(URLSpace.url(ofOutput: "a.html") == "/a.html")
    }
}

@Suite struct RenderedLinkRuleTests {
    static let today = SiteDate("2026-11-22")!

    /// A theme whose footer links to pages by their pretty URLs, as the default theme does.
    static let files: [String: String] = [
        "Templates/base.mustache": """
            <!DOCTYPE html><html><head><title>{{page.title}}</title></head><body>
            <a href="#main">skip</a><main id="main">{{$main}}{{/main}}</main>
            <footer><a href="/contact/">Contact</a> <a href="/glossary/#terms">Terms</a>
            <a href="/#nowhere">Home</a> <img src="/assets/logo.png" alt=""></footer>
            </body></html>
            """,
        "Templates/assets/logo.png": "png",
        "Content/contact.md": "---\ntitle: Contact\ndescription: x\n---\nCall us.\n",
        "Content/glossary.md": "---\ntitle: Glossary\ndescription: x\n---\n## Terms\n\nWords. [Missing](/no-such-page/).\n",
        "Content/old.md": "---\ntitle: Old\ndescription: x\naliases: [/older/]\n---\nText.\n",
    ]

    private func check(ugly: Bool) throws -> [Diagnostic] {
        var files = RenderedLinkRuleTests.files
        files["site.yaml"] = TemporarySite.minimalConfig + (ugly ? "ugly_urls: true\n" : "")
        let site = try TemporarySite(files)
        defer { site.remove() }
        return Checker.check(site.options, today: RenderedLinkRuleTests.today).diagnostics
            .filter { $0.rule == "broken-link" }
    }

    @Test func theThemesLinksAreCheckedAndReportedAtTheTemplatesLine() throws {
        let found = try check(ugly: false)
        let theme = found.filter { $0.location.file.hasSuffix("Templates/base.mustache") }
        #expect(theme.map(\.message) == [
            "link '/#nowhere' names an id '#nowhere' that its page does not have (on 7 pages, e.g. /404.html)",
        ])
        #expect(theme.first?.location.line == 4)
        #expect(theme.first?.location.column == 10)
        // The Markdown link is reported once, by the rule that knows its line.
        let markdown = found.filter { $0.message.contains("no-such-page") }
        #expect(markdown.count == 1)
        #expect(markdown.first?.location.file.hasSuffix("Content/glossary.md") == true)
        #expect(markdown.first?.location.line == 7)
    }

    @Test func underUglyURLsTheThemesPrettyLinksLeadNowhere() throws {
        let theme = try check(ugly: true).filter { $0.location.file.hasSuffix("Templates/base.mustache") }
        #expect(theme.map(\.message) == [
            "link '/contact/' leads to nothing on this site; the page is at /contact.html (on 7 pages, e.g. /404.html)",
            "link '/glossary/#terms' leads to nothing on this site; the page is at /glossary.html (on 7 pages, e.g. /404.html)",
            "link '/#nowhere' names an id '#nowhere' that its page does not have (on 7 pages, e.g. /404.html)",
        ])
        #expect(theme.map(\.location.line) == [3, 3, 4])
    }
}
