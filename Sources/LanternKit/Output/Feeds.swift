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

    /// Where a section's feed of one language is: `therapies/feed.xml`, `es/therapies/feed.xml`.
    static func place(ofSection folder: String, in language: String, _ format: Format, config: SiteConfig) -> URLSpace.Place {
        config.urls(for: language).feed(ofSection: folder, format)
    }

    /// The day a page last changed, for ordering and `updated`.
    static func changed(_ page: Page) -> SiteDate? { page.frontMatter.lastReviewed ?? page.frontMatter.date }

    /// The dated pages under a section folder (not the section's own page), newest change first,
    /// then by URL, at most `limit`.
    static func entries(ofSection folder: String, in language: String, site: Site) -> [Page] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        let dated = site.pages.filter { page in
            guard page.language == language, changed(page) != nil, page.kind != .home else { return false }
            if page.kind == .section && page.sectionPath == folder { return false }
            return folder.isEmpty || page.sectionPath == folder || page.sectionPath.hasPrefix(prefix)
        }
        let sorted = dated.sorted { a, b in
            let da = changed(a)!, db = changed(b)!
            return da != db ? da > db : a.url < b.url
        }
        return Array(sorted.prefix(site.config.feedLimit))
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
            selfURL: site.config.baseURL + place(ofSection: folder, in: language, format, config: site.config).url,
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
        var out = ""
        out.reserveCapacity(html.utf8.count + 256)
        var rest = Substring(html)
        while let match = rest.firstRange(of: "=\"/") {
            let attribute = rest[..<match.lowerBound].suffix(6)
            out += rest[..<match.lowerBound]
            out += "=\""
            let after = rest[match.upperBound...]
            if attribute.hasSuffix("srcset"), let end = after.firstIndex(of: "\"") {
                let candidates = ("/" + after[..<end]).split(separator: ",", omittingEmptySubsequences: false)
                out += candidates.map { candidate in
                    let url = candidate.drop { $0 == " " }
                    guard url.hasPrefix("/"), !url.hasPrefix("//") else { return String(candidate) }
                    return candidate.prefix { $0 == " " } + base + url
                }.joined(separator: ",")
                rest = after[end...]
                continue
            }
            if (attribute.hasSuffix("href") || attribute.hasSuffix("src")) && !after.hasPrefix("/") {
                out += base
            }
            out += "/"
            rest = after
        }
        out += rest
        return out
    }
}
