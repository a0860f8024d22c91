import Foundation
import Testing
@testable import LanternKit

/// The clinic site in `Content/` is what families read: it must pass every check, and every
/// content page must read at grade 8 or lower.
@Suite struct SampleSiteTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    private var options: BuildOptions {
        var options = BuildOptions()
        options.configPath = SampleSiteTests.repository + "/site.yaml"
        options.contentPath = SampleSiteTests.repository + "/Content"
        options.templatesPath = SampleSiteTests.repository + "/Templates"
        return options
    }

    /// But for the links from Spanish pages to English pages that have no Spanish translation
    /// yet: they lead to the English page, marked "(en inglés)", which is the best the site
    /// has, and `lantern check` lists each so that the translations can be written.
    @Test func passesEveryCheckWithoutAWarning() {
        let result = Checker.check(options, today: SiteDate("2026-11-22")!)
        #expect(result.pagesChecked >= 45)
        let others = result.diagnostics.filter { $0.rule != "untranslated-link" }
        #expect(others.isEmpty, "\(others.map(\.description).joined(separator: "\n"))")
        let untranslated = result.diagnostics.filter { $0.rule == "untranslated-link" }
        #expect(untranslated.allSatisfy { $0.severity == .warning && $0.location.file.hasSuffix(".es.md") })
        #expect(!untranslated.isEmpty)
    }

    @Test func everyContentPageReadsAtGradeEightOrLower() throws {
        let (_, outcomes) = Checker.run(options, today: SiteDate("2026-11-22")!)
        var grades: [(String, Double)] = []
        // The English pages: Flesch-Kincaid is an English formula.
        for outcome in outcomes where !outcome.page.isGenerated && outcome.page.language == "en" {
            let level = Readability(blocks: outcome.blocks.filter { !$0.isCode }.map(\.text))
            let exempt = outcome.page.frontMatter.param("max_grade_reason") != nil
            grades.append((outcome.page.sourcePath, level.fleschKincaidGrade))
            if !exempt {
                #expect(level.fleschKincaidGrade <= 8, "\(outcome.page.sourcePath) reads at grade \(level.fleschKincaidGrade)")
            }
        }
        let hardest = try #require(grades.max { $0.1 < $1.1 })
        print("hardest page: \(hardest.0) at Flesch-Kincaid grade \(String(format: "%.1f", hardest.1))")
    }
}
