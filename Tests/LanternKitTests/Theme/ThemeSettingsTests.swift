import Foundation
import Testing
@testable import LanternKit

@Suite struct ContrastTests {
    private func ratio(_ a: String, _ b: String) -> Double {
        Colour(hex: a)!.contrast(with: Colour(hex: b)!)
    }

    /// Ratios any WCAG contrast checker gives for these pairs.
    @Test func matchesKnownWCAGRatios() {
        #expect(abs(ratio("#000", "#fff") - 21) < 0.001)
        #expect(abs(ratio("#777", "#ffffff") - 4.48) < 0.005)
        #expect(abs(ratio("#767676", "#fff") - 4.54) < 0.005)
        #expect(abs(ratio("#949494", "#fff") - 3.03) < 0.005)
        #expect(abs(ratio("#1d4e5f", "#fff") - ratio("#fff", "#1d4e5f")) < 1e-12)
        #expect(ratio("#abcdef", "#ABCDEF") == 1)
    }

    @Test func readsOnlyHexColours() {
        #expect(Colour(hex: "#1D4e5f")?.description == "#1d4e5f")
        #expect(Colour(hex: "#abc")?.description == "#aabbcc")
        for bad in ["teal", "1d4e5f", "#1d4e5", "#ggg", "#", "", "rgb(0,0,0)", "#1d4e5f00"] {
            #expect(Colour(hex: bad) == nil, "\(bad)")
        }
    }
}

@Suite struct ThemeSettingsTests {
    private func problems(_ theme: String) -> [String] {
        do {
            _ = try SiteConfig.parse("title: T\ntheme:\n" + theme, file: "site.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func aColourPairBelowAAIsAnErrorAtItsLine() {
        #expect(problems("  brand: \"#1d4e5f\"\n  accent: \"#1a5a73\"\n") == [])
        let light = problems("  brand: \"#6fa8bb\"\n")
        #expect(light.count == 2, "white text on it, and its buttons on the page")
        #expect(light.last?.hasPrefix("site.yaml:3:10: error: text on the brand colour (#ffffff and #6fa8bb) "
            + "have a contrast of 2.") == true)
        #expect(light.last?.contains("needs at least 4.5:1") == true)
        // Dark text on a light brand reads, but the light brand's buttons fade into the page (3:1).
        let faint = problems("  brand: \"#e8f0f2\"\n  on_brand: \"#000\"\n")
        #expect(faint.count == 1)
        #expect(faint.first?.contains("buttons and borders in the brand colour on the page") == true)
        #expect(faint.first?.contains("needs at least 3:1") == true)
        #expect(problems("  accent: \"#777\"\n").first?.hasPrefix("site.yaml:3:11: error: links in the accent") == true)
        #expect(problems("  accent: \"#767676\"\n").first?.contains("4.35:1") == true, "on #fbfaf7, not white")
        #expect(problems("  accent: \"#6b6b6b\"\n") == [])
    }

    @Test func badValuesNameTheirLine() {
        #expect(problems("  brand: teal\n") == ["site.yaml:3:10: error: 'theme.brand' must be a colour written "
            + "#rrggbb or #rgb, like \"#1d4e5f\"; found 'teal'"])
        #expect(problems("  brand: #1d4e5f\n").first?.contains("write the colour in quotes") == true)
        #expect(problems("  logo: https://cdn.example/logo.png\n").first?.hasPrefix("site.yaml:3:9: error: 'theme.logo'") == true)
        #expect(problems("  footer_links: [faq]\n").first?.contains("choose from contact, get-help-now") == true)
        #expect(problems("  colours: {}\n").first?.contains("'theme.colours' is not a theme setting") == true)
    }

    @Test func settingsBecomeAStylesheetAndTemplateValues() throws {
        let site = try TemporarySite([
            "site.yaml": "title: T\nbase_url: https://example.org\ntheme:\n  brand: \"#5a2d82\"\n"
                + "  logo: /logo.svg\n  footer_links: [contact, site-index]\n",
            "Content/_index.md": "---\ntitle: Home\n---\nHi.\n",
            "Content/contact.md": "---\ntitle: Contact\n---\nCall.\n",
            "Content/glossary.md": "---\ntitle: Glossary\n---\nWords.\n",
            "Content/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ], withDefaults: false)
        defer { site.remove() }
        try site.build()
        let css = try #require(site.output("assets/theme-settings.css"))
        #expect(css.contains("@media not (prefers-color-scheme: dark)"))
        #expect(css.contains("--brand: #5a2d82;"))
        let home = try #require(site.output("index.html"))
        #expect(home.contains("<link rel=\"stylesheet\" href=\"/assets/site.css\">\n"
            + "<link rel=\"stylesheet\" href=\"/assets/theme-settings.css\">\n"))
        #expect(home.contains("<img src=\"/logo.svg\" alt=\"\""))
        let footer = try #require(home.components(separatedBy: "<nav class=\"footer-nav\"").last)
        #expect(footer.contains("<li><a href=\"/contact/\">Contact us</a></li>\n<li><a href=\"/site-index/\">All pages</a></li>"))
        #expect(!footer.contains("Glossary"), "footer_links leaves it out")
        #expect(!home.contains("More ways to get help"), "there is no get-help-now page to link to")
        #expect(BuiltSiteLinks.broken(in: site.root + "/Public") == [])
    }

    @Test func noFooterLinksLeaveNoEmptyFooterMenu() throws {
        let site = try TemporarySite([
            "site.yaml": "title: T\nbase_url: https://example.org\ntheme:\n  footer_links: []\n",
            "Content/_index.md": "---\ntitle: Home\n---\nHi.\n",
            "Content/contact.md": "---\ntitle: Contact\n---\nCall.\n",
        ], withDefaults: false)
        defer { site.remove() }
        try site.build()
        let home = try #require(site.output("index.html"))
        #expect(home.contains("<footer class=\"site-footer\">"))
        #expect(!home.contains("footer-nav"))
    }

    @Test func withoutSettingsThereIsNoStylesheet() throws {
        let site = try TemporarySite(["Content/_index.md": "---\ntitle: Home\n---\nHi.\n",
            "site.yaml": "title: T\n"], withDefaults: false)
        defer { site.remove() }
        try site.build()
        #expect(site.output("assets/theme-settings.css") == nil)
        #expect(site.output("index.html")?.contains("theme-settings") == false)
    }
}
