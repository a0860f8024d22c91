import Foundation

/// Every page's search document, kept between builds, so that a build that renders only some
/// pages can still make the search index of all of them. Documents are spread over a fixed
/// number of files by their page's content path, so that a change to one page writes one
/// file again, not the text of the whole site.
struct SearchDocumentStore {
    static let bucketCount = 64

    /// Documents by content path.
    var documents: [String: SearchDocument] = [:]

    static func bucket(of path: String) -> Int {
        Int(StableHash.of(path) % UInt64(bucketCount))
    }

    static func fileName(_ bucket: Int) -> String { "documents-\(bucket).bin" }

    /// nil when a file is missing or damaged.
    static func load(from folder: String) -> SearchDocumentStore? {
        let files = Array(0..<bucketCount).parallelMap { bucket -> [(String, SearchDocument)]? in
            guard var reader = ByteReader(contentsOf: folder + "/" + fileName(bucket)) else { return nil }
            var found: [(String, SearchDocument)] = []
            for _ in 0..<reader.count() where reader.isIntact {
                let path = reader.text()
                found.append((path, reader.document()))
            }
            return reader.isIntact && reader.isAtEnd ? found : nil
        }
        var store = SearchDocumentStore()
        for file in files {
            guard let file else { return nil }
            for (path, document) in file { store.documents[path] = document }
        }
        return store
    }

    /// Writes the files of `buckets` (all of them when nil).
    func save(to folder: String, buckets: Set<Int>? = nil) {
        var byBucket = [[String]](repeating: [], count: SearchDocumentStore.bucketCount)
        for path in documents.keys.sorted() { byBucket[SearchDocumentStore.bucket(of: path)].append(path) }
        let chosen = buckets.map { Array($0).sorted() } ?? Array(0..<SearchDocumentStore.bucketCount)
        _ = chosen.parallelMap { [byBucket] bucket in
            var writer = ByteWriter()
            writer.int(byBucket[bucket].count)
            for path in byBucket[bucket] {
                writer.text(path)
                writer.document(documents[path]!)
            }
            BuildState.writeAtomically(writer.bytes, to: folder + "/" + SearchDocumentStore.fileName(bucket))
        }
    }
}

extension ByteWriter {
    mutating func document(_ document: SearchDocument) {
        text(document.url)
        text(document.title)
        text(document.section)
        text(document.description)
        texts(document.tags)
        int(document.parts.count)
        for part in document.parts {
            text(part.anchor)
            text(part.heading)
            text(part.text)
        }
    }
}

extension ByteReader {
    mutating func document() -> SearchDocument {
        let url = text(), title = text(), section = text(), description = text(), tags = texts()
        var parts: [TextPart] = []
        for _ in 0..<count() where isIntact {
            let anchor = text(), heading = text()
            parts.append(TextPart(anchor: anchor, heading: heading, text: text()))
        }
        return SearchDocument(url: url, title: title, section: section, description: description, tags: tags,
            parts: parts)
    }
}
