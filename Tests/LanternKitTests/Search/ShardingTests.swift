import Foundation
import Testing

@testable import LanternKit

@Suite struct ShardingTests {
    static let pages = TestIndex.syntheticPages(count: 1500, wordsPerPage: 200, seed: 7)

    @Test func smallSiteIsOneIndexFileAndTheTextFiles() {
        let files = SearchIndexBuilder(synonyms: [:]).build(Array(Self.pages.prefix(20)))
        #expect(files["index.json"] != nil)
        // One file before the results: postings, terms and cards; then the pages' text, and
        // for queries with a word that is no term, the words for typo matching.
        #expect(files.keys.filter { $0 != "index.json" && $0 != "words.json" }.allSatisfy { $0.hasPrefix("text-") })
        #expect(files["words.json"] != nil)
        #expect(files.keys.filter { $0.hasPrefix("text-") }.count >= 2)
    }

    @Test func textFilesHoldPageRangesOfAboutTheirSize() throws {
        let files = SearchIndexBuilder(synonyms: [:]).build(Self.pages)
        let index = try JSONSerialization.jsonObject(with: Data(files["index.json"]!)) as? [String: Any]
        let perFile = try #require(index?["pagesPerText"] as? Int)
        let names = files.keys.filter { $0.hasPrefix("text-") }
        #expect(names.count == (Self.pages.count + perFile - 1) / perFile)
        for n in 0..<names.count {
            let stored = try #require(files[IndexFormat.textFile(n)])
            let file = try #require(Gzip.decompress(stored))
            let object = try JSONSerialization.jsonObject(with: Data(file)) as? [String: Any]
            #expect(object?["start"] as? Int == n * perFile)
            #expect((object?["pages"] as? [Any])?.count == min(perFile, Self.pages.count - n * perFile))
            #expect(file.count < 3 * IndexFormat.textFileBytes)
        }
    }

    /// About 4 KB of text a file, but never many more than 2,000 files: files cost a large
    /// site's build more than bytes.
    @Test func textFilesHoldAbout4KBAndAreBoundedInNumber() {
        #expect(IndexFormat.pagesPerTextFile(pages: 47, textBytes: 47 * 6000) == 1)
        #expect(IndexFormat.pagesPerTextFile(pages: 100, textBytes: 100 * 1000) == 4)
        #expect(IndexFormat.pagesPerTextFile(pages: 10_008, textBytes: 10_008 * 5600) == 6)
        #expect(IndexFormat.pagesPerTextFile(pages: 3, textBytes: 10) == 3)
        #expect(IndexFormat.pagesPerTextFile(pages: 0, textBytes: 0) == 1)
    }

    @Test func bigSiteGetsManifestAndShards() throws {
        let files = SearchIndexBuilder(synonyms: [:], shardThresholdBytes: 64 * 1024)
            .build(Self.pages)
        let shards = files.keys.filter { $0.hasPrefix("shard-") }
        #expect(shards.count > 4)
        #expect(files.keys.allSatisfy {
            $0 == "index.json" || $0 == "words.json" || $0.hasPrefix("shard-") || $0.hasPrefix("cards-")
                || $0.hasPrefix("text-")
        })
        #expect(files.keys.filter { $0.hasPrefix("cards-") }.count >= 1)
        let manifest = try #require(files["index.json"])
        let object = try JSONSerialization.jsonObject(with: Data(manifest)) as? [String: Any]
        #expect(object?["layout"] as? String == "sharded")
        #expect(object?["postings"] == nil)
        #expect((object?["shards"] as? [Int])?.count == shards.count)
        for name in shards { #expect(files[name]!.count < 64 * 1024) }
    }

    /// After one page's text changed, a build that starts from the last one's chunks
    /// (`AnalysisChunks`) leaves out the shards and text files made from the same inputs, and
    /// the rest are the files a build from nothing makes.
    @Test func shardsAndTextFilesMadeFromTheSameInputsAreLeftOut() throws {
        let builder = SearchIndexBuilder(synonyms: [:], shardThresholdBytes: 64 * 1024)
        let first = AnalysisChunks()
        let before = builder.build(Self.pages, kept: first)
        #expect(first.filesKept.isEmpty)
        var pages = Self.pages
        // A word the page has: the terms stay, its impacts and the average length change.
        let word = try #require(Tokenizer.terms(pages[700].parts[1].text).first)
        pages[700].parts[1].text += " \(word)."
        let second = AnalysisChunks(previous: first.current.mapValues { ($0.key, $0.counts) })
        second.previousFiles = first.currentFiles
        second.previousSizes = first.currentSizes
        let after = builder.build(pages, kept: second)
        let fresh = builder.build(pages)
        let shardsKept = second.filesKept.filter { $0.hasPrefix("shard-") }
        let shards = fresh.keys.filter { $0.hasPrefix("shard-") }
        #expect(!shardsKept.isEmpty && shardsKept.count < shards.count)
        #expect(second.filesKept.contains { $0.hasPrefix("text-") })
        for name in second.filesKept { #expect(after[name] == nil && fresh[name] == before[name], "\(name)") }
        #expect(Set(after.keys).union(second.filesKept) == Set(fresh.keys))
        for (name, bytes) in after { #expect(fresh[name] == bytes, "\(name)") }
    }

    @Test func shardedAndSingleGiveTheSameResults() throws {
        let single = try TestIndex.engine(Self.pages, threshold: Int.max)
        let sharded = try TestIndex.engine(Self.pages, threshold: 64 * 1024)
        // Common, rare and made-up words, typos, prefixes and phrases.
        let sample = TestIndex.syntheticPages(count: 3, wordsPerPage: 80, seed: 99)
        let words = sample.flatMap { Tokenizer.terms($0.parts[1].text) }.prefix(20)
        var queries = Array(words) + ["zzqx", "\"\(words[0]) \(words[1])\""]
        queries += zip(words, words.dropFirst()).prefix(8).map { "\($0) \($1)" }
        queries += words.prefix(5).map { String($0.prefix(3)) }
        queries += words.prefix(5).filter { $0.count > 4 }.map { String($0.dropFirst()) + " " }
        var answered = 0
        for query in queries {
            let response = try sharded.search(query)
            #expect(try response == single.search(query), "\(query)")
            if !response.results.isEmpty { answered += 1 }
        }
        #expect(answered * 4 >= queries.count * 3, "most sample queries find pages")
    }
}
