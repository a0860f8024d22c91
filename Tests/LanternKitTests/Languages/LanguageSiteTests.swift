import Foundation
import Testing
@testable import LanternKit

/// A site in English and Spanish (issue 15): configuration, places, pairs, links and outputs.
@Suite struct LanguageSiteTests {
    static let config = """
        title: Clinic guide
        description: Plain words.
        base_url: https://clinic.example
        language: en
        clinic:
          name: Riverside Clinic
          phone: "555"
          hours: [Monday to Friday]
        crisis:
          summary: In crisis? Call 988.
        menu:
          - {title: Therapies, url: /therapies/}
        languages:
          en: {}
          es:
            title: Guía de la clínica
            clinic:
              hours: [De lunes a viernes]
            crisis:
              summary: ¿Está en crisis? Llame al 988 y oprima el 2.
            menu:
              - {title: Terapias, url: /es/terapias/}

        """

    /// English and Spanish pages as the sample site has them, with the built-in theme.
    static func site(_ extra: [String: String] = [:]) throws -> TemporarySite {
        var files: [String: String] = [
            "site.yaml": config,
            "Content/_index.md": "---\ntitle: Home\n---\nWelcome. See [CBT](therapies/cbt.md).\n",
            "Content/_index.es.md": "---\ntitle: Inicio\n---\nBienvenidos. Vea la [TCC](therapies/cbt.md).\n",
            "Content/therapies/_index.md": "---\ntitle: Therapies\n---\nKinds of care.\n",
            "Content/therapies/_index.es.md": "---\ntitle: Terapias\nslug: terapias\n---\nTipos de atención.\n",
            "Content/therapies/cbt.md":
                "---\ntitle: CBT\nlast_reviewed: 2026-11-20\n---\nThoughts. See [DBT](dbt.md) and [mindfulness](mindfulness.md).\n",
            "Content/therapies/cbt.es.md": """
                ---
                title: TCC
                slug: terapia-cognitivo-conductual
                last_reviewed: 2026-12-02
                ---
                Pensamientos. Vea la [TDC](dbt.md) y la [atención plena](mindfulness.md).

                """,
            "Content/therapies/dbt.md": "---\ntitle: DBT\n---\nSkills.\n",
            "Content/therapies/tdc.es.md": "---\ntitle: TDC\ntranslation_key: therapies/dbt.md\n---\nHabilidades.\n",
            "Content/therapies/mindfulness.md": "---\ntitle: Mindfulness\n---\nBreathing.\n",
        ]
        files.merge(extra) { _, new in new }
        return try TemporarySite(files, withDefaults: false)
    }

    /// Builds `site` and opens its English and Spanish search indexes.
    static func builtSearchEngines(_ site: TemporarySite) throws -> (english: SearchEngine, spanish: SearchEngine) {
        try site.build()
        return (try SearchEngine(directory: URL(fileURLWithPath: site.root + "/Public/search")),
                try SearchEngine(directory: URL(fileURLWithPath: site.root + "/Public/es/search")))
    }

    @Test func languagesTakeTheTopLevelValuesTheyDoNotSet() throws {
        let config = try SiteConfig.parse(LanguageSiteTests.config, file: "site.yaml")
        #expect(config.languages.map(\.code) == ["en", "es"])
        #expect(config.languages.map(\.prefix) == ["", "es"])
        #expect(config.languages.map(\.name) == ["English", "Español"])
        let spanish = config.localized(to: "es")
        #expect(spanish.title == "Guía de la clínica")
        #expect(spanish.description == "Plain words.")
        #expect(spanish.menu.map(\.url) == ["/es/terapias/"])
        #expect(spanish.templateValues["clinic"]?["name"] == "Riverside Clinic")
        #expect(spanish.templateValues["clinic"]?["hours"] == ["De lunes a viernes"])
        #expect(spanish.urls == URLSpace(uglyURLs: false, languagePrefix: "es"))
        #expect(config.title == "Clinic guide" && config.urls.languagePrefix.isEmpty)
    }

    @Test func theFileNameGivesTheLanguage() {
        #expect(PagePath.splitLanguage(ofMarkdown: "therapies/cbt.es.md") == ("therapies/cbt.md", "es"))
        #expect(PagePath.splitLanguage(ofMarkdown: "_index.es.md") == ("_index.md", "es"))
        #expect(PagePath.splitLanguage(ofMarkdown: "a/_index.pt-BR.md") == ("a/_index.md", "pt-BR"))
        #expect(PagePath.splitLanguage(ofMarkdown: "faq.md") == ("faq.md", nil))
        #expect(PagePath.splitLanguage(ofMarkdown: "notes.v2.md") == ("notes.v2.md", nil))
        #expect(PagePath.splitLanguage(ofMarkdown: "a.b/c.md") == ("a.b/c.md", nil))
    }

    @Test func translationsGoUnderTheLanguageWithTheirOwnSlugsAndPair() throws {
        let temporary = try LanguageSiteTests.site()
        defer { temporary.remove() }
        let site = try Builder.loadSite(temporary.options)
        let cbt = try #require(site.page(at: "therapies/cbt.es.md"))
        #expect(cbt.language == "es")
        #expect(cbt.url == "/es/terapias/terapia-cognitivo-conductual/")
        #expect(site.page(at: "therapies/_index.es.md")?.url == "/es/terapias/")
        #expect(site.translations(of: cbt).map(\.sourcePath) == ["therapies/cbt.md", "therapies/cbt.es.md"])
        let dbt = try #require(site.page(at: "therapies/dbt.md"))
        #expect(site.translation(of: dbt, in: "es")?.url == "/es/terapias/tdc/")
        #expect(site.children(ofSection: "therapies", in: "es").map(\.title) == ["TCC", "TDC"])
        #expect(site.breadcrumbs(for: cbt).map(\.title) == ["Inicio", "Terapias", "TCC"])
        #expect(site.sectionPage("", in: "es")?.title == "Inicio")
    }

    @Test func aLinkLeadsToTheTranslationOrSaysItsLanguage() throws {
        let temporary = try LanguageSiteTests.site()
        defer { temporary.remove() }
        try temporary.build()
        let page = try #require(temporary.output("es/terapias/terapia-cognitivo-conductual/index.html"))
        #expect(page.contains(#"<a href="/es/terapias/tdc/">TDC</a>"#))
        #expect(page.contains(#"<a href="/therapies/mindfulness/" hreflang="en">atención plena <span class="in-language">(en inglés)</span></a>"#))
        let english = try #require(temporary.output("therapies/cbt/index.html"))
        #expect(english.contains(#"<a href="/therapies/mindfulness/">mindfulness</a>"#))
        #expect(temporary.output("es/index.html")?.contains(#"href="/es/terapias/terapia-cognitivo-conductual/""#) == true)
    }

    @Test func everyPageSaysItsLanguageAndPointsAtItsTranslations() throws {
        let temporary = try LanguageSiteTests.site()
        defer { temporary.remove() }
        try temporary.build()
        let english = try #require(temporary.output("therapies/cbt/index.html"))
        let spanish = try #require(temporary.output("es/terapias/terapia-cognitivo-conductual/index.html"))
        let alternates = """
            <link rel="alternate" hreflang="en" href="https://clinic.example/therapies/cbt/">
            <link rel="alternate" hreflang="es" href="https://clinic.example/es/terapias/terapia-cognitivo-conductual/">
            <link rel="alternate" hreflang="x-default" href="https://clinic.example/therapies/cbt/">
            """
        #expect(english.contains(alternates) && spanish.contains(alternates))
        #expect(english.contains(#"<html lang="en">"#) && spanish.contains(#"<html lang="es">"#))
        #expect(spanish.contains(#""inLanguage":"es""#))
        #expect(english.contains(#"<a href="/es/terapias/terapia-cognitivo-conductual/" lang="es" hreflang="es">Español</a>"#))
        #expect(spanish.contains(#"<a href="/therapies/cbt/" lang="en" hreflang="en">English</a>"#))
        // No translation: the switcher leads to the other language's home, and no alternates.
        let mindfulness = try #require(temporary.output("therapies/mindfulness/index.html"))
        #expect(mindfulness.contains(#"<a href="/es/" lang="es" hreflang="es">Español</a>"#))
        #expect(!mindfulness.contains("hreflang=\"x-default\""))
    }

    @Test func spanishPagesSpeakSpanish() throws {
        let temporary = try LanguageSiteTests.site()
        defer { temporary.remove() }
        try temporary.build()
        let spanish = try #require(temporary.output("es/terapias/terapia-cognitivo-conductual/index.html"))
        #expect(spanish.contains(#"<time datetime="2026-12-02">2 de diciembre de 2026</time>"#))
        #expect(spanish.contains("¿Está en crisis? Llame al 988 y oprima el 2."))
        #expect(spanish.contains("Ir al contenido principal"))
        #expect(spanish.contains("| Guía de la clínica</title>"))
        #expect(spanish.contains(#"<a href="/es/terapias/">Terapias</a>"#))
        #expect(spanish.contains(#"action="/es/search/""#))
        let english = try #require(temporary.output("therapies/cbt/index.html"))
        #expect(english.contains("November 20, 2026") && english.contains("In crisis? Call 988."))
        #expect(temporary.output("es/404.html")?.contains("No encontramos la página") == true)
        #expect(temporary.output("es/search/index.html")?.contains(#"data-index="/es/search/""#) == true)
    }

    @Test func eachLanguageHasItsOwnSearchIndexAndTheSitemapPairsThem() throws {
        let temporary = try LanguageSiteTests.site()
        defer { temporary.remove() }
        let (english, spanish) = try LanguageSiteTests.builtSearchEngines(temporary)
        #expect(try english.search("thoughts").urls == ["/therapies/cbt/"])
        #expect(try english.search("pensamientos").urls.isEmpty)
        #expect(try spanish.search("pensamientos").urls == ["/es/terapias/terapia-cognitivo-conductual/"])
        #expect(try spanish.search("skills").urls.isEmpty)
        let sitemap = try #require(temporary.output("sitemap.xml"))
        #expect(sitemap.contains("<url><loc>https://clinic.example/es/terapias/terapia-cognitivo-conductual/</loc>"
            + "<lastmod>2026-12-02</lastmod>"
            + #"<xhtml:link rel="alternate" hreflang="en" href="https://clinic.example/therapies/cbt/"/>"#
            + #"<xhtml:link rel="alternate" hreflang="es" href="https://clinic.example/es/terapias/terapia-cognitivo-conductual/"/></url>"#))
    }

    /// A language's own `search.synonyms` and `synonym_groups` replace the site's in its index,
    /// stemmed by its analyzer; a language without them takes the site's.
    @Test func eachLanguageSearchesWithItsOwnSynonyms() throws {
        let config = LanguageSiteTests.config
            .replacingOccurrences(of: "languages:\n", with: """
                search:
                  synonyms:
                    thinking: [thoughts]
                languages:

                """)
            .replacingOccurrences(of: "    title: Guía de la clínica\n", with: """
                    title: Guía de la clínica
                    search:
                      synonyms:
                        ideas: [pensamientos]
                      synonym_groups:
                        - [destrezas, habilidades]

                """)
        let temporary = try LanguageSiteTests.site(["site.yaml": config])
        defer { temporary.remove() }
        let (english, spanish) = try LanguageSiteTests.builtSearchEngines(temporary)
        #expect(try english.search("thinking").urls == ["/therapies/cbt/"])
        #expect(try english.search("ideas").urls.isEmpty)
        #expect(try spanish.search("ideas").urls == ["/es/terapias/terapia-cognitivo-conductual/"])
        #expect(try spanish.search("destrezas").urls == ["/es/terapias/tdc/"])
        #expect(try spanish.search("thinking").urls.isEmpty)
        // Words no Spanish page uses: bridges, stemmed the Spanish way; no English synonym.
        let bridges = try #require(temporary.output("es/search/bridges.json"))
        #expect(bridges.contains(#""synonyms":{"destrez":[["habil"]],"ide":[["pensamient"]]}"#), "\(bridges)")
        #expect(!bridges.contains("think") && temporary.output("es/search/index.json")?.contains("think") == false)

        let wrong = config.replacingOccurrences(of: "        ideas: [pensamientos]\n", with: "        ideas: {a: b}\n")
        let line = wrong.components(separatedBy: "\n").firstIndex { $0.contains("ideas: {a: b}") }! + 1
        #expect(throws: (any Error).self) { try SiteConfig.parse(wrong, file: "site.yaml") }
        do {
            _ = try SiteConfig.parse(wrong, file: "site.yaml")
        } catch {
            #expect("\(error)".contains("site.yaml:\(line)"), "\(error)")
        }
    }

    @Test func lanternSearchSearchesTheIndexOfTheLanguageItIsGiven() async throws {
        let temporary = try LanguageSiteTests.site()
        defer { temporary.remove() }
        try temporary.build()
        let spanish = try await LanternBinary.run(["search", "pensamientos", "--language", "es"], in: temporary.root,
            seconds: 30)
        #expect(spanish.status == 0 && spanish.stdout.contains("/es/terapias/terapia-cognitivo-conductual/"))
        let english = try await LanternBinary.run(["search", "pensamientos"], in: temporary.root, seconds: 30)
        #expect(english.stdout.contains("No pages matched"))
    }

    @Test func checkWarnsAboutUntranslatedLinksStaleAndMissingTranslations() throws {
        let temporary = try LanguageSiteTests.site([
            "site.yaml": LanguageSiteTests.config + "check:\n  translate_sections: [therapies]\n",
            "Content/therapies/dbt.md": "---\ntitle: DBT\nlast_reviewed: 2026-12-01\n---\nSkills.\n",
            "Content/therapies/tdc.es.md":
                "---\ntitle: TDC\ntranslation_key: therapies/dbt.md\nlast_reviewed: 2026-11-01\n---\nHabilidades.\n",
        ])
        defer { temporary.remove() }
        let found = Checker.check(temporary.options, today: SiteDate("2026-12-02")!).diagnostics
        func rule(_ id: String) -> [String] {
            found.filter { $0.rule == id }.map { "\($0.location.file.split(separator: "/").suffix(2).joined(separator: "/")):\($0.location.line)" }
        }
        #expect(rule("untranslated-link") == ["therapies/cbt.es.md:6"])
        #expect(rule("stale-translation") == ["therapies/tdc.es.md:4"])
        #expect(rule("missing-translation") == ["therapies/mindfulness.md:1"])
        #expect(rule("untranslated-string").isEmpty)
    }
}
