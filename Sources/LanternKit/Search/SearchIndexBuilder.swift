/// A page as the index builder reads it: the order (URL, title) and the card of every page, and
/// the whole document only of the pages whose words or text are read (every page in a full
/// build; after an edit, those of the chunks and text files that changed: `KeptDocument`).
protocol IndexedPage: Sendable {
    var url: String { get }
    var title: String { get }
    /// A hash of the whole document (`AnalysisChunks.key(of:)`).
    var key: UInt64 { get }
    var card: SearchCard { get }
    var document: SearchDocument { get }
}

extension SearchDocument: IndexedPage {
    var key: UInt64 { AnalysisChunks.key(of: self) }
    var card: SearchCard { SearchCard(self) }
    var document: SearchDocument { self }
}

/// Builds the files of the site's search index (written under `Public/search/`).
///
/// A small site gets one file, `index.json`, with everything a query needs to show its
/// results: vocabulary, postings and every page's card. Past `shardThresholdBytes`,
/// `index.json` is a manifest (vocabulary, popularity, shard table) and postings go to
/// `shard-N.json` files by term range, each with the cards of its terms' champions, so that a
/// query needs the manifest and then its shards, nothing more; `cards-N.json` hold every card
/// by page range for the rare query whose best pages are no term's champions. Either way,
/// `text-N.json` hold the pages' text by page range, read after the results are shown, for
/// their excerpts. See docs/search-index.md.
public struct SearchIndexBuilder: Sendable {
    public var synonyms: [String: [String]]
    /// Two-way groups (`search.synonym_groups`): each member finds the others.
    public var synonymGroups: [[String]]
    /// Whether the built-in lay ↔ clinical HealthVocabulary bridges words the pages never use.
    public var healthVocabulary: Bool
    /// Above this many bytes, the index is split into a manifest and shards.
    public var shardThresholdBytes: Int
    /// Target size of one shard or card chunk once gzipped (estimated): small enough that a
    /// query's shards stay well under the first-result budget, and a fraction of the
    /// threshold so sharding always gives several shards.
    var shardTargetBytes: Int { max(1024, min(20 * 1024, shardThresholdBytes / 8)) }
    /// The language of the pages (`en`, `es`…): it chooses the analyzer (Analyzer.forLanguage),
    /// which the index header names.
    public var language: String
    var analyzer: Analyzer { Analyzer.forLanguage(language) }

    public init(
        synonyms: [String: [String]], synonymGroups: [[String]] = [], healthVocabulary: Bool = true,
        shardThresholdBytes: Int = 256 * 1024, language: String = "en"
    ) {
        self.synonyms = synonyms
        self.synonymGroups = synonymGroups
        self.healthVocabulary = healthVocabulary
        self.shardThresholdBytes = shardThresholdBytes
        self.language = language
    }

    /// Files to write under Public/search/, keyed by file name.
    public func build(_ documents: [SearchDocument]) -> [String: [UInt8]] {
        build(documents, kept: nil)
    }

    /// `build`, reading again only the chunks of pages `kept` lacks (`AnalysisChunks`).
    func build<Page: IndexedPage>(_ documents: [Page], kept: AnalysisChunks?) -> [String: [UInt8]] {
        // Page ids follow URL byte order, so they do not depend on the input order.
        let pages = documents.sorted {
            $0.url == $1.url
                ? $0.title.utf8.lexicographicallyPrecedes($1.title.utf8)
                : $0.url.utf8.lexicographicallyPrecedes($1.url.utf8)
        }
        let analyzer = self.analyzer
        let pageKeys = kept != nil ? pages.parallelMap(\.key) : []
        let corpus = CorpusAnalysis(pages: pages, analyzer: analyzer, kept: kept, pageKeys: pageKeys)
        let cards = pages.parallelMap(\.card)
        let sections = Set(cards.map(\.section)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        // Text files: pages in order, about textFileBytes of text in each, or more on a large site.
        // A text file made from the same pages as the earlier build's is left out: it is kept.
        // Its pages' text is not even cut again (their sizes, for the pages per file, are kept).
        let knownSizes = kept?.previousSizes ?? [:]
        let measured = Array(pages.indices).parallelMap { i -> (text: StoredText?, size: Int) in
            if !pageKeys.isEmpty, let size = knownSizes[pageKeys[i]] { return (nil, size) }
            let text = StoredText(pages[i].document)
            return (text, text.size)
        }
        let pagesPerText = IndexFormat.pagesPerTextFile(pages: pages.count, textBytes: measured.reduce(0) { $0 + $1.size })
        var files: [String: [UInt8]] = [:]
        let textStarts = Array(stride(from: 0, to: pages.count, by: pagesPerText))
        let textKeys = pageKeys.isEmpty ? [] : textStarts.map {
            AnalysisChunks.textKey(start: $0, pagesPerText: pagesPerText,
                pages: pageKeys[$0..<min(pages.count, $0 + pagesPerText)])
        }
        if let kept {
            for (n, key) in textKeys.enumerated() { kept.currentFiles[IndexFormat.textFile(n)] = key }
            kept.currentSizes = Dictionary(zip(pageKeys, measured.map(\.size)), uniquingKeysWith: { a, _ in a })
        }
        let keptFiles = kept?.previousFiles ?? [:]
        let textFiles = Array(textStarts.indices).parallelMap { n -> [UInt8]? in
            if !textKeys.isEmpty, keptFiles[IndexFormat.textFile(n)] == textKeys[n] { return nil }
            let range = textStarts[n]..<min(pages.count, textStarts[n] + pagesPerText)
            return IndexWriter.textFile(range.map { measured[$0].text ?? StoredText(pages[$0].document) }[...], start: textStarts[n])
        }
        for (n, bytes) in textFiles.enumerated() {
            if let bytes { files[IndexFormat.textFile(n)] = bytes } else { kept?.filesKept.insert(IndexFormat.textFile(n)) }
        }

        let termSet = Set(corpus.terms)
        let synonymTable = SynonymTable.split(
            SynonymTable.normalize(
                SynonymTable.Sources(
                    oneWay: synonyms, groups: synonymGroups, healthVocabulary: healthVocabulary),
                vocabulary: termSet, analyzer: analyzer),
            vocabulary: termSet)
        if !synonymTable.bridges.isEmpty {
            files[IndexFormat.bridgesFile] = IndexWriter.bridgesFile(synonymTable.bridges)
        }
        let vocabulary = IndexFormat.encodeVocabulary(terms: corpus.terms, words: corpus.words)
        if !corpus.words.isEmpty { files[IndexFormat.wordsFile] = IndexWriter.wordsFile(vocabulary.words) }
        var header = IndexWriter.Header(
            analyzer: analyzer,
            pageCount: pages.count,
            vocabulary: vocabulary.terms,
            words: corpus.words.count,
            sections: sections,
            synonyms: synonymTable.known,
            bridges: synonymTable.bridges.count,
            pagesPerText: pagesPerText)
        let cardBytes = cards.map(Self.rawSize)
        let encoded = IndexWriter.encodeCards(cards, sections: sections)
        let unsharded = header.vocabulary.count + cardBytes.reduce(0, +)
        if unsharded <= shardThresholdBytes {  // or else the postings need not be encoded to know
            let postings = corpus.encodedPostings(0..<corpus.terms.count)
            if unsharded + postings.byteCount <= shardThresholdBytes {
                header.postings = postings
                header.cards = encoded
                files[IndexFormat.entryFile] = IndexWriter.entryFile(header)
                return files
            }
        }

        let target = shardTargetBytes
        // Card chunks: every card, by page range.
        let averageCard = max(1, cardBytes.reduce(0) { $0 + Self.compressed($1) } / max(1, cards.count))
        let perChunk = max(1, target / averageCard)
        let chunkCount = (cards.count + perChunk - 1) / perChunk
        let chunks = Array(0..<chunkCount).parallelMap { i in
            let range = (i * perChunk)..<min(cards.count, (i + 1) * perChunk)
            return IndexWriter.cardsFile(encoded[range], start: range.lowerBound)
        }
        for (i, bytes) in chunks.enumerated() { files[IndexFormat.cardsFile(i)] = bytes }

        // Shards: terms in order until the postings and the new champions' cards fill one.
        let champions = Array(corpus.terms.indices).parallelMap { corpus.champions($0) }
        let postingsCost = Array(corpus.terms.indices).parallelMap { corpus.estimatedPostingsBytes($0) }
        var starts: [Int] = []
        var inShard = [Int](repeating: -1, count: pages.count)  // the shard holding a card
        var size = 0
        for term in 0..<corpus.terms.count {
            var cost = postingsCost[term]
            for page in champions[term] where inShard[Int(page)] != starts.count - 1 {
                cost += Self.compressed(cardBytes[Int(page)])
            }
            if starts.isEmpty || size + cost > target {
                starts.append(term)
                size = postingsCost[term]
                for page in champions[term] { size += Self.compressed(cardBytes[Int(page)]) }
            } else {
                size += cost
            }
            for page in champions[term] { inShard[Int(page)] = starts.count - 1 }
        }
        // A shard made from the same terms, postings and cards as the earlier build's is kept.
        let cardKeys = kept == nil ? [] : encoded.parallelMap { StableHash.combine([StableHash.of($0.url), StableHash.of($0.rest)]) }
        let shards = Array(starts.indices).parallelMap { [starts] n -> (bytes: [UInt8]?, key: UInt64?) in
            let terms = starts[n]..<(n + 1 < starts.count ? starts[n + 1] : corpus.terms.count)
            let pagesOfShard = Set(terms.flatMap { champions[$0] }).sorted()
            var key: UInt64?
            if !cardKeys.isEmpty {
                key = StableHash.combine([UInt64(terms.lowerBound), corpus.postingsKey(terms)]
                    + pagesOfShard.flatMap { [UInt64($0), cardKeys[Int($0)]] })
                if keptFiles[IndexFormat.shardFile(n)] == key { return (nil, key) }
            }
            return (IndexWriter.shardFile(
                postings: corpus.encodedPostings(terms), start: terms.lowerBound,
                cards: pagesOfShard.map { (Int($0), encoded[Int($0)]) }), key)
        }
        for (n, shard) in shards.enumerated() {
            if let key = shard.key { kept?.currentFiles[IndexFormat.shardFile(n)] = key }
            if let bytes = shard.bytes { files[IndexFormat.shardFile(n)] = bytes } else { kept?.filesKept.insert(IndexFormat.shardFile(n)) }
        }

        header.popularity = corpus.documentFrequencies.map {
            IndexFormat.alphabet[IndexFormat.popularity($0)]
        }
        header.shardStarts = starts
        header.pagesPerChunk = perChunk
        files[IndexFormat.entryFile] = IndexWriter.entryFile(header)
        return files
    }

    /// About how many bytes a card takes in the files.
    private static func rawSize(_ card: SearchCard) -> Int {
        card.headings.reduce(12 + card.url.utf8.count + card.title.utf8.count) {
            $0 + $1.text.utf8.count + 3
        }
    }

    /// About how many bytes text of `raw` bytes takes gzipped.
    private static func compressed(_ raw: Int) -> Int { raw / 4 }
}
