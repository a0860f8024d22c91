import Foundation

/// Searches a built index: the Swift twin of the browser engine in search.js, with the same
/// ranking (the parity test checks they agree).
public struct SearchEngine {
    private let reader: IndexReader
    private let readsText: Bool

    /// Opens the index in `directory` (the site's `Public/search/`). With `readsText` false,
    /// searches rank and show results as the browser does before the pages' text files arrive
    /// (cards only: no excerpts from the page text, phrases and proximity in the cards).
    public init(directory: URL, readsText: Bool = true) throws {
        reader = try IndexReader(directory: directory)
        self.readsText = readsText
    }

    public func search(_ query: String, limit: Int = 10) throws -> SearchResponse {
        try Ranker(reader: reader, readsText: readsText).search(query, limit: limit)
    }
}
