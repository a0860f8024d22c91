import ArgumentParser
import Foundation
import LanternKit

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the built site as a visitor would, with the same ranking as the browser.",
        discussion: """
            Reads the search index of a built site (Public/search/) and prints what a family \
            would see for the query: rank, title, section, the link with its anchor and an \
            excerpt with the matched words in [brackets]. --explain shows how each word \
            matched: exact, stem, prefix, typo or synonym. With the query '-', queries are \
            read from standard input, one per line. A site in several languages has an index \
            per language: --language es searches the Spanish pages (Public/es/search/); without \
            it, the default language's (Public/search/).
            """
    )

    @Argument(help: "The query, as typed into the search box ('-' reads queries from standard input).")
    var query: String

    @Option(help: "The built site to search.")
    var site = "Public"

    @Option(help: "How many results to show.")
    var limit = 10

    @Option(help: "Search the pages of this language (es): its own index, under Public/es/search/.")
    var language: String?

    @Flag(help: "Show how each query word was matched.")
    var explain = false

    @Flag(help: "Print JSON (for tests and scripts) instead of text.")
    var json = false

    @Flag(help: "Answer as the browser does before the pages' text arrives: from the index's cards only.")
    var cardsOnly = false

    func run() throws {
        let engine: SearchEngine
        let folder = indexFolder()
        do {
            engine = try SearchEngine(directory: URL(fileURLWithPath: folder), readsText: !cardsOnly)
        } catch {
            var stderr = StandardError()
            print("\(folder): error: no readable search index here (\(error)); build the site first", to: &stderr)
            throw ExitCode(1)
        }
        let queries = query == "-" ? readQueries() : [query]
        var answers: [(String, SearchResponse)] = []
        for query in queries { answers.append((query, try engine.search(query, limit: limit))) }
        if json {
            print(SearchJSON.render(answers))
            return
        }
        for (query, response) in answers { printText(query, response) }
    }

    /// The index of `--language` (`Public/es/search`), or the default language's, which is at
    /// `Public/search` (where `--language` naming the default language also leads).
    private func indexFolder() -> String {
        guard let language, !language.isEmpty, !language.contains("/"), !language.hasPrefix(".") else {
            return site + "/search"
        }
        let own = site + "/" + language + "/search"
        return FileManager.default.fileExists(atPath: own + "/index.json") ? own : site + "/search"
    }

    private func readQueries() -> [String] {
        var queries: [String] = []
        while let line = readLine(strippingNewline: true) {
            if !line.isEmpty { queries.append(line) }
        }
        return queries
    }

    private func printText(_ query: String, _ response: SearchResponse) {
        if !response.suggestions.isEmpty {
            print("Did you mean: \(response.suggestions.map { "\($0.word) → \($0.replacement)" }.joined(separator: ", "))?")
        }
        if response.results.isEmpty {
            print("No pages matched \"\(query)\".")
        } else if response.isPartial {
            print("No page has every word. Pages with some of them (not found: \(response.missingWords.joined(separator: ", "))):")
        }
        for (rank, result) in response.results.enumerated() {
            let section = result.section.isEmpty ? "" : " (\(result.section))"
            print("\(rank + 1). \(result.title)\(section)")
            print("   \(result.url)")
            if !result.heading.isEmpty { print("   under \"\(result.heading)\"") }
            let excerpt = result.excerpt.map { $0.isMatch ? "[\($0.text)]" : $0.text }.joined()
            if !excerpt.isEmpty { print("   \(excerpt)") }
        }
        guard explain else { return }
        print("How the words matched:")
        for word in response.words {
            if word.isStopWord {
                print("  \(word.word): common word, left out")
            } else if word.matches.isEmpty {
                print("  \(word.word): no match")
            } else {
                let matches = word.matches.map { match -> String in
                    let edits = match.kind == .typo ? ", \(match.edits) edit\(match.edits == 1 ? "" : "s")" : ""
                    return "\(match.term) (\(match.kind.rawValue)\(edits))"
                }
                print("  \(word.word): \(matches.joined(separator: ", "))")
            }
        }
    }
}

/// The machine-readable answer of `lantern search --json`: what the parity test compares with
/// the browser engine.
enum SearchJSON {
    static func render(_ answers: [(String, SearchResponse)]) -> String {
        let output: [[String: Any]] = answers.map { query, response in
            [
                "query": query,
                "partial": response.isPartial,
                "missing": response.missingWords,
                "suggestions": response.suggestions.map { [$0.word, $0.replacement] },
                "results": response.results.map { result -> [String: Any] in
                    [
                        "url": result.url, "score": result.score, "title": result.title,
                        "section": result.section, "heading": result.heading,
                        "excerpt": result.excerpt.map { $0.isMatch ? "[\($0.text)]" : $0.text }.joined(),
                    ]
                },
                "words": response.words.map { word -> [String: Any] in
                    ["word": word.word, "stop": word.isStopWord,
                     "matches": word.matches.map { "\($0.kind.rawValue):\($0.term)" }]
                },
            ]
        }
        let data = (try? JSONSerialization.data(withJSONObject: output, options: [.sortedKeys, .prettyPrinted]))
            ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
