/// The query-time constants of both engines: what a kind of match weighs, how far prefixes and
/// typos reach, the bonuses for words close together and in order, and how many pages are
/// read. This is their one definition: every index carries them (`"ranking"` in
/// `index.json`), and the Swift engine and search.js both rank with what the index says.
struct RankingSettings: Equatable, Sendable {
    /// Percent of a term's impact, by kind of match.
    var exactPercent = 100
    var prefixPercent = 70
    var typoOneEditPercent = 60
    var typoTwoEditsPercent = 45
    var synonymPercent = 60

    var prefixExpansions = 20
    /// A last word shorter than this (in characters) matches whole words only: a lone "9"
    /// would start hundreds of terms, spread over as many shards.
    var minPrefixLength = 2
    var typoExpansions = 10
    /// Most words in a synonym key ("partial hospitalization program" has three).
    var keyWords = 3
    /// A word of this many letters may have one typo; of `twoTyposLetters`, two.
    var oneTypoLetters = 4
    var twoTyposLetters = 8

    /// Adjacent query words n positions apart (n < reach) earn (reach − n) × points.
    var proximityReach = 6
    var proximityPoints = 200
    /// A title with every query word (stop words included) in the query's order earns
    /// this; a heading, half as much.
    var titleOrderPoints = 2000
    var headingOrderPoints = 1000
    /// A title or heading with the query's words of content (two or more) in order, but not
    /// all its small words.
    var contentOrderPoints = 500
    /// Partial results sort first by how many query words they match.
    var matchedWordPoints = 100_000_000
    /// Fewest candidates read and ranked with their text, whatever the limit.
    var readWindow = 10
    /// Most candidates read to check quoted phrases.
    var phraseCheckLimit = 30
    /// An excerpt cut from a page's text is at most this many bytes, ellipses aside.
    var excerptBytes = 180
    /// The part to link to: an occurrence in a part's heading counts this many times one in
    /// its text (as the postings weigh headings and body).
    var partHeadingWeight = Int(IndexFormat.headingWeight)
    var partBodyWeight = Int(IndexFormat.bodyWeight)

    static let english = RankingSettings()

    /// The typo percent for `edits` edits (0: an exact match).
    func typoPercent(_ edits: Int) -> Int {
        edits == 0 ? exactPercent : edits == 1 ? typoOneEditPercent : typoTwoEditsPercent
    }

    /// How many typos a word of these UTF-8 bytes may have: its letters, not bytes, count.
    func allowedEdits(_ word: [UInt8]) -> Int {
        let letters = word.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return letters >= twoTyposLetters ? 2 : letters >= oneTypoLetters ? 1 : 0
    }

    /// Name and value of every setting, in the key order the index writes them.
    var fields: [(name: String, value: Int)] {
        [
            ("contentOrder", contentOrderPoints), ("exact", exactPercent), ("excerptBytes", excerptBytes),
            ("headingOrder", headingOrderPoints), ("keyWords", keyWords),
            ("matchedWord", matchedWordPoints),
            ("minPrefix", minPrefixLength), ("oneTypo", oneTypoLetters),
            ("partBody", partBodyWeight), ("partHeading", partHeadingWeight),
            ("phraseCheck", phraseCheckLimit), ("prefix", prefixPercent),
            ("prefixExpansions", prefixExpansions), ("proximityPoints", proximityPoints),
            ("proximityReach", proximityReach), ("readWindow", readWindow),
            ("synonym", synonymPercent), ("titleOrder", titleOrderPoints),
            ("twoTypos", twoTyposLetters), ("typo1", typoOneEditPercent),
            ("typo2", typoTwoEditsPercent), ("typoExpansions", typoExpansions),
        ]
    }

    /// The settings an index gives (every field must be there: a missing one is an error).
    init(fields object: [String: Any]) throws {
        func value(_ name: String) throws -> Int {
            guard let number = object[name] as? Int else {
                throw SearchEngineError.malformed(IndexFormat.entryFile, "missing or wrong ranking \"\(name)\"")
            }
            return number
        }
        contentOrderPoints = try value("contentOrder")
        exactPercent = try value("exact")
        excerptBytes = try value("excerptBytes")
        headingOrderPoints = try value("headingOrder")
        keyWords = try value("keyWords")
        matchedWordPoints = try value("matchedWord")
        minPrefixLength = try value("minPrefix")
        oneTypoLetters = try value("oneTypo")
        partBodyWeight = try value("partBody")
        partHeadingWeight = try value("partHeading")
        phraseCheckLimit = try value("phraseCheck")
        prefixPercent = try value("prefix")
        prefixExpansions = try value("prefixExpansions")
        proximityPoints = try value("proximityPoints")
        proximityReach = try value("proximityReach")
        readWindow = try value("readWindow")
        synonymPercent = try value("synonym")
        titleOrderPoints = try value("titleOrder")
        twoTyposLetters = try value("twoTypos")
        typoOneEditPercent = try value("typo1")
        typoTwoEditsPercent = try value("typo2")
        typoExpansions = try value("typoExpansions")
    }

    init() {}
}
