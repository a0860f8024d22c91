import Foundation

/// One word of a taxonomy in one language (`teens` of `topics`) and the pages that have it.
struct TaxonomyTerm: Sendable, Equatable {
    /// As the first page (in URL order) writes it.
    var name: String
    /// Its folder under the taxonomy's (`HeadingSlugger.slug`): words written alike but for
    /// case ("Teens", "teens") are one term.
    var slug: String
    /// Indices into `Site.pages`, in the order lists show pages: by title, then URL.
    var pages: [Int]
}

/// A taxonomy in one language: what its terms are grouped under.
struct TaxonomyKey: Hashable, Sendable {
    var field: String
    var language: String
}

extension Site {
    /// The terms of every taxonomy in every language, by folded name: made by `index()`.
    static func taxonomyTerms(of pages: [Page], config: SiteConfig) -> [TaxonomyKey: [TaxonomyTerm]] {
        var result: [TaxonomyKey: [TaxonomyTerm]] = [:]
        for taxonomy in config.taxonomies {
            var bySlug: [TaxonomyKey: [String: TaxonomyTerm]] = [:]
            for (i, page) in pages.enumerated() where !page.isGenerated {
                let key = TaxonomyKey(field: taxonomy.field, language: page.language)
                for name in page.frontMatter.terms(of: taxonomy.field) {
                    let name = name.trimmingWhitespace(), slug = Site.termSlug(name)
                    guard !slug.isEmpty, !slug.allSatisfy({ $0 == "-" || $0 == "_" }) else { continue }
                    if bySlug[key]?[slug]?.pages.last == i { continue }  // the same word twice
                    bySlug[key, default: [:]][slug, default: TaxonomyTerm(name: name, slug: slug, pages: [])]
                        .pages.append(i)
                }
            }
            for (key, terms) in bySlug {
                result[key] = terms.values.map { term in
                    var term = term
                    term.pages.sort { (sortKey(pages[$0].title), pages[$0].url) < (sortKey(pages[$1].title), pages[$1].url) }
                    return term
                }.sorted { (sortKey($0.name), $0.slug) < (sortKey($1.name), $1.slug) }
            }
        }
        return result
    }

    /// A term's folder: its words as a heading's id, accents left out (`Pagar la atención` →
    /// `pagar-la-atencion`), so that the URL reads the same typed by hand.
    static func termSlug(_ name: String) -> String {
        HeadingSlugger.slug(name.trimmingWhitespace().folding(options: .diacriticInsensitive, locale: nil))
    }

    /// Titles and terms compared as a reader expects: "école" beside "Ecology", not after "z".
    static func sortKey(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// The terms of a taxonomy in a language, by name; empty when no page has one.
    func terms(of field: String, in language: String) -> [TaxonomyTerm] {
        taxonomyTerms[TaxonomyKey(field: field, language: language)] ?? []
    }

    /// Where a taxonomy's list of terms goes in a language (`/topics/`, `/es/temas/`).
    func place(of taxonomy: Taxonomy, in language: String) -> URLSpace.Place {
        config.urls(for: language).taxonomy(taxonomy.folder(in: language))
    }

    /// Where the page of one of its terms goes (`/topics/teens/`).
    func place(of term: TaxonomyTerm, in taxonomy: Taxonomy, language: String) -> URLSpace.Place {
        config.urls(for: language).taxonomy(taxonomy.folder(in: language), term: term.slug)
    }

    /// The terms a page has of each taxonomy, each with its URL, in the order written.
    func terms(of page: Page) -> [(taxonomy: Taxonomy, terms: [(name: String, url: String)])] {
        config.taxonomies.compactMap { taxonomy in
            var seen: Set<String> = []
            let own = page.frontMatter.terms(of: taxonomy.field).compactMap { name -> (name: String, url: String)? in
                let slug = Site.termSlug(name)
                guard seen.insert(slug).inserted, let term = term(slug, of: taxonomy.field, in: page.language)
                else { return nil }
                return (term.name, place(of: term, in: taxonomy, language: page.language).url)
            }
            return own.isEmpty ? nil : (taxonomy, own)
        }
    }
}
