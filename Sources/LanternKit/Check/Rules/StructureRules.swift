/// Images need alternative text for people who cannot see them.
struct ImageAltRule: CheckRule {
    let id = "image-alt"

    /// Longer than this, alt text is a caption's work: screen readers read it in one breath.
    static let longestAlt = 150

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let matter = outcome.page.frontMatter
        if let image = matter.image {
            let line = matter.location(of: "image")?.line ?? 1
            if image.alt == nil {
                // Only an explicit empty alt says a picture is decorative; a missing one is forgotten.
                found.append(warning(outcome.page, line: line,
                    "'image: \(image.path)' has no 'image_alt:'; describe the picture, or write image_alt: \"\" "
                        + "if it is only decoration"))
            } else if let alt = image.alt, ImageAltRule.isFileName(alt) {
                found.append(warning(outcome.page, line: matter.location(of: "image_alt")?.line ?? line,
                    "'image_alt' is a file name ('\(alt)'); say what the picture shows to someone who cannot see it"))
            }
        }
        return found + outcome.links.filter(\.isImage).compactMap { image in
            let alt = image.text.trimmingWhitespace()
            if ImageRequest.marksDecoration(alt) { return nil }
            if alt.isEmpty {
                return warning(outcome.page, line: image.line, column: image.column,
                    "image '\(image.destination)' has no alt text; describe it: ![what it shows](\(image.destination)), "
                        + "or write ![\"\"](\(image.destination)) if it is only decoration")
            }
            if ImageAltRule.isFileName(alt) {
                return warning(outcome.page, line: image.line, column: image.column,
                    "the alt text of image '\(image.destination)' is a file name ('\(alt)'); "
                        + "say what the picture shows to someone who cannot see it")
            }
            if alt.count > ImageAltRule.longestAlt {
                return warning(outcome.page, line: image.line, column: image.column,
                    "the alt text of image '\(image.destination)' is \(alt.count) characters long; keep it under "
                        + "\(ImageAltRule.longestAlt) and put the rest in the page's text or the caption")
            }
            return nil
        }
    }

    /// `IMG_2041.jpg`, `photo.png`, `DSC01234`: what a camera or an editor names a file.
    static func isFileName(_ alt: String) -> Bool {
        if !alt.contains(" "), ImageFormat(fileName: alt) != nil { return true }
        let upper = alt.uppercased()
        for prefix in ["IMG_", "IMG-", "DSC", "DCIM", "PXL_", "SCREENSHOT"] where upper.hasPrefix(prefix) {
            let rest = upper.dropFirst(prefix.count)
            if rest.isEmpty || rest.first!.isNumber || rest.first == "_" || rest.first == " " { return true }
        }
        return false
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
