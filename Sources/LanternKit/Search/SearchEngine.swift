import Foundation

/// Searches a built index: the Swift twin of the browser engine in search.js, with the same
/// ranking (the parity test checks they agree).
public struct SearchEngine {
    private let reader: IndexReader

    /// Opens the index in `directory` (the site's `Public/search/`).
    public init(directory: URL) throws {
        reader = try IndexReader(directory: directory)
    }

    public func search(_ query: String, limit: Int = 10) throws -> SearchResponse {
        try Ranker(reader: reader).search(query, limit: limit)
    }
}
