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
    /// Picked pages of each content page (by source path), as indices into `Site.pages`.
    private let picked: [String: [Int]]
    /// Problems with `related:` entries, by source path of the page that has them.
    let problems: [String: [Diagnostic]]

    static let none = RelatedPages(picked: [:], problems: [:])

    private init(picked: [String: [Int]], problems: [String: [Diagnostic]]) {
        self.picked = picked
        self.problems = problems
    }

    /// The picks by content path, for the next build (`BuildState.related`); nil when a page's
    /// `related:` had a problem, which is reported with the page (then they are picked again).
    func kept(in site: Site) -> [String: [String]]? {
        guard problems.isEmpty else { return nil }
        return picked.mapValues { $0.map { site.pages[$0].sourcePath } }
    }

    /// The picks a build kept (`kept(in:)`), for a site whose pages and their front matter are
    /// all as they were then, which is all they are picked from; nil when one is not a page of it.
    init?(kept: [String: [String]], in site: Site) {
        var picked: [String: [Int]] = [:]
        for (path, paths) in kept {
            var indices: [Int] = []
            for related in paths {
                guard let i = site.indexByPath[related] else { return nil }
                indices.append(i)
            }
            picked[path] = indices
        }
        self.init(picked: picked, problems: [:])
    }

    /// The front matter fields that decide what is related: a change to one picks them anew.
    static let fields: PageFields = PageFields.terms.union([.title, .description, .related])

    init(site: Site) {
        var picked: [String: [Int]] = [:]
        var problems: [String: [Diagnostic]] = [:]
        var byLanguage: [String: [Int]] = [:]
        for i in site.pages.indices where site.pages[i].kind == .page && !site.pages[i].isGenerated {
            byLanguage[site.pages[i].language, default: []].append(i)
        }
        for (language, members) in byLanguage.sorted(by: { $0.key < $1.key }) {
            let pool = Pool(site: site, members: members, analyzer: Analyzer.forLanguage(language))
            // Pages in chunks over the cores, each chunk with its own caches.
            let size = max(64, members.count / 16)
            let chunks = stride(from: 0, to: members.count, by: size).map { $0..<min($0 + size, members.count) }
            for chunk in chunks.parallelMap({ pool.pick(for: $0) }) {
                for (path, chosen, found) in chunk {
                    if !chosen.isEmpty { picked[path] = chosen }
                    if !found.isEmpty { problems[path] = found }
                }
            }
        }
        self.picked = picked
        self.problems = problems
    }

    /// The content pages of one language, with what each has that another may share.
    private struct Pool: Sendable {
        let site: Site
        let members: [Int]
        /// By position in `members`: each feature's number and weight.
        let features: [[(id: Int, weight: Int)]]
        /// By feature: the positions in `members` of the pages that have it.
        let havers: [[Int]]
        /// By feature: what sharing it is worth (0: nothing).
        let rarity: [Int]
        /// What `related:` entries are read with; nil when no page has one.
        let pins: (resolver: LinkResolver, indexByURL: [String: Int])?

        /// How many pages a page shows (`related.limit`).
        let limit: Int

        init(site: Site, members: [Int], analyzer: Analyzer) {
            self.site = site
            self.members = members
            limit = site.config.relatedLimit
            // With none shown, only the pins are read, for their problems.
            let scored = limit > 0 ? members.count : 0
            // Few chunks, one or two per core: each stems the words of its vocabulary once.
            let size = max(64, members.count / (2 * ProcessInfo.processInfo.activeProcessorCount))
            let chunks = stride(from: 0, to: scored, by: size).map { $0..<min($0 + size, scored) }
            // Each chunk numbers its own vocabulary, so that the one pass in order below looks up
            // each chunk's distinct features, not every use of them.
            let named = chunks.parallelMap { range -> (vocabulary: [String], pages: [[(id: Int, weight: Int)]]) in
                var local: [String: Int] = [:], vocabulary: [String] = []
                func feature(_ name: String) -> Int {
                    local[name] ?? { local[name] = vocabulary.count; vocabulary.append(name); return vocabulary.count - 1 }()
                }
                // Each word (or term) as written → its feature (-1: none), worked out once per
                // chunk: a few thousand words make the titles and descriptions of every page.
                var wordFeatures: [String: Int] = [:], termFeatures: [String: Int] = [:]
                let pages = range.map { position -> [(id: Int, weight: Int)] in
                    var own: [(id: Int, weight: Int)] = []
                    func add(_ id: Int, _ weight: Int) {
                        if id >= 0, !own.contains(where: { $0.id == id }) { own.append((id, weight)) }
                    }
                    func term(_ prefix: String, _ name: String) -> Int {
                        let key = prefix + name
                        return termFeatures[key] ?? {
                            let slug = Site.termSlug(name), id = slug.isEmpty ? -1 : feature(prefix + slug)
                            termFeatures[key] = id
                            return id
                        }()
                    }
                    let matter = site.pages[members[position]].frontMatter
                    for taxonomy in site.config.taxonomies where taxonomy.field != "tags" {
                        for name in matter.terms(of: taxonomy.field) { add(term("t:\(taxonomy.field):", name), 4) }
                    }
                    for tag in matter.tags { add(term("g:", tag), 3) }
                    for word in analyzer.terms(matter.title + " " + matter.description) {
                        add(wordFeatures[word] ?? {
                            let id = word.utf8.count > 2 && !analyzer.isStopWord(word) ? feature("w:" + analyzer.stem(word)) : -1
                            wordFeatures[word] = id
                            return id
                        }(), 1)
                    }
                    return own
                }
                return (vocabulary, pages)
            }
            var ids: [String: Int] = [:]
            var features: [[(id: Int, weight: Int)]] = []
            var havers: [[Int]] = []
            features.reserveCapacity(members.count)
            for chunk in named {
                let global = chunk.vocabulary.map { feature in
                    ids[feature] ?? { ids[feature] = havers.count; havers.append([]); return havers.count - 1 }()
                }
                for own in chunk.pages {
                    let position = features.count
                    features.append(own.map { local in
                        havers[global[local.id]].append(position)
                        return (global[local.id], local.weight)
                    })
                }
            }
            // A feature more than a quarter of the pages have (or more than 100: it says little,
            // and following it costs the most) is left out; the others weigh more the rarer they
            // are (integers, so that the sums never depend on their order).
            let cap = max(4, min(members.count / 4, 100))
            rarity = havers.map { list in
                list.count > cap || list.count < 2 ? 0 : Int((log(Double(members.count) / Double(list.count)) * 100).rounded()) + 10
            }
            self.features = features
            self.havers = havers
            if members.contains(where: { !site.pages[$0].frontMatter.related.isEmpty }) {
                var indexByURL: [String: Int] = [:]
                for i in site.pages.indices where !site.pages[i].isGenerated { indexByURL[site.pages[i].url] = i }
                pins = (LinkResolver(pages: site.pages, staticFiles: site.staticFiles, draftPaths: site.draftPaths,
                    unloadedPaths: site.unloadedPaths, urls: site.config.urls), indexByURL)
            } else {
                pins = nil
            }
        }

        /// The related pages of the members at `positions`: pinned, then the best others.
        func pick(for positions: Range<Int>) -> [(path: String, chosen: [Int], problems: [Diagnostic])] {
            var score = [Int](repeating: 0, count: members.count), shared = score, touched: [Int] = []
            return positions.map { position in
                let i = members[position], path = site.pages[i].sourcePath, section = site.pages[i].sectionPath
                var (chosen, problems) = pinned(at: i)
                guard chosen.count < limit else { return (path, limit == 0 ? [] : chosen, problems) }
                for (feature, weight) in features[position] where rarity[feature] > 0 {
                    for other in havers[feature] where other != position {
                        if shared[other] == 0 { touched.append(other) }
                        score[other] += weight * rarity[feature]
                        shared[other] += weight
                    }
                }
                // At least a shared term or tag, or two words of the titles and descriptions;
                // the best few kept as they come (sorting thousands of candidates per page is
                // what a large site cannot afford).
                func before(_ a: (index: Int, score: Int), _ b: (index: Int, score: Int)) -> Bool {
                    if a.score != b.score { return a.score > b.score }
                    let sameA = site.pages[a.index].sectionPath == section
                    let sameB = site.pages[b.index].sectionPath == section
                    if sameA != sameB { return sameA }
                    return site.titleRank[a.index] < site.titleRank[b.index]
                }
                var best: [(index: Int, score: Int)] = []
                let wanted = limit - chosen.count
                for other in touched where shared[other] >= 2 && !chosen.contains(members[other]) {
                    let candidate = (index: members[other], score: score[other])
                    guard best.count < wanted || before(candidate, best[best.count - 1]) else { continue }
                    best.insert(candidate, at: best.firstIndex { before(candidate, $0) } ?? best.count)
                    if best.count > wanted { best.removeLast() }
                }
                for other in touched { score[other] = 0; shared[other] = 0 }
                touched.removeAll(keepingCapacity: true)
                chosen += best.map(\.index)
                return (path, chosen, problems)
            }
        }

        /// The pages `related:` names, and a problem for each entry that names none.
        private func pinned(at i: Int) -> ([Int], [Diagnostic]) {
            var chosen: [Int] = [], problems: [Diagnostic] = []
            guard let (resolver, indexByURL) = pins, !site.pages[i].frontMatter.related.isEmpty else { return (chosen, problems) }
            let page = site.pages[i]
            let location = page.frontMatter.location(of: "related") ?? page.location(line: 1)
            for entry in page.frontMatter.related {
                switch resolver.resolve(entry, from: page.sourcePath) {
                case .rewrite(let url), .rewriteInOtherLanguage(let url, _, _):
                    let target = indexByURL[String(url.prefix { $0 != "#" })]
                    if target == i {
                        problems.append(.error(location, "'related: \(entry)' names this page itself; name another page"))
                    } else if let target, !chosen.contains(target) {
                        chosen.append(target)
                    }
                case .broken(let message):
                    problems.append(.error(location, "related: " + message.replacingOccurrences(of: "link '", with: "'")))
                case .keep:
                    problems.append(.error(location, "'related: \(entry)' must name a page of this site by its .md "
                        + "file, like '../family/how-families-help.md'"))
                }
            }
            return (chosen, problems)
        }
    }

    /// The related pages of a page (by source path), pinned first, as indices into
    /// `Site.pages`; empty for home and section pages.
    func indices(of path: String) -> [Int] { picked[path] ?? [] }
}
