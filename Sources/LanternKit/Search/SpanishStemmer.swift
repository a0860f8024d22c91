/// The Snowball Spanish stemmer, following spanish.sbl of Snowball 3 (which also removes the
/// unaccented `-acion`, `-ucion` and their plurals, as people type them without accents).
///
/// Works on Unicode scalars, so it stems accented words exactly as the reference does
/// (SpanishStemmerTests checks every word of a Spanish word list against it); the Spanish
/// analyzer hands it words already folded but for ñ. Step names follow the Snowball source;
/// search.js has the same steps.
enum SpanishStemmer {
    static func stem(_ word: String) -> String {
        var w = SpanishWord(Array(word.unicodeScalars))
        w.run()
        return String(String.UnicodeScalarView(w.w))
    }

    static func stem(_ word: [UInt8]) -> [UInt8] {
        Array(stem(String(decoding: word, as: UTF8.self)).utf8)
    }

    // Suffix lists (Snowball's `among`s); the longest that ends the word is the one tried.
    static let pronouns = list("me se sela selo selas selos la le lo las les los nos")
    /// Verb endings an attached pronoun may follow, with what they become once it goes.
    static let pronounHosts: [(String, String?)] = [
        ("iéndo", "iendo"), ("ándo", "ando"), ("ár", "ar"), ("ér", "er"), ("ír", "ir"),
        ("ando", nil), ("iendo", nil), ("ar", nil), ("er", nil), ("ir", nil), ("yendo", nil),
    ]
    /// Each host as a list of its own, so that `longest` tells which one ended the word.
    static let pronounHostLists = pronounHosts.map { [Array($0.0.unicodeScalars)] }
    /// Standard suffixes by what removing them does (the cases of `standard_suffix`).
    static let plainSuffixes = list(
        "anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas "
            + "amiento amientos imiento imientos")
    static let icSuffixes = list(
        "adora ador ación acion adoras adores aciones acion ante antes ancia ancias")
    static let logiaSuffixes = list("logía logías")
    static let ucionSuffixes = list("ución uciones ucion")
    static let enciaSuffixes = list("encia encias")
    static let amenteSuffixes = list("amente")
    static let menteSuffixes = list("mente")
    static let idadSuffixes = list("idad idades")
    static let ivaSuffixes = list("iva ivo ivas ivos")
    /// What may go after a standard suffix has gone (in R2).
    static let amenteFollowers = list("iv os ic ad")
    static let menteFollowers = list("ante able ible")
    static let idadFollowers = list("abil ic iv")
    static let ic = list("ic")
    static let at = list("at")
    static let yVerbSuffixes = list("ya ye yan yen yeron yendo yo yó yas yes yais yamos")
    /// Verb suffixes removed with a "u" before them when "gu" precedes (`verb_suffix`, case 1).
    static let guVerbSuffixes = list("en es éis emos")
    static let verbSuffixes = list(
        "arían arías arán arás aríais aría aréis aríamos aremos ará aré erían erías erán erás "
            + "eríais ería eréis eríamos eremos erá eré irían irías irán irás iríais iría iréis "
            + "iríamos iremos irá iré aba ada ida ía ara iera ad ed id ase iese aste iste an aban "
            + "ían aran ieran asen iesen aron ieron ado ido ando iendo ió ar er ir as abas adas "
            + "idas ías aras ieras ases ieses ís áis abais íais arais ierais aseis ieseis asteis "
            + "isteis ados idos amos ábamos íamos imos áramos iéramos iésemos ásemos")
    static let residualSuffixes = list("os a o á í ó")
    static let residualESuffixes = list("e é")

    static func list(_ words: String) -> [[Unicode.Scalar]] {
        words.split(separator: " ").map { Array($0.unicodeScalars) }
    }

    static let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u", "á", "é", "í", "ó", "ú", "ü"]
}

/// A word being stemmed, with Snowball's regions RV, R1 and R2 as start offsets.
private struct SpanishWord {
    typealias S = SpanishStemmer
    var w: [Unicode.Scalar]
    var pV = 0
    var p1 = 0
    var p2 = 0

    init(_ word: [Unicode.Scalar]) { w = word }

    func isVowel(_ i: Int) -> Bool { i >= 0 && i < w.count && S.vowels.contains(w[i]) }

    mutating func run() {
        markRegions()
        attachedPronoun()
        if !standardSuffix() && !yVerbSuffix() { _ = verbSuffix() }
        residualSuffix()
        postlude()
    }

    /// Offset just past the first vowel at or after `start`, then past the first non-vowel
    /// after that ("gopast v gopast non-v"), or nil.
    func pastVowelThenNonVowel(from start: Int) -> Int? {
        var i = start
        while i < w.count && !isVowel(i) { i += 1 }
        guard i < w.count else { return nil }
        i += 1
        while i < w.count && isVowel(i) { i += 1 }
        return i < w.count ? i + 1 : nil
    }

    /// Offset just past the next vowel at or after `start`.
    func pastVowel(from start: Int) -> Int? {
        var i = start
        while i < w.count && !isVowel(i) { i += 1 }
        return i < w.count ? i + 1 : nil
    }

    /// Offset just past the next non-vowel at or after `start`.
    func pastNonVowel(from start: Int) -> Int? {
        var i = start
        while i < w.count && isVowel(i) { i += 1 }
        return i < w.count ? i + 1 : nil
    }

    mutating func markRegions() {
        let n = w.count
        pV = n
        p1 = n
        p2 = n
        // RV: after the next vowel when the second letter is a consonant; after the next
        // consonant when the first two are vowels; after the third letter when consonant-vowel.
        if n >= 2 {
            if isVowel(0) {
                if !isVowel(1), let end = pastVowel(from: 2) {
                    pV = end
                } else if isVowel(1), let end = pastNonVowel(from: 2) {
                    pV = end
                }
            } else if !isVowel(1), let end = pastVowel(from: 2) {
                pV = end
            } else if isVowel(1) && n >= 3 {
                pV = 3
            }
        }
        if let end = pastVowelThenNonVowel(from: 0) {
            p1 = end
            if let end2 = pastVowelThenNonVowel(from: end) { p2 = end2 }
        }
    }

    /// Whether `suffix` ends at `end`, starting at or after `floor`.
    func ends(with suffix: [Unicode.Scalar], at end: Int, floor: Int = 0) -> Bool {
        end - suffix.count >= floor && w[(end - suffix.count)..<end].elementsEqual(suffix)
    }

    /// The longest of `lists` ending at `end` (starting at or after `floor`): its list's
    /// index and its length.
    func longest(_ lists: [[[Unicode.Scalar]]], at end: Int, floor: Int = 0) -> (list: Int, length: Int)? {
        var best: (list: Int, length: Int)?
        for (k, list) in lists.enumerated() {
            for suffix in list where suffix.count > (best?.length ?? -1) && ends(with: suffix, at: end, floor: floor) {
                best = (k, suffix.count)
            }
        }
        return best
    }

    mutating func attachedPronoun() {
        guard let pronoun = longest([S.pronouns], at: w.count) else { return }
        let hostEnd = w.count - pronoun.length
        guard let host = longest(S.pronounHostLists, at: hostEnd) else { return }
        let hostStart = hostEnd - host.length
        guard hostStart >= pV else { return }
        let (_, replacement) = S.pronounHosts[host.list]
        if let replacement {
            w.replaceSubrange(hostStart..<w.count, with: replacement.unicodeScalars)
        } else if S.pronounHosts[host.list].0 == "yendo" {
            guard hostStart > 0 && w[hostStart - 1] == "u" else { return }
            w.removeSubrange(hostEnd...)
        } else {
            w.removeSubrange(hostEnd...)
        }
    }

    /// Deletes the longest of `suffixes` that ends the word, when it lies in R2; whether it did.
    mutating func deleteInR2(_ suffixes: [[Unicode.Scalar]]) -> Bool {
        guard let found = longest([suffixes], at: w.count), w.count - found.length >= p2 else { return false }
        w.removeLast(found.length)
        return true
    }

    mutating func standardSuffix() -> Bool {
        let lists = [
            S.plainSuffixes, S.icSuffixes, S.logiaSuffixes, S.ucionSuffixes, S.enciaSuffixes,
            S.amenteSuffixes, S.menteSuffixes, S.idadSuffixes, S.ivaSuffixes,
        ]
        guard let found = longest(lists, at: w.count) else { return false }
        let start = w.count - found.length
        if found.list == 5 {  // amente: in R1
            guard start >= p1 else { return false }
            w.removeLast(found.length)
            if let next = longest([S.amenteFollowers], at: w.count), w.count - next.length >= p2 {
                let isIv = w[w.count - next.length] == "i" && w[w.count - 1] == "v"
                w.removeLast(next.length)
                if isIv { _ = deleteInR2(S.at) }
            }
            return true
        }
        guard start >= p2 else { return false }
        switch found.list {
        case 2: w.replaceSubrange(start..., with: "log".unicodeScalars)
        case 3: w.replaceSubrange(start..., with: "u".unicodeScalars)
        case 4: w.replaceSubrange(start..., with: "ente".unicodeScalars)
        default: w.removeLast(found.length)
        }
        switch found.list {
        case 1: _ = deleteInR2(S.ic)
        case 6: _ = deleteInR2(S.menteFollowers)
        case 7: _ = deleteInR2(S.idadFollowers)
        case 8: _ = deleteInR2(S.at)
        default: break
        }
        return true
    }

    mutating func yVerbSuffix() -> Bool {
        guard let found = longest([S.yVerbSuffixes], at: w.count, floor: pV) else { return false }
        let start = w.count - found.length
        guard start > 0 && w[start - 1] == "u" else { return false }
        w.removeLast(found.length)
        return true
    }

    mutating func verbSuffix() -> Bool {
        guard let found = longest([S.guVerbSuffixes, S.verbSuffixes], at: w.count, floor: pV) else {
            return false
        }
        var start = w.count - found.length
        if found.list == 0 && start >= 2 && w[start - 1] == "u" && w[start - 2] == "g" { start -= 1 }
        w.removeSubrange(start...)
        return true
    }

    mutating func residualSuffix() {
        guard let found = longest([S.residualSuffixes, S.residualESuffixes], at: w.count) else { return }
        let start = w.count - found.length
        guard start >= pV else { return }
        w.removeLast(found.length)
        if found.list == 1 && start >= 2 && w[start - 1] == "u" && w[start - 2] == "g" && start - 1 >= pV {
            w.removeLast()
        }
    }

    mutating func postlude() {
        for i in w.indices {
            switch w[i] {
            case "á": w[i] = "a"
            case "é": w[i] = "e"
            case "í": w[i] = "i"
            case "ó": w[i] = "o"
            case "ú": w[i] = "u"
            default: break
            }
        }
    }
}
