import Foundation
import Testing

@testable import LanternKit

/// `lantern check` on Spanish pages: readability by Spanish formulas and syllables, long
/// sentences and vague link texts by the Spanish rules; the page's language from its front
/// matter or the site's (CheckContext.language(of:)).
@Suite struct SpanishCheckTests {
    static let today = SiteDate("2026-11-22")!
    static let spanishSite = TemporarySite.minimalConfig + "language: es\n"

    private func findings(
        _ rule: String, page: String, config: String = SpanishCheckTests.spanishSite
    ) throws -> [Diagnostic] {
        let site = try TemporarySite([
            "site.yaml": config,
            "Content/other.md": "---\ntitle: Otra\ndescription: x\n---\nOtra página.\n",
            "Content/page.md": page,
        ])
        defer { site.remove() }
        let result = Checker.check(site.options, today: SpanishCheckTests.today)
        return result.diagnostics.filter { $0.rule == rule && $0.location.file.hasSuffix("Content/page.md") }
    }

    private func page(_ body: String, front: String = "description: Una página.") -> String {
        "---\ntitle: Página\n\(front)\n---\n\(body)"
    }

    static let easyText = String(repeating: "Usted puede llamar. Le vamos a ayudar. Su familia también. ", count: 20)
    static let hardText = String(repeating: """
        La implementación de intervenciones terapéuticas multidisciplinarias individualizadas \
        requiere consideraciones farmacológicas extraordinariamente especializadas. \

        """, count: 20)

    @Test func readabilityBySpanishFormulas() throws {
        let hard = try findings("reading-grade", page: page(Self.hardText))
        #expect(hard.count == 2)
        #expect(hard.contains { $0.message.contains("Fernández-Huerta") })
        #expect(hard.contains { $0.message.contains("Szigriszt-Pazos") })
        #expect(!hard.contains { $0.message.contains("Flesch-Kincaid") })
        #expect(try findings("reading-grade", page: page(Self.easyText)).isEmpty)
        // The limits per language in site.yaml.
        let lenient = Self.spanishSite
            + "check:\n  readability:\n    es:\n      min_fernandez_huerta: -500\n      min_szigriszt_pazos: -500\n"
        #expect(try findings("reading-grade", page: page(Self.hardText), config: lenient).isEmpty)
        // On a site in two languages, each page is read by the formulas of its own language.
        let bilingual = TemporarySite.minimalConfig + "languages:\n  en: {}\n  es:\n    title: Sitio\n"
        let spanishPage = try findings("reading-grade",
            page: page(Self.hardText, front: "description: x\nlanguage: es"), config: bilingual)
        #expect(spanishPage.contains { $0.message.contains("Fernández-Huerta") })
        let english = try findings("reading-grade",
            page: page(CheckRuleTests.hardText, front: "description: x"), config: bilingual)
        #expect(english.contains { $0.message.contains("Flesch-Kincaid") })
    }

    @Test func longSentencesInSpanishMayHave35Words() throws {
        let words = { (n: Int) in Array(repeating: "palabra", count: n).joined(separator: " ") + ".\n" }
        #expect(try findings("long-sentence", page: page(words(35))).isEmpty)
        let found = try findings("long-sentence", page: page(words(36)))
        #expect(found.map(\.message) == ["sentence of 36 words ('palabra palabra palabra palabra palabra palabra …'); split it (at most 35)"])
        let english = TemporarySite.minimalConfig
        #expect(try findings("long-sentence", page: page(words(35)), config: english).count == 1)
    }

    @Test func vagueSpanishLinkText() throws {
        let body = "[Haga clic aquí](other.md), [aqui](other.md), [Más información.](other.md), "
            + "[leer más](other.md) y [los costos del programa](other.md).\n"
        let found = try findings("link-text", page: page(body))
        #expect(found.count == 4)
        // On an English page, Spanish words are not vague link text.
        #expect(try findings("link-text", page: page(body), config: TemporarySite.minimalConfig).isEmpty)
    }
}

/// Spanish syllables (SpanishSyllables) against the RAE's division, and the formulas against
/// textstat's.
@Suite struct SpanishSyllableTests {
    /// Divisions after the RAE's Ortografía (2010): diphthongs, hiatus, h between vowels, final y.
    @Test(arguments: [
        ("agua", 2), ("día", 2), ("país", 2), ("ciudad", 2), ("aéreo", 4), ("oído", 3), ("reír", 2),
        ("huevo", 2), ("buey", 1), ("guion", 1), ("Uruguay", 3), ("ahí", 2), ("tratamiento", 4),
        ("teoría", 4), ("evaluación", 4), ("cuidado", 3), ("y", 1), ("hoy", 1), ("muy", 1),
        ("pingüino", 3), ("ahora", 3), ("prohibir", 2), ("quiero", 2), ("guerra", 2), ("ayuda", 3),
        ("psicología", 5), ("familia", 3), ("988", 1), ("Ñandú", 2), ("búho", 2), ("chihuahua", 3),
        ("duunvir", 3), ("síu", 2), ("ahuyentar", 3), ("rehuir", 2), ("construí", 2),
    ])
    func syllables(_ word: String, _ count: Int) {
        #expect(SpanishSyllables.count(word[...]) == count)
    }

    /// pylabeador's division of every word of wspanish (.build/spanish-reference.tsv).
    @Test func agreesWithPylabeadorOnTheWordList() throws {
        let lines = try #require(SpanishReference.lines, Comment(rawValue: SpanishReference.missing))
        let counted = lines.compactMap { line in line.syllables.map { (line.word, $0) } }
        #expect(counted.count > 80_000)
        let wrong = counted.filter { SpanishSyllables.count($0.0[...]) != $0.1 }
        // The only disagreements (12 words): an i, h, i ("ni-hi-lis-mo"), which pylabeador
        // makes one syllable and the RAE two.
        #expect(wrong.allSatisfy { $0.0.contains("ihi") },
            "\(wrong.count) of \(counted.count) differ: \(wrong.prefix(20).map { "\($0.0) \($0.1)" })")
        #expect(wrong.count <= 12)
    }

    /// textstat 0.7's scores for three texts (textstat.set_lang("es")), from its own counts:
    /// syllables, words, sentences.
    @Test(arguments: [
        (30, 17, 2, 92.28764705882354, 88.39882352941177),
        (36, 21, 3, 96.84285714285716, 93.04000000000002),
        (60, 34, 1, 66.27764705882353, 62.89882352941177),
    ])
    func formulasAgreeWithTextstat(
        _ syllables: Int, _ words: Int, _ sentences: Int, _ fernandezHuerta: Double, _ szigrisztPazos: Double
    ) {
        let level = Readability(words: words, sentences: sentences, syllables: syllables, polysyllables: 0)
        #expect(abs(level.fernandezHuerta - fernandezHuerta) < 1e-9)
        // textstat uses Fernández-Huerta's 206.84 where Szigriszt-Pazos has 206.835.
        #expect(abs(level.szigrisztPazos - (szigrisztPazos - 0.005)) < 1e-9)
    }
}
