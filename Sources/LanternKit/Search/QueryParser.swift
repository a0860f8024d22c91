/// A query as typed, split into words and quoted phrases.
struct ParsedQuery: Equatable {
    enum Clause: Equatable {
        /// `text` as typed, `term` folded; the last word of a query still being typed
        /// (no space after it) is a prefix.
        case word(text: String, term: String, isPrefix: Bool)
        /// Every folded token of a quoted phrase, stop words included.
        case phrase(text: String, terms: [String])
        /// Neighbouring words that are together a synonym key ("sober living"): one clause,
        /// `text` the words as typed joined by a space, `key` their stems so joined.
        case words(text: String, key: String)

        var text: String {
            switch self {
            case .word(let text, _, _), .phrase(let text, _), .words(let text, _): return text
            }
        }
    }

    /// One position of the query as typed, stop words included: a searched word (by its
    /// index in `clauses`) or a folded token to be found as it is (a stop word, or a word
    /// of a quoted phrase).
    enum Slot: Equatable {
        case clause(Int)
        case token(String)
    }

    var clauses: [Clause] = []
    /// Unquoted stop words, as typed: not searched, but reported by explain mode.
    var ignoredWords: [String] = []
    /// Every word of the query in order, for the title and heading order bonus.
    var sequence: [Slot] = []
}

enum QueryParser {
    /// `analyzer` folds the query's letters; `stopWords` are the index's (IndexReader.stopWords).
    static func parse(_ query: String, analyzer: Analyzer = .english, stopWords: Set<String>) -> ParsedQuery {
        let bytes = Array(query.utf8)
        var result = ParsedQuery()
        var words: [ParsedQuery.Clause] = []
        var segmentStart = 0
        var inQuote = false
        var i = 0

        func text(_ start: Int, _ end: Int) -> String {
            String(decoding: bytes[start..<end], as: UTF8.self)
        }
        func closeSegment(at end: Int, quoteFollows: Bool) {
            let tokens = bytes[segmentStart..<end].withUnsafeBufferPointer {
                Tokenizer.tokens($0, keepsEnye: analyzer.keepsEnye)
            }.map {
                Tokenizer.Token(term: $0.term, start: $0.start + segmentStart, end: $0.end + segmentStart)
            }
            if inQuote {
                guard let first = tokens.first, let last = tokens.last else { return }
                words.append(
                    .phrase(
                        text: text(first.start, last.end), terms: tokens.map(\.string)))
                return
            }
            for token in tokens {
                let isPrefix = !quoteFollows && token.end == bytes.count
                words.append(
                    .word(
                        text: text(token.start, token.end), term: token.string,
                        isPrefix: isPrefix))
            }
        }

        while i < bytes.count {
            let quoteLength = quoteMark(bytes, at: i)
            if quoteLength > 0 {
                closeSegment(at: i, quoteFollows: true)
                inQuote.toggle()
                segmentStart = i + quoteLength
                i += quoteLength
            } else {
                i += 1
            }
        }
        closeSegment(at: bytes.count, quoteFollows: false)

        for clause in words {
            if case .word(let text, let term, let isPrefix) = clause, stopWords.contains(term) {
                // A lone word still being typed may be the start of a real word ("the" →
                // "therapy"), so it stays.
                if !(isPrefix && words.count == 1) {
                    result.ignoredWords.append(text)
                    result.sequence.append(.token(term))
                    continue
                }
            }
            if case .phrase(_, let terms) = clause {
                result.sequence += terms.map { .token($0) }
            } else {
                result.sequence.append(.clause(result.clauses.count))
            }
            result.clauses.append(clause)
        }
        return result
    }

    /// The query with each run of neighbouring words (at most `longest`) whose stems are a
    /// synonym key (`isKey`) made one clause, the longest run first from the left; the
    /// sequence names it once, where its first word was.
    static func joiningKeys(
        _ query: ParsedQuery, longest: Int, stem: (String) -> String, isKey: (String) throws -> Bool
    ) rethrows -> ParsedQuery {
        guard longest > 1 else { return query }
        var clauses: [ParsedQuery.Clause] = []
        var newIndex: [Int] = []
        var i = 0
        while i < query.clauses.count {
            var joined = false
            for n in stride(from: min(longest, query.clauses.count - i), through: 2, by: -1) {
                let run = query.clauses[i..<(i + n)]
                let terms = run.compactMap { clause -> String? in
                    if case .word(_, let term, _) = clause { return term }
                    return nil
                }
                guard terms.count == n else { continue }
                let key = terms.map(stem).joined(separator: " ")
                if try isKey(key) {
                    newIndex += Array(repeating: clauses.count, count: n)
                    clauses.append(.words(text: run.map(\.text).joined(separator: " "), key: key))
                    i += n
                    joined = true
                    break
                }
            }
            if !joined {
                newIndex.append(clauses.count)
                clauses.append(query.clauses[i])
                i += 1
            }
        }
        var result = query
        result.clauses = clauses
        var named = Set<Int>()
        result.sequence = query.sequence.compactMap { slot in
            guard case .clause(let old) = slot else { return slot }
            return named.insert(newIndex[old]).inserted ? .clause(newIndex[old]) : nil
        }
        return result
    }

    /// Length of a quotation mark at `i` (", “ or ”), or 0.
    private static func quoteMark(_ bytes: [UInt8], at i: Int) -> Int {
        if bytes[i] == UInt8(ascii: "\"") { return 1 }
        if bytes[i] == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80
            && (bytes[i + 2] == 0x9C || bytes[i + 2] == 0x9D)
        {
            return 3
        }
        return 0
    }
}
