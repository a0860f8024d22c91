/// Names and numbers of the index format (docs/search-index.md), shared by the builder and
/// the Swift engine; search.js carries the same values.
enum IndexFormat {
    static let version = 7
    static let entryFile = "index.json"
    /// Synonyms whose key has a word no page uses, read only by queries with such a word.
    static let bridgesFile = "bridges.json"
    /// The words of the vocabulary's terms (typo matching, "Did you mean"), read only by
    /// queries with a word whose stem is no term.
    static let wordsFile = "words.json"

    static func shardFile(_ number: Int) -> String { "shard-\(number).json" }
    static func cardsFile(_ number: Int) -> String { "cards-\(number).json" }
    /// Text files are gzip (Gzip.swift): read only after the results are shown, they are
    /// most of the index's bytes.
    static func textFile(_ number: Int) -> String { "text-\(number).json.gz" }

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

    /// About this many bytes of raw text go into one text file (a page's text is never split).
    static let textFileBytes = 4096
    /// At most about this many text files: on a large site, creating files is most of what
    /// a build costs the file system, and a file per page added 10,000 files to the 20,000
    /// files and folders of the 10,000-page benchmark's pages (`lantern build` went from
    /// 0.58× to 0.76× Hugo's time; 0.65× with 2,000 text files).
    static let maximumTextFiles = 2000

    static func pagesPerTextFile(pages: Int, textBytes: Int) -> Int {
        let bySize = textFileBytes * pages / max(1, textBytes)
        let byCount = (pages + maximumTextFiles - 1) / maximumTextFiles
        return max(1, min(pages, max(bySize, byCount)))
    }
    /// The description and each part's text in the text files are cut (between words) to at
    /// most this many bytes, about 300 words: a longer part is rare, and its opening is
    /// enough to show it; the cut bounds what one result can cost to download.
    static let partTextBytes = 2000

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

    /// The postings of a run of terms (the whole index, or a shard), in two strings: the
    /// pages compress better apart from the impacts than interleaved with them (format 6).
    /// `pages`: for each term, (page − previous page − 1) for each of its pages, ascending,
    /// with previous page −1 at the start, then ".". `impacts`: (impact − 1) of each of those
    /// postings, in the same order, with nothing between terms.
    struct EncodedPostings {
        var pages: [UInt8] = []
        var impacts: [UInt8] = []
        var byteCount: Int { pages.count + impacts.count }
    }

    static func appendPostings(
        pages: ArraySlice<Int32>, impacts: ArraySlice<Int32>, to out: inout EncodedPostings
    ) {
        var previous = -1
        for page in pages {
            appendNumber(Int(page) - previous - 1, to: &out.pages)
            previous = Int(page)
        }
        out.pages.append(termEnd)
        for impact in impacts { appendNumber(Int(impact) - 1, to: &out.impacts) }
    }

    static let termEnd = UInt8(ascii: ".")

    /// Where a term's postings start in `pages` and in `impacts`.
    struct PostingsStart { var page: Int; var impact: Int }

    /// Where each term's postings start in postings of `terms` terms (one more entry for the
    /// end), and each term's page count.
    static func postingsOffsets(_ code: EncodedPostings, terms: Int) -> (starts: [PostingsStart], counts: [Int]) {
        var starts = [PostingsStart(page: 0, impact: 0)]
        var counts: [Int] = []
        starts.reserveCapacity(terms + 1)
        counts.reserveCapacity(terms)
        var numbers = 0
        var impact = 0
        for (i, char) in code.pages.enumerated() {
            if char == termEnd {
                // The impacts of this term's `numbers` postings come next in `impacts`.
                for _ in 0..<numbers { _ = readNumber(code.impacts, &impact) }
                starts.append(PostingsStart(page: i + 1, impact: impact))
                counts.append(numbers)
                numbers = 0
            } else if digit(char) < 32 {
                numbers += 1
            }
        }
        return (starts, counts)
    }

    static func decodePostings(_ code: EncodedPostings, at start: PostingsStart) -> [(page: Int, impact: Int)] {
        var i = start.page
        var k = start.impact
        var result: [(page: Int, impact: Int)] = []
        var page = -1
        while i < code.pages.count && code.pages[i] != termEnd {
            page += readNumber(code.pages, &i) + 1
            result.append((page, readNumber(code.impacts, &k) + 1))
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

    /// Terms, and the words whose stem each is, in two strings. `terms`: each term, in id
    /// order, is " ", one alphabet character giving how many leading ASCII characters it
    /// shares with the term before (at most 63), and the rest. `words`: for each term, in id
    /// order, " " then each of its words: "+", one alphabet character giving how many
    /// characters (Unicode scalars) to drop from the end of the term, and what to add. Tokens
    /// never contain " " or "+".
    static func encodeVocabulary(terms: [String], words: [(word: String, term: Int)])
        -> (terms: [UInt8], words: [UInt8])
    {
        var wordsOfTerm = [[String]](repeating: [], count: terms.count)
        for (word, term) in words { wordsOfTerm[term].append(word) }
        var termCode: [UInt8] = [], wordCode: [UInt8] = []
        var previous: [UInt8] = []
        for (id, term) in terms.enumerated() {
            let bytes = Array(term.utf8)
            termCode.append(termMark)
            appendFrontCoded(bytes, after: previous, to: &termCode)
            previous = bytes
            wordCode.append(termMark)
            for word in wordsOfTerm[id] {
                let wordBytes = Array(word.utf8)
                let kept = sharedASCII(wordBytes, bytes, limit: Int.max)
                let dropped = String(decoding: bytes[kept...], as: UTF8.self).unicodeScalars.count
                if dropped > 63 { continue }  // cannot happen: tokens have at most 64 bytes
                wordCode.append(wordMark)
                wordCode.append(alphabet[dropped])
                wordCode.append(contentsOf: wordBytes[kept...])
            }
        }
        return (termCode, wordCode)
    }

    static let termMark = UInt8(ascii: " ")
    static let wordMark = UInt8(ascii: "+")

    /// How many leading ASCII bytes `a` and `b` share, at most `limit`.
    private static func sharedASCII(_ a: [UInt8], _ b: [UInt8], limit: Int = 63) -> Int {
        var shared = 0
        while shared < min(limit, a.count, b.count) && a[shared] < 0x80 && a[shared] == b[shared] {
            shared += 1
        }
        return shared
    }

    /// Front coding, of vocabulary terms and of card URLs: `bytes` as stored after `previous`,
    /// one alphabet character giving how many leading ASCII bytes they share (at most 63),
    /// then the rest.
    static func appendFrontCoded(_ bytes: [UInt8], after previous: [UInt8], to out: inout [UInt8]) {
        let shared = sharedASCII(bytes, previous)
        out.append(alphabet[shared])
        out.append(contentsOf: bytes[shared...])
    }

    /// The bytes `appendFrontCoded` stored as `coded` after `previous`.
    static func frontDecoded(_ coded: ArraySlice<UInt8>, after previous: [UInt8]) -> [UInt8] {
        guard let first = coded.first else { return previous }
        return Array(previous.prefix(digit(first))) + coded.dropFirst()
    }

    /// A list of words (the stop words) as the vocabulary's terms are stored: in byte order,
    /// each front-coded after the one before, so that what they share is written once.
    static func encodeWordList(_ words: [String]) -> [UInt8] {
        var code: [UInt8] = [], previous: [UInt8] = []
        for bytes in words.map({ Array($0.utf8) }).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            code.append(termMark)
            appendFrontCoded(bytes, after: previous, to: &code)
            previous = bytes
        }
        return code
    }

    /// Terms in id order, from the `terms` string of encodeVocabulary (or the words of
    /// encodeWordList, in byte order).
    static func decodeTerms(_ code: [UInt8]) -> [[UInt8]] {
        var terms: [[UInt8]] = []
        var i = 0
        while i + 1 < code.count {
            var end = i + 2
            while end < code.count && code[end] != termMark { end += 1 }
            terms.append(frontDecoded(code[(i + 1)..<end], after: terms.last ?? []))
            i = end
        }
        return terms
    }

    /// The words with their terms' ids, from the `words` string of encodeVocabulary.
    static func decodeWords(_ code: [UInt8], terms: [[UInt8]]) -> [(word: [UInt8], term: Int)] {
        var words: [(word: [UInt8], term: Int)] = []
        var term = -1
        var i = 0
        while i < code.count {
            if code[i] == termMark {
                term += 1
                i += 1
                continue
            }
            var end = i + 2
            while end < code.count && code[end] != termMark && code[end] != wordMark { end += 1 }
            if code[i] == wordMark, i + 1 < code.count, terms.indices.contains(term) {
                var scalars = Array(String(decoding: terms[term], as: UTF8.self).unicodeScalars)
                scalars.removeLast(min(digit(code[i + 1]), scalars.count))
                var word = Array(String(String.UnicodeScalarView(scalars)).utf8)
                word.append(contentsOf: code[(i + 2)..<end])
                words.append((word, term))
            }
            i = end
        }
        return words
    }

    // MARK: Cards

    /// The anchor a heading gets when nothing about it is unusual, for a heading of Latin-1
    /// characters (U+0000–U+00FF), nil for any other: ASCII letters and the letters
    /// U+00C0–U+00FE lower-cased (À–Þ are á–þ less 0x20; × and ÷ are no letters), the other
    /// Latin-1 letters, digits, `-` and `_` kept, spaces made `-`, the rest (`¿`, `¡`, `«`, …)
    /// left out. That is the heading's slug (HeadingSlugger) but for `ª`, `º`, `µ`, `¹`–`³`
    /// and `¼`–`¾`, which the slug keeps: a card stores an anchor only when it differs from
    /// this guess, so those cost an anchor and nothing else. search.js guesses the same way,
    /// with JavaScript's `toLowerCase`, which agrees with this on Latin-1.
    ///
    /// Read as UTF-8 bytes (every heading of every page is guessed at each build): U+0080–U+00BF
    /// are C2 and one byte, none of them kept; U+00C0–U+00FF are C3 and 0x80–0xBF; any other
    /// lead byte starts a scalar from U+0100 on.
    static func anchorGuess(_ heading: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(heading.utf8.count)
        var bytes = heading.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case 0x20: out.append(0x2D)
            case 0x41...0x5A: out.append(byte + 0x20)
            case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F: out.append(byte)
            case ..<0x80: break
            case 0xC2: _ = bytes.next()
            case 0xC3:
                guard let next = bytes.next() else { return nil }
                switch 0x40 + next {  // the scalar's low byte: U+00C0 is C3 80
                case 0xC0...0xD6, 0xD8...0xDE: out += [0xC3, next + 0x20]
                case 0xDF...0xF6, 0xF8...0xFF: out += [0xC3, next]
                default: break
                }
            default: return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `url` as stored after `previous` (appendFrontCoded).
    static func frontCode(_ url: String, after previous: String) -> String {
        var out: [UInt8] = []
        appendFrontCoded(Array(url.utf8), after: Array(previous.utf8), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func frontDecode(_ coded: String, after previous: String) -> String {
        String(decoding: frontDecoded(Array(coded.utf8)[...], after: Array(previous.utf8)), as: UTF8.self)
    }

    // Query-time weights and limits: RankingSettings, written into every index.
}
