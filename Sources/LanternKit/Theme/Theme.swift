import Foundation

/// The theme a site is built with: Lantern's built-in theme with the site's templates folder
/// laid over it, file by file. A file the site has (a template, a partial, an asset, a strings
/// file) replaces the built-in file of the same path; every other file comes from the built-in
/// theme. So a site keeps only what it changes, and gets the theme's fixes with each Lantern.
public struct Theme: Sendable {
    /// One file of the theme, from whichever layer has it.
    public struct File: Sendable {
        /// The path inside the theme: `partials/toc.mustache`, `assets/site.css`.
        public var path: String
        public var origin: Origin
        /// What messages call it: `Templates/page.mustache`, or `(built-in theme)/page.mustache`.
        public var displayPath: String
        /// Where the site's file is on disk; nil for a built-in or generated one.
        public var absolutePath: String?
        /// The bytes of a file Lantern made from the site's settings.
        var generated: [UInt8]? = nil

        /// Writes the file into the output (copied from disk when the site has it).
        func write(to outputPath: String, into output: some OutputSink) throws(BuildFailure) {
            if let absolutePath {
                try output.copy(from: absolutePath, to: outputPath)
            } else {
                try output.write(generated ?? BuiltInTheme.bytes(of: path) ?? [], to: outputPath)
            }
        }
    }

    public enum Origin: Sendable, Equatable {
        /// Compiled into Lantern; the site's folder does not have it.
        case builtIn
        /// The site's own file, in place of the built-in one or beside it.
        case site
        /// Made from `theme:` in `site.yaml` (the colours' stylesheet).
        case settings
    }

    /// What messages call the built-in theme's folder.
    public static let builtInDisplayRoot = "(built-in theme)"

    /// Every file of the theme, by path inside it.
    public private(set) var files: [String: File]
    /// The site's templates folder as messages name it (`Templates`).
    public let siteDisplayRoot: String
    /// The site's templates folder on disk (it need not exist).
    public let siteFolder: String

    /// The built-in theme with the site's folder laid over it. A folder that does not exist
    /// overrides nothing: the site is built with the built-in theme alone.
    public init(siteFolder: String, displayRoot: String, settings: ThemeSettings = ThemeSettings()) {
        self.init(siteFolder: siteFolder, displayRoot: displayRoot, base: BuiltInTheme.paths)
        if let css = settings.stylesheet {
            let path = ThemeSettings.stylesheetPath
            files[path] = File(path: path, origin: .settings, displayPath: "site.yaml (theme:)",
                absolutePath: nil, generated: css)
        }
    }

    /// The site's folder alone, without the built-in theme beneath it (for tools and tests that
    /// look at one folder).
    public static func folderOnly(_ folder: String, displayRoot: String) -> Theme {
        Theme(siteFolder: folder, displayRoot: displayRoot, base: [])
    }

    private init(siteFolder: String, displayRoot: String, base: [String]) {
        var files: [String: File] = [:]
        for path in base {
            files[path] = File(path: path, origin: .builtIn,
                displayPath: Theme.builtInDisplayRoot + "/" + path, absolutePath: nil)
        }
        for path in Theme.siteFiles(in: siteFolder) {
            files[path] = File(path: path, origin: .site, displayPath: displayRoot + "/" + path,
                absolutePath: siteFolder + "/" + path)
        }
        self.files = files
        siteDisplayRoot = displayRoot
        self.siteFolder = siteFolder
    }

    /// The paths of the theme's files, sorted, that start with `prefix` (`assets/`).
    public func paths(under prefix: String = "") -> [String] {
        files.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The bytes of one file of the theme.
    public func bytes(of path: String) throws(BuildFailure) -> [UInt8] {
        guard let file = files[path] else {
            throw BuildFailure(.error(SourceLocation(file: siteDisplayRoot + "/" + path), "no such theme file"))
        }
        if let generated = file.generated { return generated }
        guard let absolute = file.absolutePath else { return BuiltInTheme.bytes(of: path) ?? [] }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw BuildFailure(.error(SourceLocation(file: file.displayPath), "cannot read this file"))
        }
        return [UInt8](data)
    }


    /// Every file under `folder`, relative to it, hidden files and editors' backups left out
    /// (the theme record `.theme-base.json` among them).
    static func siteFiles(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var paths: [String] = []
        for case let path as String in enumerator {
            let name = (path as NSString).lastPathComponent
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory) else {
                continue
            }
            if IgnoredFile.isIgnored(name) {
                if isDirectory.boolValue { enumerator.skipDescendants() }
                continue
            }
            if !isDirectory.boolValue { paths.append(path) }
        }
        return paths.sorted()
    }
}

/// The default theme, compiled into Lantern from the repository's `Templates/` folder when
/// Lantern is built (the EmbedDefaultTheme plugin), so the binary needs nothing beside it.
public enum BuiltInTheme {
    /// Path inside the theme → bytes, decoded once.
    private static let files: [String: [UInt8]] = {
        var files: [String: [UInt8]] = [:]
        for entry in DefaultTheme.encodedFiles {
            files[entry.path] = Data(base64Encoded: entry.base64).map { [UInt8]($0) }
        }
        return files
    }()

    /// Every file's path, sorted.
    public static let paths: [String] = files.keys.sorted()

    public static func bytes(of path: String) -> [UInt8]? { files[path] }

    /// Every file, for a check that the compiled-in theme is whole.
    static func all() throws(ScaffoldError) -> [(path: String, bytes: [UInt8])] {
        if files.isEmpty {
            throw ScaffoldError("this lantern was built without a default theme; rebuild it from its repository")
        }
        return paths.map { ($0, files[$0]!) }
    }
}
