import Foundation
import Testing

@testable import LanternKit

/// The reference `make spanish-reference` writes (Scripts/spanish_reference.py): every word of
/// Debian's wspanish, as written and folded, with its Snowball stem and syllable count.
enum SpanishReference {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/spanish-reference.tsv")

    /// (word, stem, syllables or nil), or nil when the file is missing.
    static let lines: [(word: String, stem: String, syllables: Int?)]? = {
        guard let text = try? String(contentsOf: path, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3 else { return nil }
            return (String(fields[0]), String(fields[1]), Int(fields[2]))
        }
    }()

    static let missing = "\(path.path) is missing: run `make spanish-reference` (make test does)"
}

@Suite struct SpanishStemmerTests {
    /// Snowball 3's output for words that exercise each step (the unaccented `-acion` is new in 3).
    @Test(arguments: [
        ("medicación", "medic"), ("medicacion", "medic"), ("medicaciones", "medic"),
        ("depresión", "depresion"), ("depresiones", "depresion"), ("adicción", "adiccion"),
        ("psicología", "psicolog"), ("dándole", "dandol"), ("apoyándonos", "apoy"),
        ("sintiéndose", "sint"), ("arguyendo", "argu"), ("huyendo", "huyend"),
        ("averiguación", "averigu"), ("cuidadosamente", "cuidad"), ("nacionalidades", "nacional"),
        ("averigüe", "averigü"), ("siguen", "sig"), ("niños", "niñ"), ("año", "año"),
        ("familiares", "familiar"), ("ayudarles", "ayud"), ("tratamiento", "tratamient"),
    ])
    func stems(_ word: String, _ stem: String) {
        #expect(SpanishStemmer.stem(word) == stem)
    }

    /// Every word of the list, as written and folded, as the Snowball reference stems it.
    @Test func agreesWithSnowballOnTheWholeWordList() throws {
        let lines = try #require(SpanishReference.lines, Comment(rawValue: SpanishReference.missing))
        #expect(lines.count > 90_000)
        var wrong: [String] = []
        for line in lines where SpanishStemmer.stem(line.word) != line.stem {
            wrong.append("\(line.word): \(SpanishStemmer.stem(line.word)), not \(line.stem)")
        }
        #expect(wrong.isEmpty, "\(wrong.count) words stemmed unlike Snowball: \(wrong.prefix(20))")
    }
}

@Suite struct SpanishAnalyzerTests {
    @Test func foldsAccentsButKeepsEnye() {
        #expect(Analyzer.spanish.terms("Año ANO Sueño MEDICACIÓN pingüino Ñandú") == [
            "año", "ano", "sueño", "medicacion", "pinguino", "ñandu",
        ])
        // English folds ñ as before.
        #expect(Analyzer.english.terms("Año") == ["ano"])
    }

    @Test func stopWordsAreFoldedOnce() {
        let words = Analyzer.spanish.stopWords
        #expect(Set(words).count == words.count)
        #expect(words.contains("esta") && !words.contains("está"))
        #expect(Analyzer.spanish.isStopWord("mas") && !Analyzer.spanish.isStopWord("estado"))
        #expect(Analyzer.english.stopWords == StopWords.list)
    }

    @Test func languageChoosesTheAnalyzer() {
        #expect(Analyzer.forLanguage("es").code == "es")
        #expect(Analyzer.forLanguage("es-MX").code == "es")
        #expect(Analyzer.forLanguage("en-US").code == "en")
        #expect(Analyzer.forLanguage("fr").code == "none")
    }

    static let pages = [
        TestIndex.page("/depresion/", title: "La depresión", intro: "Tristeza que no se va. " + TestIndex.filler(20)),
        TestIndex.page("/adicciones/", title: "Adicciones", intro: "Las adicciones tienen tratamiento. " + TestIndex.filler(20)),
        TestIndex.page("/seguro/", title: "Su seguro médico", intro: "Llame a su aseguradora. " + TestIndex.filler(20)),
        TestIndex.page("/medicacion/", title: "Medicación", intro: "Pregunte por las medicaciones. " + TestIndex.filler(20)),
        TestIndex.page("/sueno/", title: "Dormir bien", intro: "El sueño ayuda a sanar. " + TestIndex.filler(20)),
        TestIndex.page("/ano/", title: "Un año de programa", intro: "Durante el año. " + TestIndex.filler(20)),
    ]

    static func engine(synonyms: [String: [String]] = [:], threshold: Int = 256 * 1024) throws -> SearchEngine {
        try TestIndex.engine(pages, synonyms: synonyms, threshold: threshold, language: "es")
    }

    @Test func queriesTypedWithoutAccentsFindTheirPages() throws {
        for threshold in [256 * 1024, 10] {
            let engine = try Self.engine(threshold: threshold)
            #expect(try engine.search("depresion").urls.first == "/depresion/")
            #expect(try engine.search("adiccion ").urls.first == "/adicciones/")
            #expect(try engine.search("seguro medico").urls.first == "/seguro/")
            #expect(try engine.search("medicacion").urls.first == "/medicacion/")
            #expect(try engine.search("MEDICACIÓN").urls.first == "/medicacion/")
        }
    }

    /// ñ stays apart: "año" is not "ano". A word typed with n for ñ finds the word with ñ as a
    /// typo, when no page has it spelled with n and it has 4 letters or more.
    @Test func enyeIsALetterOfItsOwn() throws {
        let engine = try Self.engine()
        #expect(try engine.search("sueño").urls == ["/sueno/"])
        #expect(try engine.search("año").urls == ["/ano/"])
        #expect(try engine.search("ano ").urls.isEmpty)
        let typed = try engine.search("sueno ")
        #expect(typed.urls == ["/sueno/"])
        #expect(typed.words[0].matches.map(\.kind) == [.typo])
        // A page with "sueno" itself keeps it: the n spelling is not added over a real word.
        let both = try TestIndex.engine(
            Self.pages + [TestIndex.page("/suena/", title: "Yo sueno", intro: "sueno")], language: "es")
        #expect(try both.search("sueno ").urls == ["/suena/"])
    }

    @Test func stopWordsAreIgnored() throws {
        let response = try Self.engine().search("la depresión ")
        #expect(response.urls.first == "/depresion/")
        #expect(response.words.filter(\.isStopWord).map(\.word) == ["la"])
    }

    @Test func typosAreForgivenAsInEnglish() throws {
        let response = try Self.engine().search("depresoin ")
        #expect(response.urls.first == "/depresion/")
        #expect(response.words[0].matches.first?.kind == .typo)
    }

    @Test func synonymsWorkAsInEnglish() throws {
        let response = try Self.engine(synonyms: ["droga": ["adicción"]]).search("drogas ")
        #expect(response.urls == ["/adicciones/"])
        #expect(response.words[0].matches.map(\.kind) == [.synonym])
    }

    @Test func theIndexNamesItsAnalyzer() throws {
        let files = SearchIndexBuilder(synonyms: [:], language: "es").build(Self.pages)
        let header = String(decoding: try #require(files["index.json"]), as: UTF8.self)
        #expect(header.hasPrefix("{\"analyzer\":\"es\","))
        let english = SearchIndexBuilder(synonyms: [:]).build(Self.pages)
        #expect(String(decoding: english["index.json"]!, as: UTF8.self).hasPrefix("{\"analyzer\":\"en\","))
    }

    @Test func anUnknownAnalyzerIsRefused() throws {
        var files = SearchIndexBuilder(synonyms: [:], language: "es").build(Self.pages)
        let header = String(decoding: files["index.json"]!, as: UTF8.self)
        files["index.json"] = Array(header.replacingOccurrences(of: "\"analyzer\":\"es\"", with: "\"analyzer\":\"xx\"").utf8)
        let directory = try TestIndex.write(files)
        #expect(throws: SearchEngineError.unknownAnalyzer("xx")) { try SearchEngine(directory: directory) }
    }
}
