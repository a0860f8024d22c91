/// The Snowball English ("Porter2") stemmer, following english.sbl of Snowball 3.
///
/// Works on lower-case ASCII bytes; a word with any other byte is returned unchanged.
/// Step names follow the Snowball source so the two can be read side by side; search.js
/// has the same steps.
enum Stemmer {
    static func stem(_ word: String) -> String {
        String(decoding: stem(Array(word.utf8)), as: UTF8.self)
    }

    static func stem(_ word: [UInt8]) -> [UInt8] {
        if let special = exceptions[word] { return special }
        if word.count < 3 || word.contains(where: { $0 >= 0x80 }) { return word }
        var w = Porter2Word(word)
        w.run()
        return w.result
    }

    /// Whole words with a fixed stem (exception1).
    private static let exceptions: [[UInt8]: [UInt8]] = {
        let pairs: [(String, String)] = [
            ("skis", "ski"), ("skies", "sky"), ("idly", "idl"), ("gently", "gentl"),
            ("ugly", "ugli"), ("early", "earli"), ("only", "onli"), ("singly", "singl"),
            ("sky", "sky"), ("news", "news"), ("howe", "howe"), ("atlas", "atlas"),
            ("cosmos", "cosmos"), ("bias", "bias"), ("andes", "andes"),
        ]
        var map: [[UInt8]: [UInt8]] = [:]
        for (word, stem) in pairs { map[Array(word.utf8)] = Array(stem.utf8) }
        return map
    }()
}

/// The word being stemmed, with Snowball's regions R1 and R2 (as start offsets).
private struct Porter2Word {
    var w: [UInt8]
    var p1 = 0
    var p2 = 0
    var yFound = false

    static let upperY = UInt8(ascii: "Y")

    init(_ word: [UInt8]) { w = word }

    var result: [UInt8] {
        var out = w
        if yFound {
            for i in out.indices where out[i] == Self.upperY { out[i] = UInt8(ascii: "y") }
        }
        return out
    }

    mutating func run() {
        prelude()
        markRegions()
        step1a()
        step1b()
        step1c()
        step2()
        step3()
        step4()
        step5()
    }

    // MARK: Character classes

    static func isVowel(_ c: UInt8) -> Bool {
        switch c {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return true  // a e i o u y
        default: return false
        }
    }

    /// Non-vowel that is also not w, x or Y (for short syllables).
    static func isNonVowelWXY(_ c: UInt8) -> Bool {
        !isVowel(c) && c != 0x77 && c != 0x78 && c != upperY
    }

    static func isValidLiEnding(_ c: UInt8) -> Bool {
        Array("cdeghkmnrt".utf8).contains(c)
    }

    func endsWith(_ suffix: String) -> Bool { endsWith(suffix, at: w.count) }

    /// Whether `suffix` ends at offset `end`.
    func endsWith(_ suffix: String, at end: Int) -> Bool {
        let s = Array(suffix.utf8)
        guard s.count <= end else { return false }
        return w[(end - s.count)..<end].elementsEqual(s)
    }

    /// The longest of `suffixes` that the word ends with.
    func longestSuffix(_ suffixes: [String]) -> String? {
        var best: String?
        for s in suffixes where endsWith(s) && s.utf8.count > (best?.utf8.count ?? -1) {
            best = s
        }
        return best
    }

    mutating func replaceSuffix(_ count: Int, with replacement: String) {
        w.removeLast(count)
        w.append(contentsOf: replacement.utf8)
    }

    /// A short syllable ending at `end`: non-vowel, vowel, non-vowel other than w, x, Y; or
    /// vowel, non-vowel at the very start; or "past".
    func isShortSyllable(endingAt end: Int) -> Bool {
        if end >= 3 && Self.isNonVowelWXY(w[end - 1]) && Self.isVowel(w[end - 2])
            && !Self.isVowel(w[end - 3])
        {
            return true
        }
        if end == 2 && !Self.isVowel(w[1]) && Self.isVowel(w[0]) { return true }
        return endsWith("past", at: end)
    }

    // MARK: Steps

    mutating func prelude() {
        if w.first == UInt8(ascii: "'") { w.removeFirst() }
        if w.first == UInt8(ascii: "y") {
            w[0] = Self.upperY
            yFound = true
        }
        var i = 1
        while i < w.count {
            if w[i] == UInt8(ascii: "y") && Self.isVowel(w[i - 1]) {
                w[i] = Self.upperY
                yFound = true
            }
            i += 1
        }
    }

    mutating func markRegions() {
        p1 = w.count
        p2 = w.count
        let prefixes = ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ"]
        if let prefix = prefixes.first(where: { w.starts(with: $0.utf8) }) {
            p1 = prefix.utf8.count
        } else if let end = afterVowelThenNonVowel(from: 0) {
            p1 = end
        } else {
            return
        }
        p2 = afterVowelThenNonVowel(from: p1) ?? w.count
    }

    /// Offset just past the first non-vowel that follows a vowel, searching from `start`.
    func afterVowelThenNonVowel(from start: Int) -> Int? {
        var i = start
        while i < w.count && !Self.isVowel(w[i]) { i += 1 }
        guard i < w.count else { return nil }
        while i < w.count && Self.isVowel(w[i]) { i += 1 }
        guard i < w.count else { return nil }
        return i + 1
    }

    func hasVowel(before end: Int) -> Bool {
        w[0..<max(0, end)].contains(where: Self.isVowel)
    }

    mutating func step1a() {
        if let s = longestSuffix(["'", "'s", "'s'"]) { w.removeLast(s.utf8.count) }
        guard let suffix = longestSuffix(["sses", "ied", "ies", "s", "us", "ss"]) else { return }
        let start = w.count - suffix.utf8.count
        switch suffix {
        case "sses":
            replaceSuffix(4, with: "ss")
        case "ied", "ies":
            replaceSuffix(3, with: start >= 2 ? "i" : "ie")
        case "s":
            // Delete if a vowel comes before the letter preceding the s ("gaps", not "gas").
            if start >= 1 && hasVowel(before: start - 1) { w.removeLast() }
        default:
            break
        }
    }

    mutating func step1b() {
        let suffixes = ["eed", "eedly", "ed", "edly", "ing", "ingly"]
        guard let suffix = longestSuffix(suffixes) else { return }
        let start = w.count - suffix.utf8.count
        switch suffix {
        case "eed", "eedly":
            let stem = w[0..<start]
            if ["proc", "exc", "succ"].contains(where: { stem.elementsEqual($0.utf8) }) { return }
            if start >= p1 { replaceSuffix(suffix.utf8.count, with: "ee") }
            return
        case "ing":
            if endsWith("y", at: start) {
                // dying → die, lying → lie: a single non-vowel, then "ying".
                if start == 2 && !Self.isVowel(w[0]) {
                    w.removeLast(4)
                    w.append(contentsOf: "ie".utf8)
                    return
                }
            } else if let kept = ["inn", "out", "cann", "herr", "earr", "even"]
                .first(where: { endsWith($0, at: start) }), kept.utf8.count == start
            {
                return
            }
        default:
            break
        }
        guard hasVowel(before: start) else { return }
        w.removeLast(suffix.utf8.count)
        if endsWith("at") || endsWith("bl") || endsWith("iz") {
            w.append(UInt8(ascii: "e"))
        } else if let last = w.last, w.count >= 2, w[w.count - 2] == last,
            Array("bdfgmnprt".utf8).contains(last)
        {
            // A double consonant loses a letter, except after a, e or o at the start ("add").
            if w.count == 3 && Array("aeo".utf8).contains(w[0]) { return }
            w.removeLast()
        } else if p1 == w.count && isShortSyllable(endingAt: w.count) {
            w.append(UInt8(ascii: "e"))
        }
    }

    mutating func step1c() {
        guard let last = w.last, last == UInt8(ascii: "y") || last == Self.upperY,
            w.count >= 3, !Self.isVowel(w[w.count - 2])
        else { return }
        w[w.count - 1] = UInt8(ascii: "i")
    }

    static let step2Rules: [(String, String)] = [
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"),
        ("entli", "ent"), ("izer", "ize"), ("ization", "ize"), ("ational", "ate"),
        ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("aliti", "al"), ("alli", "al"),
        ("fulness", "ful"), ("ousli", "ous"), ("ousness", "ous"), ("iveness", "ive"),
        ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"), ("ogist", "og"), ("ogi", "og"),
        ("fulli", "ful"), ("lessli", "less"), ("li", ""),
    ]

    mutating func step2() {
        guard let suffix = longestSuffix(Self.step2Rules.map(\.0)) else { return }
        let start = w.count - suffix.utf8.count
        guard start >= p1 else { return }
        if suffix == "ogi" && !endsWith("l", at: start) { return }
        if suffix == "li" && !(start >= 1 && Self.isValidLiEnding(w[start - 1])) { return }
        let replacement = Self.step2Rules.first(where: { $0.0 == suffix })!.1
        replaceSuffix(suffix.utf8.count, with: replacement)
    }

    static let step3Rules: [(String, String)] = [
        ("tional", "tion"), ("ational", "ate"), ("alize", "al"), ("icate", "ic"),
        ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""), ("ative", ""),
    ]

    mutating func step3() {
        guard let suffix = longestSuffix(Self.step3Rules.map(\.0)) else { return }
        let start = w.count - suffix.utf8.count
        guard start >= p1 else { return }
        if suffix == "ative" && start < p2 { return }
        let replacement = Self.step3Rules.first(where: { $0.0 == suffix })!.1
        replaceSuffix(suffix.utf8.count, with: replacement)
    }

    static let step4Suffixes = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism",
        "ate", "iti", "ous", "ive", "ize", "ion",
    ]

    mutating func step4() {
        guard let suffix = longestSuffix(Self.step4Suffixes) else { return }
        let start = w.count - suffix.utf8.count
        guard start >= p2 else { return }
        if suffix == "ion" && !(endsWith("s", at: start) || endsWith("t", at: start)) { return }
        w.removeLast(suffix.utf8.count)
    }

    mutating func step5() {
        guard let last = w.last else { return }
        let start = w.count - 1
        if last == UInt8(ascii: "e") {
            if start >= p2 || (start >= p1 && !isShortSyllable(endingAt: start)) {
                w.removeLast()
            }
        } else if last == UInt8(ascii: "l") {
            if start >= p2 && endsWith("l", at: start) { w.removeLast() }
        }
    }
}
