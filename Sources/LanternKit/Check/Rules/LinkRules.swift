import Foundation

/// Links whose anchor is not a heading of their target, and site URLs that lead nowhere.
struct BrokenAnchorRule: CheckRule {
    let id = "broken-link"

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for link in outcome.links where !link.isImage {
            let resolved = link.resolved
            guard resolved.hasPrefix("/") && !resolved.hasPrefix("//") || resolved.hasPrefix("#") else { continue }
            var path = resolved, fragment: String?
            if let hash = resolved.firstIndex(of: "#") {
                path = String(resolved[..<hash])
                fragment = String(resolved[resolved.index(after: hash)...]).removingPercentEncodingIfValid
            }
            if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
            let targetURL = path.isEmpty ? outcome.page.url : path
            if let anchors = context.anchorsByURL[targetURL] {
                if let fragment, !fragment.isEmpty, !anchors.contains(fragment) {
                    found.append(error(outcome.page, line: link.line, column: link.column,
                        "link '\(link.destination)' names a heading '#\(fragment)' that its page does not have"))
                }
            } else if !context.outputPaths.isEmpty, !context.outputPaths.contains(URLSpace.outputPath(forURL: path)) {
                found.append(error(outcome.page, line: link.line, column: link.column,
                    "link '\(link.destination)' leads to nothing on this site"))
            }
        }
        return found
    }

    /// Menu items of `site.yaml` whose URL on this site leads to nothing, with the URL of the
    /// page it names in the other URL style (`/faq/` under `ugly_urls`, where it is `/faq.html`).
    static func menuProblems(in context: CheckContext) -> [Diagnostic] {
        guard !context.outputPaths.isEmpty else { return [] }
        let site = context.site
        return site.config.languages.flatMap(\.menu).compactMap { item -> Diagnostic? in
            guard let location = item.location, item.url.hasPrefix("/"), !item.url.hasPrefix("//"),
                !context.outputPaths.contains(URLSpace.outputPath(forURL: item.url))
            else { return nil }
            let path = String(item.url.prefix { $0 != "#" && $0 != "?" })
            let meant = site.pages.first { page in
                var otherStyle = site.config.urls(for: page.language)
                otherStyle.uglyURLs.toggle()
                return otherStyle.page(sourcePath: page.pathInLanguage, slug: page.frontMatter.slug).url == path
            }
            return Diagnostic(.error, location,
                "menu item '\(item.title)' links to '\(item.url)', which leads to nothing on this site"
                    + (meant.map { "; the page is at \($0.url)" } ?? ""),
                rule: "broken-link")
        }
    }
}

/// Vague link text ("click here", "read more"; in Spanish "haga clic aquí", "más información")
/// and bare URLs tell a screen-reader user nothing.
struct LinkTextRule: CheckRule {
    let id = "link-text"

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        let vague = context.language(of: outcome.page).vagueLinkTexts
        return outcome.links.filter { !$0.isImage }.compactMap { link in
            let text = CheckLanguage.comparable(link.text)
            if vague.contains(text) {
                return warning(outcome.page, line: link.line, column: link.column,
                    "link text '\(link.text)' does not say where it goes; name the page instead")
            }
            if text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("www.")
                || text == CheckLanguage.comparable(link.destination)
            {
                return warning(outcome.page, line: link.line, column: link.column,
                    "a bare URL as link text is hard to read aloud; describe the page instead")
            }
            return nil
        }
    }
}

/// Anything in the content loaded from another site leaks a visitor's visit to that site,
/// which on a health site can reveal what they are reading about.
struct ThirdPartyResourceRule: CheckRule {
    let id = "third-party"

    /// Elements that make the browser fetch their `src` (or `href` for `link`) on page load.
    static let loadingTags = ["img", "iframe", "script", "embed", "object", "video", "audio", "source",
                              "link", "track", "input"]

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for link in outcome.links where link.isImage && isRemote(link.resolved) {
            found.append(error(outcome.page, line: link.line, column: link.column,
                "image loaded from another site (\(link.resolved)); copy it into the content folder "
                    + "so that visitors' browsers never contact other sites"))
        }
        guard context.site.config.unsafeMarkdown, let html = outcome.contentHTML else { return found }
        for url in remoteResources(in: html) {
            let line = lineOf(url, in: outcome.page)
            found.append(error(outcome.page, line: line,
                "content loads \(url) from another site; host it here or remove it"))
        }
        return found
    }

    private func isRemote(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//")
    }

    /// `src`/`href`/`data` attribute values of loading elements that point at other origins.
    func remoteResources(in html: String) -> [String] {
        var urls: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            guard let close = rest.firstIndex(of: ">") else { break }
            let tag = rest[..<close]
            let name = tag.prefix { $0.isLetter }.lowercased()
            if ThirdPartyResourceRule.loadingTags.contains(name) {
                for attribute in ["src", "href", "data", "poster", "srcset"] {
                    if let value = attributeValue(attribute, in: tag), isRemote(value) { urls.append(value) }
                }
            }
            rest = rest[close...]
        }
        return urls
    }

    private func attributeValue(_ name: String, in tag: Substring) -> String? {
        guard let range = tag.range(of: " \(name)=", options: .caseInsensitive) else { return nil }
        var text = tag[range.upperBound...]
        if let quote = text.first, quote == "\"" || quote == "'" {
            text = text.dropFirst()
            return String(text.prefix { $0 != quote })
        }
        return String(text.prefix { !$0.isWhitespace && $0 != ">" })
    }

    private func lineOf(_ needle: String, in page: Page) -> Int {
        guard let range = page.body.range(of: needle) else { return 0 }
        return page.bodyFirstLine + page.body[..<range.lowerBound].filter { $0 == "\n" }.count
    }
}
