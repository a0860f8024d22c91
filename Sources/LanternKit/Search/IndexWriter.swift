/// Serialises the index files. Keys are written in sorted order (see JSONWriter).
enum IndexWriter {
    struct Header {
        var pageCount: Int
        var pagesPerChunk: Int
        var terms: [String]
        /// One alphabet character per term (see IndexFormat.popularity).
        var popularity: [UInt8]
        var synonyms: [SynonymTable.Entry]
        /// Inline postings (single-file layout).
        var postings: [[UInt8]]?
        /// First term of each shard (sharded layout).
        var shardStarts: [Int]?
    }

    static func entryFile(_ header: Header) -> [UInt8] {
        var json = JSONWriter(capacity: 1 << 16)
        json.raw("{")
        json.key("layout")
        json.string(header.postings == nil ? "sharded" : "single")
        json.field("pageCount", header.pageCount)
        json.field("pagesPerChunk", header.pagesPerChunk)
        json.field("popularity", bytes: header.popularity)
        if let postings = header.postings {
            json.raw(",")
            json.key("postings")
            postingsArray(postings[...], into: &json)
        }
        if let shards = header.shardStarts {
            json.field("shards", shards)
        }
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
        json.raw("},")
        json.key("terms")
        json.stringArray(IndexFormat.frontCode(header.terms))
        json.field("version", IndexFormat.version)
        json.raw("}\n")
        return json.bytes
    }

    static func wordsFile(_ words: [String]) -> [UInt8] {
        var json = JSONWriter(capacity: 1 << 16)
        json.raw("{")
        json.key("version")
        json.int(IndexFormat.version)
        json.field("words", IndexFormat.frontCode(words))
        json.raw("}\n")
        return json.bytes
    }

    static func shardFile(_ postings: ArraySlice<[UInt8]>, start: Int) -> [UInt8] {
        var json = JSONWriter(capacity: 32 * 1024)
        json.raw("{")
        json.key("postings")
        postingsArray(postings, into: &json)
        json.field("start", start)
        json.field("version", IndexFormat.version)
        json.raw("}\n")
        return json.bytes
    }

    private static func postingsArray(
        _ postings: ArraySlice<[UInt8]>, into json: inout JSONWriter
    ) {
        json.raw("[")
        var first = true
        for code in postings {
            if !first { json.raw(",") }
            first = false
            json.string(bytes: code)
        }
        json.raw("]")
    }

    static func pagesFile(_ pages: ArraySlice<SearchDocument>, start: Int) -> [UInt8] {
        var json = JSONWriter(capacity: 16 * 1024)
        json.raw("{")
        json.key("pages")
        json.raw("[")
        var first = true
        for page in pages {
            if !first { json.raw(",") }
            first = false
            json.raw("{")
            json.key("description")
            json.string(page.description)
            json.raw(",")
            json.key("parts")
            json.raw("[")
            for (i, part) in page.parts.enumerated() {
                if i > 0 { json.raw(",") }
                json.raw("{")
                json.key("anchor")
                json.string(part.anchor)
                json.field("heading", part.heading)
                json.field("text", part.text)
                json.raw("}")
            }
            json.raw("],")
            json.key("section")
            json.string(page.section)
            json.field("tags", page.tags)
            json.field("title", page.title)
            json.field("url", page.url)
            json.raw("}")
        }
        json.raw("],")
        json.key("start")
        json.int(start)
        json.field("version", IndexFormat.version)
        json.raw("}\n")
        return json.bytes
    }
}
