/// Builds what a template sees when it renders a page. The README documents these names
/// for theme authors; keep the two in step.
struct PageContext {
    let site: Site
    /// `site` as templates see it, built once per build (without `menu`, which depends on the page).
    private let siteBase: [String: TemplateValue]
    /// `site.menu` (computed from the sections when `site.yaml` has none).
    let menu: [SiteConfig.MenuItem]

    init(site: Site) {
        self.site = site
        menu = site.menu
        var values = site.config.templateValues
        values["title"] = .text(site.config.title)
        values["baseURL"] = .text(site.config.baseURL)
        values["language"] = .text(site.config.language)
        values["description"] = .text(site.config.description)
        values["sections"] = .list(site.children(ofSection: "").filter { $0.kind == .section }.map(PageContext.link))
        values["theme"] = site.config.theme.templateValue(for: site)
        siteBase = values
    }

    /// A page's own picture (`image:` in its front matter), ready to show.
    struct Hero {
        var html: String
        /// The widest file in the picture's own format, for `og:image`.
        var url: String
        var alt: String
        var credit: String?
    }

    /// The pictures of a page as its template shows them: its own, and every credit (its own
    /// picture's, then its Markdown pictures' titles) for the credits line.
    struct Pictures {
        var hero: Hero?
        var credits: [String] = []
    }

    /// The context for one page whose Markdown has been rendered.
    /// - Parameter siteValues: `site` for the page's menu state (`siteValues(menu:)`).
    func values(for page: Page, rendered: RenderedMarkdown, site siteValues: TemplateValue,
                pictures: Pictures = Pictures()) -> [String: TemplateValue]
    {
        let matter = page.frontMatter
        let tocHeadings = rendered.headings.filter { $0.level == 2 || $0.level == 3 }
        var pageValues: [String: TemplateValue] = [
            "title": .text(matter.title),
            "description": .text(matter.description),
            "url": .text(page.url),
            "permalink": .text(site.config.baseURL + page.url),
            "content": .text(rendered.html),
            "kind": .text(page.kind.rawValue),
            "isHome": .bool(page.kind == .home),
            "isSection": .bool(page.kind == .section),
            "isPage": .bool(page.kind == .page),
            "language": .text(matter.language ?? site.config.language),
            "tags": .list(matter.tags.map(TemplateValue.text)),
            "params": .object(matter.params),
            "toc": .list(PageContext.tableOfContents(tocHeadings)),
            "hasToc": .bool(tocHeadings.count >= 3),
            "draft": .bool(matter.draft),
            "layout": .text(matter.layout ?? ""),
        ]
        if let date = matter.date { pageValues["date"] = PageContext.date(date) }
        if let reviewed = matter.lastReviewed { pageValues["lastReviewed"] = PageContext.date(reviewed) }
        if let reviewer = matter.reviewedBy { pageValues["reviewedBy"] = .text(reviewer) }
        if let hero = pictures.hero {
            var image: [String: TemplateValue] = [
                "html": .text(hero.html), "url": .text(hero.url), "permalink": .text(site.config.baseURL + hero.url),
                "alt": .text(hero.alt),
            ]
            if let credit = hero.credit { image["credit"] = .text(credit) }
            pageValues["image"] = .object(image)
        }
        if !pictures.credits.isEmpty { pageValues["credits"] = .list(pictures.credits.map(TemplateValue.text)) }

        var values: [String: TemplateValue] = [
            "site": siteValues,
            "page": .object(pageValues),
            "jsonLD": .text(StructuredData.json(for: page, rendered: rendered, site: site)),
        ]
        let trail = site.breadcrumbs(for: page)
        if trail.count > 1 {
            values["breadcrumbs"] = .list(trail.enumerated().map { i, crumb in
                .object(PageContext.linkFields(crumb).merging(["isLast": .bool(i == trail.count - 1)]) { $1 })
            })
        }
        if page.kind != .page {
            let children = site.children(ofSection: page.sectionPath)
            if !children.isEmpty { values["pages"] = .list(children.map(PageContext.link)) }
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
    func siteValues(menu state: MenuState) -> TemplateValue {
        var values = siteBase
        values["menu"] = .list(menu.enumerated().map { i, item in
            [
                "title": .text(item.title), "url": .text(item.url), "active": .bool(state.active[i]),
                "current": .bool(state.current[i]),
            ]
        })
        return .object(values)
    }

    /// Every section with its pages, home first, for a page listing the whole site.
    func allSections() -> TemplateValue {
        .list(site.pages.filter { $0.kind != .page }.map { section in
            var entry = PageContext.linkFields(section)
            entry["pages"] = .list(site.children(ofSection: section.sectionPath).filter { $0.kind == .page }
                .map(PageContext.link))
            return .object(entry)
        })
    }

    static func link(_ page: Page) -> TemplateValue { .object(linkFields(page)) }

    static func linkFields(_ page: Page) -> [String: TemplateValue] {
        var link: [String: TemplateValue] = [
            "title": .text(page.title), "url": .text(page.url), "description": .text(page.frontMatter.description),
            "isSection": .bool(page.kind == .section),
        ]
        if let reviewed = page.frontMatter.lastReviewed { link["lastReviewed"] = date(reviewed) }
        return link
    }

    static func date(_ date: SiteDate) -> TemplateValue {
        ["iso": .text(date.iso), "long": .text(date.long)]
    }

    /// h2 entries, each with its h3 entries as `children`.
    static func tableOfContents(_ headings: [Heading]) -> [TemplateValue] {
        var entries: [[String: TemplateValue]] = []
        var children: [TemplateValue] = []
        func flush() {
            if !children.isEmpty, !entries.isEmpty { entries[entries.count - 1]["children"] = .list(children) }
            children = []
        }
        for heading in headings {
            let entry: [String: TemplateValue] = [
                "id": .text(heading.id), "text": .text(heading.text), "level": .int(heading.level),
            ]
            if heading.level == 2 || entries.isEmpty {
                flush()
                entries.append(entry)
            } else {
                children.append(.object(entry))
            }
        }
        flush()
        return entries.map(TemplateValue.object)
    }
}
