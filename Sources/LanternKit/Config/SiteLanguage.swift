/// One language of the site, from `languages:` in `site.yaml`: where its pages go and what the
/// theme shows in it (title, description, menu and every other key it sets, such as the
/// crisis block, the disclaimer or the clinic's hours, over the top-level values).
///
/// The site's default language (`language:`, else the first listed) is at `/`; every other
/// language is under its code (`/es/`). A site without `languages:` has one: `language:`.
public struct SiteLanguage: Sendable, Equatable {
    /// `es`, `en`, `pt-BR` (as `<html lang>` and `hreflang` write it).
    public var code: String
    /// The language's name in itself (`Español`), as the language switcher shows it.
    public var name: String
    /// The folder of its pages: empty for the default language, else its code.
    public var prefix: String
    public var title: String
    public var description: String
    public var menu: [SiteConfig.MenuItem]
    /// `site.yaml` as templates see it, with this language's values over the top-level ones
    /// (mappings merged key by key, so `clinic: {hours: …}` keeps the clinic's name).
    var templateValues: [String: TemplateValue]
    /// Where `site.yaml` names it (nil for a site without `languages:`).
    var location: SourceLocation?
    /// Its own `search.synonyms` and `search.synonym_groups`, in its words (nil: the site's,
    /// the top-level ones): a synonym is a word of one language, stemmed by its analyzer.
    var synonyms: [String: [String]]? = nil
    var synonymGroups: [[String]]? = nil

    /// A language code as BCP 47 writes the common ones: 2–3 lower-case letters, then
    /// optional subtags (`es`, `pt-BR`, `zh-Hant`). File names use it too (`cbt.es.md`).
    static func isCode(_ text: some StringProtocol) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
            first.allSatisfy({ $0.isASCII && $0.isLowercase })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// Names of languages in themselves, for a `languages:` entry without `name:`.
    static let knownNames: [String: String] = [
        "ar": "العربية", "de": "Deutsch", "en": "English", "es": "Español", "fr": "Français",
        "ht": "Kreyòl ayisyen", "it": "Italiano", "ko": "한국어", "pl": "Polski", "pt": "Português",
        "ru": "Русский", "tl": "Tagalog", "vi": "Tiếng Việt", "zh": "中文",
    ]

    static func defaultName(of code: String) -> String {
        knownNames[LanguageTag.primarySubtag(code)] ?? code
    }

    /// `new` over `old`: mappings merged key by key, anything else replaced.
    static func merged(_ old: TemplateValue?, _ new: TemplateValue) -> TemplateValue {
        guard case .object(var fields)? = old, case .object(let newFields) = new else { return new }
        for (key, value) in newFields { fields[key] = merged(fields[key], value) }
        return .object(fields)
    }
}

extension SiteConfig {
    /// Reads `languages:`; the default language gets the top-level values where it sets none,
    /// every other language must have its own title.
    static func readLanguages(_ value: YAMLValue, config: SiteConfig, defaultCode: String?,
                              fields: inout YAMLFields) -> [SiteLanguage] {
        guard let entries = value.entries, !entries.isEmpty else {
            fields.error(value.location, "'languages' must map language codes to their settings, like "
                + "'es: {title: Mi clínica}'")
            return []
        }
        let defaultCode = defaultCode ?? entries[0].key
        if !entries.contains(where: { $0.key == defaultCode }) {
            fields.error(fields.location(of: "language"), "the site's language '\(defaultCode)' is not one of "
                + "'languages' (\(entries.map(\.key).joined(separator: ", "))); add it there or change 'language'")
        }
        var languages: [SiteLanguage] = []
        for entry in entries {
            let code = entry.key
            guard SiteLanguage.isCode(code) else {
                fields.error(entry.keyLocation, "'\(code)' is not a language code; write it as BCP 47 does, "
                    + "in lower case, like 'es' or 'pt-BR'")
                continue
            }
            let isDefault = code == defaultCode
            let settings = entry.value.isNull
                ? YAMLValue(kind: .map([]), location: entry.value.location) : entry.value
            guard settings.entries != nil else {
                fields.error(entry.value.location, "language '\(code)' must be a mapping of settings, like "
                    + "'title: …', 'menu: …'")
                continue
            }
            var own = YAMLFields(settings)
            let title = own.string("title")
            if title == nil && !isDefault {
                own.error(entry.keyLocation, "language '\(code)' needs a title: add 'title: …' under "
                    + "languages.\(code) (the site's own title is in another language)")
            }
            var language = SiteLanguage(
                code: code, name: own.string("name") ?? SiteLanguage.defaultName(of: code),
                prefix: isDefault ? "" : code, title: title ?? config.title,
                description: own.string("description") ?? config.description,
                menu: config.menu, templateValues: config.templateValues, location: entry.keyLocation)
            if let menu = settings["menu"] { language.menu = readMenu(menu, fields: &own) }
            if let search = own.mapping("search") {
                (language.synonyms, language.synonymGroups) = readSynonymSettings(search, fields: &own)
            }
            for item in settings.entries ?? [] where item.key != "name" && item.key != "search" {
                language.templateValues[item.key] = SiteLanguage.merged(language.templateValues[item.key],
                    item.value.templateValue)
            }
            fields.absorb(own)
            languages.append(language)
        }
        // The default language first: it is the one at `/`.
        return languages.filter { $0.code == defaultCode } + languages.filter { $0.code != defaultCode }
    }

    /// The site as one of its languages shows it: its title, description, menu and template
    /// values, and its URL space. `code` must be one of `languages`.
    public func localized(to code: String) -> SiteConfig {
        guard let language = languages.first(where: { $0.code == code }) else { return self }
        var copy = self
        copy.language = code
        copy.title = language.title
        copy.description = language.description
        copy.menu = language.menu
        copy.templateValues = language.templateValues
        copy.synonyms = language.synonyms ?? synonyms
        copy.synonymGroups = language.synonymGroups ?? synonymGroups
        return copy
    }

    /// The site's default language, at `/`.
    public var defaultLanguage: String { languages.first?.code ?? language }

    /// The language of this code, if the site has it.
    public func language(_ code: String) -> SiteLanguage? { languages.first { $0.code == code } }
}
