import Foundation

/// What a successful `lantern build` leaves in `.lantern-cache/build/` for the next one: what
/// the sources were (every content file's stamp, every page's front matter), what the output
/// is (every file's stamp, the search index files' hashes), and a key for everything else a
/// build reads. The next build with the same key compares the content folder with it and
/// writes again only what the changes touch (`IncrementalBuild`). The pages' search documents
/// are kept beside it (`SearchDocumentStore`).
struct BuildState {
    /// Changes whenever the layout below does.
    static let format: Int64 = 2
    static let fileName = "state.bin"

    /// Lantern itself, the options, `site.yaml` and the site's theme files (`key(for:…)`).
    var key: String
    /// When the content folder was looked at: a file changed less than a tick before is read
    /// again by the next build (`FileStamp.isSettled`).
    var stampTime: Int64
    /// Every content file, by content path.
    var content: [String: FileStamp]
    /// The front matter of every page loaded (`ContentLoader.Loaded.heads`).
    var heads: [String: PageHead]
    /// Every file of the output, by output path, as the build left it.
    var outputs: [String: FileStamp]
    /// The search index's files, by output path: the hash of their bytes.
    var searchFiles: [String: UInt64]
    /// Every page's related pages, by content path (`RelatedPages.kept(in:)`), for a build after
    /// which no page's front matter changed; nil when they are to be picked again.
    var related: [String: [String]]?
    /// The bytes heads were read from, by content path, not saved as such: a build gives those
    /// of the pages it did not load again (`IncrementalBuild`), written again as they are.
    var encodedHeads: [String: ArraySlice<UInt8>] = [:]

    func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 1 << 22)
        writer.int(BuildState.format)
        writer.text(key)
        writer.int(stampTime)
        let files = content.sorted(by: { $0.key < $1.key })
        // Each head on its own, in parallel (10,000 pages' front matter is most of the state).
        let encodedHeads = files.parallelMap { [heads, self] file -> ArraySlice<UInt8>? in
            guard let head = heads[file.key] else { return nil }
            if let bytes = self.encodedHeads[file.key] { return bytes }
            var writer = ByteWriter(capacity: 1024)
            writer.head(head)
            return writer.bytes[...]
        }
        writer.int(content.count)
        for ((path, stamp), head) in zip(files, encodedHeads) {
            writer.text(path)
            writer.stamp(stamp)
            if let head {
                writer.int(1)
                writer.blob(head)
            } else {
                writer.int(0)
            }
        }
        writer.int(outputs.count)
        for (path, stamp) in outputs.sorted(by: { $0.key < $1.key }) {
            writer.text(path)
            writer.stamp(stamp)
        }
        writer.int(searchFiles.count)
        for (path, hash) in searchFiles.sorted(by: { $0.key < $1.key }) {
            writer.text(path)
            writer.uint(hash)
        }
        if let related {
            writer.int(1)
            writer.int(related.count)
            for (path, pages) in related.sorted(by: { $0.key < $1.key }) {
                writer.text(path)
                writer.texts(pages)
            }
        } else {
            writer.int(0)
        }
        return writer.bytes
    }

    /// nil for a file of another format or a damaged one.
    init?(decoding bytes: [UInt8]) {
        self.init(decoding: ByteReader(bytes))
    }

    init?(decoding reader: ByteReader) {
        var reader = reader
        guard reader.int() == BuildState.format else { return nil }
        key = reader.text()
        stampTime = reader.int()
        content = [:]
        var encodedHeads: [(path: String, bytes: ArraySlice<UInt8>)] = []
        for _ in 0..<reader.count() where reader.isIntact {
            let path = reader.text()
            content[path] = reader.stamp()
            if reader.int() == 1 { encodedHeads.append((path, reader.blob())) }
        }
        let decoded = encodedHeads.parallelMap { encoded -> PageHead? in
            var reader = ByteReader(encoded.bytes)
            let head = reader.head()
            return reader.isIntact && reader.isAtEnd ? head : nil
        }
        heads = [:]
        heads.reserveCapacity(decoded.count)
        for (encoded, head) in zip(encodedHeads, decoded) {
            guard let head else { return nil }
            heads[encoded.path] = head
            self.encodedHeads[encoded.path] = encoded.bytes
        }
        outputs = [:]
        for _ in 0..<reader.count() where reader.isIntact {
            let path = reader.text()
            outputs[path] = reader.stamp()
        }
        searchFiles = [:]
        for _ in 0..<reader.count() where reader.isIntact {
            let path = reader.text()
            searchFiles[path] = reader.uint()
        }
        related = nil
        if reader.int() == 1 {
            var picks: [String: [String]] = [:]
            for _ in 0..<reader.count() where reader.isIntact {
                let path = reader.text()
                picks[path] = reader.texts()
            }
            related = picks
        }
        guard reader.isIntact, reader.isAtEnd else { return nil }
    }

    init(key: String, stampTime: Int64, content: [String: FileStamp], heads: [String: PageHead],
         outputs: [String: FileStamp], searchFiles: [String: UInt64], related: [String: [String]]? = nil) {
        self.key = key
        self.stampTime = stampTime
        self.content = content
        self.heads = heads
        self.outputs = outputs
        self.searchFiles = searchFiles
        self.related = related
    }

    static func load(from folder: String) -> BuildState? {
        guard let reader = ByteReader(contentsOf: folder + "/" + fileName) else { return nil }
        return BuildState(decoding: reader)
    }

    /// Written beside and renamed into place, so that a build killed meanwhile leaves the
    /// old state or the new, never half of one.
    func save(to folder: String) {
        CacheFile.write(encoded(), to: folder + "/" + BuildState.fileName)
    }

    /// Forgets the state, so that the next build builds everything (before a build whose
    /// outcome the state would not describe).
    static func forget(in folder: String) {
        unlink(folder + "/" + fileName)
    }

    /// Everything a build reads besides the content folder: a build whose key differs from
    /// the state's builds everything. Lantern is named by its executable's stamp, so that
    /// another Lantern (with another built-in theme, other rendering) never reuses the output;
    /// nil when the executable cannot be found (then every build is a full one).
    static func key(options: BuildOptions, configBytes: [UInt8], themeFiles: [(path: String, bytes: [UInt8])]) -> String? {
        guard let path = Bundle.main.executablePath, let executable = FileStamp(path: path) else { return nil }
        var parts = [
            "lantern \(path) \(executable.size) \(executable.modified) \(executable.inode)",
            "content \(StagingFolder.absolute(options.contentPath))",
            "templates \(StagingFolder.absolute(options.templatesPath))",
            "config \(StagingFolder.absolute(options.configPath)) \(StableHash.of(configBytes))",
            "output \(StagingFolder.absolute(options.outputPath))",
            "base \(options.baseURL ?? "-") ugly \(options.uglyURLs) drafts \(options.includeDrafts)",
        ]
        for file in themeFiles.sorted(by: { $0.path < $1.path }) {
            parts.append("theme \(file.path) \(StableHash.of(file.bytes))")
        }
        return parts.joined(separator: "\n")
    }
}
