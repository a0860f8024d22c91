import Foundation

/// One word of a taxonomy in one language (`teens` of `topics`) and the pages that have it.
struct TaxonomyTerm: Sendable, Equatable {
    /// As the first page (in URL order) writes it.
    var name: String
    /// Its folder under the taxonomy's (`Site.termSlug`): words written alike but for case or
    /// accents ("Teens", "teens") are one term.
    var slug: String
    /// Indices into `Site.pages`, in the order lists show pages: by title, then URL.
    var pages: [Int]
    /// Its page (`/topics/teens/`).
    var place = URLSpace.Place(url: "", outputPath: "")
}

/// A page Lantern makes for a taxonomy in a language: the list of its terms (`term` nil) or
/// the page of one term.
struct TaxonomyPage {
    var taxonomy: Taxonomy
    var term: TaxonomyTerm?
    var language: String
    var place: URLSpace.Place
}

/// The terms one page has of one taxonomy, in the order it writes them: positions in
/// `Site.terms(of:in:)`.
struct PageTerms: Sendable {
    var field: String
    var positions: [Int]
}

/// A taxonomy in one language: what its terms are grouped under.
struct TaxonomyKey: Hashable, Sendable {
    var field: String
    var language: String
}

extension Site {
    /// The terms of every taxonomy in every language, by folded name: made by `index()`, with
    /// each term's pages in title order (`titleRank`).
    static func taxonomyTerms(of pages: [Page], config: SiteConfig, titleRank rank: [Int])
        -> (terms: [TaxonomyKey: [TaxonomyTerm]], ofPage: [Int: [PageTerms]])
    {
        var result: [TaxonomyKey: [TaxonomyTerm]] = [:]
        var ofPage: [Int: [PageTerms]] = [:]
        struct Place: Hashable { var key: TaxonomyKey; var slug: String }
        for taxonomy in config.taxonomies {
            var found: [TaxonomyTerm] = [], keys: [TaxonomyKey] = []
            var foundAt: [Place: Int] = [:]
            // A few words written on thousands of pages: each, as written in a language, → its
            // term in `found` (-1: a word with no letters), worked out once.
            var named: [String: [String: Int]] = [:]
            var written: [(page: Int, terms: [Int])] = []
            for i in pages.indices where !pages[i].isGenerated {  // i: the page's number, which `written` keeps
                let language = pages[i].language
                var terms: [Int] = []
                for raw in pages[i].frontMatter.terms(of: taxonomy.field) {
                    let t = named[language]?[raw] ?? {
                        let name = raw.trimmingWhitespace(), slug = Site.termSlug(name)
                        var t = -1
                        if !slug.isEmpty {
                            let place = Place(key: TaxonomyKey(field: taxonomy.field, language: language), slug: slug)
                            t = foundAt[place] ?? {
                                found.append(TaxonomyTerm(name: name, slug: slug, pages: []))
                                keys.append(place.key)
                                foundAt[place] = found.count - 1
                                return found.count - 1
                            }()
                        }
                        named[language, default: [:]][raw] = t
                        return t
                    }()
                    guard t >= 0, found[t].pages.last != i else { continue }  // the same word twice
                    found[t].pages.append(i)
                    terms.append(t)
                }
                if !terms.isEmpty { written.append((i, terms)) }
            }
            var byKey: [TaxonomyKey: [Int]] = [:]
            for t in found.indices {
                found[t].pages.sort { rank[$0] < rank[$1] }
                byKey[keys[t], default: []].append(t)
            }
            var positions = [Int](repeating: 0, count: found.count)
            for (key, terms) in byKey {
                let urls = config.urls(for: key.language)
                let sorted = terms.map { (sortKey(found[$0].name), $0) }
                    .sorted { ($0.0, found[$0.1].slug) < ($1.0, found[$1.1].slug) }.map(\.1)
                result[key] = sorted.enumerated().map { position, t in
                    positions[t] = position
                    var term = found[t]
                    term.place = urls.taxonomy(taxonomy.folder(in: key.language), term: term.slug)
                    return term
                }
            }
            for (page, terms) in written {
                ofPage[page, default: []].append(PageTerms(field: taxonomy.field, positions: terms.map { positions[$0] }))
            }
        }
        return (result, ofPage)
    }

    /// A term's folder: its words as the search folds them (lower case, accents left out),
    /// joined by "-" (`Pagar la atención` → `pagar-la-atencion`), so that the URL reads the
    /// same typed by hand. (Foundation's `folding` took seconds on 10,000 pages.)
    static func termSlug(_ name: String) -> String {
        Tokenizer.terms(name).joined(separator: "-")
    }

    /// Titles and terms compared as a reader expects: "école" beside "Ecology", not after "z".
    static func sortKey(_ text: String) -> String {
        // Most titles are plain ASCII letters and spaces, which lower-casing folds alike.
        if text.utf8.allSatisfy({ $0 < 0x80 && ($0 == 0x20 || ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }) {
            return text.lowercased()
        }
        return Tokenizer.terms(text).joined(separator: " ")
    }

    /// The terms of a taxonomy in a language, by name; empty when no page has one.
    func terms(of field: String, in language: String) -> [TaxonomyTerm] {
        taxonomyTerms[TaxonomyKey(field: field, language: language)] ?? []
    }

    /// Where a taxonomy's list of terms goes in a language (`/topics/`, `/es/temas/`).
    func place(of taxonomy: Taxonomy, in language: String) -> URLSpace.Place {
        config.urls(for: language).taxonomy(taxonomy.folder(in: language))
    }

    /// Every taxonomy page of the site: by language, then taxonomy, each list before its terms'
    /// pages; none for a taxonomy no page of the language uses. The plan, the sitemap, the
    /// claims on URLs and the menu's variants all go by it.
    var taxonomyPages: [TaxonomyPage] {
        config.languages.flatMap { language in
            config.taxonomies.flatMap { taxonomy -> [TaxonomyPage] in
                let terms = terms(of: taxonomy.field, in: language.code)
                guard !terms.isEmpty else { return [] }
                return [TaxonomyPage(taxonomy: taxonomy, term: nil, language: language.code,
                        place: place(of: taxonomy, in: language.code))]
                    + terms.map { TaxonomyPage(taxonomy: taxonomy, term: $0, language: language.code, place: $0.place) }
            }
        }
    }

}
