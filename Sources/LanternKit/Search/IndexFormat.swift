/// Names and numbers of the index format (docs/search-index.md), shared by the builder and
/// the Swift engine; search.js carries the same values.
enum IndexFormat {
    static let version = 2
    static let entryFile = "index.json"

    static func shardFile(_ number: Int) -> String { "shard-\(number).json" }
    static func cardsFile(_ number: Int) -> String { "cards-\(number).json" }

    // Field weights in half occurrences: one title occurrence counts as eight in the body.
    static let titleWeight: Int32 = 16
    static let tagWeight: Int32 = 8
    static let headingWeight: Int32 = 6
    static let descriptionWeight: Int32 = 4
    static let sectionWeight: Int32 = 3
    static let bodyWeight: Int32 = 2

    // BM25 parameters; an impact is round(5 × BM25 score), at least 1: steps of 0.2 keep
    // most impacts below 32, one character in the postings.
    static let k1 = 1.2
    static let b = 0.75
    static let impactScale = 5.0
    /// Added to the impact of a term in the page title: however often a common word fills
    /// the text, a page named after it comes first.
    static let titleImpact = 3

    /// A term's *champions* are its this many highest-impact pages. Results are chosen
    /// among the champions of the query's terms first, and a sharded index stores each
    /// term's champion cards beside its postings, so a query needs no third request.
    static let champions = 32

    /// Pages without a description get this much of their text (bytes, cut between words)
    /// as the text of their card.
    static let leadBytes = 160

    /// Characters of the number code, 0...63. A digit ≥ 32 means "more digits follow".
    static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// A term's popularity class: ⌊log2(document frequency)⌋, written as one alphabet
    /// character. Orders prefix and typo expansions.
    static func popularity(_ documentFrequency: Int) -> Int {
        min(63, Int.bitWidth - 1 - max(1, documentFrequency).leadingZeroBitCount)
    }

    static let decodeTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, char) in alphabet.enumerated() { table[Int(char)] = Int8(value) }
        return table
    }()

    static func digit(_ char: UInt8) -> Int { Int(decodeTable[Int(char & 0x7F)]) }

    static func appendNumber(_ value: Int, to out: inout [UInt8]) {
        var v = value
        while v >= 32 {
            out.append(alphabet[32 | (v & 31)])
            v >>= 5
        }
        out.append(alphabet[v])
    }

    /// Reads one number at `i`, moving `i` past it.
    static func readNumber(_ code: [UInt8], _ i: inout Int) -> Int {
        var value = 0
        var shift = 0
        while i < code.count {
            let d = digit(code[i])
            i += 1
            value |= (d & 31) << shift
            if d < 32 { break }
            shift += 5
        }
        return value
    }

    // MARK: Postings

    /// Postings of one term: (page − previous page − 1, impact − 1) pairs, pages ascending,
    /// then ".". A postings string is the terms' codes one after another.
    static func appendPostings(
        pages: ArraySlice<Int32>, impacts: ArraySlice<Int32>, to out: inout [UInt8]
    ) {
        var previous = -1
        for (page, impact) in zip(pages, impacts) {
            appendNumber(Int(page) - previous - 1, to: &out)
            appendNumber(Int(impact) - 1, to: &out)
            previous = Int(page)
        }
        out.append(termEnd)
    }

    static let termEnd = UInt8(ascii: ".")

    /// Where each term's code starts in a postings string of `terms` terms (one more entry
    /// for the end), and each term's page count.
    static func postingsOffsets(_ code: [UInt8], terms: Int) -> (starts: [Int], counts: [Int]) {
        var starts: [Int] = [0]
        var counts: [Int] = []
        starts.reserveCapacity(terms + 1)
        var numbers = 0
        for (i, char) in code.enumerated() {
            if char == termEnd {
                starts.append(i + 1)
                counts.append(numbers / 2)
                numbers = 0
            } else if digit(char) < 32 {
                numbers += 1
            }
        }
        return (starts, counts)
    }

    static func decodePostings(_ code: [UInt8], at start: Int) -> [(page: Int, impact: Int)] {
        var i = start
        var result: [(page: Int, impact: Int)] = []
        var page = -1
        while i < code.count && code[i] != termEnd {
            page += readNumber(code, &i) + 1
            result.append((page, readNumber(code, &i) + 1))
        }
        return result
    }

    /// The champions of a term: its `count` highest-impact pages (lower page first on
    /// ties), in that order.
    static func champions(_ postings: [(page: Int, impact: Int)], count: Int) -> [Int] {
        postings.sorted { $0.impact != $1.impact ? $0.impact > $1.impact : $0.page < $1.page }
            .prefix(count).map(\.page)
    }

    // MARK: Vocabulary

    /// What a vocabulary entry is: an index term, a folded word whose stem differs from it
    /// (for typo matching), or both.
    enum EntryKind: UInt8 {
        case term = 0x20  // " "
        case word = 0x2C  // ","
        case both = 0x3B  // ";"
    }

    /// Terms and words, sorted by bytes, in one string: each entry is its kind character,
    /// one alphabet character giving how many leading ASCII characters it shares with the
    /// entry before (at most 63), and the rest. Tokens never contain " ", "," or ";".
    static func encodeVocabulary(terms: [String], words: [String]) -> [UInt8] {
        var kinds: [String: EntryKind] = [:]
        for term in terms { kinds[term] = .term }
        for word in words { kinds[word] = kinds[word] == nil ? .word : .both }
        let entries = kinds.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var out: [UInt8] = []
        var previous: [UInt8] = []
        for entry in entries {
            let bytes = Array(entry.utf8)
            var shared = 0
            while shared < min(63, bytes.count, previous.count) && bytes[shared] < 0x80
                && bytes[shared] == previous[shared]
            {
                shared += 1
            }
            out.append(kinds[entry]!.rawValue)
            out.append(alphabet[shared])
            out.append(contentsOf: bytes[shared...])
            previous = bytes
        }
        return out
    }

    /// Terms in id order, and the words, from a vocabulary string.
    static func decodeVocabulary(_ code: [UInt8]) -> (terms: [[UInt8]], words: [[UInt8]]) {
        var terms: [[UInt8]] = []
        var words: [[UInt8]] = []
        var previous: [UInt8] = []
        var i = 0
        while i + 1 < code.count {
            let kind = EntryKind(rawValue: code[i]) ?? .term
            var entry = Array(previous.prefix(digit(code[i + 1])))
            i += 2
            while i < code.count && EntryKind(rawValue: code[i]) == nil {
                entry.append(code[i])
                i += 1
            }
            if kind != .word { terms.append(entry) }
            if kind != .term { words.append(entry) }
            previous = entry
        }
        return (terms, words)
    }

    // MARK: Cards

    /// The anchor a heading gets when nothing about it is unusual: ASCII letters lower-cased,
    /// digits, "-" and "_" kept, spaces made "-", other ASCII left out. Nil for a heading with
    /// other characters. A card stores an anchor only when it differs from this guess.
    static func anchorGuess(_ heading: String) -> String? {
        var out: [UInt8] = []
        for byte in heading.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: " "): out.append(UInt8(ascii: "-"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(byte | 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"):
                out.append(byte)
            default: break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `url` as stored after `previous`: how many leading ASCII characters they share (one
    /// alphabet character, at most 63), then the rest.
    static func frontCode(_ url: String, after previous: String) -> String {
        let bytes = Array(url.utf8)
        let before = Array(previous.utf8)
        var shared = 0
        while shared < min(63, bytes.count, before.count) && bytes[shared] < 0x80
            && bytes[shared] == before[shared]
        {
            shared += 1
        }
        return String(decoding: [alphabet[shared]] + bytes[shared...], as: UTF8.self)
    }

    static func frontDecode(_ coded: String, after previous: String) -> String {
        let bytes = Array(coded.utf8)
        guard let first = bytes.first else { return previous }
        return String(decoding: Array(previous.utf8.prefix(digit(first))) + bytes[1...], as: UTF8.self)
    }

    // MARK: Query-time weights, in percent of a term's impact

    static let exactPercent = 100
    static let prefixPercent = 70
    static let typoPercent = [100, 60, 45]  // by number of edits
    static let synonymPercent = 60

    static let prefixExpansions = 20
    static let typoExpansions = 10

    /// Adjacent query words n positions apart (n < 6) earn (6 − n) × 200 points.
    static let proximityReach = 6
    static let proximityPoints = 200
    /// A title with every query word (stop words included) in the query's order earns
    /// this; a heading, half as much.
    static let titleOrderPoints = 2000
    static let headingOrderPoints = 1000
    /// Partial results sort first by how many query words they match.
    static let matchedWordPoints = 100_000_000
    /// Fewest candidates read and ranked with their text, whatever the limit.
    static let readWindow = 10
    /// Most candidates read to check quoted phrases.
    static let phraseCheckLimit = 30
}
