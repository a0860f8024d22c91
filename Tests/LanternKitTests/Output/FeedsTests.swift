import Foundation
import Testing
@testable import LanternKit

/// The section feeds (Atom and JSON Feed): which pages, in what order, how many, links made
/// absolute; and the next review date the pages show. The feeds are parsed by a feed reader
/// in Tests/Browser/test_feeds.py.
@Suite struct FeedsTests {
    static let files: [String: String] = [
        "site.yaml": TemporarySite.minimalConfig + "feeds:\n  limit: 2\n",
        "Templates/base.mustache": """
            <!DOCTYPE html><html><head>{{#feeds}}<link rel="alternate" type="{{type}}" href="{{url}}">{{/feeds}}</head>
            <body>{{$main}}{{/main}}</body></html>
            """,
        "Content/therapies/_index.md": "---\ntitle: Therapies\ndate: 2026-01-01\n---\n",
        "Content/therapies/old.md": "---\ntitle: Old\ndate: 2025-05-01\n---\nOld.\n",
        "Content/therapies/reviewed.md":
            "---\ntitle: Reviewed\ndate: 2024-01-01\nlast_reviewed: 2026-10-15\n---\nSee [old](old.md) and ![chart](/chart.svg).\n",
        "Content/therapies/new.md": "---\ntitle: New\ndate: 2026-03-01\n---\nNew.\n",
        "Content/therapies/undated.md": "---\ntitle: Undated\n---\nNo date.\n",
        "Content/chart.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>",
    ]

    @Test func aSectionFeedHoldsItsNewestDatedPagesUpToTheLimitWithAbsoluteLinks() throws {
        let site = try TemporarySite(FeedsTests.files)
        defer { site.remove() }
        try site.build()
        let atom = try #require(site.output("therapies/feed.xml"))
        let ids = atom.components(separatedBy: "<entry>\n    <id>").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(ids == ["https://example.org/therapies/reviewed/", "https://example.org/therapies/new/"])
        #expect(atom.contains("<updated>2026-10-15T00:00:00Z</updated>\n  <link rel=\"self\""))
        #expect(atom.contains("href=&quot;https://example.org/therapies/old/&quot;"))
        #expect(atom.contains("src=&quot;https://example.org/chart.svg&quot;"))
        #expect(!atom.contains("Undated"))
        let json = try #require(site.output("therapies/feed.json"))
        #expect(json.contains("\"feed_url\":\"https://example.org/therapies/feed.json\""))
        #expect(json.contains("\"date_modified\":\"2026-10-15T00:00:00Z\""))
        // The site's feed (home's) holds the section page too, but not the home page.
        let siteFeed = try #require(site.output("feed.xml"))
        #expect(siteFeed.contains("<id>https://example.org/therapies/reviewed/</id>"))
        #expect(!siteFeed.contains("<id>https://example.org/</id>\n    <title>"))
        let page = try #require(site.output("therapies/new/index.html"))
        #expect(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feed.xml\">"))
        #expect(!page.contains("/therapies/feed."))
        let section = try #require(site.output("therapies/index.html"))
        #expect(section.contains("<link rel=\"alternate\" type=\"application/feed+json\" href=\"/feed.json\">"))
        #expect(section.contains("<link rel=\"alternate\" type=\"application/feed+json\" href=\"/therapies/feed.json\">"))
    }

    @Test func aLimitOfZeroWritesNoFeedsAndAnnouncesNone() throws {
        var files = FeedsTests.files
        files["site.yaml"] = TemporarySite.minimalConfig + "feeds:\n  limit: 0\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        try site.build()
        #expect(site.output("feed.xml") == nil && site.output("therapies/feed.json") == nil)
        #expect(site.output("therapies/new/index.html")?.contains("rel=\"alternate\"") == false)
    }

    @Test func aSectionsFeedIsInTheFolderItsSlugNames() throws {
        var files = FeedsTests.files
        files["site.yaml"] = TemporarySite.minimalConfig + "languages:\n  en: {}\n  es: {title: Sitio de prueba}\n"
        files["Content/therapies/_index.es.md"] = "---\ntitle: Terapias\nslug: terapias\ndate: 2026-01-01\n---\n"
        files["Content/therapies/new.es.md"] = "---\ntitle: Nueva\ndate: 2026-03-01\n---\nNueva.\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        try site.build()
        let atom = try #require(site.output("es/terapias/feed.xml"))
        #expect(atom.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/es/terapias/feed.xml\"/>"))
        #expect(atom.contains("<id>https://example.org/es/terapias/new/</id>"))
        #expect(site.output("es/therapies/feed.xml") == nil)
        #expect(site.output("es/terapias/feed.json")?.contains("\"feed_url\":\"https://example.org/es/terapias/feed.json\"") == true)
        let section = try #require(site.output("es/terapias/index.html"))
        #expect(section.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/es/terapias/feed.xml\">"))
        #expect(site.output("therapies/feed.xml") != nil)  // English keeps its own folder
    }

    @Test func twoBuildsWriteTheSameFeeds() throws {
        let site = try TemporarySite(FeedsTests.files)
        defer { site.remove() }
        try site.build()
        let first = [site.output("feed.xml"), site.output("feed.json")]
        try site.build()
        #expect([site.output("feed.xml"), site.output("feed.json")] == first)
    }

    @Test func onlyRootRelativeHrefAndSrcBecomeAbsolute() {
        let html = ##"<a href="/a/">a</a> <img src="/b.png" alt="/c"> <a href="//x.example/">x</a> <a href="#top">t</a> <a href="https://o.example/">o</a>"##
        #expect(Feeds.absoluteLinks(html, base: "https://s.example") ==
            ##"<a href="https://s.example/a/">a</a> <img src="https://s.example/b.png" alt="/c"> <a href="//x.example/">x</a> <a href="#top">t</a> <a href="https://o.example/">o</a>"##)
    }

    @Test func everyRootRelativeCandidateOfASrcsetBecomesAbsolute() {
        let html = ##"<img srcset="/a.480w.webp 480w, /a.800w.webp 800w,//cdn.example/c.webp 2x" src="/a.jpg"><source srcset="/p.webp">"##
        #expect(Feeds.absoluteLinks(html, base: "https://s.example") ==
            ##"<img srcset="https://s.example/a.480w.webp 480w, https://s.example/a.800w.webp 800w,//cdn.example/c.webp 2x" src="https://s.example/a.jpg"><source srcset="https://s.example/p.webp">"##)
        #expect(Feeds.absoluteLinks("é <a href=\"/ü/\">ü</a>=\"/", base: "https://s.example") ==
            "é <a href=\"https://s.example/ü/\">ü</a>=\"/")
    }

    @Test func theNextReviewIsDueTheReviewMonthsLater() {
        #expect(SiteDate("2026-10-15")!.adding(months: 12).iso == "2027-10-15")
        #expect(SiteDate("2026-01-31")!.adding(months: 1).iso == "2026-02-28")
        #expect(SiteDate("2024-02-29")!.adding(months: 12).iso == "2025-02-28")
        #expect(SiteDate("2026-11-30")!.adding(months: 6).iso == "2027-05-30")
    }
}
