import Foundation
import Testing
@testable import LanternKit

/// The built-in theme beneath the site's `Templates/`, file by file.
@Suite struct ThemeLayerTests {
    static let config = "title: Layered clinic\nbase_url: https://example.org\n"
    static let pages = [
        "site.yaml": config,
        "Content/_index.md": "---\ntitle: Home\ndescription: The home page.\n---\nWelcome.\n",
        "Content/care.md": "---\ntitle: Care\ndescription: A page.\n---\nText.\n",
    ]

    private func site(_ templates: [String: String]) throws -> TemporarySite {
        try TemporarySite(ThemeLayerTests.pages.merging(templates) { $1 }, withDefaults: false)
    }

    @Test func aSiteWithoutATemplatesFolderIsBuiltWithTheBuiltInTheme() throws {
        let site = try site([:])
        defer { site.remove() }
        try site.build()
        #expect(site.output("care/index.html")?.contains("<a class=\"skip-link\" href=\"#main\">") == true)
        #expect(site.output("404.html")?.contains("Page not found") == true)
        #expect(site.output("search/index.html") != nil)
        for path in BuiltInTheme.paths where path.hasPrefix("assets/") {
            #expect(site.snapshot()[path] == Data(BuiltInTheme.bytes(of: path)!), "\(path)")
        }
    }

    @Test func aSiteThatKeepsOnlyPageMustacheGetsEverythingElseFromTheBase() throws {
        let site = try site([
            "Templates/page.mustache": "{{<base}}{{$main}}<h1 class=\"mine\">{{page.title}}</h1>{{/main}}{{/base}}",
        ])
        defer { site.remove() }
        try site.build()
        let page = try #require(site.output("care/index.html"))
        #expect(page.contains("<h1 class=\"mine\">Care</h1>"))
        #expect(page.contains("<footer class=\"site-footer\">"), "base.mustache and its partials come from the base")
        #expect(site.output("index.html")?.contains("class=\"mine\"") == false, "home.mustache is the base's")
    }

    @Test func aPartialOrAnAssetOfTheSiteReplacesTheBuiltInOne() throws {
        let site = try site([
            "Templates/partials/crisis.mustache": "<p class=\"our-crisis\">Call us.</p>\n",
            "Templates/assets/site.css": "body { color: black; }\n",
            "Templates/assets/extra.css": "p {}\n",
            "Templates/.theme-base.json": "{}",
            "Templates/assets/site.css~": "backup",
        ])
        defer { site.remove() }
        try site.build()
        #expect(site.output("care/index.html")?.contains("<p class=\"our-crisis\">Call us.</p>") == true)
        #expect(site.output("assets/site.css") == "body { color: black; }\n")
        #expect(site.output("assets/extra.css") == "p {}\n")
        #expect(site.output("assets/icon.svg") != nil)
        #expect(site.output(".theme-base.json") == nil && site.output("assets/site.css~") == nil)
    }

    @Test func problemsNameTheSitesFileOrTheBuiltInOne() throws {
        let site = try site(["Templates/page.mustache": "{{<base}}{{$main}}\n{{> partials/missing}}{{/main}}{{/base}}"])
        defer { site.remove() }
        let found = site.failure()
        #expect(found.count == 1)
        #expect(found.first?.location.file == site.root + "/Templates/page.mustache")
        #expect(found.first?.location.line == 2)
        #expect(found.first?.message.hasPrefix("unknown partial 'partials/missing'") == true)
        let theme = Theme(siteFolder: site.root + "/Templates", displayRoot: "Templates")
        #expect(theme.files["page.mustache"]?.origin == .site)
        #expect(theme.files["base.mustache"]?.displayPath == "(built-in theme)/base.mustache")
    }
}
