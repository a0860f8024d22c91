import Testing

@testable import LanternKit

@Suite struct IndexFormatTests {
    @Test func postingsRoundTrip() {
        let pages: [Int32] = [0, 1, 2, 40, 1000, 70_000]
        let impacts: [Int32] = [1, 31, 32, 200, 5, 1]
        var code = IndexFormat.EncodedPostings()
        IndexFormat.appendPostings(pages: [3], impacts: [40], to: &code)
        IndexFormat.appendPostings(pages: pages[...], impacts: impacts[...], to: &code)
        IndexFormat.appendPostings(pages: [9], impacts: [2], to: &code)
        let (starts, counts) = IndexFormat.postingsOffsets(code, terms: 3)
        #expect(counts == [1, pages.count, 1])
        #expect(starts.last?.page == code.pages.count && starts.last?.impact == code.impacts.count)
        let decoded = IndexFormat.decodePostings(code, at: starts[1])
        #expect(decoded.map(\.page) == pages.map(Int.init))
        #expect(decoded.map(\.impact) == impacts.map(Int.init))
        #expect(IndexFormat.decodePostings(code, at: starts[0]).map(\.impact) == [40])
        #expect(IndexFormat.decodePostings(code, at: starts[2]).map { [$0.page, $0.impact] } == [[9, 2]])
        // Small gaps and impacts take one character each; "." ends a term's pages, and its
        // impacts follow the impacts of the terms before.
        var short = IndexFormat.EncodedPostings()
        IndexFormat.appendPostings(pages: [0, 1], impacts: [3, 4], to: &short)
        IndexFormat.appendPostings(pages: [2], impacts: [1], to: &short)
        #expect(String(decoding: short.pages, as: UTF8.self) == "AA.C.")
        #expect(String(decoding: short.impacts, as: UTF8.self) == "CDA")
    }

    @Test func vocabularyRoundTrip() {
        let terms = ["abl", "abus", "москва", "москвы", "東京", "東京都"]
        let words = [("able", 0), ("abusing", 1), ("москвой", 2)]
        let code = IndexFormat.encodeVocabulary(terms: terms, words: words.map { ($0.0, $0.1) })
        let text = String(decoding: code.terms, as: UTF8.self)
        #expect(text.hasPrefix(" Aabl Cus Aмосква Aмосквы"))  // only ASCII is shared
        // The words file: a space per term, then the term's words.
        #expect(String(decoding: code.words, as: UTF8.self) == " +Ae +Aing +Gмосквой   ")
        let decodedTerms = IndexFormat.decodeTerms(code.terms)
        let decodedWords = IndexFormat.decodeWords(code.words, terms: decodedTerms)
        #expect(decodedTerms.map { String(decoding: $0, as: UTF8.self) } == terms)
        #expect(decodedWords.map { String(decoding: $0.word, as: UTF8.self) } == words.map(\.0))
        #expect(decodedWords.map(\.term) == words.map(\.1))
        #expect(text.contains(" Aмосквы"))  // non-ASCII is never shared
    }

    @Test func popularityClasses() {
        #expect(IndexFormat.popularity(1) == 0)
        #expect(IndexFormat.popularity(2) == 1)
        #expect(IndexFormat.popularity(1023) == 9)
        #expect(IndexFormat.popularity(1024) == 10)
    }

    @Test func championsAreTheHighestImpactsLowerPagesFirst() {
        let postings = (0..<100).map { (page: $0, impact: $0 % 10) }
        let top = IndexFormat.champions(postings, count: 32)
        #expect(top.count == 32)
        #expect(Set(top.prefix(10)) == Set([9, 19, 29, 39, 49, 59, 69, 79, 89, 99]))
        #expect(Array(top.suffix(2)) == [6, 16])
        // The builder's linear selection picks the same pages.
        let pages = TestIndex.syntheticPages(count: 200, wordsPerPage: 60, seed: 3)
        let corpus = CorpusAnalysis(pages: pages)
        for term in 0..<corpus.terms.count where corpus.documentFrequencies[term] > 40 {
            let (p, i) = corpus.postings(term)
            let list = zip(p, i).map { (page: Int($0), impact: Int($1)) }
            #expect(Set(corpus.champions(term).map(Int.init)) == Set(IndexFormat.champions(list, count: 32)))
        }
    }

    @Test func anchorsAreGuessedOnlyForPlainHeadings() {
        #expect(IndexFormat.anchorGuess("What to bring?") == "what-to-bring")
        #expect(IndexFormat.anchorGuess("Step 2: a_b-c") == "step-2-a_b-c")
        #expect(IndexFormat.anchorGuess("¿Qué cubre el SEGURO MÉDICO? «Ñandú»") == "qué-cubre-el-seguro-médico-ñandú")
        #expect(IndexFormat.anchorGuess("Straße × 2 ÷ ÿ") == "straße--2--ÿ")
        #expect(IndexFormat.anchorGuess("Ελλάδα") == nil)
        #expect(IndexFormat.anchorGuess("Cafe\u{301}") == nil)
        // Every character up to U+01FF, as the rule above says, scalar by scalar.
        for value in UInt32(1)...0x1FF {
            let scalar = Unicode.Scalar(value)!
            let expected: String?
            switch value {
            case 0x100...: expected = nil
            case 0x20: expected = "a-b"
            case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE: expected = "a\(Unicode.Scalar(value + 0x20)!)b"
            case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F, 0xDF...0xF6, 0xF8...0xFF: expected = "a\(scalar)b"
            default: expected = "ab"
            }
            #expect(IndexFormat.anchorGuess("A\(scalar)B") == expected, "U+\(String(value, radix: 16))")
        }
        // Where the guess is given, it is the heading's anchor but for a few signs the slug keeps.
        for heading in ["¿Qué es un IOP?", "Cómo ayuda la familia", "Año ÑU über", "Œuvre", "3º año"] {
            let guess = IndexFormat.anchorGuess(heading)
            #expect(guess == nil ? heading.unicodeScalars.contains { $0.value > 0xFF }
                : guess == HeadingSlugger.slug(heading) || heading.contains("º"), "\(heading)")
        }
        #expect(IndexFormat.frontDecode(IndexFormat.frontCode("/a/bc/", after: "/a/b/"), after: "/a/b/")
            == "/a/bc/")
    }

    @Test func storedTextHasEachPartByNumberWithWhiteSpaceMadeOne() {
        let long = String(repeating: "word ", count: 1000)
        let text = StoredText(
            SearchDocument(
                url: "/p/", title: "P", description: "About\n  it.",
                parts: [
                    TextPart(anchor: "a", heading: "A", text: "Two\nlines,\ttabbed."),
                    TextPart(anchor: "b", heading: "B", text: ""),
                    TextPart(anchor: "c", heading: "C", text: long),
                ]))
        // No text before the first heading: part 0 is empty.
        #expect(text.description == "About it.")
        #expect(Array(text.parts.prefix(3)) == ["", "Two lines, tabbed.", ""])
        #expect(text.parts[3].hasSuffix("word…"))
        #expect(text.parts[3].utf8.count <= IndexFormat.partTextBytes + 3)
        #expect(text.parts.count == 4)
    }
}
