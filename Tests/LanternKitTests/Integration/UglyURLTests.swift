import Foundation
import Testing
@testable import LanternKit

/// `ugly_urls: true` puts pages at `/section/page.html`, and everything that names a page
/// (links, lists, sitemap, search, checks, serve) follows.
@Suite struct UglyURLTests {
    static let files: [String: String] = [
        "site.yaml": TemporarySite.minimalConfig + "ugly_urls: true\n",
        "Content/iop/_index.md": "---\ntitle: IOP\n---\n",
        "Content/iop/how.md": "---\ntitle: How it works\n---\nSee [family help](../family/help.md#talking).\n",
        "Content/family/help.md": "---\ntitle: Help\nslug: support\n---\n## Talking\nBack to [how](/iop/how.html).\n",
    ]

    @Test func buildsOneFilePerPageAndLinksToIt() throws {
        let site = try TemporarySite(UglyURLTests.files)
        defer { site.remove() }
        try site.build()
        let how = try #require(site.output("iop/how.html"))
        #expect(how.contains("href=\"/family/support.html#talking\""))
        #expect(site.output("family/support.html") != nil)
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Public/iop/how"))
        #expect(site.output("iop/index.html")?.contains("href=\"/iop/how.html\"") == true)
        #expect(site.output("sitemap.xml")?.contains("<loc>https://example.org/iop/how.html</loc>") == true)
        let engine = try SearchEngine(directory: URL(fileURLWithPath: site.root + "/Public/search"))
        #expect(try engine.search("works").results.map(\.url) == ["/iop/how.html"])
    }

    @Test func theCommandLineFlagOverridesTheConfiguration() throws {
        var files = UglyURLTests.files
        files["site.yaml"] = TemporarySite.minimalConfig
        files["Content/family/help.md"] = "---\ntitle: Help\n---\nNo links.\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        try site.build()
        #expect(site.output("iop/how/index.html")?.contains("href=\"/family/help/#talking\"") == true)
        var options = site.options
        options.uglyURLs = true
        try Builder.build(options)
        #expect(site.output("iop/how.html")?.contains("href=\"/family/help.html#talking\"") == true)
        #expect(!FileManager.default.fileExists(atPath: site.root + "/Public/iop/how"))
    }

    @Test func checksKnowPagesByTheirHTMLURLs() throws {
        var files = UglyURLTests.files
        files["Content/iop/how.md"] = "---\ntitle: How it works\n---\n[Help](/family/support.html) [old](/family/support/)\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        let broken = Checker.check(site.options, today: SiteDate("2026-11-22")!).diagnostics
            .filter { $0.rule == "broken-link" }
        #expect(broken.map(\.message) == ["link '/family/support/' leads to nothing on this site"])
    }

    @Test func serveRendersAnEditedPageAtItsHTMLURL() throws {
        let site = try TemporarySite(UglyURLTests.files)
        defer { site.remove() }
        let live = LiveBuild(options: site.options)
        guard case .full = live.buildAll() else { Issue.record("first build failed"); return }
        try site.write("---\ntitle: Help\nslug: support\n---\n## Talking\nNew text.\n", to: "Content/family/help.md")
        guard case .partial(let outputs, _) = live.apply(SourceChanges(modifiedContent: ["family/help.md"])) else {
            Issue.record("expected a partial rebuild")
            return
        }
        #expect(outputs == ["family/support.html"])
        #expect(RequestPath.resolve("/family/support.html") == .file("family/support.html"))
    }
}
