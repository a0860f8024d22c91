/// The YAML block at the top of a page, between `---` lines.
public struct FrontMatter: Sendable, Equatable {
    public var title: String
    public var description: String
    public var date: SiteDate?
    public var lastReviewed: SiteDate?
    public var reviewedBy: String?
    public var tags: [String]
    public var draft: Bool
    public var weight: Int
    public var slug: String?
    public var aliases: [String]
    public var layout: String?
    public var language: String?
    /// Pairs translations whose file names differ (`cbt.md` and `tcc.es.md`); a translation
    /// beside its page (`cbt.es.md`) needs none.
    public var translationKey: String? = nil
    /// Every key Lantern does not define itself, for templates (`page.params.x`).
    var params: [String: TemplateValue]
    /// Where each key's value was written, so later stages can point at it.
    var valueLocations: [String: SourceLocation]
    /// The page's own picture (`image:`, `image_alt:`, `image_credit:`): shown at its top, in
    /// the lists of its section, and to sites a link to it is shared on (`og:image`).
    public var image: PageImage? = nil
    /// Pages the writer pins as related (`related:`), written as links are, shown before the
    /// ones Lantern picks.
    public var related: [String] = []

    /// `image:` and what goes with it.
    public struct PageImage: Sendable, Equatable {
        /// As written, relative to the page's file like a Markdown image.
        public var path: String
        /// nil when `image_alt:` is missing; empty for a decorative picture.
        public var alt: String?
        public var credit: String?
    }

    static let knownKeys: Set<String> = [
        "title", "description", "date", "last_reviewed", "reviewed_by", "tags", "draft", "weight",
        "slug", "aliases", "layout", "language", "translation_key", "image", "image_alt", "image_credit",
        "related",
    ]

    public func location(of key: String) -> SourceLocation? { valueLocations[key] }

    public func param(_ key: String) -> TemplateValue? { params[key] }

    private static func hasText(_ text: String) -> Bool {
        // Most words have a letter of ASCII; only the rest are read as characters.
        text.utf8.contains { $0 > 0x20 && $0 < 0x7F } || text.contains { !$0.isWhitespace }
    }

    /// The words of a taxonomy's key (`tags`, or a key of the site's own like `topics`), as
    /// written, empty ones left out.
    public func terms(of field: String) -> [String] {
        if field == "tags" { return tags.allSatisfy(Self.hasText) ? tags : tags.filter(Self.hasText) }
        switch params[field] {
        case .list(let items)?: return items.compactMap(\.scalarText).filter(Self.hasText)
        case let value?: return value.scalarText.map { Self.hasText($0) ? [$0] : [] } ?? []
        case nil: return []
        }
    }
}

/// Splits a page's text into front matter and body, and parses the front matter.
enum FrontMatterParser {
    struct Split {
        var yaml: String?
        /// Line of the file on which the YAML starts (after the opening `---`).
        var yamlFirstLine: Int
        var body: Substring
        /// Line of the file on which the body starts.
        var bodyFirstLine: Int
    }

    static func split(_ text: String, file: String) throws(BuildFailure) -> Split {
        guard text.hasPrefix("---\n") || text == "---" else {
            return Split(yaml: nil, yamlFirstLine: 1, body: Substring(text), bodyFirstLine: 1)
        }
        var line = 1
        var index = text.index(text.startIndex, offsetBy: 4, limitedBy: text.endIndex) ?? text.endIndex
        let yamlStart = index
        while index < text.endIndex {
            line += 1
            let lineEnd = text[index...].firstIndex(of: "\n") ?? text.endIndex
            let content = text[index..<lineEnd]
            if content == "---" || content == "..." || content == "--- " {
                let bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
                return Split(yaml: String(text[yamlStart..<index]), yamlFirstLine: 2,
                    body: text[bodyStart...], bodyFirstLine: line + 1)
            }
            index = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
        }
        throw BuildFailure(.error(SourceLocation(file: file, line: 1, column: 1),
            "front matter opened with '---' is never closed; add a line with only '---' after it"))
    }

    /// Front matter is a page's settings; anything longer than this belongs in the body.
    static let maximumBytes = 64 * 1024

    static func parse(_ split: Split, file: String) throws(BuildFailure) -> FrontMatter {
        if let yaml = split.yaml, yaml.utf8.count > maximumBytes {
            throw BuildFailure(.error(SourceLocation(file: file, line: 1, column: 1),
                "front matter is larger than \(maximumBytes / 1024) KB; keep only settings there "
                    + "and move long text into the page body"))
        }
        guard let yaml = split.yaml else {
            throw BuildFailure(.error(SourceLocation(file: file, line: 1, column: 1),
                "the page has no front matter; start the file with '---', a line 'title: …', and '---'"))
        }
        let root = try YAMLReader.read(yaml, file: file, firstLine: split.yamlFirstLine)
        guard let root, root.entries != nil else {
            throw BuildFailure(.error(SourceLocation(file: file, line: split.yamlFirstLine),
                "front matter must be 'key: value' lines, and needs at least 'title: …'"))
        }
        var fields = YAMLFields(root)
        let title = fields.string("title")
        var matter = FrontMatter(
            title: title ?? "", description: fields.string("description") ?? "",
            date: fields.date("date"), lastReviewed: fields.date("last_reviewed"),
            reviewedBy: fields.string("reviewed_by"), tags: fields.stringList("tags") ?? [],
            draft: fields.bool("draft") ?? false, weight: fields.int("weight") ?? 0,
            slug: fields.string("slug"), aliases: fields.stringList("aliases") ?? [],
            layout: fields.string("layout"), language: fields.string("language"),
            params: [:], valueLocations: [:])
        matter.translationKey = fields.string("translation_key")
        matter.related = fields.stringList("related") ?? []
        if let image = fields.string("image") {
            matter.image = FrontMatter.PageImage(path: image, alt: fields.string("image_alt"),
                credit: fields.string("image_credit"))
        }
        // A title of the wrong type (`title: [a]`) has been reported already.
        let titleHasWrongType = root["title"].map { !$0.isNull && $0.scalarText == nil } ?? false
        if !titleHasWrongType, title?.trimmingWhitespace().isEmpty ?? true {
            let at = root["title"]?.location ?? root.location
            fields.error(at, "the page needs a title: add 'title: …' to its front matter")
        }
        var params: [String: TemplateValue] = [:]
        for entry in root.entries ?? [] {
            matter.valueLocations[entry.key] = entry.value.location
            if !FrontMatter.knownKeys.contains(entry.key) {
                params[entry.key] = entry.value.templateValue
            }
        }
        matter.params = params
        try fields.diagnostics.throwIfErrors()
        return matter
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
