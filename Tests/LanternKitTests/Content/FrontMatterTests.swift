import Testing
@testable import LanternKit

@Suite struct FrontMatterTests {
    private func parse(_ text: String) throws(BuildFailure) -> FrontMatter {
        let split = try FrontMatterParser.split(text, file: "page.md")
        return try FrontMatterParser.parse(split, file: "page.md")
    }

    private func diagnostics(_ text: String) -> [Diagnostic] {
        do {
            _ = try parse(text)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func readsEveryKnownField() throws {
        let matter = try parse("""
            ---
            title: CBT
            description: Thoughts and actions.
            date: 2026-01-02
            last_reviewed: 2026-03-04
            reviewed_by: Clinical team
            tags: [cbt, therapy]
            draft: true
            weight: 20
            slug: cognitive
            aliases: [/old-cbt/]
            layout: special
            icon: brain
            ---
            Body
            """)
        #expect(matter.title == "CBT")
        #expect(matter.description == "Thoughts and actions.")
        #expect(matter.date == SiteDate("2026-01-02"))
        #expect(matter.lastReviewed?.long == "March 4, 2026")
        #expect(matter.reviewedBy == "Clinical team")
        #expect(matter.tags == ["cbt", "therapy"])
        #expect(matter.draft)
        #expect(matter.weight == 20)
        #expect(matter.slug == "cognitive")
        #expect(matter.aliases == ["/old-cbt/"])
        #expect(matter.layout == "special")
        #expect(matter.param("icon") == "brain")
        #expect(matter.param("title") == nil)
    }

    @Test func bodyStartsAfterTheClosingLine() throws {
        let split = try FrontMatterParser.split("---\ntitle: A\n---\nfirst body line\n", file: "a.md")
        #expect(split.bodyFirstLine == 4)
        #expect(split.body == "first body line\n")
    }

    @Test func missingTitleIsAnError() {
        let found = diagnostics("---\ndescription: x\n---\n")
        #expect(found.count == 1)
        #expect(found[0].message.contains("title"))
    }

    @Test func noFrontMatterIsAnError() {
        #expect(diagnostics("# Just markdown\n").first?.location.line == 1)
    }

    @Test func unterminatedFrontMatterNamesLineOne() {
        let found = diagnostics("---\ntitle: A\nbody text\n")
        #expect(found.first?.location == SourceLocation(file: "page.md", line: 1, column: 1))
        #expect(found.first?.message.contains("never closed") == true)
    }

    @Test func wrongTypesNameTheirLines() {
        let found = diagnostics("---\ntitle: [a]\ndate: yesterday\nweight: many\n---\n")
        #expect(found.map(\.location.line).sorted() == [2, 3, 4])
    }

    @Test func yamlSyntaxErrorsPointIntoTheFile() {
        let found = diagnostics("---\ntitle: ok\ntags: [a, b\n---\n")
        #expect(found.count == 1)
        #expect(found[0].location.line >= 3)
        #expect(found[0].message.hasPrefix("invalid YAML"))
    }

    @Test func duplicateKeysAreRefused() {
        let found = diagnostics("---\ntitle: a\ntitle: b\n---\n")
        #expect(found.first?.message.contains("duplicate key") == true)
    }

    @Test func aliasBombIsRefused() {
        var yaml = "---\ntitle: bomb\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 {
            yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "---\n"
        let found = diagnostics(yaml)
        #expect(found.first?.message.contains("aliases") == true)
    }
}
