import Foundation

/// Reading-level figures of a text: Flesch-Kincaid grade for every page, SMOG where a page has
/// the 30 sentences SMOG needs; for Spanish, Fernández-Huerta and Szigriszt-Pazos (INFLESZ),
/// with syllables counted the Spanish way (SpanishSyllables).
///
/// Counting rules (kept identical to the writers' helper script): a block (paragraph, list
/// item, table cell) always ends a sentence; inside a block, `.`, `!` or `?` (and any closing
/// quotes or brackets) followed by a space or the end ends one. Words are runs of letters, digits and apostrophes. Syllables are
/// groups of vowels (`a e i o u y`), less a silent final `e` (but not `-le`), at least one.
public struct Readability: Sendable, Equatable {
    public var words: Int
    public var sentences: Int
    public var syllables: Int
    /// Words of three or more syllables.
    public var polysyllables: Int

    public init(blocks: [String]) {
        self.init(blocks: blocks, syllables: Readability.syllableCount)
    }

    /// With another language's syllable count.
    init(blocks: [String], syllables syllableCount: (Substring) -> Int) {
        var counts = Readability(words: 0, sentences: 0, syllables: 0, polysyllables: 0)
        for block in blocks {
            for sentence in Readability.sentences(in: block) {
                let words = Readability.words(in: sentence)
                guard !words.isEmpty else { continue }
                counts.sentences += 1
                counts.words += words.count
                for word in words {
                    let n = syllableCount(word)
                    counts.syllables += n
                    if n >= 3 { counts.polysyllables += 1 }
                }
            }
        }
        self = counts
    }

    init(words: Int, sentences: Int, syllables: Int, polysyllables: Int) {
        self.words = words
        self.sentences = sentences
        self.syllables = syllables
        self.polysyllables = polysyllables
    }

    /// Flesch-Kincaid grade level.
    public var fleschKincaidGrade: Double {
        guard words > 0, sentences > 0 else { return 0 }
        return 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
    }

    /// Fernández-Huerta's reading ease for Spanish (1959), in the form textstat and legible.es
    /// use: 206.84 − 60 × syllables per word − 1.02 × words per sentence. Its scale: 70–80
    /// "bastante fácil" (6th grade), 60–70 "normal" (7th–8th), 50–60 "algo difícil".
    public var fernandezHuerta: Double {
        guard words > 0, sentences > 0 else { return 0 }
        return 206.84 - 60 * Double(syllables) / Double(words) - 1.02 * Double(words) / Double(sentences)
    }

    /// Szigriszt-Pazos's perspicuity (1992), read on the INFLESZ scale: 206.835 − 62.3 ×
    /// syllables per word − words per sentence. 55–65 "normal", 40–55 "algo difícil".
    public var szigrisztPazos: Double {
        guard words > 0, sentences > 0 else { return 0 }
        return 206.835 - 62.3 * Double(syllables) / Double(words) - Double(words) / Double(sentences)
    }

    /// SMOG grade, or nil below 30 sentences, where it is not meaningful.
    public var smogGrade: Double? {
        guard sentences >= 30 else { return nil }
        return 1.0430 * (Double(polysyllables) * 30 / Double(sentences)).squareRoot() + 3.1291
    }

    /// Splits a block into sentences.
    public static func sentences(in block: String) -> [Substring] {
        var result: [Substring] = []
        var start = block.startIndex
        var index = block.startIndex
        while index < block.endIndex {
            let character = block[index]
            let next = block.index(after: index)
            if character == "." || character == "!" || character == "?" {
                var end = next
                // Closing quotes and brackets belong to the sentence they end: `"Stop."`
                while end < block.endIndex, ".!?\"”’')]".contains(block[end]) { end = block.index(after: end) }
                if end == block.endIndex || block[end].isWhitespace || block[end] == "\n" {
                    result.append(block[start..<end])
                    start = end
                    index = end
                    continue
                }
            }
            index = next
        }
        if start < block.endIndex { result.append(block[start...]) }
        return result
    }

    /// Words of a sentence: runs of letters, digits and apostrophes that start with a letter
    /// or digit.
    public static func words(in text: Substring) -> [Substring] {
        var words: [Substring] = []
        var start: String.Index?
        for index in text.indices {
            let c = text[index]
            let isWordCharacter = c.isLetter || c.isNumber || ((c == "'" || c == "’") && start != nil)
            if isWordCharacter {
                if start == nil { start = index }
            } else if let s = start {
                words.append(text[s..<index])
                start = nil
            }
        }
        if let s = start { words.append(text[s...]) }
        return words
    }

    public static func syllableCount(_ word: Substring) -> Int {
        let letters = word.lowercased().filter { $0 != "'" && $0 != "’" }
        if letters.allSatisfy(\.isNumber) { return 1 }
        var groups = 0
        var inVowels = false
        for c in letters {
            let vowel = "aeiouy".contains(c)
            if vowel && !inVowels { groups += 1 }
            inVowels = vowel
        }
        if letters.hasSuffix("e") && !letters.hasSuffix("le") && groups > 1 { groups -= 1 }
        return max(1, groups)
    }
}
