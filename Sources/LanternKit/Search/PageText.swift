/// A page's text split into tokens, for the checks that need word positions: quoted
/// phrases, proximity, the heading to link to, and the excerpt.
struct PageText {
    /// Tokens of one run of text (title, description, a heading, a part's text).
    struct Run {
        var text: String
        var tokens: [Tokenizer.Token]
        /// Stem of each token; nil for stop words.
        var stems: [String?]

        init(_ text: String, stem: (String) -> String) {
            self.text = text
            tokens = Tokenizer.tokens(text)
            stems = tokens.map { token in
                let term = token.string
                return StopWords.contains(term) ? nil : stem(term)
            }
        }

        func matches(_ index: Int, _ clause: Ranker.ClauseMatch) -> Bool {
            guard let stem = stems[index] else { return false }
            return clause.stems.contains(stem)
        }

        func count(_ clause: Ranker.ClauseMatch) -> Int {
            tokens.indices.reduce(0) { $0 + (matches($1, clause) ? 1 : 0) }
        }

        /// Whether the query's words, stop words included, occur in this run in the
        /// query's order (other words may come between them).
        func containsInOrder(
            _ sequence: [ParsedQuery.Slot], _ clauses: [Ranker.ClauseMatch]
        ) -> Bool {
            var next = 0
            for index in tokens.indices where next < sequence.count {
                switch sequence[next] {
                case .clause(let clause):
                    if matches(index, clauses[clause]) { next += 1 }
                case .token(let term):
                    if tokens[index].term.elementsEqual(term.utf8) { next += 1 }
                }
            }
            return next == sequence.count
        }

        /// Token indices where `phrase` starts.
        func occurrences(of phrase: [String]) -> [Int] {
            let folded = phrase.map { Array($0.utf8) }
            guard !folded.isEmpty, tokens.count >= folded.count else { return [] }
            return (0...(tokens.count - folded.count)).filter { start in
                folded.indices.allSatisfy { tokens[start + $0].term == folded[$0] }
            }
        }
    }

    let card: SearchCard
    /// Title, the card's text, then each heading.
    let runs: [Run]

    init(_ card: SearchCard, stem: (String) -> String) {
        self.card = card
        runs = [Run(card.title, stem: stem), Run(card.text, stem: stem)]
            + card.headings.map { Run($0.text, stem: stem) }
    }

    func heading(_ index: Int) -> Run { runs[2 + index] }

    func contains(phrase: [String]) -> Bool {
        runs.contains { !$0.occurrences(of: phrase).isEmpty }
    }

    /// Points for neighbouring query words found near each other in one run of text.
    func proximityBonus(_ matches: [Ranker.ClauseMatch]) -> Int {
        guard matches.count > 1 else { return 0 }
        var bonus = 0
        for pair in 0..<(matches.count - 1) {
            var best = Int.max
            for run in runs {
                let first = run.tokens.indices.filter { run.matches($0, matches[pair]) }
                let second = run.tokens.indices.filter { run.matches($0, matches[pair + 1]) }
                for a in first {
                    for b in second { best = min(best, max(1, abs(a - b))) }
                }
            }
            if best < IndexFormat.proximityReach {
                bonus += (IndexFormat.proximityReach - best) * IndexFormat.proximityPoints
            }
        }
        return bonus
    }

    /// Points for a title, or else a heading, that has every word of the query (stop words
    /// included) in the query's order: "what is an iop" finds "What is an intensive
    /// outpatient program (IOP)?". Needs two words or more.
    func orderBonus(_ sequence: [ParsedQuery.Slot], _ matches: [Ranker.ClauseMatch]) -> Int {
        guard sequence.count > 1 else { return 0 }
        if runs[0].containsInOrder(sequence, matches) { return IndexFormat.titleOrderPoints }
        for index in card.headings.indices where heading(index).containsInOrder(sequence, matches) {
            return IndexFormat.headingOrderPoints
        }
        return 0
    }

    /// The heading that matches the query best (the first on ties), or nil when none does.
    func bestHeading(_ matches: [Ranker.ClauseMatch]) -> Int? {
        var best: Int?
        var bestScore = 0
        for index in card.headings.indices {
            var score = 0
            for match in matches {
                score += heading(index).count(match)
                if let phrase = match.phrase, !heading(index).occurrences(of: phrase).isEmpty {
                    score += 20
                }
            }
            if score > bestScore {
                best = index
                bestScore = score
            }
        }
        return best
    }

    /// About 30 words of the card's text around the first match, with matched words and
    /// phrases as their own segments.
    func excerpt(_ matches: [Ranker.ClauseMatch]) -> [SearchExcerptSegment] {
        let run = runs[1]
        if run.tokens.isEmpty { return [] }

        let utf8 = Array(run.text.utf8)
        let first = firstMatch(run, matches) ?? 0
        let windowStart = max(0, first - 8)
        let windowEnd = min(run.tokens.count, windowStart + 30)
        let start = windowStart == 0 ? 0 : run.tokens[windowStart].start
        let end = windowEnd == run.tokens.count ? utf8.count : run.tokens[windowEnd - 1].end

        var marks: [(Int, Int)] = []
        for i in windowStart..<windowEnd where matches.contains(where: { run.matches(i, $0) }) {
            marks.append((run.tokens[i].start, run.tokens[i].end))
        }
        for match in matches {
            guard let phrase = match.phrase else { continue }
            for i in run.occurrences(of: phrase) where i >= windowStart && i < windowEnd {
                let last = min(i + phrase.count, windowEnd) - 1
                marks.append((run.tokens[i].start, run.tokens[last].end))
            }
        }
        marks.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }

        var segments: [SearchExcerptSegment] = []
        func add(_ from: Int, _ to: Int, _ isMatch: Bool) {
            if from < to {
                segments.append(
                    SearchExcerptSegment(
                        text: String(decoding: utf8[from..<to], as: UTF8.self), isMatch: isMatch))
            }
        }
        var position = start
        for (from, to) in marks where to > position {
            add(position, max(position, from), false)
            add(max(position, from), to, true)
            position = to
        }
        add(position, end, false)
        if windowStart > 0 {
            segments.insert(SearchExcerptSegment(text: "…", isMatch: false), at: 0)
        }
        if windowEnd < run.tokens.count {
            segments.append(SearchExcerptSegment(text: "…", isMatch: false))
        }
        return segments
    }

    private func firstMatch(_ run: Run, _ matches: [Ranker.ClauseMatch]) -> Int? {
        var first: Int?
        for match in matches {
            if let phrase = match.phrase, let i = run.occurrences(of: phrase).first {
                first = min(first ?? i, i)
            }
        }
        let firstToken = run.tokens.indices.first { i in matches.contains { run.matches(i, $0) } }
        if let i = firstToken {
            first = min(first ?? i, i)
        }
        return first
    }
}
