/// A query as typed, split into words and quoted phrases.
struct ParsedQuery: Equatable {
    enum Clause: Equatable {
        /// `text` as typed, `term` folded; the last word of a query still being typed
        /// (no space after it) is a prefix.
        case word(text: String, term: String, isPrefix: Bool)
        /// Every folded token of a quoted phrase, stop words included.
        case phrase(text: String, terms: [String])

        var text: String {
            switch self {
            case .word(let text, _, _), .phrase(let text, _): return text
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
    /// `stopWords`: the index's (IndexReader.stopWords).
    static func parse(_ query: String, stopWords: Set<String>) -> ParsedQuery {
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
            let tokens = bytes[segmentStart..<end].withUnsafeBufferPointer(Tokenizer.tokens).map {
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
