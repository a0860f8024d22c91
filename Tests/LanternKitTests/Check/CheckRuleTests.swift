import Foundation
import Testing
@testable import LanternKit

/// Every rule of `lantern check` against a page that triggers it and one that does not.
@Suite struct CheckRuleTests {
    static let today = SiteDate("2026-11-22")!
    static let goodBody = "A short, plain page about care.\n"

    /// Checks a site made of the given pages (and a home page) and returns the diagnostics of
    /// one rule for one page.
    private func findings(
        _ rule: String, in page: String = "Content/page.md", files: [String: String],
        config: String = TemporarySite.minimalConfig
    ) throws -> [Diagnostic] {
        var all = files
        all["site.yaml"] = config
        let site = try TemporarySite(all)
        defer { site.remove() }
        let result = Checker.check(site.options, today: CheckRuleTests.today)
        return result.diagnostics.filter { $0.rule == rule && $0.location.file.hasSuffix(page) }
    }

    private func page(_ body: String, front: String = "description: A page.") -> String {
        "---\ntitle: Page\n\(front)\n---\n\(body)"
    }

    @Test func brokenAnchor() throws {
        let files = [
            "Content/other.md": "---\ntitle: Other\ndescription: x\n---\n## Real heading\n",
            "Content/page.md": page("See [it](other.md#real-heading) and [gone](other.md#missing).\n"),
        ]
        let found = try findings("broken-link", files: files)
        #expect(found.count == 1)
        #expect(found.first?.severity == .error)
        #expect(found.first?.location.line == 5)
        #expect(found.first?.message.contains("#missing") == true)
        let ownPage = try findings("broken-link", files: ["Content/page.md": page("## Here\n[up](#here) [no](#nowhere)\n")])
        #expect(ownPage.count == 1)
        let nowhere = try findings("broken-link", files: ["Content/page.md": page("[x](/no-such-place/) [home](/)\n")])
        #expect(nowhere.count == 1)
    }

    @Test func menuItemsThatLeadNowhere() throws {
        let files = ["Content/faq.md": page("Answers.\n"), "Content/care/_index.md": page("Care.\n")]
        let menu = "menu:\n  - title: FAQ\n    url: /faq/\n  - title: Care\n    url: /care/\n  - title: Gone\n    url: /gone/\n"
        let withFolders = try findings("broken-link", in: "site.yaml", files: files,
            config: TemporarySite.minimalConfig + menu)
        #expect(withFolders.map(\.message) == ["menu item 'Gone' links to '/gone/', which leads to nothing on this site"])
        #expect(withFolders.first?.location.line == 9)
        let withFiles = try findings("broken-link", in: "site.yaml", files: files,
            config: TemporarySite.minimalConfig + "ugly_urls: true\n" + menu)
        #expect(withFiles.map(\.message) == [
            "menu item 'FAQ' links to '/faq/', which leads to nothing on this site; the page is at /faq.html",
            "menu item 'Gone' links to '/gone/', which leads to nothing on this site",
        ])
    }

    @Test func missingImageIsABuildError() throws {
        let site = try TemporarySite(["Content/page.md": page("![chart](chart.png)\n")])
        defer { site.remove() }
        let result = Checker.check(site.options, today: CheckRuleTests.today)
        #expect(result.errors == 1)
        #expect(result.diagnostics.first { $0.severity == .error }?.message.contains("does not exist") == true)
    }

    @Test func thirdPartyResources() throws {
        let found = try findings("third-party",
            files: ["Content/page.md": page("![logo](https://cdn.example.com/logo.png)\n\n![ok](local.png)\n"),
                    "Content/local.png": "png"])
        #expect(found.count == 1)
        #expect(found.first?.severity == .error)
        let unsafe = TemporarySite.minimalConfig + "markdown:\n  unsafe: true\n"
        let raw = try findings("third-party",
            files: ["Content/page.md": page("Text\n\n<img alt=\"tracker\" src=\"https://tracker.example/pixel.gif\">\n\n<a href=\"https://fine.example\">ok</a>\n")],
            config: unsafe)
        #expect(raw.count == 1)
        #expect(raw.first?.location.line == 7)
    }

    @Test func imageAlt() throws {
        let files = ["Content/page.md": page("![](a.png)\n\n![A chart of weekly hours](a.png)\n\n![\"\"](a.png)\n"),
                     "Content/a.png": "png"]
        let found = try findings("image-alt", files: files)
        // The alt left out is reported; the one written as "" is decoration, on purpose.
        #expect(found.count == 1)
        #expect(found.first?.location.line == 5)
        #expect(found.first?.message.contains("or write ![\"\"](a.png) if it is only decoration") == true)
    }

    @Test func headingOrder() throws {
        let found = try findings("heading-order", files: ["Content/page.md": page("# Second title\n## Fine\n#### Skipped\n")])
        #expect(found.map(\.location.line) == [5, 7])
        let clean = try findings("heading-order", files: ["Content/page.md": page("## A\n### B\n## C\n")])
        #expect(clean.isEmpty)
    }

    @Test func linkText() throws {
        let files = [
            "Content/other.md": "---\ntitle: Other\ndescription: x\n---\n",
            "Content/page.md": page("[Click here](other.md), [read more](other.md), https://example.org and [the costs page](other.md).\n"),
        ]
        let found = try findings("link-text", files: files)
        #expect(found.count == 3)
    }

    @Test func missingDescription() throws {
        #expect(try findings("missing-description", files: ["Content/page.md": page(CheckRuleTests.goodBody, front: "")]).count == 1)
        #expect(try findings("missing-description", files: ["Content/page.md": page(CheckRuleTests.goodBody)]).isEmpty)
    }

    @Test func duplicateTitles() throws {
        let files = ["Content/page.md": page(CheckRuleTests.goodBody), "Content/twin.md": page(CheckRuleTests.goodBody)]
        #expect(try findings("duplicate-title", files: files).count == 1)
        #expect(try findings("duplicate-title", files: ["Content/page.md": page(CheckRuleTests.goodBody)]).isEmpty)
    }

    static let hardText = String(repeating: """
        Comprehensive multidisciplinary interventions necessitate individualized therapeutic \
        considerations regarding psychopharmacological management and interpersonal effectiveness. \

        """, count: 40)
    static let easyText = String(repeating: "You can call us. We will talk with you. It is fine to ask. ", count: 40)

    @Test func readingGrade() throws {
        let hard = try findings("reading-grade", files: ["Content/page.md": page(CheckRuleTests.hardText)])
        #expect(hard.contains { $0.message.contains("Flesch-Kincaid") })
        #expect(hard.contains { $0.message.contains("SMOG") })
        #expect(try findings("reading-grade", files: ["Content/page.md": page(CheckRuleTests.easyText)]).isEmpty)
        let raised = try findings("reading-grade", files: ["Content/page.md": page(CheckRuleTests.hardText,
            front: "description: x\nmax_grade: 60\nmax_grade_reason: A list of technical terms")])
        #expect(raised.isEmpty)
        let unexplained = try findings("reading-grade", files: ["Content/page.md": page(CheckRuleTests.easyText,
            front: "description: x\nmax_grade: 12")])
        #expect(unexplained.count == 1)
        #expect(unexplained.first?.message.contains("max_grade_reason") == true)
        let target = TemporarySite.minimalConfig + "check:\n  max_grade: 60\n"
        #expect(try findings("reading-grade", files: ["Content/page.md": page(CheckRuleTests.hardText)], config: target).isEmpty)
    }

    @Test func longSentences() throws {
        let long = Array(repeating: "word", count: 31).joined(separator: " ") + "."
        let found = try findings("long-sentence", files: ["Content/page.md": page("Short one.\n\nFirst line here.\n" + long + "\n")])
        #expect(found.count == 1)
        #expect(found.first?.location.line == 8)
        #expect(try findings("long-sentence", files: ["Content/page.md": page(CheckRuleTests.easyText)]).isEmpty)
    }

    @Test func reviewDates() throws {
        let old = try findings("review-date", files: ["Content/page.md": page(CheckRuleTests.goodBody,
            front: "description: x\nreviewed_by: Clinical team\nlast_reviewed: 2025-10-01")])
        #expect(old.count == 1)
        #expect(old.first?.location.line == 5)
        let recent = try findings("review-date", files: ["Content/page.md": page(CheckRuleTests.goodBody,
            front: "description: x\nreviewed_by: Clinical team\nlast_reviewed: 2026-01-01")])
        #expect(recent.isEmpty)
        let clinical = TemporarySite.minimalConfig + "check:\n  clinical_sections: [therapies]\n"
        let missing = try findings("review-date", in: "Content/therapies/cbt.md",
            files: ["Content/therapies/cbt.md": page(CheckRuleTests.goodBody)], config: clinical)
        #expect(missing.first?.message.contains("without 'last_reviewed:'") == true)
        #expect(try findings("review-date", files: ["Content/page.md": page(CheckRuleTests.goodBody)], config: clinical).isEmpty)
    }

    @Test func readabilityCounts() {
        let level = Readability(blocks: ["The cat sat. It was happy!", "A list item"])
        #expect(level.sentences == 3)
        #expect(level.words == 9)
        #expect(Readability.syllableCount("table") == 2)
        #expect(Readability.syllableCount("care") == 1)
        #expect(Readability.syllableCount("medication") == 4)
        #expect(Readability.syllableCount("988") == 1)
        #expect(Readability.sentences(in: "Version 2.5 is out. It works.").count == 2)
        #expect(Readability.sentences(in: "She said \"Stop.\" Then she left.").count == 2)
    }

    @Test func jsonReport() throws {
        let site = try TemporarySite(["Content/page.md": page("[here](page.md)\n", front: "")])
        defer { site.remove() }
        let json = CheckReportJSON.render(Checker.check(site.options, today: CheckRuleTests.today))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let summary = object["summary"] as! [String: Int]
        #expect(summary["errors"] == 0)
        #expect(summary["warnings"] == 3)  // the page's two and the home page's missing description
        let mine = (object["diagnostics"] as! [[String: Any]]).filter {
            $0["file"] as? String == site.root + "/Content/page.md"
        }
        #expect(Set(mine.compactMap { $0["rule"] as? String }) == ["link-text", "missing-description"])
        #expect(mine.allSatisfy { $0["line"] is Int && $0["severity"] as? String == "warning" })
    }
}
