/// The site's feeds of "recently reviewed guidance": for each section (home's is the whole
/// site's), an Atom 1.0 feed and a JSON Feed 1.1 of the dated pages under it, newest change
/// first (`last_reviewed`, else `date`), at most `feeds.limit` of them, each with its full
/// content and every link in it absolute. Nothing in a feed depends on the time of the build.
enum Feeds {
    enum Format: CaseIterable, Sendable {
        case atom, json

        var fileName: String { self == .atom ? "feed.xml" : "feed.json" }
        var mediaType: String { self == .atom ? "application/atom+xml" : "application/feed+json" }
    }

    /// What a feed shows of a page: `Feeds.entries` and the entry's content.
    static let entryFields: PageFields = [
        .exists, .place, .kind, .title, .description, .date, .lastReviewed, .reviewedBy, .tags, .body,
    ]

    /// What a section's feed reads: its own and its pages' fields, the site's title, base URL and
    /// limit, and what the content's links resolve against (every page's URL, the content files,
    /// the theme's table label).
    static func reads(ofSection folder: String, in language: String) -> [Dependency] {
        [.config, .templates, .contentFileList, .pages(.all, [.exists, .place]),
         .pages(.datedWithin(folder, language: language), entryFields)]
    }

    /// Where a section's feed of one language is: in its section's folder as placed
    /// (`therapies/feed.xml`, `es/terapias/feed.xml`).
    static func place(ofSection folder: String, in language: String, _ format: Format, site: Site) -> URLSpace.Place {
        let section = site.sectionPage(folder, in: language).map { URLSpace.Place(url: $0.url, outputPath: $0.outputPath) }
            ?? site.config.urls(for: language).folder(folder)
        return URLSpace.feed(ofSectionAt: section, format)
    }

    /// The day a page last changed, for ordering and `updated`.
    static func changed(_ page: Page) -> SiteDate? { page.frontMatter.lastReviewed ?? page.frontMatter.date }

    /// The dated pages under a section folder (not the section's own page), newest change first,
    /// then by URL, at most `limit`.
    static func entries(ofSection folder: String, in language: String, site: Site) -> [Page] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        // Only the first `limit` in order are kept, newest first, as they come: a section of
        // thousands of pages is not sorted whole for its twenty newest.
        let limit = site.config.feedLimit
        guard limit > 0 else { return [] }
        var newest: [(index: Int, changed: SiteDate)] = []
        newest.reserveCapacity(limit + 1)
        func comesFirst(_ a: (index: Int, changed: SiteDate), _ b: (index: Int, changed: SiteDate)) -> Bool {
            a.changed != b.changed ? a.changed > b.changed : site.pages[a.index].url < site.pages[b.index].url
        }
        for i in site.pages.indices {
            guard site.pages[i].language == language, site.pages[i].kind != .home,
                let changed = changed(site.pages[i]) else { continue }
            let section = site.pages[i].sectionPath
            if site.pages[i].kind == .section && section == folder { continue }
            guard folder.isEmpty || section == folder || section.hasPrefix(prefix) else { continue }
            let entry = (index: i, changed: changed)
            if newest.count == limit, let last = newest.last, !comesFirst(entry, last) { continue }
            let at = newest.firstIndex { comesFirst(entry, $0) } ?? newest.endIndex
            newest.insert(entry, at: at)
            if newest.count > limit { newest.removeLast() }
        }
        return newest.map { site.pages[$0.index] }
    }

    /// The feed's own title: the site's, or the section's and the site's.
    static func title(ofSection section: Page, site: Site) -> String {
        let siteTitle = site.config.localized(to: section.language).title
        return section.kind == .home ? siteTitle : section.title + " | " + siteTitle
    }

    /// The pages some feed of the plan shows, whose content the build keeps for `write`.
    static func pagesShown(by outputs: [PlannedOutput], in site: Site) -> Set<String> {
        var shown = Set<String>()
        for case .feed(let folder, let language, .atom) in outputs.map(\.product) {
            for page in entries(ofSection: folder, in: language, site: site) { shown.insert(page.sourcePath) }
        }
        return shown
    }

    /// `content` gives a page's content HTML as the page shows it (PageRenderer.contentHTML).
    static func write(
        _ format: Format, ofSection folder: String, in language: String, site: Site,
        content: (Page) -> String
    ) -> String {
        guard let section = site.sectionPage(folder, in: language) else { return "" }
        let config = site.config.localized(to: language)
        let entries = entries(ofSection: folder, in: language, site: site).map { page in
            Entry(page: page, content: absoluteLinks(content(page), base: site.config.baseURL))
        }
        let feed = Feed(
            title: title(ofSection: section, site: site),
            description: section.kind == .home ? config.description : section.frontMatter.description,
            homePage: site.config.baseURL + section.url,
            selfURL: site.config.baseURL + place(ofSection: folder, in: language, format, site: site).url,
            language: language, author: config.title,
            // An empty feed still needs a date: the section's own, else a fixed one.
            updated: entries.first.flatMap { changed($0.page) } ?? changed(section) ?? SiteDate("2000-01-01")!,
            entries: entries, baseURL: site.config.baseURL)
        return format == .atom ? feed.atom : feed.json
    }

    struct Entry {
        var page: Page
        var content: String
    }

    struct Feed {
        var title, description, homePage, selfURL, language, author: String
        var updated: SiteDate
        var entries: [Entry]
        var baseURL: String

        private static func time(_ date: SiteDate) -> String { date.iso + "T00:00:00Z" }

        var atom: String {
            func x(_ text: String) -> String { HTMLEscaping.escape(text) }
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            xml += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(x(language))\">\n"
            xml += "  <id>\(x(selfURL))</id>\n  <title>\(x(title))</title>\n"
            if !description.isEmpty { xml += "  <subtitle>\(x(description))</subtitle>\n" }
            xml += "  <updated>\(Feed.time(updated))</updated>\n"
            xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(x(selfURL))\"/>\n"
            xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(x(homePage))\"/>\n"
            xml += "  <author><name>\(x(author))</name></author>\n"
            for entry in entries {
                let matter = entry.page.frontMatter, permalink = baseURL + entry.page.url
                xml += "  <entry>\n    <id>\(x(permalink))</id>\n    <title>\(x(matter.title))</title>\n"
                xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(x(permalink))\"/>\n"
                xml += "    <updated>\(Feed.time(Feeds.changed(entry.page)!))</updated>\n"
                if let date = matter.date { xml += "    <published>\(Feed.time(date))</published>\n" }
                if let reviewer = matter.reviewedBy {
                    xml += "    <contributor><name>\(x(reviewer))</name></contributor>\n"
                }
                for tag in matter.tags { xml += "    <category term=\"\(x(tag))\"/>\n" }
                if !matter.description.isEmpty { xml += "    <summary>\(x(matter.description))</summary>\n" }
                xml += "    <content type=\"html\">\(x(entry.content))</content>\n  </entry>\n"
            }
            return xml + "</feed>\n"
        }

        var json: String {
            var json = JSONWriter(capacity: 4096 + entries.count * 4096)
            json.raw("{\"version\":")
            json.string("https://jsonfeed.org/version/1.1")
            json.field("title", title)
            json.field("home_page_url", homePage)
            json.field("feed_url", selfURL)
            if !description.isEmpty { json.field("description", description) }
            json.field("language", language)
            json.raw(",\"authors\":[{\"name\":")
            json.string(author)
            json.raw("}],\"items\":[")
            for (i, entry) in entries.enumerated() {
                let matter = entry.page.frontMatter, permalink = baseURL + entry.page.url
                json.raw(i == 0 ? "{\"id\":" : ",{\"id\":")
                json.string(permalink)
                json.field("url", permalink)
                json.field("title", matter.title)
                if !matter.description.isEmpty { json.field("summary", matter.description) }
                json.field("content_html", entry.content)
                if let date = matter.date { json.field("date_published", Feed.time(date)) }
                json.field("date_modified", Feed.time(Feeds.changed(entry.page)!))
                if !matter.tags.isEmpty { json.field("tags", matter.tags) }
                json.raw("}")
            }
            json.raw("]}\n")
            return String(decoding: json.bytes, as: UTF8.self)
        }
    }

    /// Root-relative `href`, `src` and `srcset` values (`/therapies/cbt/`) prefixed with the
    /// base URL, so that a feed reader, which shows the content away from the site, can follow
    /// them. Every candidate of a `srcset` is (`/a.480w.webp 480w, /a.800w.webp 800w`).
    static func absoluteLinks(_ html: String, base: String) -> String {
        let bytes = Array(html.utf8), baseBytes = Array(base.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 512)
        func attribute(endingAt end: Int, is name: String) -> Bool {
            let name = Array(name.utf8)
            return end >= name.count && bytes[(end - name.count)..<end].elementsEqual(name)
        }
        func isRootRelative(_ at: Int) -> Bool {
            at < bytes.count && bytes[at] == UInt8(ascii: "/") && (at + 1 == bytes.count || bytes[at + 1] != UInt8(ascii: "/"))
        }
        var i = 0
        while i < bytes.count {
            // `="/`: an attribute whose value starts at the site's root (or is protocol-relative).
            guard bytes[i] == UInt8(ascii: "="), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "\""),
                bytes[i + 2] == UInt8(ascii: "/")
            else { out.append(bytes[i]); i += 1; continue }
            out.append(contentsOf: bytes[i...(i + 1)])
            let start = i + 2
            if attribute(endingAt: i, is: "srcset"), let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) {
                // Every candidate: `/a.480w.webp 480w, /a.800w.webp 800w`.
                var j = start
                while j < end {
                    var k = j
                    while k < end && bytes[k] == UInt8(ascii: " ") { out.append(bytes[k]); k += 1 }
                    if isRootRelative(k) && k < end { out.append(contentsOf: baseBytes) }
                    let comma = bytes[k..<end].firstIndex(of: UInt8(ascii: ",")) ?? end
                    out.append(contentsOf: bytes[k..<comma])
                    if comma < end { out.append(UInt8(ascii: ",")) }
                    j = comma + 1
                }
                i = end
                continue
            }
            if (attribute(endingAt: i, is: "href") || attribute(endingAt: i, is: "src")) && isRootRelative(start) {
                out.append(contentsOf: baseBytes)
            }
            i = start
        }
        return String(decoding: out, as: UTF8.self)
    }
}
