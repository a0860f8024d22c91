import Foundation

/// Reads a built index from a directory: `index.json` at once, shards, card chunks and text
/// files when a query needs them.
final class IndexReader {
    let directory: URL
    let terms: [String]
    let termBytes: [[UInt8]]
    let termIndex: [String: Int]
    let popularity: [Int]
    /// How many words `words.json` holds (0: there is none).
    private let wordCount: Int
    /// `words.json` once read: its words, and the terms they stem to.
    private var loadedWords: (words: [(word: [UInt8], term: Int)], stems: Set<Int>)?
    /// Synonyms of index.json: keys whose every stem is a term. The others (`bridges.json`,
    /// `bridgeCount` keys) are read when a key has a stem that is no term.
    private let knownSynonyms: [String: [[String]]]
    private let bridgeCount: Int
    private var bridges: [String: [[String]]]?
    /// The index's stop words and ranking constants: both engines rank by what it says.
    let stopWords: Set<String>
    let ranking: RankingSettings
    let pageCount: Int
    /// The analyzer the index was built with (its header's "analyzer"; "en" before it had one).
    let analyzer: Analyzer
    /// How many champions each term has (IndexFormat.champions when written).
    let championCount: Int
    private let sections: [String]
    private let pagesPerChunk: Int
    private let pagesPerText: Int
    private let shardStarts: [Int]
    /// Postings strings, where each term starts in them and the file they came from: the
    /// whole index's (single layout) or each loaded shard's.
    private var postingsCode: [Int: (code: IndexFormat.EncodedPostings, starts: [IndexFormat.PostingsStart], file: String)] = [:]
    /// Postings of the terms queries have asked for, decoded once.
    private var decoded: [Int: [(page: Int, impact: Int)]] = [:]
    private var cards: [Int: SearchCard] = [:]
    private var texts: [Int: StoredText] = [:]
    private var championCache: [Int: Set<Int>] = [:]
    /// Kept from one query to the next, as the browser engine keeps them: stemming every word
    /// of a page's text again for each query was most of the time of `lantern search -`.
    private var stems: [String: String] = [:]
    private var pageTexts: [Int: PageText] = [:]

    init(directory: URL) throws {
        self.directory = directory
        let entry = try Self.readObject(directory, IndexFormat.entryFile)
        guard entry["version"] as? Int == IndexFormat.version else {
            throw SearchEngineError.unsupportedVersion(entry["version"] as? Int ?? -1)
        }
        let code = entry["analyzer"] as? String ?? "en"
        guard let analyzer = Analyzer.named(code) else { throw SearchEngineError.unknownAnalyzer(code) }
        self.analyzer = analyzer
        let vocabulary: String = try Self.field(entry, "vocabulary")
        termBytes = IndexFormat.decodeTerms(Array(vocabulary.utf8))
        wordCount = try Self.field(entry, "words")
        terms = termBytes.map { String(decoding: $0, as: UTF8.self) }
        termIndex = Dictionary(terms.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        knownSynonyms = try Self.field(entry, "synonyms")
        bridgeCount = try Self.field(entry, "bridges")
        let stopWordList: String = try Self.field(entry, "stopWords")
        stopWords = Set(IndexFormat.decodeTerms(Array(stopWordList.utf8)).map { String(decoding: $0, as: UTF8.self) })
        ranking = try RankingSettings(fields: try Self.field(entry, "ranking"))
        pageCount = try Self.field(entry, "pageCount")
        sections = try Self.field(entry, "sections")
        championCount = try Self.field(entry, "champions")
        pagesPerText = max(1, try Self.field(entry, "pagesPerText"))
        if entry["postings"] is String {
            let (code, starts, counts) = try Self.postings(in: entry, terms: terms.count, file: IndexFormat.entryFile)
            postingsCode[0] = (code, starts, IndexFormat.entryFile)
            popularity = counts.map(IndexFormat.popularity)
            shardStarts = [0]
            pagesPerChunk = max(1, pageCount)
            let list: [[Any]] = try Self.field(entry, "cards")
            for (page, card) in try Self.cards(list, sections: sections).enumerated() {
                cards[page] = card
            }
        } else {
            let code: String = try Self.field(entry, "popularity")
            popularity = code.utf8.map(IndexFormat.digit)
            shardStarts = try Self.field(entry, "shards")
            pagesPerChunk = try Self.field(entry, "pagesPerChunk")
        }
    }

    /// Folded words whose stem differs from them, with the stem's term id (typo matching),
    /// read from `words.json` the first time a query needs them.
    func words() throws -> [(word: [UInt8], term: Int)] { try loadWords().words }

    /// The terms some word of `words()` stems to ("Did you mean" leaves them out).
    func stemsOfWords() throws -> Set<Int> { try loadWords().stems }

    private func loadWords() throws -> (words: [(word: [UInt8], term: Int)], stems: Set<Int>) {
        if let loadedWords { return loadedWords }
        var words: [(word: [UInt8], term: Int)] = []
        if wordCount > 0 {
            let object = try Self.readObject(directory, IndexFormat.wordsFile)
            let code: String = try Self.field(object, "words")
            words = IndexFormat.decodeWords(Array(code.utf8), terms: termBytes)
        }
        let loaded = (words, Set(words.map(\.term)))
        loadedWords = loaded
        return loaded
    }

    /// The expansions of a synonym key (stems joined by a space), if it is one.
    func synonyms(_ key: String) throws -> [[String]]? {
        if let known = knownSynonyms[key] { return known }
        guard bridgeCount > 0, key.split(separator: " ").contains(where: { termIndex[String($0)] == nil })
        else { return nil }
        if bridges == nil {
            let object = try Self.readObject(directory, IndexFormat.bridgesFile)
            bridges = try Self.field(object, "synonyms")
        }
        return bridges?[key]
    }

    func postings(_ term: Int) throws -> [(page: Int, impact: Int)] {
        if let postings = decoded[term] { return postings }
        let shard = Self.lastIndex(in: shardStarts, notAbove: term)
        if postingsCode[shard] == nil {
            let object = try Self.readObject(directory, IndexFormat.shardFile(shard))
            let end = shard + 1 < shardStarts.count ? shardStarts[shard + 1] : terms.count
            let file = IndexFormat.shardFile(shard)
            let (code, starts, _) = try Self.postings(in: object, terms: end - shardStarts[shard], file: file)
            postingsCode[shard] = (code, starts, file)
            let list: [[Any]] = try Self.field(object, "cards")
            let pagesCode = Array((try Self.field(object, "pages") as String).utf8)
            var i = 0
            var page = -1
            for card in try Self.cards(list, sections: sections) {
                page += IndexFormat.readNumber(pagesCode, &i) + 1
                cards[page] = card
            }
        }
        let (code, starts, file) = postingsCode[shard]!
        let postings = IndexFormat.decodePostings(code, at: starts[term - shardStarts[shard]])
        // Pages ascend: the last one tells whether they are all pages of the index.
        if let last = postings.last, last.page >= pageCount {
            throw SearchEngineError.malformed(file, "a posting names page \(last.page)")
        }
        decoded[term] = postings
        return postings
    }

    /// The champions of a term (IndexFormat.champions).
    func champions(_ term: Int) throws -> Set<Int> {
        if let known = championCache[term] { return known }
        let set = Set(IndexFormat.champions(try postings(term), count: championCount))
        championCache[term] = set
        return set
    }

    func stem(_ word: String) -> String {
        if let cached = stems[word] { return cached }
        let stemmed = analyzer.stem(word)
        stems[word] = stemmed
        return stemmed
    }

    /// A page's card and, `withText`, its text, tokenized and stemmed for phrases, proximity
    /// and excerpts.
    func pageText(_ page: Int, withText: Bool) throws -> PageText {
        let key = page * 2 + (withText ? 1 : 0)
        if let cached = pageTexts[key] { return cached }
        let text = PageText(
            try card(page), text: withText ? try text(page) : nil, analyzer: analyzer,
            settings: ranking, stem: { self.stopWords.contains($0) ? nil : self.stem($0) })
        pageTexts[key] = text
        return text
    }

    func card(_ page: Int) throws -> SearchCard {
        if let card = cards[page] { return card }
        let chunk = page / pagesPerChunk
        let object = try Self.readObject(directory, IndexFormat.cardsFile(chunk))
        let list: [[Any]] = try Self.field(object, "cards")
        for (i, card) in try Self.cards(list, sections: sections).enumerated() {
            cards[chunk * pagesPerChunk + i] = card
        }
        guard let card = cards[page] else {
            throw SearchEngineError.malformed(IndexFormat.cardsFile(chunk), "page \(page) is missing")
        }
        return card
    }

    /// A page's description and the text of each of its parts, by part number.
    func text(_ page: Int) throws -> StoredText {
        if let text = texts[page] { return text }
        let number = page / pagesPerText
        let name = IndexFormat.textFile(number)
        let object = try Self.readObject(directory, name)
        let list: [[String: Any]] = try Self.field(object, "pages")
        for (i, fields) in list.enumerated() {
            guard let description = fields["description"] as? String,
                let parts = fields["parts"] as? [String]
            else { throw SearchEngineError.malformed(name, "a page's text is malformed") }
            texts[number * pagesPerText + i] = StoredText(description: description, parts: parts)
        }
        guard let text = texts[page] else {
            throw SearchEngineError.malformed(name, "page \(page) is missing")
        }
        return text
    }

    private static func cards(_ list: [[Any]], sections: [String]) throws -> [SearchCard] {
        var previousURL = ""
        return try list.map { fields in
            guard fields.count >= 3, let url = fields[0] as? String, let title = fields[1] as? String,
                let section = fields[2] as? Int, sections.indices.contains(section)
            else { throw SearchEngineError.malformed(IndexFormat.entryFile, "a card is malformed") }
            previousURL = IndexFormat.frontDecode(url, after: previousURL)
            let headings = try fields[3...].map { field -> SearchCard.Heading in
                if let heading = field as? String {
                    return SearchCard.Heading(text: heading, anchor: IndexFormat.anchorGuess(heading) ?? "")
                }
                guard let pair = field as? [String], pair.count == 2 else {
                    throw SearchEngineError.malformed(IndexFormat.entryFile, "a heading is malformed")
                }
                return SearchCard.Heading(text: pair[0], anchor: pair[1])
            }
            return SearchCard(
                url: previousURL, title: title, section: sections[section], headings: headings)
        }
    }

    /// Index of the last element of the ascending `starts` that is ≤ `value`.
    static func lastIndex(in starts: [Int], notAbove value: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= value { low = mid } else { high = mid - 1 }
        }
        return low
    }

    private static func readObject(_ directory: URL, _ name: String) throws -> [String: Any] {
        let url = directory.appendingPathComponent(name)
        var data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SearchEngineError.missingFile(name)
        }
        // Files stored compressed (the text files) say so by their first bytes, as search.js reads them.
        if data.starts(with: Gzip.magic) {
            guard let inflated = Gzip.decompress(Array(data)) else {
                throw SearchEngineError.malformed(name, "not a whole gzip stream")
            }
            data = Data(inflated)
        }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SearchEngineError.malformed(name, "not a JSON object")
        }
        return object
    }

    /// The postings of a file (`postings` and `impacts`, IndexFormat.EncodedPostings), where each
    /// of its `terms` terms starts in them and each one's page count; postings of another
    /// number of terms are a damaged file.
    private static func postings(in object: [String: Any], terms: Int, file: String) throws
        -> (code: IndexFormat.EncodedPostings, starts: [IndexFormat.PostingsStart], counts: [Int])
    {
        let code = IndexFormat.EncodedPostings(
            pages: Array((try field(object, "postings") as String).utf8),
            impacts: Array((try field(object, "impacts") as String).utf8))
        let (starts, counts) = IndexFormat.postingsOffsets(code, terms: terms)
        guard counts.count == terms else {
            throw SearchEngineError.malformed(file, "postings of \(counts.count) terms, not \(terms)")
        }
        return (code, starts, counts)
    }

    private static func field<T>(_ object: [String: Any], _ key: String) throws -> T {
        guard let value = object[key] as? T else {
            throw SearchEngineError.malformed(IndexFormat.entryFile, "missing or wrong \"\(key)\"")
        }
        return value
    }
}

/// Why a built index could not be read.
public enum SearchEngineError: Error, Equatable, CustomStringConvertible {
    case missingFile(String)
    case malformed(String, String)
    case unsupportedVersion(Int)
    case unknownAnalyzer(String)

    public var description: String {
        switch self {
        case .missingFile(let name): return "search index file \(name) is missing"
        case .malformed(let name, let why): return "search index file \(name) is malformed: \(why)"
        case .unsupportedVersion(let v): return "search index version \(v) is not supported"
        case .unknownAnalyzer(let code): return "search index analyzer \"\(code)\" is not supported"
        }
    }
}
