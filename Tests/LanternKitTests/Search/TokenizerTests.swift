import Testing

@testable import LanternKit

@Suite struct TokenizerTests {
    @Test func lowercasesAndFoldsAccents() {
        #expect(Tokenizer.terms("Café NAÏVE Straße Æsop Œuvre Ångström") == [
            "cafe", "naive", "strasse", "aesop", "oeuvre", "angstrom",
        ])
        #expect(Tokenizer.terms("Łódź Dvořák façade") == ["lodz", "dvorak", "facade"])
    }

    @Test func foldsCombiningMarks() {
        // "e" followed by U+0301 COMBINING ACUTE ACCENT.
        #expect(Tokenizer.terms("cafe\u{301} au lait") == ["cafe", "au", "lait"])
    }

    @Test func keepsOtherScripts() {
        #expect(Tokenizer.terms("ΩΜΕΓΑ Москва 東京") == ["ωμεγα", "москва", "東京"])
    }

    @Test func apostrophesInsideWords() {
        #expect(Tokenizer.terms("Don't stop; it’s my parents' choice") == [
            "don't", "stop", "it's", "my", "parents", "choice",
        ])
        #expect(Tokenizer.terms("'quoted' words") == ["quoted", "words"])
    }

    @Test func numbers() {
        #expect(Tokenizer.terms("Call or text 988.") == ["call", "or", "text", "988"])
        #expect(Tokenizer.terms("SAMHSA: 1-800-662-4357") == ["samhsa", "18006624357"])
        #expect(Tokenizer.terms("1,000 people, 3.5 hours, 24/7") == [
            "1000", "people", "35", "hours", "24", "7",
        ])
        #expect(Tokenizer.terms("covid-19") == ["covid", "19"])
    }

    @Test func splitsOnHyphensAndPunctuation() {
        #expect(Tokenizer.terms("co-occurring—“quoted” (IOP)") == [
            "co", "occurring", "quoted", "iop",
        ])
    }

    @Test func byteRangesPointIntoTheSource() {
        let text = "Ünïcode café, naïve"
        let utf8 = Array(text.utf8)
        let tokens = Tokenizer.tokens(text)
        #expect(tokens.map(\.string) == ["unicode", "cafe", "naive"])
        let originals = tokens.map { String(decoding: utf8[$0.start..<$0.end], as: UTF8.self) }
        #expect(originals == ["Ünïcode", "café", "naïve"])
    }

    @Test func skipsVeryLongTokens() {
        let long = String(repeating: "a", count: 100)
        #expect(Tokenizer.terms("short \(long) end") == ["short", "end"])
    }

    @Test func emptyAndSeparatorOnly() {
        #expect(Tokenizer.terms("").isEmpty)
        #expect(Tokenizer.terms(" \n\t—…!?").isEmpty)
    }
}
