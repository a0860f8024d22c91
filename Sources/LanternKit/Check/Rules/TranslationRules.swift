/// A link from a page in one language to a page that has no translation into it leads to the
/// page in its own language (marked `hreflang` and "(en inglés)"): worth knowing, so that the
/// translation can be written or the link changed.
struct OtherLanguageLinkRule: CheckRule {
    let id = "untranslated-link"

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        let page = outcome.page
        let config = context.site.config
        return outcome.links.compactMap { link -> Diagnostic? in
            guard let language = link.language else { return nil }
            let own = config.language(page.language)?.name ?? page.language
            let theirs = config.language(language)?.name ?? language
            return warning(page, line: link.line, column: link.column,
                "link '\(link.destination)' leads to a page in \(theirs) (\(language)): it has no \(own) "
                    + "translation yet, so the link says so; translate that page or link to another")
        }
    }
}

/// Sections a clinic says must be in every language (`check.translate_sections`): each page
/// of the default language there needs a translation into every other language.
struct MissingTranslationRule: CheckRule {
    let id = "missing-translation"

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        let page = outcome.page
        let site = context.site
        guard !page.isGenerated, page.language == site.config.defaultLanguage,
            let section = page.pathInLanguage.split(separator: "/").first.map(String.init),
            page.pathInLanguage.contains("/"), context.translateSections.contains(section)
        else { return [] }
        return site.config.languages.dropFirst().compactMap { language -> Diagnostic? in
            if let translation = site.translation(of: page, in: language.code), !translation.isGenerated { return nil }
            return warning(page, line: 1,
                "no \(language.name) (\(language.code)) translation, and check.translate_sections asks for every "
                    + "page of '\(section)'; add \(PagePath.path(page.pathInLanguage, inLanguage: language.code, isDefault: false))")
        }
    }
}

/// A translation older than the page it translates may say what the page no longer says:
/// the page was reviewed (`last_reviewed`) after its translation was.
struct StaleTranslationRule: CheckRule {
    let id = "stale-translation"

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        let page = outcome.page
        let site = context.site
        guard !page.isGenerated, page.language != site.config.defaultLanguage,
            let original = site.translation(of: page, in: site.config.defaultLanguage), !original.isGenerated,
            let reviewed = original.frontMatter.lastReviewed
        else { return [] }
        let line = page.frontMatter.location(of: "last_reviewed")?.line ?? 1
        guard let translated = page.frontMatter.lastReviewed else {
            return [warning(page, line: line, "\(original.displayPath) was reviewed on \(reviewed.iso) and this "
                + "translation has no 'last_reviewed:'; check it against that page and add the date")]
        }
        guard translated < reviewed else { return [] }
        return [warning(page, line: line, "\(original.displayPath) was reviewed on \(reviewed.iso), after this "
            + "translation (\(translated.iso)); bring the translation up to date and change its 'last_reviewed'")]
    }
}

enum ThemeStringTranslation {
    /// Every string the default language's table has and another language of the site has
    /// not (it shows in the default language on that language's pages), at the line that
    /// writes it in the default language.
    static func untranslated(_ templates: TemplateLibrary, config: SiteConfig) -> [Diagnostic] {
        let tables = templates.strings.tables
        let defaultCode = config.defaultLanguage.lowercased()
        guard let source = tables[defaultCode] ?? tables[LanguageTag.primarySubtag(defaultCode)]
            ?? tables[ThemeStrings.fallbackLanguage]
        else { return [] }
        var found: [Diagnostic] = []
        for language in config.languages.dropFirst() {
            let strings = templates.localized(to: language.code).strings
            // The chain ends in English for every language; only English itself may count it.
            let isEnglish = LanguageTag.primarySubtag(language.code) == ThemeStrings.fallbackLanguage
            let own = strings.languages.filter { $0 != ThemeStrings.fallbackLanguage || isEnglish }
            let translated = Set(own.flatMap { tables[$0]?.keys ?? [:].keys })
            for (key, entry) in source.sorted(by: { $0.key < $1.key }) where !translated.contains(key) {
                found.append(Diagnostic(.warning, entry.location,
                    "string '\(key)' has no \(language.name) (\(language.code)) translation, so \(language.name) "
                        + "pages show it in this language; add it to strings/\(language.code).yaml",
                    rule: "untranslated-string"))
            }
        }
        return found
    }
}
