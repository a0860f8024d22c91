import Foundation

/// One page as stored in `pages-N.json`.
struct SearchPageRecord {
    var url: String
    var title: String
    var section: String
    var description: String
    var parts: [SearchDocumentPart]
}

/// Reads a built index from a directory, loading shards and page chunks on demand.
final class IndexReader {
    let directory: URL
    let terms: [String]
    let termBytes: [[UInt8]]
    let termIndex: [String: Int]
    let popularity: [Int]
    let synonyms: [String: [[String]]]
    let pageCount: Int
    private let pagesPerChunk: Int
    private var loadedWords: [[UInt8]]?
    private let shardStarts: [Int]
    private var inlinePostings: [String]?
    private var shards: [Int: [String]] = [:]
    private var chunks: [Int: [SearchPageRecord]] = [:]

    init(directory: URL) throws {
        self.directory = directory
        let entry = try Self.readObject(directory, IndexFormat.entryFile)
        guard entry["version"] as? Int == IndexFormat.version else {
            throw SearchEngineError.unsupportedVersion(entry["version"] as? Int ?? -1)
        }
        terms = IndexFormat.frontDecode(try Self.field(entry, "terms"))
        termBytes = terms.map { Array($0.utf8) }
        termIndex = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1, $0) })
        let popularityCode: String = try Self.field(entry, "popularity")
        popularity = popularityCode.utf8.map { Int(IndexFormat.decodeTable[Int($0 & 0x7F)]) }
        synonyms = try Self.field(entry, "synonyms")
        pageCount = try Self.field(entry, "pageCount")
        pagesPerChunk = try Self.field(entry, "pagesPerChunk")
        inlinePostings = entry["postings"] as? [String]
        shardStarts = entry["shards"] as? [Int] ?? []
    }

    /// Folded words whose stem differs from them (for typo matching), sorted.
    func words() throws -> [[UInt8]] {
        if let loadedWords { return loadedWords }
        let object = try Self.readObject(directory, IndexFormat.wordsFile)
        let list: [String] = try Self.field(object, "words")
        loadedWords = IndexFormat.frontDecode(list).map { Array($0.utf8) }
        return loadedWords!
    }

    func postings(_ term: Int) throws -> [(page: Int, impact: Int)] {
        if let inline = inlinePostings { return IndexFormat.decodePostings(inline[term]) }
        let shard = Self.lastIndex(in: shardStarts, notAbove: term)
        if shards[shard] == nil {
            let object = try Self.readObject(directory, IndexFormat.shardFile(shard))
            shards[shard] = try Self.field(object, "postings")
        }
        return IndexFormat.decodePostings(shards[shard]![term - shardStarts[shard]])
    }

    func page(_ id: Int) throws -> SearchPageRecord {
        let chunk = id / pagesPerChunk
        if chunks[chunk] == nil {
            let object = try Self.readObject(directory, IndexFormat.pagesFile(chunk))
            let pages: [[String: Any]] = try Self.field(object, "pages")
            chunks[chunk] = try pages.map { page in
                let parts: [[String: String]] = try Self.field(page, "parts")
                return SearchPageRecord(
                    url: try Self.field(page, "url"),
                    title: try Self.field(page, "title"),
                    section: try Self.field(page, "section"),
                    description: try Self.field(page, "description"),
                    parts: parts.map {
                        SearchDocumentPart(
                            anchor: $0["anchor"] ?? "", heading: $0["heading"] ?? "",
                            text: $0["text"] ?? "")
                    })
            }
        }
        return chunks[chunk]![id - chunk * pagesPerChunk]
    }

    /// Index of the last element of the ascending `starts` that is ≤ `value`.
    static func lastIndex(in starts: [Int], notAbove value: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= value { low = mid } else { high = mid - 1 }
        }
        return low
    }

    private static func readObject(_ directory: URL, _ name: String) throws -> [String: Any] {
        let url = directory.appendingPathComponent(name)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SearchEngineError.missingFile(name)
        }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SearchEngineError.malformed(name, "not a JSON object")
        }
        return object
    }

    private static func field<T>(_ object: [String: Any], _ key: String) throws -> T {
        guard let value = object[key] as? T else {
            throw SearchEngineError.malformed(IndexFormat.entryFile, "missing or wrong \"\(key)\"")
        }
        return value
    }
}

/// Why a built index could not be read.
public enum SearchEngineError: Error, Equatable, CustomStringConvertible {
    case missingFile(String)
    case malformed(String, String)
    case unsupportedVersion(Int)

    public var description: String {
        switch self {
        case .missingFile(let name): return "search index file \(name) is missing"
        case .malformed(let name, let why): return "search index file \(name) is malformed: \(why)"
        case .unsupportedVersion(let v): return "search index version \(v) is not supported"
        }
    }
}
