/// One page as the search index sees it.
///
/// The build fills these from the Markdown AST; the index builder never sees Markdown.
public struct SearchDocument: Sendable, Equatable {
    /// Site-relative URL with a trailing slash, e.g. "/therapies/cbt/".
    public var url: String
    public var title: String
    /// Title of the page's section, e.g. "Therapies"; "" for top-level pages.
    public var section: String
    public var description: String
    public var tags: [String]
    /// The page split at h2/h3, in page order; the first part is the text before the first
    /// heading and has the anchor "".
    public var parts: [TextPart]

    public init(
        url: String,
        title: String,
        section: String = "",
        description: String = "",
        tags: [String] = [],
        parts: [TextPart]
    ) {
        self.url = url
        self.title = title
        self.section = section
        self.description = description
        self.tags = tags
        self.parts = parts
    }
}

extension SearchDocument {
    /// The parts with the numbers the index gives them: 0 for the top of the page (the text
    /// before the first h2/h3), k for the part under the page's k-th h2/h3 heading. A result
    /// links to `#anchor` of its part, or to the page for part 0.
    var numberedParts: [(number: Int, part: TextPart)] {
        var number = 0
        return parts.map { part in
            if !part.anchor.isEmpty { number += 1 }
            return (number, part)
        }
    }
}
