/// Serialises the index files. Keys are written in sorted order (see JSONWriter).
enum IndexWriter {
    struct Header {
        var pageCount: Int
        var vocabulary: [UInt8]
        var sections: [String]
        var synonyms: [SynonymTable.Entry]
        /// Single layout: every term's postings, and every page's card.
        var postings: [UInt8]?
        var cards: [SearchCard]?
        /// Sharded layout: one alphabet character per term (IndexFormat.popularity), the
        /// first term of each shard and the pages of each card chunk.
        var popularity: [UInt8]?
        var shardStarts: [Int]?
        var pagesPerChunk: Int?
    }

    static func entryFile(_ header: Header) -> [UInt8] {
        var json = JSONWriter(capacity: 1 << 16)
        json.raw("{")
        if let cards = header.cards {
            json.key("cards")
            cardArray(cards[...], sections: header.sections, into: &json)
            json.raw(",")
        }
        json.key("champions")
        json.int(IndexFormat.champions)
        json.field("layout", header.postings == nil ? "sharded" : "single")
        json.field("pageCount", header.pageCount)
        if let pagesPerChunk = header.pagesPerChunk { json.field("pagesPerChunk", pagesPerChunk) }
        if let popularity = header.popularity { json.field("popularity", bytes: popularity) }
        if let postings = header.postings { json.field("postings", bytes: postings) }
        json.field("sections", header.sections)
        if let shards = header.shardStarts { json.field("shards", shards) }
        json.field("stopWords", StopWords.list)
        json.raw(",")
        json.key("synonyms")
        json.raw("{")
        for (i, entry) in header.synonyms.enumerated() {
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
        json.field("version", IndexFormat.version)
        json.field("vocabulary", bytes: header.vocabulary)
        json.raw("}\n")
        return json.bytes
    }

    /// Postings of terms `start...`, and the cards of their champions (pages ascending).
    static func shardFile(
        postings: [UInt8], start: Int, cards: [(page: Int, card: SearchCard)], sections: [String]
    ) -> [UInt8] {
        var json = JSONWriter(capacity: 32 * 1024)
        json.raw("{")
        json.key("cards")
        cardArray(cards.map(\.card)[...], sections: sections, into: &json)
        var pages: [UInt8] = []
        var previous = -1
        for (page, _) in cards {
            IndexFormat.appendNumber(page - previous - 1, to: &pages)
            previous = page
        }
        json.field("pages", bytes: pages)
        json.field("postings", bytes: postings)
        json.field("start", start)
        json.field("version", IndexFormat.version)
        json.raw("}\n")
        return json.bytes
    }

    /// The cards of pages `start..<start + cards.count`.
    static func cardsFile(_ cards: ArraySlice<SearchCard>, start: Int, sections: [String]) -> [UInt8] {
        var json = JSONWriter(capacity: 32 * 1024)
        json.raw("{")
        json.key("cards")
        cardArray(cards, sections: sections, into: &json)
        json.field("start", start)
        json.field("version", IndexFormat.version)
        json.raw("}\n")
        return json.bytes
    }

    /// `[url, title, section, text, heading...]` per card: the URL front-coded after the
    /// previous card's, the section as its index in `sections`, each heading as its text or,
    /// when its anchor is not IndexFormat.anchorGuess of it, `[text, anchor]`.
    private static func cardArray(
        _ cards: ArraySlice<SearchCard>, sections: [String], into json: inout JSONWriter
    ) {
        let sectionIndex = Dictionary(
            sections.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        json.raw("[")
        var previousURL = ""
        for (i, card) in cards.enumerated() {
            if i > 0 { json.raw(",") }
            json.raw("[")
            json.string(IndexFormat.frontCode(card.url, after: previousURL))
            previousURL = card.url
            json.raw(",")
            json.string(card.title)
            json.raw(",")
            json.int(sectionIndex[card.section] ?? 0)
            json.raw(",")
            json.string(card.text)
            for heading in card.headings {
                json.raw(",")
                if IndexFormat.anchorGuess(heading.text) == heading.anchor {
                    json.string(heading.text)
                } else {
                    json.stringArray([heading.text, heading.anchor])
                }
            }
            json.raw("]")
        }
        json.raw("]")
    }
}
