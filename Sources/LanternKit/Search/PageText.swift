/// A page's text split into tokens, for the checks that need word positions: quoted
/// phrases, proximity, the part to link to, and the excerpt. Made from the page's card alone
/// (title and headings: what the browser has until the page's text file arrives), or with
/// its text.
struct PageText {
    /// Tokens of one run of text (the title, a heading, the description, a part's text).
    struct Run {
        var text: String
        var tokens: [Tokenizer.Token]
        /// Stem of each token; nil for stop words.
        var stems: [String?]

        /// `stem` gives nil for a stop word.
        init(_ text: String, analyzer: Analyzer, stem: (String) -> String?) {
            self.text = text
            tokens = analyzer.tokens(text)
            stems = tokens.map { stem($0.string) }
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
    let settings: RankingSettings
    let title: Run
    let headings: [Run]
    /// With the page's text: its description, and each part's text by part number.
    let description: Run?
    let parts: [Run]
    /// Every run, where phrases and words close together are looked for.
    let runs: [Run]

    init(
        _ card: SearchCard, text: StoredText?, analyzer: Analyzer, settings: RankingSettings,
        stem: (String) -> String?
    ) {
        self.settings = settings
        self.card = card
        title = Run(card.title, analyzer: analyzer, stem: stem)
        headings = card.headings.map { Run($0.text, analyzer: analyzer, stem: stem) }
        description = text.map { Run($0.description, analyzer: analyzer, stem: stem) }
        parts = text?.parts.map { Run($0, analyzer: analyzer, stem: stem) } ?? []
        runs = [title] + headings + (description.map { [$0] } ?? []) + parts
    }

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
            if best < settings.proximityReach {
                bonus += (settings.proximityReach - best) * settings.proximityPoints
            }
        }
        return bonus
    }

    /// Points for a title, or else a heading, that has every word of the query (stop words
    /// included) in the query's order: "what is an iop" finds "What is an intensive
    /// outpatient program (IOP)?". Needs two words or more; less for the words of content only.
    func orderBonus(_ sequence: [ParsedQuery.Slot], _ matches: [Ranker.ClauseMatch]) -> Int {
        guard sequence.count > 1 else { return 0 }
        if title.containsInOrder(sequence, matches) { return settings.titleOrderPoints }
        if headings.contains(where: { $0.containsInOrder(sequence, matches) }) {
            return settings.headingOrderPoints
        }
        // A question in other small words than the heading's ("does insurance pay for it",
        // "Does insurance pay for an IOP?"): its words of content, two or more, in order.
        let content = sequence.filter { if case .clause = $0 { return true } else { return false } }
        if content.count > 1, ([title] + headings).contains(where: { $0.containsInOrder(content, matches) }) {
            return settings.contentOrderPoints
        }
        return 0
    }

    /// The part of the page that matches the query best: each clause gives its score on the
    /// page to the parts whose heading has it and, with the page's text, to the part where it
    /// weighs most (headings and text weighed as in the index); the part given the most wins,
    /// the first on ties (0, the top of the page, when nothing is given).
    func bestPart(_ matches: [Ranker.ClauseMatch], scores: [Int]) -> Int {
        var votes = [Int](repeating: 0, count: headings.count + 1)
        for (match, score) in zip(matches, scores) where score > 0 {
            var given = Set(headings.indices.filter { headings[$0].count(match) > 0 }.map { $0 + 1 })
            var heaviest = (part: 0, weight: 0)
            for part in parts.indices where part < votes.count {
                let weight = settings.partBodyWeight * parts[part].count(match)
                    + (part > 0 ? settings.partHeadingWeight * headings[part - 1].count(match) : 0)
                if weight > heaviest.weight { heaviest = (part, weight) }
            }
            if heaviest.weight > 0 { given.insert(heaviest.part) }
            for part in given { votes[part] += score }
        }
        var best = 0
        for part in votes.indices where votes[part] > votes[best] { best = part }
        return best
    }

    /// The excerpt, a window of at most `excerptBytes` of the page's text, matched words and
    /// phrases as segments of their own: around the best cluster of matched words in part
    /// `part`; if that part has none, its opening when it is a heading's part, else around the
    /// best cluster in the description or any part, else the opening of the first of them
    /// with text. None without the text.
    func excerpt(_ matches: [Ranker.ClauseMatch], part: Int) -> [SearchExcerptSegment] {
        if parts.indices.contains(part) {
            let run = parts[part]
            if let cluster = cluster(run, matches) {
                return Self.segments(run, window(run, cluster), matches)
            }
            if part > 0 && !run.tokens.isEmpty {
                return Self.segments(run, window(run, Cluster()), matches)
            }
        }
        let runs = description.map { [$0] + parts } ?? []
        var found: (run: Run, cluster: Cluster)?
        for run in runs {
            if let cluster = cluster(run, matches),
                found.map({ cluster.isBetter(than: $0.cluster) }) ?? true
            {
                found = (run, cluster)
            }
        }
        guard let found = found ?? runs.first(where: { !$0.tokens.isEmpty }).map({ ($0, Cluster()) })
        else { return [] }
        return Self.segments(found.run, window(found.run, found.cluster), matches)
    }

    /// The matched tokens `first...last` of a run that lie within `excerptBytes` of each
    /// other, with how many clauses and how many matched tokens they hold.
    struct Cluster {
        var first = 0
        var last = 0
        var clauses = 0
        var count = 0

        func isBetter(than other: Cluster) -> Bool {
            clauses != other.clauses ? clauses > other.clauses : count > other.count
        }
    }

    /// The cluster with the most clauses, then the most matched tokens (the first on ties);
    /// nil when nothing in the run matches.
    func cluster(_ run: Run, _ matches: [Ranker.ClauseMatch]) -> Cluster? {
        // Which clauses each token matches, as bits (clauses past the 30th are not told apart).
        var masks = [Int](repeating: 0, count: run.tokens.count)
        for (c, match) in matches.enumerated() {
            let bit = c < 30 ? 1 << c : 0
            for i in run.tokens.indices where run.matches(i, match) { masks[i] |= bit | 1 << 30 }
            if let phrase = match.phrase {
                for start in run.occurrences(of: phrase) {
                    for i in start..<(start + phrase.count) { masks[i] |= bit | 1 << 30 }
                }
            }
        }
        let marked = run.tokens.indices.filter { masks[$0] != 0 }
        var best: Cluster?
        for a in marked.indices {
            var mask = 0
            var b = a
            while b < marked.count
                && run.tokens[marked[b]].end - run.tokens[marked[a]].start <= settings.excerptBytes
            {
                mask |= masks[marked[b]]
                b += 1
            }
            let cluster = Cluster(
                first: marked[a], last: marked[b - 1], clauses: (mask & ((1 << 30) - 1)).nonzeroBitCount,
                count: b - a)
            if best.map({ cluster.isBetter(than: $0) }) ?? true { best = cluster }
        }
        return best
    }

    /// Tokens `start..<end` of the run: the cluster, widened a token at a time on the side
    /// with less context while the whole stays within `excerptBytes`.
    func window(_ run: Run, _ cluster: Cluster) -> Range<Int> {
        let tokens = run.tokens
        var low = cluster.first
        var high = cluster.last
        while true {
            let left = low > 0 && tokens[high].end - tokens[low - 1].start <= settings.excerptBytes
            let right = high + 1 < tokens.count
                && tokens[high + 1].end - tokens[low].start <= settings.excerptBytes
            if !left && !right { break }
            let before = tokens[cluster.first].start - tokens[low].start
            let after = tokens[high].end - tokens[cluster.last].end
            if left && (!right || before <= after) { low -= 1 } else { high += 1 }
        }
        return low..<(high + 1)
    }

    /// Tokens `windowStart..<windowEnd` of a run as segments, matched words and phrases apart,
    /// with "…" where the run goes on.
    static func segments(
        _ run: Run, _ window: Range<Int>, _ matches: [Ranker.ClauseMatch]
    ) -> [SearchExcerptSegment] {
        let (windowStart, windowEnd) = (window.lowerBound, window.upperBound)
        let utf8 = Array(run.text.utf8)
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
}
