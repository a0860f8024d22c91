import Foundation

/// The site-wide settings from `site.yaml`.
///
/// Keys Lantern itself uses are typed here; the whole file is also handed to templates as
/// `site`, so a theme can read keys Lantern knows nothing about (`site.clinic.phone`).
public struct SiteConfig: Sendable {
    public struct MenuItem: Sendable, Equatable {
        public var title: String
        public var url: String
        /// Where `site.yaml` names it (nil for the menu made of the top-level sections).
        public var location: SourceLocation? = nil
    }

    public var title: String
    /// Absolute, without a trailing slash: `https://clinic.example`.
    public var baseURL: String
    /// The language this configuration speaks: the site's default, or the one it was
    /// `localized(to:)`.
    public var language: String
    /// Every language of the site, the default first (`languages:`; just `language` without it).
    public var languages: [SiteLanguage] = []
    public var description: String
    /// Empty when `site.yaml` names none: the build then lists the top-level sections.
    public var menu: [MenuItem]
    /// Pages at `/section/page.html` instead of `/section/page/` (`ugly_urls`, Hugo's
    /// `uglyURLs`): one file per page and no folder, for hosts that do not serve a folder's
    /// `index.html`. Sections and the home page stay folders.
    public var uglyURLs: Bool
    /// Passes raw HTML in Markdown through (cmark's unsafe mode). Off by default.
    public var unsafeMarkdown: Bool
    /// Lay words and the terms they stand for, e.g. `meds: [medication]`.
    public var synonyms: [String: [String]]
    /// Words that all mean the same, each finding the others (`search.synonym_groups`).
    public var synonymGroups: [[String]] = []
    /// The built-in lay ↔ clinical vocabulary (`search.health_vocabulary`, on by default).
    public var healthVocabulary = true
    /// Above this many bytes of postings the search index is split into shards
    /// (`search.shard_kb`, default 256).
    public var searchShardBytes: Int
    public var maxReadingGrade: Double
    public var reviewMonths: Int
    /// At most this many pages in each feed (`feeds.limit`, default 20); 0 writes no feeds.
    public var feedLimit = 20
    /// At most this many related pages at the end of each content page, pinned ones first
    /// (`related.limit`, default 3); 0 shows none.
    public var relatedLimit = 3
    /// `taxonomies:`: the front matter keys whose words get pages of their own (`tags`).
    public var taxonomies = Taxonomy.defaults
    /// `theme:`: colours, logo and footer links of the built-in theme.
    public var theme = ThemeSettings()
    /// `images:`: the variants made of every picture, and the limits pictures are held to.
    public var images = ImageSettings()
    /// The whole file as template values.
    var templateValues: [String: TemplateValue]

    public static let defaultBaseURL = "http://localhost:1313"

    /// Parses `site.yaml`; `file` is the path to show in messages.
    public static func parse(_ text: String, file: String) throws(BuildFailure) -> SiteConfig {
        let root = try YAMLReader.read(text, file: file)
            ?? YAMLValue(kind: .map([]), location: SourceLocation(file: file, line: 1))
        guard root.entries != nil else {
            throw BuildFailure(.error(root.location,
                "site configuration must be a mapping of keys to values, like 'title: My clinic'"))
        }
        var fields = YAMLFields(root)
        var config = SiteConfig(
            title: fields.string("title") ?? "Untitled site",
            baseURL: defaultBaseURL, language: fields.string("language") ?? "en",
            description: fields.string("description") ?? "", menu: [], uglyURLs: fields.bool("ugly_urls") ?? false,
            unsafeMarkdown: false,
            synonyms: [:], searchShardBytes: 256 * 1024, maxReadingGrade: 8, reviewMonths: 12,
            templateValues: root.templateValue.object ?? [:])

        if let base = fields.string("base_url") {
            if let normalized = normalizedBaseURL(base) {
                config.baseURL = normalized
            } else {
                fields.error(root["base_url"]!.location,
                    "'base_url' must be an absolute http(s) URL like https://clinic.example, found '\(base)'")
            }
        }
        if let markdown = fields.mapping("markdown") {
            var markdownFields = YAMLFields(markdown)
            config.unsafeMarkdown = markdownFields.bool("unsafe") ?? false
            fields.absorb(markdownFields)
        }
        if let check = fields.mapping("check") {
            var checkFields = YAMLFields(check)
            if let grade = checkFields.int("max_grade") { config.maxReadingGrade = Double(grade) }
            config.reviewMonths = checkFields.int("review_months") ?? 12
            fields.absorb(checkFields)
        }
        if let feeds = fields.mapping("feeds") {
            var feedFields = YAMLFields(feeds)
            if let limit = feedFields.int("limit") { config.feedLimit = max(0, limit) }
            fields.absorb(feedFields)
        }
        if let related = fields.mapping("related") {
            var relatedFields = YAMLFields(related)
            if let limit = relatedFields.int("limit") { config.relatedLimit = max(0, limit) }
            fields.absorb(relatedFields)
        }
        if let search = fields.mapping("search") {
            let synonyms = readSynonymSettings(search, fields: &fields)
            if let oneWay = synonyms.oneWay { config.synonyms = oneWay }
            if let groups = synonyms.groups { config.synonymGroups = groups }
            var searchFields = YAMLFields(search)
            if let builtIn = searchFields.bool("health_vocabulary") { config.healthVocabulary = builtIn }
            if let kilobytes = searchFields.int("shard_kb") { config.searchShardBytes = max(1, kilobytes) * 1024 }
            fields.absorb(searchFields)
        }
        if let taxonomies = root["taxonomies"] {
            Taxonomy.read(taxonomies, language: "", into: &config.taxonomies, fields: &fields)
        }
        if let theme = fields.mapping("theme") {
            config.theme = ThemeSettings.read(theme, fields: &fields)
        }
        if let images = fields.mapping("images") {
            config.images = ImageSettings.read(images, fields: &fields)
        }
        if let menu = root["menu"] {
            config.menu = readMenu(menu, fields: &fields)
        }
        config.languages = [SiteLanguage(code: config.language, name: SiteLanguage.defaultName(of: config.language),
            prefix: "", title: config.title, description: config.description, menu: config.menu,
            templateValues: config.templateValues)]
        if let languages = root["languages"], !languages.isNull {
            let read = readLanguages(languages, config: config,
                defaultCode: root["language"].flatMap { $0.isNull ? nil : config.language }, fields: &fields)
            for entry in languages.entries ?? [] {
                if let taxonomies = entry.value["taxonomies"] {
                    Taxonomy.read(taxonomies, language: entry.key, into: &config.taxonomies, fields: &fields)
                }
            }
            if !read.isEmpty {
                config.languages = read
                config = config.localized(to: read[0].code)
            }
        }
        try fields.diagnostics.throwIfErrors()
        return config
    }

    /// Reads a site config from disk. A missing file is an error that says how to make one.
    public static func load(from path: String) throws(BuildFailure) -> SiteConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw BuildFailure(.error(SourceLocation(file: path),
                exists ? "cannot read the site configuration (check its permissions)"
                    : "no site configuration here; create it with at least 'title:' and 'base_url:'"))
        }
        let text = try SourceText.decode(data, file: path)
        return try parse(text, file: path)
    }

    /// The configuration with another base URL (the CLI's `--base-url`).
    public func with(baseURL: String) throws(BuildFailure) -> SiteConfig {
        guard let normalized = SiteConfig.normalizedBaseURL(baseURL) else {
            throw BuildFailure(.error(SourceLocation(file: "--base-url"),
                "must be an absolute http(s) URL like https://clinic.example, found '\(baseURL)'"))
        }
        var copy = self
        copy.baseURL = normalized
        return copy
    }

    static func normalizedBaseURL(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host != nil
        else { return nil }
        var result = text
        while result.hasSuffix("/") { result.removeLast() }
        return result
    }

    /// `synonyms` and `synonym_groups` of a `search:` mapping (the site's, or a language's),
    /// nil where it has none.
    static func readSynonymSettings(_ search: YAMLValue, fields: inout YAMLFields)
        -> (oneWay: [String: [String]]?, groups: [[String]]?)
    {
        (search["synonyms"].map { readSynonyms($0, fields: &fields) },
         search["synonym_groups"].map { readSynonymGroups($0, fields: &fields) })
    }

    private static func readSynonyms(_ value: YAMLValue, fields: inout YAMLFields) -> [String: [String]] {
        guard let entries = value.entries else {
            fields.error(value.location,
                "'search.synonyms' must map a word to a list of words, like 'meds: [medication]'")
            return [:]
        }
        var synonyms: [String: [String]] = [:]
        for entry in entries {
            var terms: [String] = []
            switch entry.value.kind {
            case .list(let items):
                terms = items.compactMap(\.scalarText)
            default:
                if let text = entry.value.scalarText { terms = [text] }
            }
            if terms.isEmpty {
                fields.error(entry.value.location,
                    "synonym '\(entry.key)' needs a list of words, like '\(entry.key): [word, other words]'")
            }
            synonyms[entry.key] = terms
        }
        return synonyms
    }

    private static func readSynonymGroups(_ value: YAMLValue, fields: inout YAMLFields) -> [[String]] {
        let example = "like '- [teen, teenager, adolescent]'"
        guard case .list(let groups) = value.kind else {
            fields.error(value.location, "'search.synonym_groups' must be a list of word lists, \(example)")
            return []
        }
        var result: [[String]] = []
        for group in groups {
            guard case .list(let items) = group.kind else {
                fields.error(group.location, "a synonym group must be a list of words, \(example)")
                continue
            }
            let words = items.compactMap(\.scalarText)
            if words.count < 2 || words.count != items.count {
                fields.error(group.location, "a synonym group needs two words or more, \(example)")
                continue
            }
            result.append(words)
        }
        return result
    }

    static func readMenu(_ value: YAMLValue, fields: inout YAMLFields) -> [MenuItem] {
        guard case .list(let items) = value.kind else {
            fields.error(value.location,
                "'menu' must be a list of items with 'title' and 'url'")
            return []
        }
        var menu: [MenuItem] = []
        for item in items {
            guard let title = item["title"]?.scalarText, let url = item["url"]?.scalarText else {
                fields.error(item.location, "each menu item needs 'title' and 'url'")
                continue
            }
            menu.append(MenuItem(title: title, url: url, location: item["url"]?.location ?? item.location))
        }
        return menu
    }
}
