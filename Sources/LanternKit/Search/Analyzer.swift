/// How the text of one language becomes search terms: how the tokenizer folds letters, which
/// words are stop words, and which stemmer makes terms of words. Every index says in its
/// header (`"analyzer"`) which one built it, and both engines (this one and search.js's
/// `ANALYZERS`) analyze queries with that one. A new language is one more case here and in
/// search.js, tested against the Snowball reference like the others (SpanishStemmerTests).
struct Analyzer: Sendable {
    /// The code written into the index header: "en", "es", or "none".
    let code: String
    /// Whether "ñ" stays a letter of its own instead of folding to "n": Spanish tells "año"
    /// (year) from "ano" (anus) and "sueño" (sleep) from "sueno" (I sound). Every other
    /// accent folds (á é í ó ú ü → a e i o u), since people often type Spanish without them.
    let keepsEnye: Bool
    /// The theme's scripts a search page of this analyzer's language loads, in order: the
    /// engine (`search.js`) with this analyzer's stemmer and nothing else, so that a visitor
    /// downloads only the stemmer of the page's language, in one file with the engine (one file
    /// compresses better than two): `search.min.js` (`search-en.js` and `search.js` minified
    /// together), `search-es.min.js`, and `search-core.min.js` (the engine alone).
    let browserScripts: [String]
    /// Stop words as the tokenizer folds them, without repeats (CorpusAnalysis gives them the
    /// first word ids, so a repeat would shift them).
    let stopWords: [String]
    /// The built-in lay ↔ clinical groups in this language (HealthVocabulary), [] for one
    /// that has none yet.
    let healthVocabulary: [[String]]
    private let stemmer: @Sendable ([UInt8]) -> [UInt8]
    let stopWordSet: Set<String>

    init(code: String, keepsEnye: Bool, stopWords: [String], healthVocabulary: [[String]] = [],
         browserScripts: [String] = ["search-core.min.js"], stemmer: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        self.code = code
        self.healthVocabulary = healthVocabulary
        self.browserScripts = browserScripts
        self.keepsEnye = keepsEnye
        self.stemmer = stemmer
        var seen = Set<String>()
        var folded: [String] = []
        for word in stopWords {
            for term in Tokenizer.terms(word, keepsEnye: keepsEnye) where seen.insert(term).inserted {
                folded.append(term)
            }
        }
        self.stopWords = folded
        stopWordSet = seen
    }

    /// English: Snowball's Porter2 stemmer and stop words.
    static let english = Analyzer(code: "en", keepsEnye: false, stopWords: StopWords.list,
        healthVocabulary: HealthVocabulary.groups, browserScripts: ["search.min.js"], stemmer: { Stemmer.stem($0) })
    /// Spanish: words folded but for ñ, then Snowball's Spanish stemmer (SpanishStemmer).
    static let spanish = Analyzer(
        code: "es", keepsEnye: true, stopWords: StopWords.spanish, browserScripts: ["search-es.min.js"],
        stemmer: { SpanishStemmer.stem($0) })
    /// Any other language: folded words, no stop words, no stemming. Better than stemming
    /// French with English rules.
    static let plain = Analyzer(code: "none", keepsEnye: false, stopWords: [], stemmer: { $0 })

    static let all = [english, spanish, plain]

    /// The analyzer an index header names, nil for one this engine does not know.
    static func named(_ code: String) -> Analyzer? { all.first { $0.code == code } }

    /// The analyzer for a site or page language (`en`, `es-MX`…): its primary subtag decides.
    static func forLanguage(_ language: String) -> Analyzer {
        switch LanguageTag.primarySubtag(language) {
        case "en", "": return .english
        case "es": return .spanish
        default: return .plain
        }
    }

    func stem(_ word: [UInt8]) -> [UInt8] { stemmer(word) }

    func stem(_ word: String) -> String { String(decoding: stemmer(Array(word.utf8)), as: UTF8.self) }

    func isStopWord(_ term: String) -> Bool { stopWordSet.contains(term) }

    func tokens(_ text: String) -> [Tokenizer.Token] { Tokenizer.tokens(text, keepsEnye: keepsEnye) }

    func terms(_ text: String) -> [String] { Tokenizer.terms(text, keepsEnye: keepsEnye) }
}
