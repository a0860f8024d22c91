/// Synonyms in the form the engines use: a key (the stems of one word or of several, joined by
/// a space) mapped to expansions, each a list of stems that must all match.
///
/// Three sources: a site's one-way `search.synonyms` (`rehab: [addiction treatment]`), its
/// two-way `search.synonym_groups` (`[teen, teenager, adolescent]`: each member finds the
/// others), and the built-in HealthVocabulary, which only bridges words the pages never use to
/// the members they do. Expansions the index cannot match (a stem found on no page) are
/// dropped, and so are keys left with none.
enum SynonymTable {
    typealias Entry = (key: String, expansions: [[String]])

    struct Sources: Sendable {
        var oneWay: [String: [String]] = [:]
        var groups: [[String]] = []
        var healthVocabulary = true
    }

    /// The non-stop stems of a key or expansion, by the index's analyzer.
    static func stems(_ text: String, analyzer: Analyzer = .english) -> [String] {
        analyzer.terms(text).filter { !analyzer.isStopWord($0) }.map { analyzer.stem($0) }
    }

    /// Sorted by key, so the index is the same whatever the order of the site's map.
    static func normalize(_ sources: Sources, vocabulary: Set<String>, analyzer: Analyzer = .english) -> [Entry] {
        let stems = { (text: String) in Self.stems(text, analyzer: analyzer) }
        var table: [String: [[String]]] = [:]
        func add(_ key: [String], _ expansion: [String]) {
            guard !key.isEmpty, key.count <= RankingSettings.english.keyWords, !expansion.isEmpty,
                expansion != key,
                expansion.allSatisfy(vocabulary.contains)
            else { return }
            let name = key.joined(separator: " ")
            if table[name]?.contains(expansion) == true { return }
            table[name, default: []].append(expansion)
        }
        for key in sources.oneWay.keys.sorted() {
            for value in sources.oneWay[key] ?? [] { add(stems(key), stems(value)) }
        }
        for group in sources.groups {
            let members = group.map(stems)
            for key in members {
                for member in members { add(key, member) }
            }
        }
        if sources.healthVocabulary {
            for group in analyzer.healthVocabulary {
                let members = group.map(stems)
                let used = members.filter { !$0.isEmpty && $0.allSatisfy(vocabulary.contains) }
                for key in members where !used.contains(key) {
                    for member in used { add(key, member) }
                }
            }
        }
        return table.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { ($0, table[$0]!) }
    }

    /// Entries whose key has a stem no page has (`bridges.json`, read only by a query with
    /// such a word), and the others (`index.json`).
    static func split(_ entries: [Entry], vocabulary: Set<String>) -> (known: [Entry], bridges: [Entry]) {
        let isKnown = { (entry: Entry) in
            entry.key.split(separator: " ").allSatisfy { vocabulary.contains(String($0)) }
        }
        return (entries.filter(isKnown), entries.filter { !isKnown($0) })
    }
}
