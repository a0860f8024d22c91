import Foundation

/// The pages each content page ends with as related: first those its writer pins
/// (`related:`, written as links are), then, up to three in all, the pages of its language
/// that share the most with it. What they share is counted from what the search index weighs
/// most: taxonomy terms and tags, then the stems of titles and descriptions, each worth more
/// the fewer pages have it (a word every page has says nothing). Deterministic: ties go to
/// the page in the same section, then by title and URL. No script; made at build time.
///
/// Bodies are left out on purpose: a page's text changes with every edit `lantern serve`
/// sees, and then every page of the language would be rendered again.
struct RelatedPages: Sendable {
    static let shown = 3

    /// Picked pages of each content page (by source path), as indices into `Site.pages`.
    private let picked: [String: [Int]]
    /// Problems with `related:` entries, by source path of the page that has them.
    let problems: [String: [Diagnostic]]

    static let none = RelatedPages(picked: [:], problems: [:])

    private init(picked: [String: [Int]], problems: [String: [Diagnostic]]) {
        self.picked = picked
        self.problems = problems
    }

    /// The front matter fields that decide what is related: a change to one picks them anew.
    static let fields: PageFields = PageFields.terms.union([.title, .description, .related])

    init(site: Site) {
        let resolver = LinkResolver(pages: site.pages, staticFiles: site.staticFiles, draftPaths: site.draftPaths,
            unloadedPaths: site.unloadedPaths, urls: site.config.urls)
        var indexByURL: [String: Int] = [:]
        for (i, page) in site.pages.enumerated() where !page.isGenerated { indexByURL[page.url] = i }
        var picked: [String: [Int]] = [:]
        var problems: [String: [Diagnostic]] = [:]
        var byLanguage: [String: [Int]] = [:]
        for (i, page) in site.pages.enumerated() where page.kind == .page && !page.isGenerated {
            byLanguage[page.language, default: []].append(i)
        }
        for (language, members) in byLanguage.sorted(by: { $0.key < $1.key }) {
            let analyzer = Analyzer.forLanguage(language)
            // Every feature of every page, and which pages have it.
            var features: [[String: Int]] = []  // per member: feature → weight
            var havers: [String: [Int]] = [:]   // feature → positions in `members`
            features.reserveCapacity(members.count)
            for (position, i) in members.enumerated() {
                let matter = site.pages[i].frontMatter
                var own: [String: Int] = [:]
                for taxonomy in site.config.taxonomies where taxonomy.field != "tags" {
                    for term in matter.terms(of: taxonomy.field) {
                        own["t:\(taxonomy.field):" + Site.termSlug(term)] = 4
                    }
                }
                for tag in matter.tags { own["g:" + Site.termSlug(tag)] = 3 }
                for word in analyzer.terms(matter.title + " " + matter.description)
                where !analyzer.isStopWord(word) && word.count > 2 {
                    own["w:" + analyzer.stem(word)] = 1
                }
                for feature in own.keys { havers[feature, default: []].append(position) }
                features.append(own)
            }
            // A feature more than a quarter of the pages have (or more than 100: it says little,
            // and following it costs the most) is left out; the others weigh more the rarer they
            // are (integers, so that the sums never depend on their order).
            let cap = max(4, min(members.count / 4, 100))
            let rarity = havers.mapValues { list -> Int in
                list.count > cap || list.count < 2 ? 0 : Int((log(Double(members.count) / Double(list.count)) * 100).rounded()) + 10
            }
            for (position, i) in members.enumerated() {
                let page = site.pages[i]
                var chosen: [Int] = []
                for entry in page.frontMatter.related {
                    let location = page.frontMatter.location(of: "related") ?? page.location(line: 1)
                    switch resolver.resolve(entry, from: page.sourcePath) {
                    case .rewrite(let url), .rewriteInOtherLanguage(let url, _, _):
                        let pageURL = String(url.prefix { $0 != "#" })
                        if let target = indexByURL[pageURL], target != i, !chosen.contains(target) {
                            chosen.append(target)
                        } else if indexByURL[pageURL] == i {
                            problems[page.sourcePath, default: []].append(.error(location,
                                "'related: \(entry)' names this page itself; name another page"))
                        }
                    case .broken(let message):
                        problems[page.sourcePath, default: []].append(.error(location,
                            "related: " + message.replacingOccurrences(of: "link '", with: "'")))
                    case .keep:
                        problems[page.sourcePath, default: []].append(.error(location,
                            "'related: \(entry)' must name a page of this site by its .md file, like "
                                + "'../family/how-families-help.md'"))
                    }
                }
                if chosen.count < RelatedPages.shown {
                    var scores: [Int: (score: Int, weight: Int)] = [:]
                    for (feature, weight) in features[position] {
                        let worth = rarity[feature] ?? 0
                        guard worth > 0 else { continue }
                        for other in havers[feature]! where other != position {
                            scores[other, default: (0, 0)].score += weight * worth
                            scores[other, default: (0, 0)].weight += weight
                        }
                    }
                    // At least a shared term or tag, or two words of the titles and descriptions.
                    let ranked = scores.filter { $0.value.weight >= 2 }
                        .map { (index: members[$0.key], score: $0.value.score) }
                        .filter { !chosen.contains($0.index) }
                        .sorted { a, b in
                            if a.score != b.score { return a.score > b.score }
                            let pa = site.pages[a.index], pb = site.pages[b.index]
                            let sameA = pa.sectionPath == page.sectionPath, sameB = pb.sectionPath == page.sectionPath
                            if sameA != sameB { return sameA }
                            return (Site.sortKey(pa.title), pa.url) < (Site.sortKey(pb.title), pb.url)
                        }
                    chosen += ranked.prefix(RelatedPages.shown - chosen.count).map(\.index)
                }
                if !chosen.isEmpty { picked[page.sourcePath] = chosen }
            }
        }
        self.picked = picked
        self.problems = problems
    }

    /// The related pages of a page (by source path), pinned first, as indices into
    /// `Site.pages`; empty for home and section pages.
    func indices(of path: String) -> [Int] { picked[path] ?? [] }
}
