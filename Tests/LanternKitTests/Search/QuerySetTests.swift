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
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyQueryFindsItsPageInTheFirstThree() throws {
        let file = Self.repository.appendingPathComponent("Tests/Fixtures/search-queries.json")
        let data = try Data(contentsOf: file)
        let queries = try JSONDecoder().decode(QueryFile.self, from: data).queries
        #expect(queries.count >= 55)

        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("lantern-query-set-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = BuildOptions()
        options.configPath = Self.repository.appendingPathComponent("site.yaml").path
        options.contentPath = Self.repository.appendingPathComponent("Content").path
        options.templatesPath = Self.repository.appendingPathComponent("Templates").path
        options.outputPath = output.path
        try Builder.build(options)

        let engine = try SearchEngine(directory: output.appendingPathComponent("search"))
        for query in queries {
            let pages = try engine.search(query.query, limit: 10).results.prefix(3).map {
                String($0.url.prefix { $0 != "#" })
            }
            #expect(
                pages.contains(query.expect),
                "\"\(query.query)\": \(query.expect) is not in the first three: \(pages)")
        }
    }
}
