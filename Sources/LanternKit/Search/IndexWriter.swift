/// Serialises the index files. Keys come in a fixed order (docs/search-index.md): the short
/// settings first, then the long strings, ordered so that gzip finds more of their repeats.
enum IndexWriter {
    struct Header {
        /// Names the analyzer in the header, and gives its stop words.
        var analyzer: Analyzer
        var pageCount: Int
        /// The terms (IndexFormat.encodeVocabulary); their words go to `words.json`.
        var vocabulary: [UInt8]
        /// How many words `words.json` holds (0: there is none).
        var words: Int
        var sections: [String]
        var synonyms: [SynonymTable.Entry]
        /// How many keys `bridges.json` holds (0: there is none).
        var bridges: Int
        /// `text-N.json` holds the text of pages `N·pagesPerText ..< (N+1)·pagesPerText`.
        var pagesPerText: Int
        /// Single layout: every term's postings, and every page's card.
        var postings: IndexFormat.EncodedPostings?
        var cards: [EncodedCard]?
        /// Sharded layout: one alphabet character per term (IndexFormat.popularity), the
        /// first term of each shard and the pages of each card chunk.
        var popularity: [UInt8]?
        var shardStarts: [Int]?
        var pagesPerChunk: Int?
    }

    static func entryFile(_ header: Header) -> [UInt8] {
        var json = JSONWriter(capacity: 1 << 16)
        json.raw("{")
        json.key("analyzer")
        json.string(header.analyzer.code)
        json.field("bridges", header.bridges)
        json.field("champions", IndexFormat.champions)
        json.field("layout", header.postings == nil ? "sharded" : "single")
        json.field("pageCount", header.pageCount)
        if let pagesPerChunk = header.pagesPerChunk { json.field("pagesPerChunk", pagesPerChunk) }
        json.field("pagesPerText", header.pagesPerText)
        json.field("version", IndexFormat.version)
        json.field("words", header.words)
        json.raw(",")
        json.key("ranking")
        json.raw("{")
        for (i, setting) in RankingSettings.english.fields.enumerated() {
            if i > 0 { json.raw(",") }
            json.string(setting.name)
            json.raw(":")
            json.int(setting.value)
        }
        json.raw("}")
        if let cards = header.cards {
            json.raw(",")
            json.key("cards")
            cardArray(cards, into: &json)
        }
        json.raw(",")
        json.key("synonyms")
        synonymObject(header.synonyms, into: &json)
        json.field("sections", header.sections)
        json.field("stopWords", bytes: IndexFormat.encodeWordList(header.analyzer.stopWords))
        json.field("vocabulary", bytes: header.vocabulary)
        if let popularity = header.popularity { json.field("popularity", bytes: popularity) }
        if let shards = header.shardStarts { json.field("shards", shards) }
        if let postings = header.postings { postingsFields(postings, into: &json) }
        json.raw("}\n")
        return json.bytes
    }

    /// `{"version": 6, "words": "..."}`: the words of every term (IndexFormat.encodeVocabulary).
    static func wordsFile(_ code: [UInt8]) -> [UInt8] {
        var json = JSONWriter(capacity: code.count + 64)
        json.raw("{")
        json.key("version")
        json.int(IndexFormat.version)
        json.field("words", bytes: code)
        json.raw("}\n")
        return json.bytes
    }

    /// `"postings"` and `"impacts"` (IndexFormat.EncodedPostings), each after a comma.
    private static func postingsFields(_ postings: IndexFormat.EncodedPostings, into json: inout JSONWriter) {
        json.field("postings", bytes: postings.pages)
        json.field("impacts", bytes: postings.impacts)
    }

    private static func synonymObject(_ entries: [SynonymTable.Entry], into json: inout JSONWriter) {
        json.raw("{")
        for (i, entry) in entries.enumerated() {
            if i > 0 { json.raw(",") }
            json.string(entry.key)
            json.raw(":[")
            for (k, expansion) in entry.expansions.enumerated() {
                if k > 0 { json.raw(",") }
                json.stringArray(expansion)
            }
            json.raw("]")
        }
        json.raw("}")
    }

    /// `{"synonyms": {...}, "version": 6}`: the synonyms whose key has a word no page uses.
    static func bridgesFile(_ entries: [SynonymTable.Entry]) -> [UInt8] {
        var json = JSONWriter(capacity: 16 * 1024)
        json.raw("{")
        json.key("synonyms")
        synonymObject(entries, into: &json)
        json.field("version", IndexFormat.version)
        json.raw("}\n")
        return json.bytes
    }

    /// Postings of terms `start...`, and the cards of their champions (pages ascending).
    static func shardFile(
        postings: IndexFormat.EncodedPostings, start: Int, cards: [(page: Int, card: EncodedCard)]
    ) -> [UInt8] {
        var json = JSONWriter(capacity: 32 * 1024)
        json.raw("{")
        json.key("start")
        json.int(start)
        json.field("version", IndexFormat.version)
        json.raw(",")
        json.key("cards")
        cardArray(cards.lazy.map(\.card), into: &json)
        var pages: [UInt8] = []
        var previous = -1
        for (page, _) in cards {
            IndexFormat.appendNumber(page - previous - 1, to: &pages)
            previous = page
        }
        json.field("pages", bytes: pages)
        postingsFields(postings, into: &json)
        json.raw("}\n")
        return json.bytes
    }

    /// The cards of pages `start..<start + cards.count`.
    static func cardsFile(_ cards: ArraySlice<EncodedCard>, start: Int) -> [UInt8] {
        var json = JSONWriter(capacity: 32 * 1024)
        json.raw("{")
        json.key("cards")
        cardArray(cards, into: &json)
        json.field("start", start)
        json.field("version", IndexFormat.version)
        json.raw("}\n")
        return json.bytes
    }

    /// The text of pages `start..<start + pages.count`, compressed: for each page, its
    /// description and the text of each of its parts by part number.
    static func textFile(_ pages: ArraySlice<StoredText>, start: Int) -> [UInt8] {
        var json = JSONWriter(capacity: 16 * 1024)
        json.raw("{")
        json.key("pages")
        json.raw("[")
        for (i, page) in pages.enumerated() {
            if i > 0 { json.raw(",") }
            json.raw("{")
            json.key("description")
            json.string(page.description)
            json.field("parts", page.parts)
            json.raw("}")
        }
        json.raw("]")
        json.field("start", start)
        json.field("version", IndexFormat.version)
        json.raw("}\n")
        return Gzip.compress(json.bytes)
    }

    /// A card as the files hold it, `[url,title,section,heading...]`: the URL front-coded
    /// after the previous card's in the same file, the section as its index in `sections`, each
    /// heading as its text or, when its anchor is not IndexFormat.anchorGuess of it,
    /// `[text, anchor]`. All but the URL reads the same in every file that holds the card (a
    /// page can be a champion in many shards), so it is written once.
    struct EncodedCard: Sendable {
        var url: [UInt8]
        /// `,title,section,heading...]`
        var rest: [UInt8]
    }

    static func encodeCards(_ cards: [SearchCard], sections: [String]) -> [EncodedCard] {
        let sectionIndex = Dictionary(
            sections.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return cards.parallelMap { card in
            var json = JSONWriter(capacity: 256)
            json.raw(",")
            json.string(card.title)
            json.raw(",")
            json.int(sectionIndex[card.section] ?? 0)
            for heading in card.headings {
                json.raw(",")
                if IndexFormat.anchorGuess(heading.text) == heading.anchor {
                    json.string(heading.text)
                } else {
                    json.stringArray([heading.text, heading.anchor])
                }
            }
            json.raw("]")
            return EncodedCard(url: Array(card.url.utf8), rest: json.bytes)
        }
    }

    private static func cardArray(_ cards: some Sequence<EncodedCard>, into json: inout JSONWriter) {
        json.raw("[")
        var previousURL: [UInt8] = []
        var url: [UInt8] = []
        for (i, card) in cards.enumerated() {
            if i > 0 { json.raw(",") }
            json.raw("[")
            url.removeAll(keepingCapacity: true)
            IndexFormat.appendFrontCoded(card.url, after: previousURL, to: &url)
            json.string(bytes: url)
            previousURL = card.url
            json.raw(card.rest)
        }
        json.raw("]")
    }
}
