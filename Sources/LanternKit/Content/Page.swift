/// One Markdown file of the site, loaded and placed at its URL.
public struct Page: Sendable {
    public enum Kind: String, Sendable {
        case home, section, page
    }

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

    public init(sourcePath: String, displayPath: String, kind: Kind, frontMatter: FrontMatter, body: String,
                bodyFirstLine: Int, sectionPath: String, url: String, outputPath: String,
                isGenerated: Bool = false, language: String = ThemeStrings.fallbackLanguage,
                pathInLanguage: String? = nil) {
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
        self.pathInLanguage = pathInLanguage ?? sourcePath
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
