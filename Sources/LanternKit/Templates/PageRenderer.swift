/// What one page's rendering left behind for the site-wide stages (search, checks).
public struct PageOutcome: Sendable {
    public var page: Page
    /// The finished HTML (UTF-8), nil when the page has errors or no templates could be loaded.
    public var html: [UInt8]?
    public var diagnostics: [Diagnostic]
    public var headings: [Heading]
    public var parts: [TextPart]
    public var links: [LinkReference]
    public var blocks: [TextBlock]
    /// The page body's HTML before it went into the template.
    public var contentHTML: String?
    /// The content paths of the pictures its Markdown shows, in order.
    public var pictures: [String] = []
}

/// Renders one page from Markdown to its finished HTML. Holds everything that is the same for
/// every page of a build, so that it is prepared once and shared by the worker threads.
public struct PageRenderer: Sendable {
    private(set) var site: Site
    let templates: TemplateLibrary?
    let markdown: MarkdownRenderer
    /// The Markdown renderer of each other language (its tables' label is in that language).
    private let localizedMarkdown: [String: MarkdownRenderer]
    let resolver: LinkResolver
    private(set) var context: PageContext
    /// What differs between pages only by the state of the menu, prepared once per state.
    let menuVariants: [PageContext.MenuState: MenuVariant]
    /// What each taxonomy is called in each language (`title(of:strings:in:)`), by key.
    private let taxonomyTitles: [String: [String: String]]

    /// Whether outcomes keep what only checks read (links, text blocks, the HTML).
    var isForChecks: Bool { markdown.collectsCheckText }

    /// `site` as templates see it, and the theme with its `site/` partials already rendered.
    struct MenuVariant {
        var site: TemplateValue
        var theme: TemplateLibrary?
    }

    /// - Parameter forChecks: keep what only checks read (each page's links, text blocks and HTML).
    public init(site: Site, templates: TemplateLibrary?, forChecks: Bool = true) {
        self.site = site
        self.templates = templates
        markdown = MarkdownRenderer(allowRawHTML: site.config.unsafeMarkdown, collectsCheckText: forChecks,
            tableLabel: (templates?.strings ?? .builtIn(language: site.config.language)).text("table.label"))
        var localizedMarkdown: [String: MarkdownRenderer] = [:]
        var notes: [String: [String: String]] = [:]
        for from in site.config.languages.map(\.code) {
            let strings = templates?.localized(to: from).strings ?? .builtIn(language: from)
            if from != site.config.defaultLanguage {
                localizedMarkdown[from] = MarkdownRenderer(allowRawHTML: site.config.unsafeMarkdown,
                    collectsCheckText: forChecks, tableLabel: strings.text("table.label"))
            }
            for to in site.config.languages where to.code != from {
                let key = "in_language." + to.code
                notes[from, default: [:]][to.code] = strings.located(key) != nil ? strings.text(key) : "(\(to.name))"
            }
        }
        self.localizedMarkdown = localizedMarkdown
        var taxonomyTitles: [String: [String: String]] = [:]
        for language in site.config.languages.map(\.code) {
            let strings = templates?.localized(to: language).strings ?? .builtIn(language: language)
            for taxonomy in site.config.taxonomies {
                taxonomyTitles[language, default: [:]][taxonomy.field] = PageRenderer.title(of: taxonomy, strings: strings, in: language)
            }
        }
        self.taxonomyTitles = taxonomyTitles
        resolver = LinkResolver(pages: site.pages, staticFiles: site.staticFiles, draftPaths: site.draftPaths,
            unloadedPaths: site.unloadedPaths, urls: site.config.urls, otherLanguageNotes: notes)
        let context = PageContext(site: site, cardPictures: PageRenderer.cardPictures(site: site, resolver: resolver))
        self.context = context
        var variants: [PageContext.MenuState: MenuVariant] = [:]
        let specials = site.config.languages.flatMap { language in
            SpecialPage.allCases.map { ($0.place(in: site.config.urls(for: language.code)).url, language.code) }
        }
        let taxonomyPages = site.taxonomyPages.map { ($0.place.url, $0.language) }
        for (url, language) in site.pages.map({ ($0.url, $0.language) }) + specials + taxonomyPages {
            let state = context.menuState(forURL: url, language: language)
            if variants[state] != nil { continue }
            let siteValues = context.siteValues(menu: state)
            var theme = templates?.localized(to: language)
            if let templates = theme, !templates.sitePartialNames.isEmpty {
                let values: [String: TemplateValue] = ["site": siteValues]
                theme = templates.replacingPartials(Dictionary(uniqueKeysWithValues:
                    templates.sitePartialNames.map { ($0, templates.render(values, with: $0)) }))
            }
            variants[state] = MenuVariant(site: siteValues, theme: theme)
        }
        menuVariants = variants
    }

    /// What the renderer prepares once for every page: link targets (every page's URL, which
    /// pages and files exist) and the menu's variants (the menu, from the top-level sections
    /// when `site.yaml` has none). `updating(site:)` is right only when none of it changed.
    static let reads: [Dependency] = [
        .pages(.all, PageFields.linkTarget), .pages(.listedIn("", language: nil), .listing), .config, .templates,
        .contentFileList,
    ]

    /// This renderer for a new state of the same site: pages may have new text and front
    /// matter, but every URL and the menu are as before (what `lantern serve` checks before a
    /// partial rebuild), so link targets and the menu variants are kept.
    func updating(site: Site) -> PageRenderer {
        var renderer = self
        renderer.site = site
        renderer.context = PageContext(site: site, cardPictures: PageRenderer.cardPictures(site: site, resolver: resolver))
        return renderer
    }

    /// The variant for a page's menu (every URL of the site has one; a URL Lantern has not
    /// seen gets one made on the spot).
    private func variant(for page: Page) -> MenuVariant {
        let state = context.menuState(forURL: page.url, language: page.language)
        return menuVariants[state]
            ?? MenuVariant(site: context.siteValues(menu: state), theme: templates?.localized(to: page.language))
    }

    /// The theme's strings in a language (the built-in ones when there is no theme).
    func strings(in language: String) -> ThemeStrings {
        templates?.localized(to: language).strings ?? .builtIn(language: language)
    }

    /// The picture of each page with an `image:` that names one, as its card in a list shows it
    /// (a problem with it is the page's own to report, in `content(of:)`).
    private static func cardPictures(site: Site, resolver: LinkResolver) -> [String: String] {
        var cards: [String: String] = [:]
        for page in site.pages where page.frontMatter.image != nil {
            guard let picture = ownPicture(of: page, resolver: resolver, catalogue: site.pictures)?.picture
            else { continue }
            cards[page.sourcePath] = PictureMarkup.html(picture, alt: "", isFirst: false, sizes: PictureMarkup.cardSizes)
        }
        return cards
    }

    /// The content file a page's `image:` names, nil when it names none, with its picture (nil
    /// when the catalogue could not make one of it).
    private static func ownPicture(of page: Page, resolver: LinkResolver, catalogue: ImageCatalogue)
        -> (path: String, picture: Picture?)?
    {
        guard let image = page.frontMatter.image, let path = resolver.contentFile(image.path, from: page.sourcePath)
        else { return nil }
        return (path, catalogue.picture(at: path))
    }

    /// A page's Markdown rendered as the page shows it: links resolved, pictures in place, the
    /// hero picture of `image:` and the credits of both.
    private struct Content {
        var rendered: RenderedMarkdown
        var pictures: [String]
        var credits: [String]
        var hero: PageContext.Hero?
        var heroProblem: Diagnostic?
    }

    private func content(of page: Page) -> Content {
        let resolver = self.resolver, source = page.sourcePath, catalogue = site.pictures
        var pictures: [String] = []
        let markdown = localizedMarkdown[page.language] ?? self.markdown
        var credits: [String] = []
        var hero: PageContext.Hero?
        var heroProblem: Diagnostic?
        if let image = page.frontMatter.image {
            let location = page.frontMatter.location(of: "image") ?? page.location(line: 1)
            let own = PageRenderer.ownPicture(of: page, resolver: resolver, catalogue: catalogue)
            if let path = own?.path, let picture = own?.picture {
                pictures.append(path)
                hero = PageContext.Hero(
                    html: PictureMarkup.html(picture, alt: image.alt ?? "", isFirst: true),
                    url: picture.variants.last(where: { $0.format == picture.format })?.url ?? PagePath.url(of: path),
                    alt: image.alt ?? "", credit: image.credit ?? catalogue.credit(of: path, in: page.language))
                if let credit = hero?.credit { credits.append(credit) }
            } else if let path = own?.path, let problem = catalogue.problems[path] {
                heroProblem = .error(location, "picture '\(image.path)' cannot be shown: \(problem)")
            } else {
                heroProblem = .error(location, "'image: \(image.path)' names no picture in the content folder "
                    + "(write its path from this page's file, like a Markdown image)")
            }
        }
        let rendered = markdown.render(page.body, file: page.displayPath, firstLine: page.bodyFirstLine,
            resolveLink: { resolver.resolve($0, from: source) },
            showImage: { request in
                guard let path = resolver.contentFile(request.destination, from: source) else { return .asWritten }
                if let problem = catalogue.problems[path] {
                    return .broken("picture '\(request.destination)' cannot be shown: \(problem)")
                }
                guard let picture = catalogue.picture(at: path) else { return .asWritten }
                pictures.append(path)
                let credit = request.title.isEmpty ? catalogue.credit(of: path, in: page.language) : request.title
                if let credit { credits.append(credit) }
                let html = PictureMarkup.html(picture, alt: request.alt, isFirst: request.position == 0 && hero == nil)
                return .html(inline: html, figure: credit.map { PictureMarkup.figure(html, credit: $0) })
            })
        return Content(rendered: rendered, pictures: pictures, credits: credits, hero: hero, heroProblem: heroProblem)
    }

    public func render(_ page: Page) -> PageOutcome {
        let content = content(of: page), rendered = content.rendered
        var html: [UInt8]?
        let variant = variant(for: page)
        let diagnostics = rendered.diagnostics + (content.heroProblem.map { [$0] } ?? [])
            + (site.related.problems[page.sourcePath] ?? [])
        if diagnostics.isEmpty, let theme = variant.theme {
            var values = context.values(for: page, rendered: rendered, site: variant.site,
                translations: site.translations(of: page),
                pictures: PageContext.Pictures(hero: content.hero, credits: content.credits))
            let relatedPages = site.relatedPages(of: page)
            if !relatedPages.isEmpty { values["related"] = .list(relatedPages.map(PageContext.link)) }
            if let taxonomies = context.taxonomies(of: page, titles: taxonomyTitles[page.language] ?? [:]) {
                values["taxonomies"] = taxonomies
            }
            html = theme.renderBytes(values, with: PageRenderer.templateName(for: page),
                capacity: rendered.html.utf8.count + 16 * 1024)
        }
        return PageOutcome(page: page, html: html, diagnostics: diagnostics,
            headings: rendered.headings, parts: rendered.parts, links: rendered.links, blocks: rendered.blocks,
            contentHTML: rendered.html, pictures: content.pictures)
    }

    /// A page Lantern makes itself, as a page of a language: titled from its strings, at its
    /// place in the language's URL space.
    private func specialPage(_ special: SpecialPage, in language: String) -> Page {
        generatedPage(title: templates?.localized(to: language).strings.text(special.titleKey) ?? "",
            template: special.template, place: special.place(in: site.config.urls(for: language)),
            pathInLanguage: special.outputPath, language: language)
    }

    /// A page Lantern makes itself at `place`, rendered with `template`.
    private func generatedPage(title: String, description: String = "", template: String, place: URLSpace.Place,
                               pathInLanguage: String, language: String) -> Page {
        let matter = FrontMatter(
            title: title, description: description,
            date: nil, lastReviewed: nil, reviewedBy: nil, tags: [], draft: false, weight: 0, slug: nil,
            aliases: [], layout: template, language: nil, params: [:], valueLocations: [:])
        return Page(sourcePath: place.outputPath, displayPath: place.outputPath, kind: .page,
            frontMatter: matter, body: "", bodyFirstLine: 1, sectionPath: "", url: place.url,
            outputPath: place.outputPath, isGenerated: true, language: language,
            pathInLanguage: pathInLanguage)
    }

    /// What a taxonomy is called in a language: `title:` in site.yaml, else the theme's
    /// `taxonomies.<key>` string, else its key.
    private static func title(of taxonomy: Taxonomy, strings: ThemeStrings, in language: String) -> String {
        if let title = taxonomy.title(in: language) { return title }
        let key = "taxonomies." + taxonomy.field
        return strings.located(key) != nil ? strings.text(key) : taxonomy.field.capitalized
    }

    /// Renders a taxonomy's list of terms (`term` nil), or the page of one of its terms, in a
    /// language, with the `taxonomy` or the `term` template.
    func renderTaxonomy(_ field: String, term slug: String?, in language: String) -> [UInt8] {
        guard let taxonomy = site.config.taxonomies.first(where: { $0.field == field }) else { return [] }
        let strings = self.strings(in: language)
        let name = taxonomyTitles[language]?[field] ?? PageRenderer.title(of: taxonomy, strings: strings, in: language)
        let list = site.place(of: taxonomy, in: language)
        let count = { (n: Int) -> TemplateValue in
            .text(strings.fill(strings.plural("taxonomy.count", count: n), ["count": String(n)]))
        }
        let rendered = RenderedMarkdown(html: "", headings: [], parts: [], links: [], blocks: [], diagnostics: [])
        let home = site.sectionPage("", in: language)
        let siteTitle = site.config.localized(to: language).title
        let page: Page
        var extra: [String: TemplateValue] = ["taxonomy": ["title": .text(name), "url": .text(list.url), "key": .text(field)]]
        var translations: [Page]
        var trail: [(title: String, url: String)] = home.map { [($0.title, $0.url)] } ?? []
        if let slug {
            guard let term = site.term(slug, of: field, in: language) else { return [] }
            page = generatedPage(title: term.name,
                description: strings.fill(strings.text("taxonomy.term_description"), ["term": term.name, "site": siteTitle]),
                template: "term",
                place: term.place,
                pathInLanguage: taxonomy.folder(in: language) + "/" + slug, language: language)
            translations = [page]
            extra["term"] = ["name": .text(term.name), "count": count(term.pages.count)]
            extra["pages"] = .list(term.pages.map { context.card(site.pages[$0]) })
            trail += [(name, list.url), (term.name, page.url)]
        } else {
            page = generatedPage(title: name,
                description: strings.fill(strings.text("taxonomy.description"), ["taxonomy": name, "site": siteTitle]),
                template: "taxonomy", place: list,
                pathInLanguage: taxonomy.folder(in: language), language: language)
            translations = site.config.languages.compactMap { other in
                if other.code == language { return page }
                guard !site.terms(of: field, in: other.code).isEmpty else { return nil }
                return generatedPage(title: name, template: "taxonomy", place: site.place(of: taxonomy, in: other.code),
                    pathInLanguage: taxonomy.folder(in: other.code), language: other.code)
            }
            extra["terms"] = .list(site.terms(of: field, in: language).map { term in
                [
                    "name": .text(term.name), "url": .text(term.place.url),
                    "count": .int(term.pages.count), "countText": count(term.pages.count),
                ]
            })
            trail += [(name, list.url)]
        }
        let variant = variant(for: page)
        guard let theme = variant.theme else { return [] }
        var values = context.values(for: page, rendered: rendered, site: variant.site, translations: translations)
        values.merge(extra) { $1 }
        if trail.count > 1 {
            values["breadcrumbs"] = .list(trail.enumerated().map { i, crumb in
                ["title": .text(crumb.title), "url": .text(crumb.url), "isLast": .bool(i == trail.count - 1)]
            })
        }
        return theme.renderBytes(values, with: page.frontMatter.layout ?? "term")
    }

    /// A page's content as HTML, its links resolved as on the page (for feeds).
    func contentHTML(of page: Page) -> String { content(of: page).rendered.html }

    static func templateName(for page: Page) -> String {
        if let layout = page.frontMatter.layout { return layout }
        switch page.kind {
        case .home: return "home"
        case .section: return "section"
        case .page: return "page"
        }
    }

    /// Renders a page Lantern makes itself (404, search, site index) in a language.
    func render(_ special: SpecialPage, in language: String = "") -> [UInt8] {
        let language = language.isEmpty ? site.config.defaultLanguage : language
        let translations = site.config.languages.map { specialPage(special, in: $0.code) }
        let page = specialPage(special, in: language)
        let rendered = RenderedMarkdown(html: "", headings: [], parts: [], links: [], blocks: [], diagnostics: [])
        let variant = variant(for: page)
        guard let theme = variant.theme else { return [] }
        var values = context.values(for: page, rendered: rendered, site: variant.site, translations: translations)
        if special == .notFound { values["breadcrumbs"] = nil }
        if special == .siteIndex { values["allSections"] = context.allSections(in: language) }
        if special == .search {
            values["searchStrings"] = .text(theme.strings.json(under: "search"))
            values["searchScripts"] = .list(Analyzer.forLanguage(language).browserScripts.map(TemplateValue.text))
        }
        return theme.renderBytes(values, with: special.template)
    }
}

/// Pages Lantern makes itself, each from its own template.
enum SpecialPage: CaseIterable {
    case notFound, search, siteIndex

    var template: String {
        switch self {
        case .notFound: return "404"
        case .search: return "search"
        case .siteIndex: return "site-index"
        }
    }

    var isRequired: Bool { self == .notFound }

    /// Its title's key in the theme's strings.
    var titleKey: String {
        switch self {
        case .notFound: return "not_found.title"
        case .search: return "search_page.title"
        case .siteIndex: return "site_index.title"
        }
    }

    /// Lantern's own pages keep folder URLs under `ugly_urls` too: the theme links to them.
    var place: URLSpace.Place { place(in: URLSpace(uglyURLs: false)) }

    /// Its place in a language's URL space (`/es/search/`), with a folder URL whatever the style.
    func place(in space: URLSpace) -> URLSpace.Place {
        let urls = URLSpace(uglyURLs: false, languagePrefix: space.languagePrefix)
        switch self {
        case .notFound: return urls.file("404.html")
        case .search: return urls.folder("search")
        case .siteIndex: return urls.folder("site-index")
        }
    }

    var url: String { place.url }
    var outputPath: String { place.outputPath }
}
