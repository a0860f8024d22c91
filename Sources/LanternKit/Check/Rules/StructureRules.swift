/// Images need alternative text for people who cannot see them.
struct ImageAltRule: CheckRule {
    let id = "image-alt"

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        outcome.links.filter { $0.isImage && $0.text.trimmingWhitespace().isEmpty }.map { image in
            warning(outcome.page, line: image.line, column: image.column,
                "image '\(image.destination)' has no alt text; describe it: ![what it shows](\(image.destination))")
        }
    }
}

/// Screen-reader users move by headings: levels must not skip, and the title is the only h1.
struct HeadingOrderRule: CheckRule {
    let id = "heading-order"

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var previous = 1  // the page title is the h1
        for heading in outcome.headings {
            if heading.level == 1 {
                found.append(warning(outcome.page, line: heading.line,
                    "a second h1 ('# \(heading.text)'): the title is the page's h1; use '##' here"))
            } else if heading.level > previous + 1 {
                found.append(warning(outcome.page, line: heading.line,
                    "heading jumps from h\(previous) to h\(heading.level) ('\(heading.text)'); "
                        + "use h\(previous + 1)"))
            }
            previous = heading.level
        }
        return found
    }
}

/// The description is what search results and link previews show.
struct DescriptionRule: CheckRule {
    let id = "missing-description"

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        let page = outcome.page
        guard !page.isGenerated, page.frontMatter.description.trimmingWhitespace().isEmpty else { return [] }
        return [warning(page, line: 1,
            "no description: add 'description:' with one plain sentence for search results")]
    }
}

/// Two pages with one title look the same in search results and browser tabs.
struct DuplicateTitleRule: CheckRule {
    let id = "duplicate-title"

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        let page = outcome.page
        guard !page.isGenerated else { return [] }
        let key = page.title.lowercased()
        let others = context.site.pages.filter {
            !$0.isGenerated && $0.sourcePath != page.sourcePath && $0.title.lowercased() == key
        }
        guard let other = others.first else { return [] }
        return [warning(page, line: page.frontMatter.location(of: "title")?.line ?? 1,
            "another page has the same title ('\(page.title)'): \(other.displayPath)")]
    }
}
