/// One Markdown file of the site, loaded and placed at its URL.
///
/// A value like any other, but its fields are held by one reference to an immutable object,
/// which a change replaces: a page holds some twenty counted references (its texts, its front
/// matter's tables), and a site's pages are copied whole whenever `lantern serve` keeps the
/// state before a save beside the state after it. One reference is cheaper to copy than
/// twenty, and pages change only as they are loaded and placed.
@dynamicMemberLookup
public struct Page: Sendable {
    public enum Kind: String, Sendable {
        case home, section, page
    }

    /// A page's fields as values, which a page reads and changes as its own (`page.url`).
    public struct Fields: Sendable {
        /// Path inside the content folder, with `/` separators: `therapies/cbt.md`.
        public var sourcePath: String
        /// The path to print in messages: `Content/therapies/cbt.md`.
        public var displayPath: String
        public var kind: Kind
        public var frontMatter: FrontMatter
        public var body: String
        /// The file line on which `body` starts, so Markdown lines map back to the file.
        public var bodyFirstLine: Int
        /// Path of the section this page belongs to (its own folder for a section page):
        /// `therapies`, or `""` for the home page and top-level pages.
        public var sectionPath: String
        /// Root-relative URL with a trailing slash, percent-encoded: `/therapies/cbt/`.
        public var url: String
        /// Output file inside the output folder: `therapies/cbt/index.html`.
        public var outputPath: String
        /// True for a section that has no `_index.md`: Lantern made it to list the folder's pages.
        public var isGenerated: Bool
        /// The language it is written in: from its file name (`cbt.es.md`), else its front
        /// matter's `language:`, else the site's default.
        public var language: String
        /// `sourcePath` without the language (`therapies/cbt.md` for `therapies/cbt.es.md`): where
        /// the page sits in every language's tree of folders.
        public var pathInLanguage: String
    }

    /// Holds the fields, never changed (a change makes a new one), so that reading a field
    /// costs no exclusivity check.
    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        _read { yield box.fields[keyPath: field] }
        set { change { $0[keyPath: field] = newValue } }
    }

    /// Replaces the box with one whose fields `edit` changed.
    private mutating func change(_ edit: (inout Fields) -> Void) {
        var fields = box.fields
        edit(&fields)
        box = Box(fields)
    }

    public init(sourcePath: String, displayPath: String, kind: Kind, frontMatter: FrontMatter, body: String,
                bodyFirstLine: Int, sectionPath: String, url: String, outputPath: String,
                isGenerated: Bool = false, language: String = ThemeStrings.fallbackLanguage,
                pathInLanguage: String? = nil) {
        box = Box(Fields(sourcePath: sourcePath, displayPath: displayPath, kind: kind, frontMatter: frontMatter,
            body: body, bodyFirstLine: bodyFirstLine, sectionPath: sectionPath, url: url, outputPath: outputPath,
            isGenerated: isGenerated, language: language, pathInLanguage: pathInLanguage ?? sourcePath))
    }

    public var title: String { self.frontMatter.title }

    /// What pairs the page with its translations: its `translation_key:`, else its path
    /// without the language, so `cbt.md` and `cbt.es.md` pair by themselves.
    public var translationKey: String { self.frontMatter.translationKey ?? self.pathInLanguage }

    public func location(line: Int = 0, column: Int = 0) -> SourceLocation {
        SourceLocation(file: self.displayPath, line: line, column: column)
    }
}

/// A file from the content folder that is not Markdown (image, PDF), copied as it is.
public struct StaticFile: Sendable, Hashable {
    /// `therapies/diagram.png`
    public var sourcePath: String
    /// Absolute path on disk.
    public var absolutePath: String
    /// `/therapies/diagram.png`
    public var url: String
}
