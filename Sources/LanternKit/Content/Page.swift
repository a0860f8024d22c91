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
    public var isGenerated: Bool = false

    public var title: String { frontMatter.title }

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
