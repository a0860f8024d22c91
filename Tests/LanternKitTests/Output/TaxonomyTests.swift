import Foundation
import Testing
@testable import LanternKit

/// Taxonomies (`taxonomies:` in site.yaml): a page for the list of terms and one per term, in
/// each language, in the sitemap, linked from the pages that have them; and the related
/// pages every content page ends with.
@Suite struct TaxonomyTests {
    static let page = "{{<base}}{{$main}}<h1>{{page.title}}</h1>{{> partials/terms}}{{> partials/related}}{{/main}}{{/base}}"
    static let files: [String: String] = [
        "Templates/page.mustache": page,
        "Content/therapies/_index.md": "---\ntitle: Therapies\n---\n",
        "Content/therapies/cbt.md": "---\ntitle: Thinking skills\ntags: [Skills, Teens]\n---\nCBT.\n",
        "Content/therapies/dbt.md": "---\ntitle: Emotion skills\ntags: [skills]\n---\nDBT.\n",
        "Content/family/help.md": "---\ntitle: Helping at home\ntags: [teens, family, ÉCOLE]\n---\nHelp.\n",
        "Content/family/other.md": "---\ntitle: Something else\n---\nOther.\n",
    ]

    @Test func tagsHaveAListAndAPageEachLinkedFromTheirPagesAndInTheSitemap() throws {
        let site = try TemporarySite(TaxonomyTests.files)
        defer { site.remove() }
        try site.build()
        let list = try #require(site.output("tags/index.html"))
        // Terms by name, accents and case aside; one term for "Skills" and "skills", named as
        // the first page in URL order writes it.
        let terms = try #require(list.range(of: "<ul class=\"term-list\">"))
        let names = list[terms.upperBound...].components(separatedBy: "<li><a href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(names == ["/tags/ecole/", "/tags/family/", "/tags/skills/", "/tags/teens/"])
        #expect(list.contains(">ÉCOLE</a> <span class=\"term-count\">1 page</span>"))
        #expect(list.contains(">Skills</a> <span class=\"term-count\">2 pages</span>"))
        let skills = try #require(site.output("tags/skills/index.html"))
        #expect(skills.contains("<h1>Skills</h1>"))
        // Pages by title.
        let emotion = try #require(skills.range(of: "/therapies/dbt/")), thinking = try #require(skills.range(of: "/therapies/cbt/"))
        #expect(emotion.lowerBound < thinking.lowerBound)
        #expect(skills.contains("<a href=\"/tags/\">Tags</a>"))  // breadcrumbs
        let cbt = try #require(site.output("therapies/cbt/index.html"))
        #expect(cbt.contains("Tags:</span> <a href=\"/tags/skills/\">Skills</a> · "
            + "<a href=\"/tags/teens/\">teens</a>"))
        #expect(site.output("family/other/index.html")?.contains("page-terms") == false)
        let sitemap = try #require(site.output("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://example.org/tags/</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/tags/ecole/</loc>"))
    }

    @Test func taxonomiesCanBeRenamedTurnedOffAndPerLanguage() throws {
        var files = TaxonomyTests.files
        files["site.yaml"] = TemporarySite.minimalConfig + """
            taxonomies:
              topics: {folder: subjects, title: Subjects}
            languages:
              en: {}
              es:
                title: Sitio
                taxonomies:
                  topics: {folder: temas, title: Temas}

            """
        files["Content/therapies/cbt.md"] = "---\ntitle: Thinking skills\ntags: [x]\ntopics: [Skills]\n---\nCBT.\n"
        files["Content/therapies/cbt.es.md"] = "---\ntitle: Habilidades\ntopics: [Habilidades]\n---\nTCC.\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        try site.build()
        #expect(site.output("tags/index.html") == nil)  // tags are the search's alone now
        #expect(site.output("subjects/skills/index.html")?.contains("<h1>Skills</h1>") == true)
        #expect(site.output("subjects/index.html")?.contains("<h1>Subjects</h1>") == true)
        #expect(site.output("es/temas/habilidades/index.html")?.contains("lang=\"es\"") == true)
        #expect(site.output("es/temas/index.html")?.contains("1 página") == true)
        #expect(site.output("es/therapies/cbt/index.html")?.contains("Temas:</span> <a href=\"/es/temas/habilidades/\"") == true)

        try site.write(TemporarySite.minimalConfig + "taxonomies: {}\n", to: "site.yaml")
        try FileManager.default.removeItem(atPath: site.root + "/Content/therapies/cbt.es.md")
        try site.build()
        #expect(site.output("tags/index.html") == nil && site.output("subjects/index.html") == nil)
        #expect(site.output("therapies/cbt/index.html")?.contains("page-terms") == false)
    }

    @Test func badTaxonomySettingsNameTheirLine() throws {
        for (yaml, words) in [
            ("taxonomies: [tags]\n", "must map a front matter key"),
            ("taxonomies:\n  tags: a/b\n", "one folder name"),
            ("taxonomies:\n  tags: tags\nlanguages:\n  en: {}\n  es:\n    title: S\n    taxonomies:\n      topics: temas\n",
             "is not one of the site's 'taxonomies'"),
        ] {
            #expect {
                _ = try SiteConfig.parse(TemporarySite.minimalConfig + yaml, file: "site.yaml")
            } throws: { error in
                guard let failure = error as? BuildFailure else { return false }
                return failure.diagnostics.contains { $0.message.contains(words) && $0.location.line > 2 }
            }
        }
    }

    @Test func aTermPageCannotTakeAPagesURL() throws {
        var files = TaxonomyTests.files
        files["Content/tags/skills.md"] = "---\ntitle: Our skills\n---\nA page where the tag's page would go.\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        expectError(building: site, line: 3, in: ["cbt.md", "dbt.md"], saying: ["tags 'Skills'", "already taken by"])
    }

    @Test func relatedPagesArePickedFromSharedTermsAndWordsAndPinnedOnesComeFirst() throws {
        let site = try TemporarySite(TaxonomyTests.files)
        defer { site.remove() }
        try site.build()
        func related(_ path: String) -> [String] {
            let html = site.output(path) ?? ""
            guard let start = html.range(of: "<nav class=\"related\"") else { return [] }
            return html[start.upperBound...].components(separatedBy: "<li><a href=\"").dropFirst()
                .map { String($0.prefix { $0 != "\"" }) }
        }
        // cbt shares "skills" (a tag and a title word) with dbt, "teens" with help.
        #expect(related("therapies/cbt/index.html") == ["/therapies/dbt/", "/family/help/"])
        #expect(related("family/other/index.html") == [])
        #expect(site.output("therapies/index.html")?.contains("class=\"related\"") == false)

        try site.write("---\ntitle: Something else\nrelated: [../therapies/cbt.md]\n---\nOther.\n",
            to: "Content/family/other.md")
        try site.build()
        #expect(related("family/other/index.html") == ["/therapies/cbt/"])
        // Deterministic: a second build picks the same.
        let first = site.output("therapies/cbt/index.html")
        try site.build()
        #expect(site.output("therapies/cbt/index.html") == first)
    }

    @Test func relatedLimitSetsHowManyAndZeroShowsNoneButStillChecksPins() throws {
        var files = TaxonomyTests.files
        files["site.yaml"] = TemporarySite.minimalConfig + "related:\n  limit: 1\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        try site.build()
        #expect(site.output("therapies/cbt/index.html")?.components(separatedBy: "<li><a href=\"/family/help/\"").count == 1)
        #expect(site.output("therapies/cbt/index.html")?.contains("<li><a href=\"/therapies/dbt/\"") == true)

        try site.write(TemporarySite.minimalConfig + "related:\n  limit: 0\n", to: "site.yaml")
        try site.build()
        #expect(site.output("therapies/cbt/index.html")?.contains("class=\"related\"") == false)
        try site.write("---\ntitle: Something else\nrelated: [../therapies/gone.md]\n---\nOther.\n",
            to: "Content/family/other.md")
        expectError(building: site, line: 3, in: ["other.md"], saying: ["related:", "does not exist"])
    }

    @Test func aPinnedRelatedPageThatDoesNotExistIsAnErrorAtItsLine() throws {
        var files = TaxonomyTests.files
        files["Content/family/other.md"] = "---\ntitle: Something else\nrelated: [../therapies/gone.md]\n---\nOther.\n"
        let site = try TemporarySite(files)
        defer { site.remove() }
        expectError(building: site, line: 3, in: ["other.md"], saying: ["related:", "does not exist"])
    }

    /// The build fails with an error at `line` of a file ending in one of `files`, whose
    /// message says every one of `words`.
    private func expectError(building site: TemporarySite, line: Int, in files: [String], saying words: [String],
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) {
            try site.build()
        } throws: { error in
            guard let failure = error as? BuildFailure else { return false }
            return failure.diagnostics.contains { diagnostic in
                words.allSatisfy(diagnostic.message.contains) && diagnostic.location.line == line
                    && files.contains { diagnostic.location.file.hasSuffix($0) }
            }
        }
    }
}
