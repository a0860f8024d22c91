/// Counts the syllables of a Spanish word by the RAE's rules for written syllables. Vowels
/// side by side share a syllable (a diphthong or triphthong: "cui-da-do", "U-ru-guay") when
/// one of them is an unaccented i, u or ü (a weak vowel) next to a different vowel; two
/// strong vowels (a, e, o), an accented í or ú beside any vowel, or a doubled weak vowel
/// ("du-un-vir") are a hiatus. An h between vowels does not part them ("prohi-bir", "bú-ho"),
/// except before u and a vowel, where "hu" sounds as a consonant ("chi-hua-hua"). A y is a
/// vowel only at the end of a word after a vowel ("hoy", "muy") or alone.
///
/// SpanishSyllableTests checks it against PyPI `pylabeador` on every word of Debian's
/// wspanish. textstat's Spanish syllable count is not used: it counts Pyphen's hyphenation
/// points plus one, which gives "agua", "día" and "país" one syllable each (hyphenation never
/// cuts one letter off the ends of a word, nor splits a hiatus).
enum SpanishSyllables {
    static func count(_ word: Substring) -> Int {
        let letters = Array(word.lowercased().filter { $0 != "'" && $0 != "’" })
        if letters.allSatisfy(\.isNumber) { return 1 }
        var syllables = 0
        var i = 0
        while i < letters.count {
            guard isVowel(letters, i) else {
                i += 1
                continue
            }
            // One run of vowels (an h between two of them included), split into syllables.
            var previous: Character?
            var hasStrong = false
            while i < letters.count {
                if isVowel(letters, i) {
                    let vowel = letters[i]
                    let joins: Bool
                    if let previous {
                        joins = isWeak(vowel)
                            ? previous != vowel && !accentedWeak.contains(previous)
                            : isWeak(previous) && !hasStrong
                    } else {
                        joins = false
                    }
                    if !joins {
                        syllables += 1
                        hasStrong = false
                    }
                    if !isWeak(vowel) { hasStrong = true }
                    previous = vowel
                    i += 1
                } else if letters[i] == "h", i + 1 < letters.count, isVowel(letters, i + 1),
                    !("uü".contains(letters[i + 1]) && i + 2 < letters.count && isVowel(letters, i + 2))
                {
                    i += 1
                } else {
                    break
                }
            }
        }
        return max(1, syllables)
    }

    private static let vowels: Set<Character> = Set("aeiouáéíóúüàèìòùâêîôûäëïö")
    private static let accentedWeak: Set<Character> = Set("íúìù")

    /// An unaccented i, u, ü (or y, a vowel only at the end of a word).
    private static func isWeak(_ c: Character) -> Bool { "iuüyîï".contains(c) }

    private static func isVowel(_ letters: [Character], _ i: Int) -> Bool {
        let c = letters[i]
        if c == "y" { return letters.count == 1 || i == letters.count - 1 && vowels.contains(letters[i - 1]) }
        return vowels.contains(c)
    }
}
