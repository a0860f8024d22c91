/// Site synonyms (`search.synonyms`) in the form the engines use: the stem of a lay word
/// mapped to expansions, each a list of stems that must all match.
enum SynonymTable {
    typealias Entry = (key: String, expansions: [[String]])

    /// Keys must be one word (multi-word keys are skipped); stop words are dropped from
    /// expansions. Sorted by key, so the index is the same whatever the map's order.
    static func normalize(_ synonyms: [String: [String]], analyzer: Analyzer = .english) -> [Entry] {
        var table: [String: [[String]]] = [:]
        for key in synonyms.keys.sorted() {
            let keyTerms = analyzer.terms(key)
            guard keyTerms.count == 1 else { continue }
            let keyStem = analyzer.stem(keyTerms[0])
            var expansions = table[keyStem] ?? []
            for value in synonyms[key] ?? [] {
                let stems = analyzer.terms(value)
                    .filter { !analyzer.isStopWord($0) }
                    .map { analyzer.stem($0) }
                if stems.isEmpty || stems == [keyStem] || expansions.contains(stems) { continue }
                expansions.append(stems)
            }
            if !expansions.isEmpty { table[keyStem] = expansions }
        }
        return table.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { ($0, table[$0]!) }
    }
}
