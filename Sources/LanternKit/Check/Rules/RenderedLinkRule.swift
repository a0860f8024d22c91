import Foundation

/// Every link of the built site's HTML (pages, special pages, redirect pages: what the theme,
/// the menu, the strings and `site.yaml` wrote into them) must lead to a file the build wrote,
/// and its `#fragment` to an id of that page.
///
/// A link is reported once, where it was written: the first template, strings file or
/// `site.yaml` that holds it literally (`href="/contact/"`), else the page it is on. Links
/// inside a page's Markdown content are left to `BrokenAnchorRule` and the build, which know
/// their lines; menu items to `BrokenAnchorRule.menuProblems`, which knows theirs.
enum RenderedLinkRule {
    static let id = "broken-link"

    /// A text to find links' literals in: a template, a strings file, `site.yaml`.
    struct Source: Sendable {
        var file: String
        var text: String
    }

    /// - Parameter sources: where links may be written, in the order to look.
    static func problems(in output: MemoryOutput, outcomes: [PageOutcome], site: Site, sources: [Source])
        -> [Diagnostic]
    {
        let paths = output.paths.filter { $0.hasSuffix(".html") }.sorted()
        let outputPaths = Set(output.paths)
        var outcomeByPath: [String: PageOutcome] = [:]
        for outcome in outcomes { outcomeByPath[outcome.page.outputPath] = outcome }
        let menuURLs = Set(site.config.languages.flatMap(\.menu).map(\.url))

        // Scanned on every core, with where each page's Markdown content sits in its HTML.
        let outcomeOf = outcomeByPath
        let scanned = paths.parallelMap { path -> (scan: HTMLLinkScanner, content: Range<Int>?) in
            let html = output.file(path) ?? []
            return (HTMLLinkScanner(html), outcomeOf[path].flatMap { contentRange(of: $0, in: html) })
        }
        var idsByPath: [String: Set<String>] = [:]
        for (path, page) in zip(paths, scanned) { idsByPath[path] = page.scan.ids }

        struct Problem {
            var message: String
            var pages: [String]
        }
        var problems: [String: Problem] = [:]  // by the link as written and what is wrong
        var order: [String] = []
        for (path, (scan, content)) in zip(paths, scanned) {
            let pageURL = URLSpace.url(ofOutput: path)
            for link in scan.links where HTMLLinkScanner.isLocal(link.url) && !menuURLs.contains(link.url) {
                if let content, content.contains(link.offset) { continue }
                let (target, fragment) = resolve(link.url, from: pageURL)
                let file = [target, target + "/index.html"].first(where: outputPaths.contains)
                var message: String?
                if file == nil {
                    message = "link '\(link.url)' leads to nothing on this site"
                    // The page in the other URL style (`/faq/` under `ugly_urls`, where it is `/faq.html`).
                    if let other = URLSpace.otherStyle(ofOutput: target), outputPaths.contains(other) {
                        message! += "; the page is at \(URLSpace.url(ofOutput: other))"
                    }
                } else if let file, let fragment, !fragment.isEmpty, fragment != "top",
                    let ids = idsByPath[file], !ids.contains(fragment)
                {
                    message = "link '\(link.url)' names an id '#\(fragment)' that its page does not have"
                }
                guard let message else { continue }
                let key = link.written + "\n" + message
                if problems[key] == nil { order.append(key) }
                problems[key, default: Problem(message: message, pages: [])].pages.append(pageURL)
            }
        }

        var located: [String: SourceLocation] = [:]
        return order.map { key in
            let problem = problems[key]!
            let written = String(key.prefix { $0 != "\n" })
            let firstPage = problem.pages[0]
            let location = located[written] ?? literal(written, in: sources)
                ?? outcomes.first { $0.page.url == firstPage }?.page.location(line: 0)
                ?? SourceLocation(file: String(firstPage.dropFirst()))
            located[written] = location
            let count = Set(problem.pages).count
            let whereFound = count == 1 ? "on \(firstPage)" : "on \(count) pages, e.g. \(firstPage)"
            return Diagnostic(.error, location, problem.message + " (\(whereFound))", rule: id)
        }
    }

    /// The output path a link leads to from the page at `pageURL` (`../b/#x` from `/a/c/` is
    /// `a/b/index.html`, fragment `x`); percent-encoding decoded.
    static func resolve(_ link: String, from pageURL: String) -> (path: String, fragment: String?) {
        var path = Substring(link), fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...]).removingPercentEncodingIfValid
            path = path[..<hash]
        }
        if let query = path.firstIndex(of: "?") { path = path[..<query] }
        let absolute: String
        if path.isEmpty {
            absolute = pageURL
        } else if path.hasPrefix("/") {
            absolute = String(path)
        } else {
            absolute = String(pageURL[...(pageURL.lastIndex(of: "/") ?? pageURL.startIndex)]) + path
        }
        // `.` and `..` segments, as a browser resolves them.
        var segments: [Substring] = []
        let parts = absolute.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, part) in parts.enumerated() {
            let isLast = index == parts.count - 1
            if part == "." { if isLast { segments.append("") }; continue }
            if part == ".." {
                if !segments.isEmpty { segments.removeLast() }
                if isLast { segments.append("") }
                continue
            }
            segments.append(part)
        }
        return (URLSpace.outputPath(ofDecoded: segments.joined(separator: "/").removingPercentEncodingIfValid), fragment)
    }

    /// Where a page's Markdown content sits in its HTML (the template writes it as it is).
    private static func contentRange(of outcome: PageOutcome, in html: [UInt8]) -> Range<Int>? {
        guard var content = outcome.contentHTML, !content.isEmpty else { return nil }
        return content.withUTF8 { needle in
            html.withUnsafeBufferPointer { haystack -> Range<Int>? in
                // memchr to each candidate first byte, memcmp for the rest (glibc's memmem is
                // a GNU extension Swift's Glibc module leaves out).
                guard let base = haystack.baseAddress, let needleBase = needle.baseAddress else { return nil }
                var start = 0
                while haystack.count - start >= needle.count,
                    let hit = memchr(base + start, Int32(needleBase.pointee), haystack.count - start - needle.count + 1)
                {
                    let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, needleBase, needle.count) == 0 { return offset..<(offset + needle.count) }
                    start = offset + 1
                }
                return nil
            }
        }
    }

    /// The first place a source writes `value` as a whole attribute value (between quotes, or
    /// after `=`), with its line and column.
    static func literal(_ value: String, in sources: [Source]) -> SourceLocation? {
        guard !value.isEmpty else { return nil }
        for source in sources {
            var searchFrom = source.text.startIndex
            while let range = source.text.range(of: value, range: searchFrom..<source.text.endIndex) {
                searchFrom = range.upperBound
                let before = range.lowerBound > source.text.startIndex
                    ? source.text[source.text.index(before: range.lowerBound)] : " "
                let after = range.upperBound < source.text.endIndex ? source.text[range.upperBound] : "\n"
                guard "\"'=".contains(before) || before == " " && source.file.hasSuffix(".yaml"),
                    "\"' >\n,".contains(after)
                else { continue }
                let prefix = source.text[..<range.lowerBound]
                let line = prefix.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                let column = prefix.count - (prefix.lastIndex(of: "\n").map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
                return SourceLocation(file: source.file, line: line, column: column)
            }
        }
        return nil
    }
}
