/// Stop words, by language: never indexed or scored, but matched inside quoted phrases.
///
/// This is their one definition: the builder writes the list into every index
/// (`"stopWords"`), and both engines (Swift and search.js) read it from there.
enum StopWords {
    /// The list of an analyzer's language; English (Snowball's list) is the only one yet.
    static func list(forLanguage language: String) -> [String] { english }

    /// English (the Snowball list).
    static let english: [String] = """
        a about above after again against all am an and any are aren't as at be because been \
        before being below between both but by can't cannot could couldn't did didn't do does \
        doesn't doing don't down during each few for from further had hadn't has hasn't have \
        haven't having he he'd he'll he's her here here's hers herself him himself his how \
        how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most \
        mustn't my myself no nor not of off on once only or other ought our ours ourselves out \
        over own same shan't she she'd she'll she's should shouldn't so some such than that \
        that's the their theirs them themselves then there there's these they they'd they'll \
        they're they've this those through to too under until up very was wasn't we we'd we'll \
        we're we've were weren't what what's when when's where where's which while who who's \
        whom why why's with won't would wouldn't you you'd you'll you're you've your yours \
        yourself yourselves
        """.split(separator: " ").map(String.init)

    /// What the builder indexes by: the English list (until the index names its analyzer).
    static let list = english
    static let set: Set<String> = Set(list)

    static func contains(_ term: String) -> Bool { set.contains(term) }
}
