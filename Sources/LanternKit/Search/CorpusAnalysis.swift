import Foundation

/// Term statistics of all pages: vocabulary, document frequencies and BM25 impacts.
///
/// Pages are read in parallel chunks, each with its own word table; the tables are then
/// merged, every distinct word is stemmed once, and postings are laid out flat (CSR) in
/// sorted term order.
struct CorpusAnalysis {
    /// Pages are read in this many chunks (fewer on a smaller site): after an edit, its chunk is
    /// read again (`AnalysisChunks`), and every chunk's words are merged into one table.
    static let chunks = 32
    let pageCount: Int
    /// Stems in byte order; a term's index is its id in the index files.
    private(set) var terms: [String] = []
    private(set) var documentFrequencies: [Int] = []
    /// Distinct folded words whose stem differs from the word, sorted, each with its stem's
    /// term id: typo matching compares typed words with these, since a typo in a suffix can
    /// hide the stem. With the Spanish analyzer, also each word with ñ spelled with n.
    private(set) var words: [(word: String, term: Int)] = []
    /// Postings in term order: `postingStart[t]..<postingStart[t + 1]`.
    private var postingStart: [Int] = []
    private var postingPage: [Int32] = []
    private var postingImpact: [Int32] = []

    /// - Parameter kept: the chunks of pages an earlier build read (`AnalysisChunks`): a chunk
    ///   whose pages are the same is taken from it instead of being read again; it gets the
    ///   chunks of this one.
    ///   `pageKeys` are the pages' hashes (`AnalysisChunks.key(of:)`), given with `kept`.
    init<Page: IndexedPage>(pages: [Page], analyzer: Analyzer = .english, kept: AnalysisChunks? = nil, pageKeys: [UInt64] = []) {
        pageCount = pages.count
        let chunkCount = pages.isEmpty ? 0 : min(pages.count, CorpusAnalysis.chunks)
        let ranges = (0..<chunkCount).map { i in
            (pages.count * i / chunkCount)..<(pages.count * (i + 1) / chunkCount)
        }
        let chunks: [ChunkCounts]
        if let kept {
            let keys = ranges.map { AnalysisChunks.key(of: pageKeys[$0], analyzer: analyzer) }
            let before = kept.previous
            chunks = Array(ranges.indices).parallelMap { i in
                if let chunk = before[i], chunk.key == keys[i] { return chunk.counts }
                return ChunkCounts(pages: pages[ranges[i]], analyzer: analyzer)
            }
            kept.current = Dictionary(uniqueKeysWithValues: ranges.indices.map { i in
                (i, (key: keys[i], counts: chunks[i], isNew: before[i]?.key != keys[i]))
            })
        } else {
            chunks = ranges.parallelMap { ChunkCounts(pages: pages[$0], analyzer: analyzer) }
        }

        // Merge word tables; stem each distinct word once.
        var allWords = ByteInterner(capacity: 1 << 16)
        var stems = ByteInterner(capacity: 1 << 15)
        var stemOfWord: [Int32] = []
        var wordMaps: [[Int32]] = []
        for chunk in chunks {
            var map = [Int32](repeating: -1, count: chunk.words.count)
            for local in chunk.stopWordCount..<chunk.words.count {
                let bytes = chunk.words.bytes(local)
                let global = bytes.withUnsafeBufferPointer { allWords.intern($0) }
                if global == stemOfWord.count {
                    stemOfWord.append(Int32(stems.intern(analyzer.stem(Array(bytes)))))
                }
                map[local] = stemOfWord[global]
            }
            wordMaps.append(map)
        }

        // Per page, merge words with the same stem.
        let stemCount = stems.count
        let merged = Array(zip(chunks, wordMaps)).parallelMap { chunk, wordToStem in
            chunk.merged(wordToStem: wordToStem, stemCount: stemCount)
        }
        // Each chunk's count of pages per stem (summed: the document frequencies), so that
        // each chunk knows where its postings of a term start and lays them out on its own.
        let chunkDF = merged.parallelMap { chunk in
            var counts = [Int32](repeating: 0, count: stemCount)
            for stem in chunk.stems { counts[Int(stem)] += 1 }
            return counts
        }
        var df = [Int](repeating: 0, count: stemCount)
        for counts in chunkDF {
            for stem in 0..<stemCount { df[stem] += Int(counts[stem]) }
        }

        // Sort stems by bytes; lay postings out by rank.
        let order = (0..<stemCount).sorted {
            stems.bytes($0).lexicographicallyPrecedes(stems.bytes($1))
        }
        var rank = [Int](repeating: 0, count: stemCount)
        for (r, stem) in order.enumerated() { rank[stem] = r }
        terms = order.map { stems.string($0) }
        documentFrequencies = order.map { df[$0] }
        postingStart = [0]
        for r in 0..<stemCount { postingStart.append(postingStart[r] + documentFrequencies[r]) }
        postingPage = [Int32](repeating: 0, count: postingStart[stemCount])
        postingImpact = [Int32](repeating: 0, count: postingStart[stemCount])

        let totalLength = merged.reduce(0) { $0 + $1.lengths.reduce(0) { $0 + Int($1) } }
        let averageLength = max(1, Double(totalLength) / Double(max(1, pageCount)))
        let n = Double(pageCount)
        let idf = documentFrequencies.map { df in
            log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5))
        }
        // Chunk by chunk in parallel (pages in order within each, chunks in order): every
        // posting lands where a single pass would put it, each chunk in slots of its own.
        var pageBefore = [0]
        for chunk in merged { pageBefore.append(pageBefore.last! + chunk.lengths.count) }
        var cursors: [[Int]] = []
        var cursor = postingStart
        for counts in chunkDF {
            cursors.append(cursor)
            for r in 0..<stemCount { cursor[r] += Int(counts[order[r]]) }
        }
        let rankOfStem = rank, firstPage = pageBefore, chunkCursor = cursors
        postingPage.withUnsafeMutableBufferPointer { pagesOut in
            postingImpact.withUnsafeMutableBufferPointer { impactsOut in
                let out = UncheckedSendable((pagesOut, impactsOut))
                _ = Array(merged.indices).parallelMap { c -> Bool in
                    let (pagesOut, impactsOut) = out.value
                    let chunk = merged[c]
                    var cursor = chunkCursor[c]
                    for p in 0..<chunk.lengths.count {
                        let norm = IndexFormat.k1
                            * (1 - IndexFormat.b
                                + IndexFormat.b * Double(chunk.lengths[p]) / averageLength)
                        for e in chunk.pageStart[p]..<chunk.pageStart[p + 1] {
                            let r = rankOfStem[Int(chunk.stems[e])]
                            let tf = Double(chunk.weights[e]) / 2
                            let score = idf[r] * tf * (IndexFormat.k1 + 1) / (tf + norm)
                            let impact = max(1, Int((score * IndexFormat.impactScale).rounded()))
                                + (chunk.inTitle[e] ? IndexFormat.titleImpact : 0)
                            pagesOut[cursor[r]] = Int32(firstPage[c] + p)
                            impactsOut[cursor[r]] = Int32(impact)
                            cursor[r] += 1
                        }
                    }
                    return true
                }
            }
        }

        var surfaceWords: [(word: String, term: Int)] = []
        for global in 0..<allWords.count {
            let word = allWords.bytes(global)
            let stem = Int(stemOfWord[global])
            if !word.elementsEqual(stems.bytes(stem)) {
                surfaceWords.append((allWords.string(global), rank[stem]))
            }
        }
        if analyzer.keepsEnye {
            // Each word with ñ is also listed spelled with n, for typo matching: "sueno" finds
            // "sueño" when no page has "sueno", and only from 4 letters ("ano" never finds "año").
            var known = ByteInterner(capacity: allWords.count)
            for global in 0..<allWords.count { _ = allWords.bytes(global).withUnsafeBufferPointer { known.intern($0) } }
            for global in 0..<allWords.count {
                let word = allWords.bytes(global)
                var typed: [UInt8] = []
                var i = word.startIndex
                while i < word.endIndex {
                    if word[i] == 0xC3, i + 1 < word.endIndex, word[i + 1] == 0xB1 {  // ñ
                        typed.append(UInt8(ascii: "n"))
                        i += 2
                    } else {
                        typed.append(word[i])
                        i += 1
                    }
                }
                guard typed.count < word.count else { continue }
                let before = known.count
                _ = known.intern(typed)
                if known.count > before {
                    surfaceWords.append((String(decoding: typed, as: UTF8.self), rank[Int(stemOfWord[global])]))
                }
            }
        }
        words = surfaceWords.sorted { $0.word.utf8.lexicographicallyPrecedes($1.word.utf8) }
    }

    /// Pages (ascending) and impacts of a term.
    func postings(_ term: Int) -> (pages: ArraySlice<Int32>, impacts: ArraySlice<Int32>) {
        let range = postingStart[term]..<postingStart[term + 1]
        return (postingPage[range], postingImpact[range])
    }

    /// The postings of terms `range` (see IndexFormat.EncodedPostings).
    func encodedPostings(_ range: Range<Int>) -> IndexFormat.EncodedPostings {
        var out = IndexFormat.EncodedPostings()
        let count = postingStart[range.upperBound] - postingStart[range.lowerBound]
        out.pages.reserveCapacity(2 * count + range.count)
        out.impacts.reserveCapacity(count + count / 8)
        for term in range {
            let (pages, impacts) = postings(term)
            IndexFormat.appendPostings(pages: pages, impacts: impacts, to: &out)
        }
        return out
    }

    /// A hash of the postings of terms `range`: each term's count, pages and impacts.
    func postingsKey(_ range: Range<Int>) -> UInt64 {
        let postings = postingStart[range.lowerBound]..<postingStart[range.upperBound]
        let counts = range.map { Int64(postingStart[$0 + 1] - postingStart[$0]) }
        return StableHash.combine([
            counts.withUnsafeBytes(StableHash.of),
            postingPage[postings].withUnsafeBytes(StableHash.of),
            postingImpact[postings].withUnsafeBytes(StableHash.of),
        ])
    }

    /// A term's champions (IndexFormat.champions): its highest-impact pages, lower pages
    /// first among equal impacts; in page order.
    func champions(_ term: Int) -> [Int32] {
        let (pages, impacts) = postings(term)
        let k = IndexFormat.champions
        if pages.count <= k { return Array(pages) }
        // The k-th highest impact from a histogram: linear however common the term.
        var histogram = [Int](repeating: 0, count: Int(impacts.max()!) + 1)
        for impact in impacts { histogram[Int(impact)] += 1 }
        var threshold = histogram.count - 1
        var above = 0
        while above + histogram[threshold] < k {
            above += histogram[threshold]
            threshold -= 1
        }
        var atThreshold = k - above
        var result: [Int32] = []
        result.reserveCapacity(k)
        for (page, impact) in zip(pages, impacts) {
            if Int(impact) > threshold {
                result.append(page)
            } else if Int(impact) == threshold && atThreshold > 0 {
                result.append(page)
                atThreshold -= 1
            }
        }
        return result
    }

    /// About how many bytes a term's postings take once gzipped: gaps and impacts cost
    /// their bits, long runs of neighbouring pages next to nothing. Decides where shards
    /// end; it need not be exact, only the same on every build.
    func estimatedPostingsBytes(_ term: Int) -> Int {
        let (pages, impacts) = postings(term)
        var bits = 24
        var previous: Int32 = -1
        for (page, impact) in zip(pages, impacts) {
            bits += 3 + Self.bitLength(Int(page - previous)) + Self.bitLength(Int(impact))
            previous = page
        }
        return bits * 7 / 64
    }

    private static func bitLength(_ value: Int) -> Int {
        Int.bitWidth - value.leadingZeroBitCount
    }
}

/// Weighted word counts of a run of pages, against the chunk's own word table.
struct ChunkCounts: Sendable {
    /// Stop words take the first ids of every word table, so a token is a stop word
    /// when its id is below this.
    let stopWordCount: Int

    var words = ByteInterner(capacity: 1 << 14)
    var pageStart: [Int] = [0]
    var entryWord: [Int32] = []
    var entryWeight: [Int32] = []
    /// Whether the entry's word is in the page title.
    var entryInTitle: [Bool] = []
    var lengths: [Int32] = []

    init(stopWordCount: Int, words: ByteInterner, pageStart: [Int], entryWord: [Int32], entryWeight: [Int32],
         entryInTitle: [Bool], lengths: [Int32]) {
        self.stopWordCount = stopWordCount
        self.words = words
        self.pageStart = pageStart
        self.entryWord = entryWord
        self.entryWeight = entryWeight
        self.entryInTitle = entryInTitle
        self.lengths = lengths
    }

    init<Page: IndexedPage>(pages: ArraySlice<Page>, analyzer: Analyzer) {
        stopWordCount = analyzer.stopWords.count
        for word in analyzer.stopWords { _ = words.intern(Array(word.utf8)) }
        var weights: [Int32] = []
        var inTitle: [Bool] = []
        var touched: [Int32] = []
        for page in pages {
            let page = page.document
            var length: Int32 = 0
            func add(_ text: String, _ weight: Int32, isTitle: Bool = false) {
                var text = text
                text.withUTF8 { utf8 in
                    Tokenizer.forEachToken(utf8, keepsEnye: analyzer.keepsEnye) { term, _, _ in
                        let id = words.intern(term)
                        if id < stopWordCount { return }
                        if id >= weights.count {
                            let missing = id + 1 - weights.count
                            weights.append(contentsOf: repeatElement(0, count: missing))
                            inTitle.append(contentsOf: repeatElement(false, count: missing))
                        }
                        if weights[id] == 0 { touched.append(Int32(id)) }
                        weights[id] += weight
                        if isTitle { inTitle[id] = true }
                        length += 1
                    }
                }
            }
            add(page.title, IndexFormat.titleWeight, isTitle: true)
            for tag in page.tags { add(tag, IndexFormat.tagWeight) }
            add(page.description, IndexFormat.descriptionWeight)
            add(page.section, IndexFormat.sectionWeight)
            for part in page.parts {
                add(part.heading, IndexFormat.headingWeight)
                add(part.text, IndexFormat.bodyWeight)
            }
            for id in touched {
                entryWord.append(id)
                entryWeight.append(weights[Int(id)])
                entryInTitle.append(inTitle[Int(id)])
                weights[Int(id)] = 0
                inTitle[Int(id)] = false
            }
            touched.removeAll(keepingCapacity: true)
            pageStart.append(entryWord.count)
            lengths.append(length)
        }
    }

    struct Merged {
        var pageStart: [Int] = [0]
        var stems: [Int32] = []
        var weights: [Int32] = []
        var inTitle: [Bool] = []
        var lengths: [Int32] = []
    }

    func merged(wordToStem: [Int32], stemCount: Int) -> Merged {
        var out = Merged()
        out.lengths = lengths
        var sums = [Int32](repeating: 0, count: stemCount)
        var titled = [Bool](repeating: false, count: stemCount)
        var touched: [Int32] = []
        for p in 0..<lengths.count {
            for e in pageStart[p]..<pageStart[p + 1] {
                let stem = wordToStem[Int(entryWord[e])]
                if sums[Int(stem)] == 0 { touched.append(stem) }
                sums[Int(stem)] += entryWeight[e]
                if entryInTitle[e] { titled[Int(stem)] = true }
            }
            for stem in touched {
                out.stems.append(stem)
                out.weights.append(sums[Int(stem)])
                out.inTitle.append(titled[Int(stem)])
                sums[Int(stem)] = 0
                titled[Int(stem)] = false
            }
            touched.removeAll(keepingCapacity: true)
            out.pageStart.append(out.stems.count)
        }
        return out
    }
}

/// The chunks of pages `CorpusAnalysis` read, kept by `lantern build` for the next build of the
/// same output, which reads again only the chunks whose pages changed (one chunk holds a
/// thirty-second of the pages). A chunk is known by a hash of everything it was read from: the
/// analyzer and every field of its pages, in order.
final class AnalysisChunks: @unchecked Sendable {
    // @unchecked: `previous` is set before, and `current` only by, the one analysis it is given to.
    typealias Chunk = (key: UInt64, counts: ChunkCounts)
    /// By chunk number: what the earlier build read.
    var previous: [Int: Chunk] = [:]
    /// By chunk number: what this build read, and whether it differs from `previous`.
    var current: [Int: (key: UInt64, counts: ChunkCounts, isNew: Bool)] = [:]
    /// The text files (`text-N.json`) and shards (`shard-N.json`) the earlier build wrote, by
    /// name: a hash of what each was made from (a text file: its first page, the pages per
    /// file, its pages' documents; a shard: its first term, its terms' postings, its cards).
    /// A file with the same hash has the same bytes: `SearchIndexBuilder` leaves it out, and
    /// the build keeps the earlier one (`filesKept`).
    var previousFiles: [String: UInt64] = [:]
    var currentFiles: [String: UInt64] = [:]
    /// The file names left out because they are as before.
    var filesKept: Set<String> = []
    /// The size of each page's stored text (`StoredText.size`), by the hash of its document.
    var previousSizes: [UInt64: Int] = [:]
    var currentSizes: [UInt64: Int] = [:]

    init(previous: [Int: Chunk] = [:]) {
        self.previous = previous
    }

    /// A chunk's key, from its pages' hashes.
    static func key(of pages: ArraySlice<UInt64>, analyzer: Analyzer) -> UInt64 {
        var writer = ByteWriter(capacity: 64 + 8 * pages.count)
        writer.text(analyzer.code)
        writer.int(analyzer.stopWords.count)
        for page in pages { writer.uint(page) }
        return StableHash.of(writer.bytes)
    }

    static func fileName(_ language: String, _ chunk: Int) -> String { "analysis-\(language)-\(chunk).bin" }
    static func textsFileName(_ language: String) -> String { "texts-\(language).bin" }

    /// The hash of one page's document (every field), for the text files' hashes.
    static func key(of page: SearchDocument) -> UInt64 {
        var writer = ByteWriter(capacity: 4096)
        writer.document(page)
        return StableHash.of(writer.bytes)
    }

    static func textKey(start: Int, pagesPerText: Int, pages: ArraySlice<UInt64>) -> UInt64 {
        var writer = ByteWriter(capacity: 16 + 8 * pages.count)
        writer.int(start)
        writer.int(pagesPerText)
        for page in pages { writer.uint(page) }
        return StableHash.of(writer.bytes)
    }

    /// The chunks kept in `folder` for a language; missing or damaged ones are left out.
    static func load(from folder: String, language: String) -> AnalysisChunks {
        let found = Array(0..<CorpusAnalysis.chunks).parallelMap { i -> Chunk? in
            guard var reader = ByteReader(contentsOf: folder + "/" + fileName(language, i)) else { return nil }
            let key = reader.uint()
            let stopWordCount = reader.count()
            let storage: [UInt8] = reader.raw(), offsets: [Int] = reader.raw(), pageStart: [Int] = reader.raw()
            let entryWord: [Int32] = reader.raw(), entryWeight: [Int32] = reader.raw()
            let entryInTitle: [UInt8] = reader.raw(), lengths: [Int32] = reader.raw()
            guard reader.isIntact, reader.isAtEnd, offsets.first == 0, offsets.last == storage.count,
                zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
                pageStart.first == 0, pageStart.last == entryWord.count, pageStart.count == lengths.count + 1,
                entryWeight.count == entryWord.count, entryInTitle.count == entryWord.count,
                entryWord.allSatisfy({ $0 >= 0 && Int($0) < offsets.count - 1 })
            else { return nil }
            return (key, ChunkCounts(stopWordCount: stopWordCount, words: ByteInterner(contents: (storage, offsets)),
                pageStart: pageStart, entryWord: entryWord, entryWeight: entryWeight, entryInTitle: entryInTitle.map { $0 != 0 },
                lengths: lengths))
        }
        var chunks: [Int: Chunk] = [:]
        for (i, chunk) in found.enumerated() { if let chunk { chunks[i] = chunk } }
        let kept = AnalysisChunks(previous: chunks)
        if var reader = ByteReader(contentsOf: folder + "/" + textsFileName(language)) {
            var files: [String: UInt64] = [:]
            for _ in 0..<reader.count() where reader.isIntact {
                let name = reader.text()
                files[name] = reader.uint()
            }
            var sizes: [UInt64: Int] = [:]
            for _ in 0..<reader.count() where reader.isIntact {
                let page = reader.uint()
                sizes[page] = Int(reader.int())
            }
            if reader.isIntact && reader.isAtEnd {
                kept.previousFiles = files
                kept.previousSizes = sizes
            }
        }
        return kept
    }

    /// Writes the chunks this build read anew (all of them with `all`), and deletes the files
    /// of chunks it no longer has.
    func save(to folder: String, language: String, all: Bool = false) {
        var writer = ByteWriter()
        writer.int(currentFiles.count)
        for (name, key) in currentFiles.sorted(by: { $0.key < $1.key }) {
            writer.text(name)
            writer.uint(key)
        }
        writer.int(currentSizes.count)
        for (page, size) in currentSizes.sorted(by: { $0.key < $1.key }) {
            writer.uint(page)
            writer.int(size)
        }
        CacheFile.write(writer.bytes, to: folder + "/" + AnalysisChunks.textsFileName(language))
        _ = Array(0..<CorpusAnalysis.chunks).parallelMap { [current] i in
            guard let chunk = current[i] else {
                unlink(folder + "/" + AnalysisChunks.fileName(language, i))
                return
            }
            guard all || chunk.isNew else { return }
            var writer = ByteWriter(capacity: 1 << 20)
            writer.uint(chunk.key)
            writer.int(chunk.counts.stopWordCount)
            let contents = chunk.counts.words.contents
            writer.raw(contents.storage)
            writer.raw(contents.offsets)
            writer.raw(chunk.counts.pageStart)
            writer.raw(chunk.counts.entryWord)
            writer.raw(chunk.counts.entryWeight)
            writer.raw(chunk.counts.entryInTitle.map { $0 ? UInt8(1) : 0 })
            writer.raw(chunk.counts.lengths)
            CacheFile.write(writer.bytes, to: folder + "/" + AnalysisChunks.fileName(language, i))
        }
    }
}
