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

    @Test func passesEveryCheckWithoutAWarning() {
        let result = Checker.check(options, today: SiteDate("2026-11-22")!)
        #expect(result.pagesChecked >= 45)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyContentPageReadsAtGradeEightOrLower() throws {
        let (_, outcomes) = Checker.run(options, today: SiteDate("2026-11-22")!)
        var grades: [(String, Double)] = []
        for outcome in outcomes where !outcome.page.isGenerated {
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
