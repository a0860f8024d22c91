import Foundation

/// Every page's search document, kept between builds, so that a build that renders only some
/// pages can still make the search index of all of them. Documents are spread over a fixed
/// number of files by their page's content path, so that a change to one page writes one
/// file again, not the text of the whole site. They are kept as their bytes (`KeptDocument`):
/// the index reads most of them only for their order, hash and card.
struct SearchDocumentStore {
    static let bucketCount = 64

    /// Documents by content path.
    var documents: [String: KeptDocument] = [:]

    static func bucket(of path: String) -> Int {
        Int(StableHash.of(path) % UInt64(bucketCount))
    }

    static func fileName(_ bucket: Int) -> String { "documents-\(bucket).bin" }

    /// nil when a file is missing or damaged.
    static func load(from folder: String) -> SearchDocumentStore? {
        let files = Array(0..<bucketCount).parallelMap { bucket -> [(String, KeptDocument)]? in
            guard var reader = ByteReader(contentsOf: folder + "/" + fileName(bucket)) else { return nil }
            var found: [(String, KeptDocument)] = []
            for _ in 0..<reader.count() where reader.isIntact {
                let path = reader.text()
                guard let document = KeptDocument(bytes: reader.blob()) else { return nil }
                found.append((path, document))
            }
            return reader.isIntact && reader.isAtEnd ? found : nil
        }
        var store = SearchDocumentStore()
        store.documents.reserveCapacity(files.reduce(0) { $0 + ($1?.count ?? 0) })
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
                writer.blob(documents[path]!.bytes)
            }
            CacheFile.write(writer.bytes, to: folder + "/" + SearchDocumentStore.fileName(bucket))
        }
    }
}

/// A page's search document as the store keeps it: its bytes (`ByteWriter.document`), read in
/// full only for the pages whose words or text the index reads again. Its hash is that of
/// the document (`AnalysisChunks.key(of:)`), and its card is read without the text.
struct KeptDocument: IndexedPage, Equatable {
    let bytes: ArraySlice<UInt8>
    let url: String
    let title: String

    init(_ document: SearchDocument) {
        var writer = ByteWriter(capacity: 4096)
        writer.document(document)
        bytes = writer.bytes[...]
        url = document.url
        title = document.title
    }

    /// nil when the bytes are not a whole document (a damaged file).
    init?(bytes: ArraySlice<UInt8>) {
        var reader = ByteReader(bytes)
        let read = reader.document(withText: false)
        guard reader.isIntact, reader.isAtEnd else { return nil }
        self.bytes = bytes
        url = read.url
        title = read.title
    }

    var key: UInt64 { StableHash.of(bytes) }

    var document: SearchDocument {
        var reader = ByteReader(bytes)
        return reader.document()
    }

    /// Read without the description, tags and text, which a card does not show.
    var card: SearchCard {
        var reader = ByteReader(bytes)
        return SearchCard(reader.document(withText: false))
    }

    static func == (a: KeptDocument, b: KeptDocument) -> Bool { a.bytes.elementsEqual(b.bytes) }
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
    /// Without `withText`, the description, tags and parts' text are passed over and left empty.
    mutating func document(withText: Bool = true) -> SearchDocument {
        func textField() -> String {
            guard withText else {
                skipText()
                return ""
            }
            return text()
        }
        let url = text(), title = text(), section = text(), description = textField()
        var tags: [String] = []
        for _ in 0..<count() where isIntact {
            let tag = textField()
            if withText { tags.append(tag) }
        }
        var parts: [TextPart] = []
        for _ in 0..<count() where isIntact {
            let anchor = text(), heading = text()
            parts.append(TextPart(anchor: anchor, heading: heading, text: textField()))
        }
        return SearchDocument(url: url, title: title, section: section, description: description, tags: tags,
            parts: parts)
    }
}
