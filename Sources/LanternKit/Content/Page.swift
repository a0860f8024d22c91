/// One Markdown file of the site, loaded and placed at its URL.
///
/// A value like any other, but its fields are held by reference and copied on write: a page
/// holds some twenty counted references (its texts, its front matter's tables), and a site's
/// pages are copied whole whenever `lantern serve` keeps the state before a save beside the
/// state after it. One reference is cheaper to copy than twenty.
public struct Page: Sendable {
    public enum Kind: String, Sendable {
        case home, section, page
    }

    // @unchecked: only ever changed through `unique()`, when no other page shares it.
    private final class Fields: @unchecked Sendable {
        var sourcePath: String
        var displayPath: String
        var kind: Kind
        var frontMatter: FrontMatter
        var body: String
        var bodyFirstLine: Int
        var sectionPath: String
        var url: String
        var outputPath: String
        var isGenerated: Bool
        var language: String
        var pathInLanguage: String

        init(sourcePath: String, displayPath: String, kind: Kind, frontMatter: FrontMatter, body: String, bodyFirstLine: Int, sectionPath: String, url: String, outputPath: String, isGenerated: Bool, language: String, pathInLanguage: String) {
            self.sourcePath = sourcePath
            self.displayPath = displayPath
            self.kind = kind
            self.frontMatter = frontMatter
            self.body = body
            self.bodyFirstLine = bodyFirstLine
            self.sectionPath = sectionPath
            self.url = url
            self.outputPath = outputPath
            self.isGenerated = isGenerated
            self.language = language
            self.pathInLanguage = pathInLanguage
        }

        func copy() -> Fields {
            Fields(sourcePath: sourcePath, displayPath: displayPath, kind: kind, frontMatter: frontMatter, body: body, bodyFirstLine: bodyFirstLine, sectionPath: sectionPath, url: url, outputPath: outputPath, isGenerated: isGenerated, language: language, pathInLanguage: pathInLanguage)
        }
    }

    private var fields: Fields

    /// The fields, copied first when another page shares them.
    private mutating func unique() -> Fields {
        if !isKnownUniquelyReferenced(&fields) { fields = fields.copy() }
        return fields
    }

    /// Path inside the content folder, with `/` separators: `therapies/cbt.md`.
    public var sourcePath: String {
        _read { yield fields.sourcePath }
        _modify { yield &unique().sourcePath }
    }
    /// The path to print in messages: `Content/therapies/cbt.md`.
    public var displayPath: String {
        _read { yield fields.displayPath }
        _modify { yield &unique().displayPath }
    }
    public var kind: Kind {
        _read { yield fields.kind }
        _modify { yield &unique().kind }
    }
    public var frontMatter: FrontMatter {
        _read { yield fields.frontMatter }
        _modify { yield &unique().frontMatter }
    }
    public var body: String {
        _read { yield fields.body }
        _modify { yield &unique().body }
    }
    /// The file line on which `body` starts, so Markdown lines map back to the file.
    public var bodyFirstLine: Int {
        _read { yield fields.bodyFirstLine }
        _modify { yield &unique().bodyFirstLine }
    }
    /// Path of the section this page belongs to (its own folder for a section page):
    /// `therapies`, or `""` for the home page and top-level pages.
    public var sectionPath: String {
        _read { yield fields.sectionPath }
        _modify { yield &unique().sectionPath }
    }
    /// Root-relative URL with a trailing slash, percent-encoded: `/therapies/cbt/`.
    public var url: String {
        _read { yield fields.url }
        _modify { yield &unique().url }
    }
    /// Output file inside the output folder: `therapies/cbt/index.html`.
    public var outputPath: String {
        _read { yield fields.outputPath }
        _modify { yield &unique().outputPath }
    }
    /// True for a section that has no `_index.md`: Lantern made it to list the folder's pages.
    public var isGenerated: Bool {
        _read { yield fields.isGenerated }
        _modify { yield &unique().isGenerated }
    }
    /// The language it is written in: from its file name (`cbt.es.md`), else its front
    /// matter's `language:`, else the site's default.
    public var language: String {
        _read { yield fields.language }
        _modify { yield &unique().language }
    }
    /// `sourcePath` without the language (`therapies/cbt.md` for `therapies/cbt.es.md`): where
    /// the page sits in every language's tree of folders.
    public var pathInLanguage: String {
        _read { yield fields.pathInLanguage }
        _modify { yield &unique().pathInLanguage }
    }

    public init(sourcePath: String, displayPath: String, kind: Kind, frontMatter: FrontMatter, body: String,
                bodyFirstLine: Int, sectionPath: String, url: String, outputPath: String,
                isGenerated: Bool = false, language: String = ThemeStrings.fallbackLanguage,
                pathInLanguage: String? = nil) {
        fields = Fields(sourcePath: sourcePath, displayPath: displayPath, kind: kind, frontMatter: frontMatter,
            body: body, bodyFirstLine: bodyFirstLine, sectionPath: sectionPath, url: url, outputPath: outputPath,
            isGenerated: isGenerated, language: language, pathInLanguage: pathInLanguage ?? sourcePath)
    }

    public var title: String { frontMatter.title }

    /// What pairs the page with its translations: its `translation_key:`, else its path
    /// without the language, so `cbt.md` and `cbt.es.md` pair by themselves.
    public var translationKey: String { frontMatter.translationKey ?? pathInLanguage }

    public func location(line: Int = 0, column: Int = 0) -> SourceLocation {
        SourceLocation(file: displayPath, line: line, column: column)
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
