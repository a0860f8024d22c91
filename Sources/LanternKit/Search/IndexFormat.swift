/// Names and numbers of the index format (docs/search-index.md), shared by the builder and
/// the Swift engine; search.js carries the same values.
enum IndexFormat {
    static let version = 1
    static let entryFile = "index.json"
    static let wordsFile = "words.json"

    static func shardFile(_ number: Int) -> String { "shard-\(number).json" }
    static func pagesFile(_ number: Int) -> String { "pages-\(number).json" }

    // Field weights in half occurrences: one title occurrence counts as eight in the body.
    static let titleWeight: Int32 = 16
    static let tagWeight: Int32 = 8
    static let headingWeight: Int32 = 6
    static let descriptionWeight: Int32 = 4
    static let sectionWeight: Int32 = 3
    static let bodyWeight: Int32 = 2

    // BM25 parameters; an impact is round(10 × BM25 score), at least 1.
    static let k1 = 1.2
    static let b = 0.75
    static let impactScale = 10.0
    /// Added to the impact of a term in the page title: however often a common word fills
    /// the text, a page named after it comes first.
    static let titleImpact = 5

    /// Characters of the postings code, 0...63. A digit ≥ 32 means "more digits follow".
    static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// A term's popularity class: ⌊log2(document frequency)⌋, written as one alphabet
    /// character. Orders prefix and typo expansions.
    static func popularity(_ documentFrequency: Int) -> UInt8 {
        alphabet[min(63, Int.bitWidth - 1 - max(1, documentFrequency).leadingZeroBitCount)]
    }

    /// Sorted terms, front-coded: each is one alphabet character giving how many leading
    /// ASCII characters it shares with the term before (at most 63), then the rest.
    static func frontCode(_ terms: [String]) -> [String] {
        var previous: [UInt8] = []
        return terms.map { term in
            let bytes = Array(term.utf8)
            var shared = 0
            while shared < min(63, bytes.count, previous.count) && bytes[shared] < 0x80
                && bytes[shared] == previous[shared]
            {
                shared += 1
            }
            previous = bytes
            return String(decoding: [alphabet[shared]] + bytes[shared...], as: UTF8.self)
        }
    }

    static func frontDecode(_ coded: [String]) -> [String] {
        var previous: [UInt8] = []
        return coded.map { entry in
            let bytes = Array(entry.utf8)
            let shared = Int(decodeTable[Int(bytes[0] & 0x7F)])
            previous = Array(previous.prefix(shared)) + bytes[1...]
            return String(decoding: previous, as: UTF8.self)
        }
    }

    static let decodeTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, char) in alphabet.enumerated() { table[Int(char)] = Int8(value) }
        return table
    }()

    static func appendNumber(_ value: Int, to out: inout [UInt8]) {
        var v = value
        while v >= 32 {
            out.append(alphabet[32 | (v & 31)])
            v >>= 5
        }
        out.append(alphabet[v])
    }

    /// Postings of one term: (page − previous page − 1, impact − 1) pairs, pages ascending.
    static func encodePostings(pages: ArraySlice<Int32>, impacts: ArraySlice<Int32>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(pages.count * 2)
        var previous = -1
        for (page, impact) in zip(pages, impacts) {
            appendNumber(Int(page) - previous - 1, to: &out)
            appendNumber(Int(impact) - 1, to: &out)
            previous = Int(page)
        }
        return out
    }

    static func decodePostings(_ code: String) -> [(page: Int, impact: Int)] {
        var result: [(page: Int, impact: Int)] = []
        var numbers: [Int] = []
        var value = 0
        var shift = 0
        for char in code.utf8 {
            let digit = Int(decodeTable[Int(char & 0x7F)])
            value |= (digit & 31) << shift
            if digit >= 32 {
                shift += 5
            } else {
                numbers.append(value)
                value = 0
                shift = 0
            }
        }
        var page = -1
        var i = 0
        while i + 1 < numbers.count {
            page += numbers[i] + 1
            result.append((page, numbers[i + 1] + 1))
            i += 2
        }
        return result
    }

    // Query-time weights, in percent of a term's impact.
    static let exactPercent = 100
    static let prefixPercent = 70
    static let typoPercent = [100, 60, 45]  // by number of edits
    static let synonymPercent = 60

    static let prefixExpansions = 20
    static let typoExpansions = 10

    /// Adjacent query words n positions apart (n < 6) earn (6 − n) × 400 points.
    static let proximityReach = 6
    static let proximityPoints = 400
    /// A title with every query word (stop words included) in the query's order earns
    /// this; a heading, half as much.
    static let titleOrderPoints = 4000
    static let headingOrderPoints = 2000
    /// Partial results sort first by how many query words they match.
    static let matchedWordPoints = 100_000_000
    /// Fewest candidates read and ranked with their text, whatever the limit.
    static let readWindow = 10
    /// Most candidates read to check quoted phrases, so a browser never fetches without end.
    static let phraseCheckLimit = 30
}
