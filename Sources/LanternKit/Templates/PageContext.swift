/// Builds what a template sees when it renders a page. The README documents these names
/// for theme authors; keep the two in step.
struct PageContext {
    let site: Site
    /// `site` as templates see it in each language, built once per build (without `menu`,
    /// which depends on the page).
    private let siteBase: [String: [String: TemplateValue]]
    /// `site.menu` in each language (computed from the sections when `site.yaml` has none).
    let menus: [String: [SiteConfig.MenuItem]]
    /// The feed links of each section (by language, then folder), for the pages under it.
    private let feedLinks: [String: [String: [TemplateValue]]]
    /// Each term's link (`name`, `url`), by taxonomy and language, in `Site.terms(of:in:)`'s order.
    private let termLinks: [TaxonomyKey: [TemplateValue]]
    /// The picture a list shows on a page's card (its `image:`), as HTML, by source path.
    private let cardPictures: [String: String]

    init(site: Site, cardPictures: [String: String] = [:]) {
        self.site = site
        self.cardPictures = cardPictures
        var menus: [String: [SiteConfig.MenuItem]] = [:]
        var bases: [String: [String: TemplateValue]] = [:]
        let languages = site.config.languages
        for language in languages {
            let code = language.code
            menus[code] = site.menu(in: code)
            let config = site.config.localized(to: code)
            var values = config.templateValues
            values["title"] = .text(config.title)
            values["baseURL"] = .text(config.baseURL)
            values["language"] = .text(code)
            values["description"] = .text(config.description)
            values["sections"] = .list(site.children(ofSection: "", in: code).filter { $0.kind == .section }
                .map(PageContext.link))
            values["theme"] = site.config.theme.templateValue(for: site, language: code)
            values["languages"] = .list(languages.map { other -> TemplateValue in
                ["code": .text(other.code), "name": .text(other.name), "isCurrent": .bool(other.code == code)]
            })
            bases[code] = values
        }
        siteBase = bases
        self.menus = menus
        var feedLinks: [String: [String: [TemplateValue]]] = [:]
        if site.config.feedLimit > 0 {
            for section in site.pages where section.kind != .page {
                feedLinks[section.language, default: [:]][section.sectionPath] = Feeds.Format.allCases.map { format in
                    .object([
                        "title": .text(Feeds.title(ofSection: section, site: site)),
                        "format": .text(format == .atom ? "Atom" : "JSON Feed"),
                        "type": .text(format.mediaType),
                        "url": .text(Feeds.place(ofSection: section.sectionPath, in: section.language, format,
                            site: site).url),
                    ])
                }
            }
        }
        self.feedLinks = feedLinks
        termLinks = site.taxonomyTerms.mapValues { terms in
            terms.map { ["name": .text($0.name), "url": .text($0.place.url)] }
        }
    }

    /// The terms a page has of each taxonomy (`title` from `titles`, by taxonomy key, and
    /// `terms`), in the order it writes them; nil for a page with none.
    func taxonomies(of page: Page, titles: [String: String]) -> TemplateValue? {
        guard let index = site.indexByPath[page.sourcePath], let lists = site.termsOfPage[index] else { return nil }
        let values = lists.compactMap { list -> TemplateValue? in
            guard let title = titles[list.field],
                let links = termLinks[TaxonomyKey(field: list.field, language: page.language)]
            else { return nil }
            return ["title": .text(title), "terms": .list(list.positions.map { links[$0] })]
        }
        return values.isEmpty ? nil : .list(values)
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
    /// - Parameters:
    ///   - siteValues: `site` for the page's menu state (`siteValues(menu:)`).
    ///   - translations: the page in every language it has, itself included (`Site.translations(of:)`).
    func values(for page: Page, rendered: RenderedMarkdown, site siteValues: TemplateValue,
                translations: [Page], pictures: Pictures = Pictures()) -> [String: TemplateValue]
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
            "language": .text(page.language),
            "tags": .list(matter.tags.map(TemplateValue.text)),
            "params": .object(matter.params),
            "toc": .list(PageContext.tableOfContents(tocHeadings)),
            "hasToc": .bool(tocHeadings.count >= 3),
            "draft": .bool(matter.draft),
            "layout": .text(matter.layout ?? ""),
        ]
        if let date = matter.date { pageValues["date"] = PageContext.date(date, language: page.language) }
        if let reviewed = matter.lastReviewed {
            pageValues["lastReviewed"] = PageContext.date(reviewed, language: page.language)
            pageValues["nextReview"] = PageContext.date(
                reviewed.adding(months: site.config.reviewMonths), language: page.language)
        }
        if let reviewer = matter.reviewedBy { pageValues["reviewedBy"] = .text(reviewer) }
        if let alternates = alternates(translations) { pageValues["alternates"] = alternates }
        if let switcher = languageLinks(for: page, translations: translations) { pageValues["languages"] = switcher }
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
        if let feeds = feeds(for: page) { values["feeds"] = feeds }
        let trail = site.breadcrumbs(for: page)
        if trail.count > 1 {
            values["breadcrumbs"] = .list(trail.enumerated().map { i, crumb in
                .object(PageContext.linkFields(crumb).merging(["isLast": .bool(i == trail.count - 1)]) { $1 })
            })
        }
        if page.kind != .page {
            let children = site.children(ofSection: page.sectionPath, in: page.language)
            if !children.isEmpty { values["pages"] = .list(children.map(card)) }
        } else if let section = site.sectionPage(page.sectionPath, in: page.language), !page.sectionPath.isEmpty {
            values["section"] = PageContext.link(section)
        }
        let (previous, next) = site.neighbours(of: page)
        if let previous { values["prev"] = PageContext.link(previous) }
        if let next { values["next"] = PageContext.link(next) }
        return values
    }

    /// `<link rel="alternate" hreflang>` for every translation, the page itself and
    /// `x-default` (the default language's page), absolute; nil for a page in one language.
    private func alternates(_ translations: [Page]) -> TemplateValue? {
        guard translations.count > 1 else { return nil }
        var links: [TemplateValue] = translations.map {
            ["hreflang": .text($0.language), "href": .text(site.config.baseURL + $0.url)]
        }
        if let fallback = translations.first(where: { $0.language == site.config.defaultLanguage }) {
            links.append(["hreflang": "x-default", "href": .text(site.config.baseURL + fallback.url)])
        }
        return .list(links)
    }

    /// The language switcher: for every other language of the site, the page's translation
    /// into it, or else that language's home (`hasTranslation` says which); nil for a site
    /// in one language.
    private func languageLinks(for page: Page, translations: [Page]) -> TemplateValue? {
        let others = site.config.languages.filter { $0.code != page.language }
        guard !others.isEmpty else { return nil }
        return .list(others.map { language -> TemplateValue in
            let translation = translations.first { $0.language == language.code }
            let url = translation?.url ?? site.sectionPage("", in: language.code)?.url
                ?? site.config.urls(for: language.code).folder("").url
            return [
                "code": .text(language.code), "name": .text(language.name), "url": .text(url),
                "hasTranslation": .bool(translation != nil),
            ]
        })
    }

    /// The feeds a page's head announces (`<link rel="alternate">`): its language's site feed,
    /// and on a section's own page that section's; each as `title`, `type` and `url`. A page
    /// in a section does not repeat its section's feed (as in Hugo): at 10,000 pages those
    /// two links cost 2 MB, and a reader who wants the section's feed finds it one link away.
    func feeds(for page: Page) -> TemplateValue? {
        let sections = page.kind == .page || page.sectionPath.isEmpty ? [""] : ["", page.sectionPath]
        let list = sections.flatMap { feedLinks[page.language]?[$0] ?? [] }
        return list.isEmpty ? nil : .list(list)
    }

    /// Which menu items are the page itself (`current`) or its section (`active`), in which
    /// language's menu.
    struct MenuState: Hashable {
        var language: String
        var active: [Bool]
        var current: [Bool]
    }

    func menuState(forURL url: String, language: String) -> MenuState {
        let menu = menus[language] ?? []
        return MenuState(
            language: language,
            active: menu.map { $0.url == url || ($0.url != "/" && url.hasPrefix($0.url)) },
            current: menu.map { $0.url == url })
    }

    /// `site` for a page whose menu is in `state`.
    func siteValues(menu state: MenuState) -> TemplateValue {
        var values = siteBase[state.language] ?? siteBase[site.config.defaultLanguage] ?? [:]
        let menu = menus[state.language] ?? []
        values["menu"] = .list(menu.enumerated().map { i, item in
            [
                "title": .text(item.title), "url": .text(item.url), "active": .bool(state.active[i]),
                "current": .bool(state.current[i]),
            ]
        })
        return .object(values)
    }

    /// Every section of a language with its pages, home first, for a page listing the whole site.
    func allSections(in language: String) -> TemplateValue {
        .list(site.pages.filter { $0.kind != .page && $0.language == language }.map { section in
            var entry = PageContext.linkFields(section)
            entry["pages"] = .list(site.children(ofSection: section.sectionPath, in: language)
                .filter { $0.kind == .page }.map(PageContext.link))
            return .object(entry)
        })
    }

    static func link(_ page: Page) -> TemplateValue { .object(linkFields(page)) }

    /// A page as a list's card shows it: its link, and its picture (`image`, HTML) when it has one.
    /// The picture's alt text is empty: the card's title says where it leads.
    func card(_ page: Page) -> TemplateValue {
        var fields = PageContext.linkFields(page)
        if let html = cardPictures[page.sourcePath] { fields["image"] = .text(html) }
        return .object(fields)
    }

    static func linkFields(_ page: Page) -> [String: TemplateValue] {
        var link: [String: TemplateValue] = [
            "title": .text(page.title), "url": .text(page.url), "description": .text(page.frontMatter.description),
            "isSection": .bool(page.kind == .section),
        ]
        if let reviewed = page.frontMatter.lastReviewed { link["lastReviewed"] = date(reviewed, language: page.language) }
        return link
    }

    static func date(_ date: SiteDate, language: String) -> TemplateValue {
        ["iso": .text(date.iso), "long": .text(date.long(in: language))]
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
