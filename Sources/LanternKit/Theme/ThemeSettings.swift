import Foundation

/// `theme:` in `site.yaml`: what a site sets instead of copying and editing the theme's files.
/// Colours become CSS custom properties (a generated stylesheet the base template links when
/// there is one), the rest template values under `site.theme`.
public struct ThemeSettings: Sendable, Equatable {
    /// Buttons, the masthead, borders: `--brand`.
    public var brand: Colour?
    /// Text on the brand colour: `--on-brand` (the theme's is white).
    public var onBrand: Colour?
    /// Links: `--link` and `--link-hover`.
    public var accent: Colour?
    /// The picture beside the site's title, a URL inside the site (`/images/logo.svg`).
    public var logo: String?
    /// The footer links to show, by name (`footer_links`); all of them unless the site says.
    public var footerLinks: [String] = ThemeSettings.footerLinkNames

    public init() {}

    /// The theme's pages the footer can link to, in its order.
    public static let footerLinkNames = ["contact", "get-help-now", "glossary", "site-index"]
    /// The pages the theme links to: a name in `site.theme.links` → the content file.
    static let linkedPages = ["contact": "contact.md", "get_help_now": "get-help-now.md", "glossary": "glossary.md"]
    /// The light page backgrounds of the built-in theme (`--bg`, `--surface` in
    /// `Templates/assets/site.css`), against which brand and accent are measured.
    static let backgrounds = [Colour(hex: "#fbfaf7")!, Colour.white]
    static let defaultLogo = "/assets/icon.svg"
    /// The widest the built-in theme shows a page's content, in CSS pixels: its column
    /// (`--measure: 70ch` in `Templates/assets/site.css`, at its 18 px text) at most. Pictures'
    /// `sizes` are made from it.
    static let contentWidth = 700
    /// Where the generated stylesheet goes, in the theme and in the output.
    static let stylesheetPath = "assets/theme-settings.css"

    /// WCAG 2.2 AA: 1.4.3 for text, 1.4.11 for the parts of controls.
    static let textContrast = 4.5
    static let componentContrast = 3.0

    /// Reads `theme:`; every problem goes to `fields` at its line.
    static func read(_ map: YAMLValue, fields: inout YAMLFields) -> ThemeSettings {
        var theme = YAMLFields(map)
        var settings = ThemeSettings()
        func colour(_ key: String) -> Colour? {
            guard let value = map[key] else { return nil }
            if case .null = value.kind {
                theme.error(value.location, "'theme.\(key)' has no value: write the colour in quotes, "
                    + "like \(key): \"#1d4e5f\" (YAML reads an unquoted # as the start of a comment)")
                return nil
            }
            guard let text = theme.string(key) else { return nil }
            guard let colour = Colour(hex: text) else {
                theme.error(value.location, "'theme.\(key)' must be a colour written #rrggbb or #rgb, "
                    + "like \"#1d4e5f\"; found '\(text)'")
                return nil
            }
            return colour
        }
        settings.brand = colour("brand")
        settings.onBrand = colour("on_brand")
        settings.accent = colour("accent")
        if let logo = theme.string("logo") {
            if logo.hasPrefix("/") && !logo.hasPrefix("//") {
                settings.logo = logo
            } else {
                theme.error(map["logo"]!.location, "'theme.logo' must be a URL inside the site that starts "
                    + "with /, like /images/logo.svg (a file in the content folder); found '\(logo)'")
            }
        }
        if let links = theme.stringList("footer_links") {
            for name in links where !footerLinkNames.contains(name) {
                theme.error(map["footer_links"]!.location, "'theme.footer_links' names '\(name)', which the "
                    + "footer does not have; choose from \(footerLinkNames.joined(separator: ", "))")
            }
            settings.footerLinks = links.filter(footerLinkNames.contains)
        }
        for key in theme.keys where !["brand", "on_brand", "accent", "logo", "footer_links"].contains(key) {
            theme.error(theme.location(of: key), "'theme.\(key)' is not a theme setting; the settings are "
                + "brand, on_brand, accent, logo and footer_links")
        }
        settings.checkContrast(map, fields: &theme)
        fields.absorb(theme)
        return settings
    }

    /// Every colour pair the theme shows must pass WCAG 2.2 AA; a failure is an error at the
    /// line of the colour the site set.
    private func checkContrast(_ map: YAMLValue, fields: inout YAMLFields) {
        func fail(_ key: String, _ what: String, _ a: Colour, _ b: Colour, needs: Double, advice: String) {
            let ratio = a.contrast(with: b)
            guard ratio < needs else { return }
            let shown = String(format: "%.2f", (ratio * 100).rounded(.down) / 100)
            fields.error(map[key]!.location, "\(what) (\(a) and \(b)) have a contrast of \(shown):1; WCAG 2.2 AA "
                + "needs at least \(String(format: "%g", needs)):1. \(advice)")
        }
        let onBrand = self.onBrand ?? .white
        if let brand {
            fail("brand", "text on the brand colour", onBrand, brand, needs: ThemeSettings.textContrast,
                advice: onBrand == .white && self.onBrand == nil
                    ? "Choose a darker brand, or set on_brand to a dark colour" : "Choose colours further apart")
            let background = ThemeSettings.backgrounds.min { brand.contrast(with: $0) < brand.contrast(with: $1) }!
            fail("brand", "buttons and borders in the brand colour on the page", brand, background,
                needs: ThemeSettings.componentContrast, advice: "Choose a darker brand")
        } else if let custom = self.onBrand {
            fail("on_brand", "text on the brand colour", custom, Colour(hex: "#1d4e5f")!,
                needs: ThemeSettings.textContrast, advice: "Choose a lighter on_brand, or set brand too")
        }
        if let accent {
            let background = ThemeSettings.backgrounds.min { accent.contrast(with: $0) < accent.contrast(with: $1) }!
            fail("accent", "links in the accent colour on the page", accent, background,
                needs: ThemeSettings.textContrast, advice: "Choose a darker accent")
        }
    }

    /// The CSS custom properties for the colours the site set, for the light colour scheme (in
    /// dark mode the theme's own dark palette stays); nil when it set none.
    var stylesheet: [UInt8]? {
        var properties: [String] = []
        if let brand { properties.append("--brand: \(brand);") }
        if let onBrand { properties.append("--on-brand: \(onBrand);") }
        if let accent { properties += ["--link: \(accent);", "--link-hover: \(accent);"] }
        if properties.isEmpty { return nil }
        let css = "/* Made by Lantern from theme: in site.yaml. */\n@media not (prefers-color-scheme: dark) {\n"
            + "  :root {\n" + properties.map { "    " + $0 + "\n" }.joined() + "  }\n}\n"
        return Array(css.utf8)
    }

    /// `site.theme` as templates see it in a language: `links` (the URLs of the theme's pages
    /// the site has in that language, as the site's URL style writes them), `footer` (those the
    /// footer shows), `logo`, `stylesheet` (when there is one) and the colours.
    func templateValue(for site: Site, language: String) -> TemplateValue {
        let urls = site.config.urls(for: language)
        var links: [String: TemplateValue] = [
            "home": .text(site.sectionPage("", in: language)?.url ?? urls.folder("").url),
            "search": .text(SpecialPage.search.place(in: urls).url),
            "site_index": .text(SpecialPage.siteIndex.place(in: urls).url),
        ]
        for (name, source) in ThemeSettings.linkedPages {
            if let page = site.pages.first(where: { $0.pathInLanguage == source && $0.language == language }) {
                links[name] = .text(page.url)
            }
        }
        var footer: [String: TemplateValue] = [:]
        for name in footerLinks {
            let key = name.replacingOccurrences(of: "-", with: "_")
            if let url = links[key] { footer[key] = url }
        }
        var values: [String: TemplateValue] = [
            "links": .object(links), "logo": .text(logo ?? ThemeSettings.defaultLogo),
        ]
        // None to show (`footer_links: []`, or none of the pages exist): no footer menu at all.
        if !footer.isEmpty { values["footer"] = .object(footer) }
        if stylesheet != nil { values["stylesheet"] = .text("/" + ThemeSettings.stylesheetPath) }
        if let brand { values["brand"] = .text(brand.description) }
        if let accent { values["accent"] = .text(accent.description) }
        return .object(values)
    }
}
