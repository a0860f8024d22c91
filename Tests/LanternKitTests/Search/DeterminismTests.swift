import Testing

@testable import LanternKit

@Suite struct DeterminismTests {
    static let pages = [
        TestIndex.page(
            "/b/", title: "Beta", section: "Therapies", description: "About beta.",
            tags: ["one", "two"], intro: "Beta text with café and 988.",
            parts: [("more", "More", "Further words about beta and alpha.")]),
        TestIndex.page("/a/", title: "Alpha", intro: "Alpha text."),
        TestIndex.page("/c/", title: "Gamma", intro: "Gamma, beta and alpha together."),
    ]
    static let synonyms = ["rehab": ["recovery", "addiction treatment"], "meds": ["medication"]]

    @Test func twoBuildsAreByteIdentical() {
        let builder = SearchIndexBuilder(synonyms: Self.synonyms)
        #expect(builder.build(Self.pages) == builder.build(Self.pages))
        let sharded = SearchIndexBuilder(synonyms: Self.synonyms, shardThresholdBytes: 10)
        #expect(sharded.build(Self.pages) == sharded.build(Self.pages))
    }

    // Keys come in the order docs/search-index.md gives: the short settings, then the long
    // strings in the order that compresses best.
    @Test func shardedIndexIsVersionedWithItsKeysInOrder() throws {
        let files = SearchIndexBuilder(synonyms: Self.synonyms, shardThresholdBytes: 10).build(Self.pages)
        let text = String(decoding: try #require(files["index.json"]), as: UTF8.self)
        let keys = ["analyzer", "bridges", "champions", "layout", "pageCount", "pagesPerChunk", "pagesPerText",
            "version", "words", "ranking", "synonyms", "sections", "stopWords", "vocabulary", "popularity", "shards"]
        let positions = keys.map { text.range(of: "\"\($0)\":")!.lowerBound }
        #expect(positions == positions.sorted())
        let shard = String(decoding: try #require(files["shard-0.json"]), as: UTF8.self)
        let shardKeys = ["start", "version", "cards", "pages", "postings", "impacts"]
        let shardPositions = shardKeys.map { shard.range(of: "\"\($0)\":")!.lowerBound }
        #expect(shardPositions == shardPositions.sorted())
    }

    @Test func inputOrderDoesNotMatter() {
        let builder = SearchIndexBuilder(synonyms: Self.synonyms)
        #expect(builder.build(Self.pages) == builder.build(Self.pages.reversed()))
    }

    @Test func indexIsVersionedWithItsKeysInOrder() throws {
        let files = SearchIndexBuilder(synonyms: Self.synonyms).build(Self.pages)
        let text = String(decoding: try #require(files["index.json"]), as: UTF8.self)
        #expect(text.contains("\"version\":\(IndexFormat.version)"))
        let keys = ["analyzer", "bridges", "champions", "layout", "pageCount", "pagesPerText", "version", "words",
            "ranking", "cards", "synonyms", "sections", "stopWords", "vocabulary", "postings", "impacts"]
        let positions = keys.map { text.range(of: "\"\($0)\":")!.lowerBound }
        #expect(positions == positions.sorted())
        // No page says "medication", "recovery" or "addiction treatment": expansions the index
        // cannot match are left out, and so are keys left with none.
        let synonyms = #""synonyms":{}"#
        #expect(text.contains(synonyms))
        let stored = try #require(files[IndexFormat.textFile(0)])
        #expect(stored.starts(with: Gzip.magic))
        let textFile = String(decoding: Gzip.decompress(stored) ?? [], as: UTF8.self)
        let textKeys = ["pages", "start", "version"]
        let textPositions = textKeys.map { textFile.range(of: "\"\($0)\":")!.lowerBound }
        #expect(textPositions == textPositions.sorted())
        #expect(textFile.hasPrefix(#"{"pages":[{"description":"","parts":["Alpha text."]}"#))
    }
}
