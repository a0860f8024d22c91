/// What a search returns: ranked pages, the words that found nothing, and how each word
/// matched (explain mode).
public struct SearchResponse: Sendable, Equatable {
    public var results: [SearchResult]
    /// True when no page matches every word and `results` match only some of them.
    public var isPartial: Bool
    /// Query words (as typed; phrases in quotes) that no result matches.
    public var missingWords: [String]
    /// One entry per word or phrase searched, in query order, then the stop words left out.
    public var words: [SearchWordExplanation]
    /// "Did you mean": for each word found nowhere (not even with typos), the nearest word of
    /// the index's vocabulary, in query order.
    public var suggestions: [SearchSuggestion] = []
}

/// A word of the query found nowhere, and the index's word nearest to it.
public struct SearchSuggestion: Sendable, Equatable {
    public var word: String
    public var replacement: String
}

/// One page found by a search, ready to show.
public struct SearchResult: Sendable, Equatable {
    /// Page URL, with `#anchor` of the best-matching heading when that is not the intro.
    public var url: String
    public var title: String
    /// Title of the page's section ("" at top level).
    public var section: String
    /// Text of the heading the URL points to ("" for the intro).
    public var heading: String
    public var excerpt: [SearchExcerptSegment]
    /// Ranking score (integer, identical in the browser engine); higher is better.
    public var score: Int
}

/// A run of excerpt text; matched words are runs of their own with `isMatch` set.
public struct SearchExcerptSegment: Sendable, Equatable {
    public var text: String
    public var isMatch: Bool

    public init(text: String, isMatch: Bool) {
        self.text = text
        self.isMatch = isMatch
    }
}

/// How a query word reached an index term (explain mode).
public enum SearchMatchKind: String, Sendable, Equatable {
    /// The word itself is an index term.
    case exact
    /// The word's stem is ("therapies" → "therapi").
    case stem
    /// The last word, still being typed, begins a term.
    case prefix
    /// Within one or two edits of a term.
    case typo
    /// Through the site's synonyms ("rehab" → "addiction treatment").
    case synonym
    /// Every word of a quoted phrase, to be checked in order in the text.
    case phrase
}

/// How one query word (or quoted phrase) was matched.
public struct SearchWordExplanation: Sendable, Equatable {
    public var word: String
    /// An unquoted stop word ("the", "of"): not searched.
    public var isStopWord: Bool
    public var matches: [SearchTermMatch]
}

/// One index term (or group of terms) a query word matched.
public struct SearchTermMatch: Sendable, Equatable {
    /// The index term(s) matched, space-separated for multi-word synonyms and phrases.
    public var term: String
    public var kind: SearchMatchKind
    /// Edits for typo matches, else 0.
    public var edits: Int
}
