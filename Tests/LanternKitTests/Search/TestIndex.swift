import Foundation

@testable import LanternKit

/// Builds small indexes in temporary folders for tests.
enum TestIndex {
    static func page(
        _ url: String, title: String, section: String = "", description: String = "",
        tags: [String] = [], intro: String = "", parts: [(String, String, String)] = []
    ) -> SearchDocument {
        SearchDocument(
            url: url, title: title, section: section, description: description, tags: tags,
            parts: [TextPart(anchor: "", heading: "", text: intro)]
                + parts.map { TextPart(anchor: $0.0, heading: $0.1, text: $0.2) })
    }

    static func write(_ files: [String: [UInt8]]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("lantern-search-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, bytes) in files {
            try Data(bytes).write(to: directory.appendingPathComponent(name))
        }
        return directory
    }

    /// With `readsText` false, the engine answers from the cards alone, as the browser does
    /// before the pages' text arrives.
    static func engine(
        _ pages: [SearchDocument], synonyms: [String: [String]] = [:],
        groups: [[String]] = [], healthVocabulary: Bool = true,
        threshold: Int = 256 * 1024, readsText: Bool = true, language: String = "en"
    ) throws -> SearchEngine {
        let files = SearchIndexBuilder(
            synonyms: synonyms, synonymGroups: groups, healthVocabulary: healthVocabulary,
            shardThresholdBytes: threshold, language: language
        ).build(pages)
        return try SearchEngine(directory: try write(files), readsText: readsText)
    }

    /// Deterministic made-up pages with a skewed word distribution (common and rare words),
    /// for sharding tests.
    static func syntheticPages(count: Int, wordsPerPage: Int, seed: UInt64) -> [SearchDocument] {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let syllables = ["ba", "ce", "di", "fo", "gu", "ha", "ke", "li", "mo", "nu", "pa", "re",
            "si", "to", "vu", "sha", "tri", "pla"]
        let endings = ["", "s", "ing", "ed", "ly", "ness", "ation"]
        var vocabulary: [String] = []
        for i in 0..<3000 {
            var word = ""
            for _ in 0..<(2 + i % 3) { word += syllables[next() % syllables.count] }
            vocabulary.append(word + endings[next() % endings.count])
        }
        // Squaring a uniform number favours the first words: a few are on every page.
        func word() -> String {
            let u = Double(next() % 1_000_000) / 1_000_000
            return vocabulary[Int(u * u * Double(vocabulary.count))]
        }
        func text(_ n: Int) -> String { (0..<n).map { _ in word() }.joined(separator: " ") }
        return (0..<count).map { i in
            page(
                "/s\(i % 7)/p\(i)/", title: text(4), section: "Section \(i % 7)",
                description: text(12), tags: [word(), word()], intro: text(wordsPerPage / 4),
                parts: (0..<3).map { ("h\($0)", text(3), text(wordsPerPage / 4)) })
        }
    }

    /// Words of filler text that no test searches for.
    static func filler(_ count: Int, seed: Int = 0) -> String {
        let words = ["lorem", "ipsum", "dolor", "amet", "sed", "tempor", "magna", "aliqua"]
        return (0..<count).map { words[($0 + seed) % words.count] }.joined(separator: " ")
    }
}

extension SearchResponse {
    var urls: [String] { results.map(\.url) }
}
