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
            // One level of dictionary: appending through two `default:` subscripts copied the
            // inner one, and with it every term's list, for each page.
            var found: [Place: TaxonomyTerm] = [:]
            // A few words written on thousands of pages: each as written → trimmed, and its slug.
            var named: [String: (name: String, slug: String)] = [:]
            var written: [(page: Int, places: [Place])] = []
            for i in pages.indices where !pages[i].isGenerated {  // by index: a page is large to copy
                let key = TaxonomyKey(field: taxonomy.field, language: pages[i].language)
                var places: [Place] = []
                for raw in pages[i].frontMatter.terms(of: taxonomy.field) {
                    let (name, slug) = named[raw] ?? {
                        let name = raw.trimmingWhitespace()
                        named[raw] = (name, Site.termSlug(name))
                        return named[raw]!
                    }()
                    guard !slug.isEmpty else { continue }
                    let place = Place(key: key, slug: slug)
                    if found[place]?.pages.last == i { continue }  // the same word twice
                    found[place, default: TaxonomyTerm(name: name, slug: slug, pages: [])].pages.append(i)
                    places.append(place)
                }
                if !places.isEmpty { written.append((i, places)) }
            }
            var byKey: [TaxonomyKey: [TaxonomyTerm]] = [:]
            for (place, var term) in found {
                term.pages.sort { rank[$0] < rank[$1] }
                byKey[place.key, default: []].append(term)
            }
            var positions: [Place: Int] = [:]
            for (key, terms) in byKey {
                let urls = config.urls(for: key.language)
                let sorted = terms.map { (sortKey($0.name), $0) }.sorted { ($0.0, $0.1.slug) < ($1.0, $1.1.slug) }.map(\.1)
                result[key] = sorted.enumerated().map { position, term in
                    positions[Place(key: key, slug: term.slug)] = position
                    var term = term
                    term.place = urls.taxonomy(taxonomy.folder(in: key.language), term: term.slug)
                    return term
                }
            }
            for (page, places) in written {
                ofPage[page, default: []].append(PageTerms(field: taxonomy.field, positions: places.map { positions[$0]! }))
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
