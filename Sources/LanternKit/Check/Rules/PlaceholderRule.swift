import Foundation

/// Text a writer still has to fill in: `TODO` in a page (its title, description or body) or
/// in `site.yaml`, as `lantern new` writes it. A note, not a warning, so that a new site passes
/// `lantern check --strict` while the list of what is left stays in view.
struct PlaceholderRule: CheckRule {
    let id = "placeholder"
    static let marker = "TODO"

    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic] {
        let page = outcome.page
        guard !page.isGenerated else { return [] }
        var found: [Diagnostic] = []
        for key in ["title", "description"] {
            let value = key == "title" ? page.frontMatter.title : page.frontMatter.description
            if value.contains(PlaceholderRule.marker) {
                found.append(note(page.frontMatter.location(of: key) ?? page.location(line: 1), value))
            }
        }
        for (i, line) in page.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains(PlaceholderRule.marker) {
            found.append(note(page.location(line: page.bodyFirstLine + i), String(line)))
        }
        return found
    }

    /// The placeholders of `site.yaml` (comment lines left out).
    static func configPlaceholders(at path: String) -> [Diagnostic] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.enumerated().compactMap { i, line in
            let text = line.drop { $0 == " " || $0 == "\t" }
            guard !text.hasPrefix("#"), text.contains(marker) else { return nil }
            return PlaceholderRule().note(SourceLocation(file: path, line: i + 1), String(text))
        }
    }

    private func note(_ location: SourceLocation, _ text: String) -> Diagnostic {
        let shown = text.trimmingCharacters(in: .whitespaces)
        return Diagnostic(.note, location, "still to fill in before publishing: \(shown.prefix(100))", rule: id)
    }
}
