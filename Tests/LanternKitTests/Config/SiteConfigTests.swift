import Testing
@testable import LanternKit

@Suite struct SiteConfigTests {
    @Test func missingOptionalKeysGetDefaults() throws {
        let config = try SiteConfig.parse("title: Clinic\n", file: "site.yaml")
        #expect(config.title == "Clinic")
        #expect(config.baseURL == SiteConfig.defaultBaseURL)
        #expect(config.language == "en")
        #expect(config.unsafeMarkdown == false)
        #expect(config.maxReadingGrade == 8)
        #expect(config.reviewMonths == 12)
        #expect(config.menu.isEmpty)
    }

    @Test func readsTypedKeysAndKeepsTheRestForTemplates() throws {
        let yaml = """
            title: Clinic
            base_url: https://clinic.example/
            markdown:
              unsafe: true
            search:
              synonyms:
                meds: [medication]
                rehab: addiction treatment
            menu:
              - title: Therapies
                url: /therapies/
            clinic:
              phone: 555
            """
        let config = try SiteConfig.parse(yaml, file: "site.yaml")
        #expect(config.baseURL == "https://clinic.example")
        #expect(config.unsafeMarkdown)
        #expect(config.synonyms == ["meds": ["medication"], "rehab": ["addiction treatment"]])
        // The location is where a check points when the URL leads nowhere.
        #expect(config.menu == [.init(title: "Therapies", url: "/therapies/",
            location: SourceLocation(file: "site.yaml", line: 11, column: 10))])
        #expect(config.templateValues["clinic"]?["phone"] == 555)
    }

    @Test func malformedYAMLNamesTheLine() {
        let yaml = "title: Clinic\nmenu:\n  - title: [unclosed\n"
        #expect {
            try SiteConfig.parse(yaml, file: "site.yaml")
        } throws: { error in
            let diagnostic = (error as! BuildFailure).diagnostics[0]
            return diagnostic.location.file == "site.yaml" && diagnostic.location.line >= 3
        }
    }

    @Test func wrongTypesAreReportedTogether() {
        let yaml = "title: Clinic\nbase_url: not a url\nmarkdown:\n  unsafe: sometimes\n"
        #expect {
            try SiteConfig.parse(yaml, file: "site.yaml")
        } throws: { error in
            let diagnostics = (error as! BuildFailure).diagnostics
            return diagnostics.count == 2 && diagnostics.map(\.location.line) == [2, 4]
        }
    }
}
