/// Builds the files of the site's search index (written under `Public/search/`).
///
/// A small site gets one `index.json` with everything needed to rank; past
/// `shardThresholdBytes` of postings, `index.json` is a manifest (vocabulary, shard table)
/// and postings go to `shard-N.json` files by term range. Either way `words.json` (only for
/// typo matching) and `pages-N.json` (page text, read for the pages a query shows) are
/// fetched on demand. See docs/search-index.md.
public struct SearchIndexBuilder: Sendable {
    public var synonyms: [String: [String]]
    /// Above this many bytes of postings the index is split into shards.
    public var shardThresholdBytes: Int
    /// Target raw size of one postings shard: small enough that a query's shards stay well
    /// under the first-result budget, and a fraction of the threshold so sharding always
    /// gives several shards.
    var shardTargetBytes: Int { max(1024, min(20 * 1024, shardThresholdBytes / 8)) }
    /// Target raw size of one `pages-N.json` chunk.
    var pageChunkTargetBytes = 4 * 1024

    public init(synonyms: [String: [String]], shardThresholdBytes: Int = 256 * 1024) {
        self.synonyms = synonyms
        self.shardThresholdBytes = shardThresholdBytes
    }

    /// Files to write under Public/search/, keyed by file name.
    public func build(_ documents: [SearchDocument]) -> [String: [UInt8]] {
        // Page ids follow URL byte order, so they do not depend on the input order.
        let pages = documents.sorted {
            $0.url == $1.url
                ? $0.title.utf8.lexicographicallyPrecedes($1.title.utf8)
                : $0.url.utf8.lexicographicallyPrecedes($1.url.utf8)
        }
        let corpus = CorpusAnalysis(pages: pages)
        var files: [String: [UInt8]] = [:]
        let pagesPerChunk = writePageChunks(pages, into: &files)
        writeIndex(corpus, pagesPerChunk: pagesPerChunk, into: &files)
        return files
    }

    /// Writes `pages-N.json` chunks of a fixed number of pages; returns that number.
    private func writePageChunks(
        _ pages: [SearchDocument], into files: inout [String: [UInt8]]
    ) -> Int {
        let textBytes = pages.reduce(0) { total, page in
            page.parts.reduce(total + page.description.utf8.count) { $0 + $1.text.utf8.count }
        }
        let average = max(1, textBytes / max(1, pages.count))
        let perChunk = max(1, pageChunkTargetBytes / average)
        let chunkCount = (pages.count + perChunk - 1) / perChunk
        let outputs = SearchParallel.run(chunkCount) { i in
            let range = (i * perChunk)..<min(pages.count, (i + 1) * perChunk)
            return IndexWriter.pagesFile(pages[range], start: range.lowerBound)
        }
        for (i, bytes) in outputs.enumerated() { files[IndexFormat.pagesFile(i)] = bytes }
        return perChunk
    }

    private func writeIndex(
        _ corpus: CorpusAnalysis, pagesPerChunk: Int, into files: inout [String: [UInt8]]
    ) {
        let postings = corpus.encodedPostings()
        let totalBytes = postings.reduce(0) { $0 + $1.count + 3 }
        var header = IndexWriter.Header(
            pageCount: corpus.pageCount,
            pagesPerChunk: pagesPerChunk,
            terms: corpus.terms,
            popularity: corpus.documentFrequencies.map(IndexFormat.popularity),
            synonyms: SynonymTable.normalize(synonyms)
        )
        // Only typo matching needs the word list, so it never delays the first result.
        files[IndexFormat.wordsFile] = IndexWriter.wordsFile(corpus.words)
        if totalBytes <= shardThresholdBytes {
            header.postings = postings
            files[IndexFormat.entryFile] = IndexWriter.entryFile(header)
            return
        }
        var starts: [Int] = []
        var size = Int.max
        for (i, code) in postings.enumerated() {
            if size >= shardTargetBytes {
                starts.append(i)
                size = 0
            }
            size += code.count + 3
        }
        header.shardStarts = starts
        files[IndexFormat.entryFile] = IndexWriter.entryFile(header)
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : postings.count
            files[IndexFormat.shardFile(n)] = IndexWriter.shardFile(
                postings[start..<end], start: start)
        }
    }
}
