/// Builds what a template sees when it renders a page. The README documents these names
/// for theme authors; keep the two in step.
struct PageContext {
    let site: Site
    /// `site` as templates see it, built once per build (without `menu`, which depends on the page).
    private let siteBase: [String: Any]
    /// `site.menu` (computed from the sections when `site.yaml` has none).
    let menu: [SiteConfig.MenuItem]

    init(site: Site) {
        self.site = site
        menu = site.menu
        var values = site.config.templateValues
        values["title"] = site.config.title
        values["baseURL"] = site.config.baseURL
        values["language"] = site.config.language
        values["description"] = site.config.description
        values["sections"] = site.children(ofSection: "").filter { $0.kind == .section }.map(PageContext.link)
        siteBase = values
    }

    /// The context for one page whose Markdown has been rendered.
    /// - Parameter siteValues: `site` for the page's menu state (`siteValues(menu:)`).
    func values(for page: Page, rendered: RenderedMarkdown, site siteValues: [String: Any]) -> [String: Any] {
        let matter = page.frontMatter
        let tocHeadings = rendered.headings.filter { $0.level == 2 || $0.level == 3 }
        var pageValues: [String: Any] = [
            "title": matter.title,
            "description": matter.description,
            "url": page.url,
            "permalink": site.config.baseURL + page.url,
            "content": rendered.html,
            "kind": page.kind.rawValue,
            "isHome": page.kind == .home,
            "isSection": page.kind == .section,
            "isPage": page.kind == .page,
            "language": matter.language ?? site.config.language,
            "tags": matter.tags,
            "params": matter.params.value,
            "toc": PageContext.tableOfContents(tocHeadings),
            "hasToc": tocHeadings.count >= 3,
            "draft": matter.draft,
            "layout": matter.layout ?? "",
        ]
        if let date = matter.date { pageValues["date"] = PageContext.date(date) }
        if let reviewed = matter.lastReviewed { pageValues["lastReviewed"] = PageContext.date(reviewed) }
        if let reviewer = matter.reviewedBy { pageValues["reviewedBy"] = reviewer }

        var values: [String: Any] = [
            "site": siteValues,
            "page": pageValues,
            "jsonLD": StructuredData.json(for: page, rendered: rendered, site: site),
        ]
        let trail = site.breadcrumbs(for: page)
        if trail.count > 1 {
            values["breadcrumbs"] = trail.enumerated().map { i, crumb -> [String: Any] in
                var link = PageContext.link(crumb)
                link["isLast"] = i == trail.count - 1
                return link
            }
        }
        if page.kind != .page {
            let children = site.children(ofSection: page.sectionPath)
            if !children.isEmpty { values["pages"] = children.map(PageContext.link) }
        } else if let section = site.sectionPage(page.sectionPath), !page.sectionPath.isEmpty {
            values["section"] = PageContext.link(section)
        }
        let (previous, next) = site.neighbours(of: page)
        if let previous { values["prev"] = PageContext.link(previous) }
        if let next { values["next"] = PageContext.link(next) }
        return values
    }

    /// Which menu items are the page itself (`current`) or its section (`active`).
    struct MenuState: Hashable {
        var active: [Bool]
        var current: [Bool]
    }

    func menuState(forURL url: String) -> MenuState {
        MenuState(
            active: menu.map { $0.url == url || ($0.url != "/" && url.hasPrefix($0.url)) },
            current: menu.map { $0.url == url })
    }

    /// `site` for a page whose menu is in `state`.
    func siteValues(menu state: MenuState) -> [String: Any] {
        var values = siteBase
        values["menu"] = menu.enumerated().map { i, item -> [String: Any] in
            ["title": item.title, "url": item.url, "active": state.active[i], "current": state.current[i]]
        }
        return values
    }

    /// Every section with its pages, home first, for a page listing the whole site.
    func allSections() -> [[String: Any]] {
        site.pages.filter { $0.kind != .page }.map { section in
            var entry = PageContext.link(section)
            entry["pages"] = site.children(ofSection: section.sectionPath).filter { $0.kind == .page }
                .map(PageContext.link)
            return entry
        }
    }

    static func link(_ page: Page) -> [String: Any] {
        var link: [String: Any] = [
            "title": page.title, "url": page.url, "description": page.frontMatter.description,
            "isSection": page.kind == .section,
        ]
        if let reviewed = page.frontMatter.lastReviewed { link["lastReviewed"] = date(reviewed) }
        return link
    }

    static func date(_ date: SiteDate) -> [String: Any] {
        ["iso": date.iso, "long": date.long]
    }

    /// h2 entries, each with its h3 entries as `children`.
    static func tableOfContents(_ headings: [Heading]) -> [[String: Any]] {
        var entries: [[String: Any]] = []
        var children: [[String: Any]] = []
        func flush() {
            if !children.isEmpty, !entries.isEmpty { entries[entries.count - 1]["children"] = children }
            children = []
        }
        for heading in headings {
            let entry: [String: Any] = ["id": heading.id, "text": heading.text, "level": heading.level]
            if heading.level == 2 || entries.isEmpty {
                flush()
                entries.append(entry)
            } else {
                children.append(entry)
            }
        }
        flush()
        return entries
    }
}
