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

    /// Every check, both languages: Spanish pages pass the Spanish readability formulas, and no
    /// Spanish page links to an English page for want of a translation.
    @Test func passesEveryCheckWithoutAWarning() {
        let result = Checker.check(options, today: SiteDate("2026-11-22")!)
        #expect(result.pagesChecked >= 45)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description).joined(separator: "\n"))")
    }

    /// A Spanish-speaking family can read the whole site: each English page has its Spanish page.
    @Test func everyEnglishPageHasASpanishTranslation() {
        let (_, outcomes) = Checker.run(options, today: SiteDate("2026-11-22")!)
        let pages = outcomes.map(\.page).filter { !$0.isGenerated }
        let english = Set(pages.filter { $0.language == "en" }.map(\.sourcePath))
        let translated = Set(pages.filter { $0.language == "es" }
            .map { PagePath.splitLanguage(ofMarkdown: $0.sourcePath).0 })
        #expect(english.count >= 45)
        #expect(english.subtracting(translated).sorted() == [])
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
