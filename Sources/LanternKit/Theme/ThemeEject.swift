import Foundation

/// `lantern theme`: copy files of the built-in theme into the site to change them, list what
/// the site overrides, show how a copy differs from the built-in file, and record a merge.
public enum ThemeFiles {
    /// How one file of the built-in theme stands in the site.
    public enum Status: String, Sendable {
        /// The site does not have it: the built-in file is used.
        case builtIn = "built-in"
        /// The site has the same bytes.
        case sameAsBuiltIn = "copied, unchanged"
        /// The site's own version.
        case overridden = "overridden"
        /// The site's version, made from an older built-in file than this Lantern's.
        case olderBase = "overridden, made from an older built-in file"
        /// A file of the site that the built-in theme does not have.
        case siteOnly = "the site's own"
    }

    /// Copies `path` (or, when nil, every file the site does not have yet) from the built-in
    /// theme into `folder`, and records what each copy was made from. Never overwrites.
    /// Returns the paths written.
    public static func eject(_ path: String?, into folder: String) throws(ScaffoldError) -> [String] {
        var paths: [String]
        if let path {
            let path = normalized(path)
            guard BuiltInTheme.bytes(of: path) != nil else { throw unknown(path) }
            if FileManager.default.fileExists(atPath: folder + "/" + path) {
                throw ScaffoldError("\(folder)/\(path) already exists; lantern never overwrites it. "
                    + "'lantern theme diff \(path)' shows how it differs from the built-in file")
            }
            paths = [path]
        } else {
            paths = BuiltInTheme.paths.filter { !FileManager.default.fileExists(atPath: folder + "/" + $0) }
        }
        var record = ThemeBaseRecord.load(from: folder)
        for path in paths {
            let bytes = BuiltInTheme.bytes(of: path)!
            try FileWriting.createNew(folder + "/" + path, bytes: bytes, display: folder + "/" + path,
                existsMessage: "\(folder)/\(path) already exists; lantern never overwrites it")
            record.files[path] = ThemeBaseRecord.hash(bytes)
        }
        if !paths.isEmpty { try record.save(to: folder) }
        return paths
    }

    /// Records that the site's `path` has taken in this Lantern's built-in file.
    public static func markMerged(_ path: String, in folder: String) throws(ScaffoldError) {
        let path = normalized(path)
        guard let bytes = BuiltInTheme.bytes(of: path) else { throw unknown(path) }
        guard FileManager.default.fileExists(atPath: folder + "/" + path) else {
            throw ScaffoldError("\(folder)/\(path) does not exist: the site uses the built-in file")
        }
        var record = ThemeBaseRecord.load(from: folder)
        record.files[path] = ThemeBaseRecord.hash(bytes)
        try record.save(to: folder)
    }

    /// Every file of the built-in theme and of the site's folder, with how it stands.
    public static func list(_ folder: String) -> [(path: String, status: Status)] {
        let record = ThemeBaseRecord.load(from: folder)
        let siteFiles = Set(Theme.siteFiles(in: folder))
        return Set(BuiltInTheme.paths).union(siteFiles).sorted().map { path in
            guard siteFiles.contains(path) else { return (path, .builtIn) }
            guard let builtIn = BuiltInTheme.bytes(of: path) else { return (path, .siteOnly) }
            let own = FileManager.default.contents(atPath: folder + "/" + path).map { [UInt8]($0) }
            if own == builtIn { return (path, .sameAsBuiltIn) }
            if let base = record.files[path], base != ThemeBaseRecord.hash(builtIn) { return (path, .olderBase) }
            return (path, .overridden)
        }
    }

    /// The lines that differ between the built-in `path` and the site's, unified-diff style
    /// (`-` built-in, `+` the site's), with three lines of context.
    public static func diff(_ path: String, in folder: String, displayRoot: String) throws(ScaffoldError) -> String {
        let path = normalized(path)
        guard let builtIn = BuiltInTheme.bytes(of: path) else { throw unknown(path) }
        guard let own = FileManager.default.contents(atPath: folder + "/" + path) else {
            throw ScaffoldError("\(folder)/\(path) does not exist: the site uses the built-in file")
        }
        let header = "--- \(Theme.builtInDisplayRoot)/\(path)\n+++ \(displayRoot)/\(path)\n"
        return header + LineDiff.unified(String(decoding: builtIn, as: UTF8.self),
            String(decoding: own, as: UTF8.self))
    }

    /// `Templates/page.mustache` and `./page.mustache` name `page.mustache`.
    private static func normalized(_ path: String) -> String {
        var path = path
        for prefix in ["./", "Templates/"] where path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
        return path
    }

    private static func unknown(_ path: String) -> ScaffoldError {
        ScaffoldError("the built-in theme has no file '\(path)'; 'lantern theme list' lists its files")
    }
}

/// A line diff from the standard library's `difference(from:)`, shown unified-diff style.
enum LineDiff {
    static func unified(_ old: String, _ new: String, context: Int = 3) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in b.difference(from: a) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var lines: [(mark: Character, text: Substring, oldLine: Int)] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) {
                lines.append(("-", a[i], i + 1)); i += 1
            } else if j < b.count, inserted.contains(j) {
                lines.append(("+", b[j], i + 1)); j += 1
            } else {
                lines.append((" ", a[i], i + 1)); i += 1; j += 1
            }
        }
        let changed = lines.indices.filter { lines[$0].mark != " " }
        if changed.isEmpty { return "(the same as the built-in file)\n" }
        var out = "", shownUpTo = -1
        for index in changed {
            let from = max(index - context, shownUpTo + 1), upTo = min(index + context, lines.count - 1)
            guard from <= upTo else { continue }
            if from > shownUpTo + 1 { out += "@@ line \(lines[from].oldLine) of the built-in file @@\n" }
            for k in from...upTo {
                out += "\(lines[k].mark)\(lines[k].text)\n"
            }
            shownUpTo = upTo
        }
        return out
    }
}
