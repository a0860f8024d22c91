/// Runs one query against an index: resolves words against the vocabulary, scores pages
/// from postings, then reads the cards (and, with `readsText`, the text) of the best
/// candidates (champions first) to check quoted phrases, reward words found close together
/// and titles or headings that read like the query, pick the heading to link to, and cut an
/// excerpt.
///
/// search.js follows the same steps in the same order; keep the two in step.
final class Ranker {
    private let reader: IndexReader
    /// False: rank as the browser does before the pages' text files arrive, with cards only.
    private let readsText: Bool
    private var settings: RankingSettings { reader.ranking }

    init(reader: IndexReader, readsText: Bool) {
        self.reader = reader
        self.readsText = readsText
    }

    /// One way a query word matches: a term (or several that must all match) and a weight.
    struct Variant {
        var terms: [Int]
        var percent: Int
        var kind: SearchMatchKind
        var edits: Int
    }

    /// A query word or phrase with what it matched.
    struct ClauseMatch {
        var clause: ParsedQuery.Clause
        var variants: [Variant] = []
        /// Best score of the clause on each page it matches.
        var scores: [Int: Int] = [:]
        /// Stems that count as this clause in page text.
        var stems: Set<String> = []
        /// Folded tokens of a quoted phrase, while it is to be checked in order.
        var phrase: [String]?

        /// The word as typed; a quoted phrase in quotes.
        var label: String {
            if case .phrase = clause { return "\"\(clause.text)\"" }
            return clause.text
        }
    }

    struct Candidate {
        var page: Int
        var key: Int
    }

    func search(_ query: String, limit: Int) throws -> SearchResponse {
        let parsed = try QueryParser.joiningKeys(
            QueryParser.parse(query, analyzer: reader.analyzer, stopWords: reader.stopWords),
            longest: settings.keyWords, stem: stem, isKey: { try reader.synonyms($0) != nil })
        let matches = try parsed.clauses.map(resolve)
        var response = SearchResponse(
            results: [], isPartial: false, missingWords: [],
            words: matches.map(explain)
                + parsed.ignoredWords.map {
                    SearchWordExplanation(word: $0, isStopWord: true, matches: [])
                })
        for match in matches {
            guard case .word(let text, let term, _) = match.clause, match.scores.isEmpty,
                let replacement = try suggestion(term)
            else { continue }
            response.suggestions.append(SearchSuggestion(word: text, replacement: replacement))
        }
        guard limit > 0, !matches.isEmpty else { return response }

        let (chosen, isPartial, chosenMissing) = try choose(matches, limit: limit)
        var missing = chosenMissing
        var results: [(result: SearchResult, page: Int)] = []
        for candidate in chosen {
            var (result, bonus) = try present(
                candidate.page, matches: matches, sequence: parsed.sequence)
            result.score = candidate.key + bonus
            results.append((result, candidate.page))
        }
        results.sort {
            $0.result.score != $1.result.score
                ? $0.result.score > $1.result.score : $0.page < $1.page
        }
        results = Array(results.prefix(limit))
        if isPartial && missing.isEmpty, let top = results.first {
            missing = matches.filter { $0.scores[top.page] == nil }.map(\.label)
        }
        response.results = results.map(\.result)
        response.isPartial = isPartial
        response.missingWords = missing
        return response
    }

    // MARK: Choosing candidates

    /// The pages to read and present, best first by postings score.
    private func choose(
        _ matches: [ClauseMatch], limit: Int
    ) throws -> (chosen: [Candidate], isPartial: Bool, missing: [String]) {
        let missing = matches.filter { $0.scores.isEmpty }.map(\.label)
        var isPartial = false
        var candidates: [Candidate] = []
        if missing.isEmpty {
            candidates = allWordsCandidates(matches)
        }
        if candidates.isEmpty {
            isPartial = true
            candidates = someWordsCandidates(matches)
        }
        candidates.sort { $0.key != $1.key ? $0.key > $1.key : $0.page < $1.page }
        candidates = try championsFirst(candidates, matches)
        // Only these pages are read: the bonuses for proximity and word order reorder them
        // but cannot bring in others. At least `readWindow`, so that a smaller limit gives
        // the first results of a larger one.
        let window = max(limit, settings.readWindow)
        let phrases = matches.filter { $0.phrase != nil }
        if isPartial || phrases.isEmpty {
            return (Array(candidates.prefix(window)), isPartial, missing)
        }
        var chosen: [Candidate] = []
        for candidate in candidates.prefix(settings.phraseCheckLimit) {
            let text = try pageText(candidate.page)
            if phrases.allSatisfy({ text.contains(phrase: $0.phrase!) }) {
                chosen.append(candidate)
                if chosen.count == window { break }
            }
        }
        if !chosen.isEmpty { return (chosen, false, []) }
        // No page has the phrase in order in its card: say so, and rank by the words, the
        // phrase's words still all required but in any order.
        let unordered = matches.map { match in
            var match = match
            match.phrase = nil
            return match
        }
        let fallback = try choose(unordered, limit: limit)
        return (fallback.chosen, true, phrases.map(\.label) + fallback.missing)
    }

    /// Candidates (in key order) that are a champion of one of the query's terms, then the
    /// others: a sharded index has the champions' cards at hand, so results come from them
    /// unless too few of them match.
    private func championsFirst(
        _ candidates: [Candidate], _ matches: [ClauseMatch]
    ) throws -> [Candidate] {
        var champions = Set<Int>()
        for match in matches {
            for variant in match.variants {
                for term in variant.terms { champions.formUnion(try reader.champions(term)) }
            }
        }
        return candidates.filter { champions.contains($0.page) }
            + candidates.filter { !champions.contains($0.page) }
    }

    private func allWordsCandidates(_ matches: [ClauseMatch]) -> [Candidate] {
        guard let smallest = matches.min(by: { $0.scores.count < $1.scores.count }) else {
            return []
        }
        var result: [Candidate] = []
        for page in smallest.scores.keys {
            var total = 0
            var inAll = true
            for match in matches {
                guard let score = match.scores[page] else {
                    inAll = false
                    break
                }
                total += score
            }
            if inAll { result.append(Candidate(page: page, key: total)) }
        }
        return result
    }

    private func someWordsCandidates(_ matches: [ClauseMatch]) -> [Candidate] {
        var totals: [Int: (count: Int, score: Int)] = [:]
        for match in matches {
            for (page, score) in match.scores {
                let current = totals[page] ?? (0, 0)
                totals[page] = (current.count + 1, current.score + score)
            }
        }
        return totals.map {
            Candidate(
                page: $0.key,
                key: $0.value.count * settings.matchedWordPoints + $0.value.score)
        }
    }

    // MARK: Resolving words against the vocabulary

    private func stem(_ word: String) -> String { reader.stem(word) }

    private func resolve(_ clause: ParsedQuery.Clause) throws -> ClauseMatch {
        var match = ClauseMatch(clause: clause)
        switch clause {
        case .phrase(_, let terms):
            match.phrase = terms
            let stems = terms.filter { !reader.stopWords.contains($0) }.map(stem)
            let ids = stems.compactMap { reader.termIndex[$0] }
            if !stems.isEmpty && ids.count == stems.count {
                match.variants = [Variant(terms: ids, percent: settings.exactPercent, kind: .phrase, edits: 0)]
            }
        case .word(_, let term, let isPrefix):
            match.variants = try wordVariants(term, isPrefix: isPrefix)
        case .words(_, let key):
            // The words themselves, all required, then what the key stands for.
            let words = key.split(separator: " ")
            let ids = words.compactMap { reader.termIndex[String($0)] }
            if ids.count == words.count {
                match.variants = [Variant(terms: ids, percent: settings.exactPercent, kind: .exact, edits: 0)]
            }
            match.variants += try synonymVariants(key)
        }
        var counts = [Int](repeating: 0, count: reader.pageCount)
        var sums = [Int](repeating: 0, count: reader.pageCount)
        for variant in match.variants {
            for id in variant.terms { match.stems.insert(reader.terms[id]) }
            try addScores(variant, to: &match.scores, counts: &counts, sums: &sums)
        }
        return match
    }

    private func wordVariants(_ word: String, isPrefix: Bool) throws -> [Variant] {
        var variants: [Variant] = []
        let stemmed = stem(word)
        let exact = reader.termIndex[stemmed]
        if let exact {
            let kind: SearchMatchKind = stemmed == word ? .exact : .stem
            variants.append(
                Variant(terms: [exact], percent: settings.exactPercent, kind: kind, edits: 0))
        }
        if isPrefix && word.unicodeScalars.count >= settings.minPrefixLength {
            var found = Set(prefixRange(reader.termBytes, Array(word.utf8)))
            // Stems are often shorter than the word being typed ("medicat" → "medic").
            let typed = Array(word.utf8)
            for length in max(3, typed.count - 4)..<max(3, typed.count) {
                if let id = reader.termIndex[String(decoding: typed[0..<length], as: UTF8.self)] {
                    found.insert(id)
                }
            }
            if let exact { found.remove(exact) }
            let best = found.sorted(by: popularFirst).prefix(settings.prefixExpansions)
            for id in best {
                variants.append(
                    Variant(
                        terms: [id], percent: settings.prefixPercent, kind: .prefix, edits: 0))
            }
        }
        if variants.isEmpty {
            variants = try typoVariants(word, stemmed: stemmed)
        }
        return variants + (try synonymVariants(stemmed))
    }

    private func synonymVariants(_ key: String) throws -> [Variant] {
        try (reader.synonyms(key) ?? []).compactMap { expansion in
            let ids = expansion.compactMap { reader.termIndex[$0] }
            guard ids.count == expansion.count else { return nil }
            return Variant(terms: ids, percent: settings.synonymPercent, kind: .synonym, edits: 0)
        }
    }

    private func typoVariants(_ word: String, stemmed: String) throws -> [Variant] {
        let typed = Array(word.utf8)
        let limit = settings.allowedEdits(typed)
        guard limit > 0 else { return [] }
        let typedStem = Array(stemmed.utf8)
        // The stem gets the allowance of its own length: "cots" → "cot" may not become "cat".
        let stemLimit = min(limit, settings.allowedEdits(typedStem))
        var edits: [Int: Int] = [:]
        func consider(_ id: Int, _ distance: Int) {
            if distance < (edits[id] ?? Int.max) { edits[id] = distance }
        }
        for (id, term) in reader.termBytes.enumerated() {
            if let d = EditDistance.distance(typed, term, limit: limit) { consider(id, d) }
            if stemLimit > 0, let d = EditDistance.distance(typedStem, term, limit: stemLimit) {
                consider(id, d)
            }
        }
        for candidate in try reader.words() {
            if let d = EditDistance.distance(typed, candidate.word, limit: limit) {
                consider(candidate.term, d)
            }
        }
        let best = edits.keys.sorted {
            edits[$0]! != edits[$1]! ? edits[$0]! < edits[$1]! : popularFirst($0, $1)
        }
        return best.prefix(settings.typoExpansions).map { id in
            let n = edits[id]!
            return Variant(terms: [id], percent: settings.typoPercent(n), kind: .typo, edits: n)
        }
    }

    /// "Did you mean": the word of the vocabulary nearest to `word` (one edit more than a
    /// typo may have, at most three), the most popular term's then the first in byte order on
    /// ties. Candidates are the vocabulary's words and the terms that are words themselves
    /// (those no other word has as its stem).
    private func suggestion(_ word: String) throws -> String? {
        let typed = Array(word.utf8)
        let limit = min(3, settings.allowedEdits(typed) + 1)
        var best: (edits: Int, popularity: Int, text: [UInt8])?
        func consider(_ text: [UInt8], _ term: Int) {
            guard let edits = EditDistance.distance(typed, text, limit: limit), edits > 0 else { return }
            let popularity = reader.popularity[term]
            if let b = best {
                if b.edits != edits ? b.edits < edits
                    : b.popularity != popularity ? b.popularity > popularity
                    : !text.lexicographicallyPrecedes(b.text)
                { return }
            }
            best = (edits, popularity, text)
        }
        let stemsOfWords = try reader.stemsOfWords()
        for (id, term) in reader.termBytes.enumerated() where !stemsOfWords.contains(id) {
            consider(term, id)
        }
        for candidate in try reader.words() { consider(candidate.word, candidate.term) }
        return best.map { String(decoding: $0.text, as: UTF8.self) }
    }

    /// More popular first, then byte order.
    private func popularFirst(_ a: Int, _ b: Int) -> Bool {
        let pa = reader.popularity[a]
        let pb = reader.popularity[b]
        return pa != pb ? pa > pb : a < b
    }

    /// Indices of the sorted `list` that start with `prefix`.
    private func prefixRange(_ list: [[UInt8]], _ prefix: [UInt8]) -> Range<Int> {
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].lexicographicallyPrecedes(prefix) { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < list.count && list[end].starts(with: prefix) { end += 1 }
        return low..<end
    }

    /// A variant of several terms needs them all, and scores the integer mean of their
    /// impacts. Counts and sums are kept by page in arrays, as search.js does: all zero on
    /// entry, and left so for the clause's next variant.
    private func addScores(
        _ variant: Variant, to scores: inout [Int: Int], counts: inout [Int], sums: inout [Int]
    ) throws {
        var touched: [Int] = []
        for id in variant.terms {
            for posting in try reader.postings(id) {
                if counts[posting.page] == 0 { touched.append(posting.page) }
                counts[posting.page] += 1
                sums[posting.page] += posting.impact
            }
        }
        let needed = variant.terms.count
        for page in touched {
            if counts[page] == needed {
                let score = sums[page] / needed * variant.percent
                if score > (scores[page] ?? 0) { scores[page] = score }
            }
            counts[page] = 0
            sums[page] = 0
        }
    }

    private func explain(_ match: ClauseMatch) -> SearchWordExplanation {
        SearchWordExplanation(
            word: match.label, isStopWord: false,
            matches: match.variants.map { variant in
                SearchTermMatch(
                    term: variant.terms.map { reader.terms[$0] }.joined(separator: " "),
                    kind: variant.kind, edits: variant.edits)
            })
    }

    // MARK: Reading page text

    private func pageText(_ page: Int) throws -> PageText {
        try reader.pageText(page, withText: readsText)
    }

    /// The result for a page, and its bonus for proximity and word order.
    private func present(
        _ page: Int, matches: [ClauseMatch], sequence: [ParsedQuery.Slot]
    ) throws -> (SearchResult, Int) {
        let text = try pageText(page)
        let card = text.card
        let order = text.orderBonus(sequence, matches)
        let part = text.bestPart(matches, scores: matches.map { $0.scores[page] ?? 0 })
        // A title that reads like the query: the page is the answer, so link to its top.
        let heading = order == settings.titleOrderPoints || part == 0 ? nil : part - 1
        let result = SearchResult(
            url: heading.map { card.url + "#" + card.headings[$0].anchor } ?? card.url,
            title: card.title,
            section: card.section,
            heading: heading.map { card.headings[$0].text } ?? "",
            excerpt: text.excerpt(matches, part: part),
            score: 0)
        return (result, text.proximityBonus(matches) + order)
    }
}
