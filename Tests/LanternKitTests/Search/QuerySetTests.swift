import Foundation
import Testing

@testable import LanternKit

/// Builds the real sample site (`Content/`, `site.yaml`, `Templates/`) and runs the query set
/// of `Tests/Fixtures/search-queries.json` through the Swift engine: each query's page must
/// be among the first three results. The Node tests run the same set through search.js.
@Suite struct QuerySetTests {
    struct QueryFile: Decodable {
        struct Query: Decodable {
            var query: String
            var expect: String
        }
        var queries: [Query]
        /// Not yet answered in the first three: measured, not required.
        var misses: [Query]
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The sample site built into a temporary folder.
    static func buildSampleSite() throws -> URL {
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("lantern-query-set-\(UUID().uuidString)")
        var options = BuildOptions()
        options.configPath = repository.appendingPathComponent("site.yaml").path
        options.contentPath = repository.appendingPathComponent("Content").path
        options.templatesPath = repository.appendingPathComponent("Templates").path
        options.outputPath = output.path
        try Builder.build(options)
        return output
    }

    /// Each group of the built-in health vocabulary, checked against the sample site: one of
    /// its members at least is words of the site's pages, and every member finds a page.
    @Test func everyHealthVocabularyGroupReachesTheSampleSite() throws {
        let output = try Self.buildSampleSite()
        defer { try? FileManager.default.removeItem(at: output) }
        let directory = output.appendingPathComponent("search")
        let reader = try IndexReader(directory: directory)
        let engine = try SearchEngine(directory: directory)
        var bridged = 0
        for group in HealthVocabulary.groups {
            let used = group.filter { member in
                SynonymTable.stems(member).allSatisfy { reader.termIndex[$0] != nil }
            }
            #expect(!used.isEmpty, "no word of \(group) is on the sample site")
            for member in group where !used.contains(member) {
                bridged += 1
                let response = try engine.search(member + " ", limit: 3)
                #expect(!response.results.isEmpty, "\(member) (of \(group)) finds nothing")
            }
        }
        print("health vocabulary: \(HealthVocabulary.groups.count) groups, \(bridged) members bridged on the sample site")
    }

    @Test func everyQueryFindsItsPageInTheFirstThree() throws {
        let file = Self.repository.appendingPathComponent("Tests/Fixtures/search-queries.json")
        let data = try Data(contentsOf: file)
        let set = try JSONDecoder().decode(QueryFile.self, from: data)
        let queries = set.queries
        #expect(queries.count >= 150)

        let output = try Self.buildSampleSite()
        defer { try? FileManager.default.removeItem(at: output) }
        let engine = try SearchEngine(directory: output.appendingPathComponent("search"))
        var reciprocalRanks = 0.0
        var inTopThree = 0
        for query in queries + set.misses {
            let pages = try engine.search(query.query, limit: 10).results.map {
                String($0.url.prefix { $0 != "#" })
            }
            let rank = (pages.firstIndex(of: query.expect) ?? -1) + 1
            if rank > 0 { reciprocalRanks += 1 / Double(rank) }
            if rank > 0 && rank <= 3 { inTopThree += 1 }
            if queries.contains(where: { $0.query == query.query }) {
                #expect(
                    rank > 0 && rank <= 3,
                    "\"\(query.query)\": \(query.expect) is not in the first three: \(pages.prefix(3))")
            }
        }
        let total = queries.count + set.misses.count
        print(
            "query set (Swift): mean reciprocal rank \(String(format: "%.3f", reciprocalRanks / Double(total))),"
                + " top 3 \(inTopThree)/\(total)")
        // What the set measured when it was written (README): MRR 0.918 over the required queries.
        #expect(reciprocalRanks / Double(total) >= 0.88)
    }
}
