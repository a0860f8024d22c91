import Foundation

/// What changed in the site's sources since the last look, by kind.
struct SourceChanges: Equatable {
    /// Paths inside the content folder (`therapies/cbt.md`) whose file changed in place.
    var modifiedContent: Set<String> = []
    /// Paths inside the content folder that appeared or disappeared.
    var addedOrRemovedContent: Set<String> = []
    /// Any template, theme asset, or the configuration file.
    var themeOrConfig = false

    var isEmpty: Bool { modifiedContent.isEmpty && addedOrRemovedContent.isEmpty && !themeOrConfig }
}

/// What the watch loop learnt while it waited (`FolderEvents`).
enum SourceActivity: Equatable {
    case none
    /// These paths (a watched folder + "/" + a name) changed.
    case paths(Set<String>)
    /// Something changed that the events do not pin down (a watched folder itself, or
    /// events lost because the queue overflowed), or there are no events to tell.
    case unknown
}

/// Notices edits to the content folder, the theme and the configuration by polling: every file's
/// modification time, size and inode (an editor that saves by renaming a new file in place
/// changes the inode). Hidden files and backups (`IgnoredFile`) are ignored, as the build
/// ignores them.
///
/// Polling a thousand files costs about a millisecond, needs no platform API, and works on
/// network and container file systems where inotify stays silent.
struct SourceWatcher {
    struct Stamp: Equatable {
        var modified: timespec
        var size: Int64
        var inode: UInt64
        /// A hash of the bytes of a file modified so shortly before it was looked at that a
        /// second write within the same tick of the file system's clock (a few milliseconds),
        /// of the same size and in place, would leave the rest of the stamp as it was.
        var digest: Int?

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.size == b.size && a.inode == b.inode
        }

        /// The same file as when `old` was taken: the same stamp, and the same bytes if `old`
        /// was taken too soon after a write to tell by the stamp alone.
        func matches(_ old: Stamp) -> Bool {
            self == old && (old.digest == nil || old.digest == digest)
        }

        /// Modified less than `racyWindow` before `time`.
        func isRacy(at time: timespec) -> Bool {
            let age = Double(time.tv_sec - modified.tv_sec) + Double(time.tv_nsec - modified.tv_nsec) / 1e9
            return age < SourceWatcher.racyWindow
        }
    }

    /// Longer than a tick of the clock file systems stamp modification times with (Linux: a
    /// jiffy, 1 to 10 ms).
    static let racyWindow = 0.05

    let contentPath: String
    let templatesPath: String
    let configPath: String
    private var content: [String: Stamp] = [:]
    private var theme: [String: Stamp] = [:]

    init(contentPath: String, templatesPath: String, configPath: String) {
        self.contentPath = contentPath
        self.templatesPath = templatesPath
        self.configPath = configPath
        (content, theme, _) = look()
    }

    /// Every watched folder, for `FolderEvents`: the content and theme folders and the ones
    /// inside them, and the folder holding the configuration file.
    var folders: [String] {
        var folders = [contentPath, templatesPath, (configPath as NSString).deletingLastPathComponent]
        // Folders are recorded as `care/`; events name files as folder + "/" + name.
        for path in content.keys where path.hasSuffix("/") { folders.append(contentPath + "/" + path.dropLast()) }
        for path in theme.keys where path.hasSuffix("/") { folders.append(templatesPath + "/" + path.dropLast()) }
        return folders.map { $0.isEmpty ? "." : $0 }
    }

    /// Looks at every file again and reports what differs from the last look.
    mutating func changes() -> SourceChanges {
        var (newContent, newTheme, lookedAt) = look()
        var changes = SourceChanges()
        for (path, stamp) in newContent {
            if let old = content[path] {
                if !stamp.matches(old) { changes.modifiedContent.insert(path) }
            } else {
                changes.addedOrRemovedContent.insert(path)
            }
        }
        for path in content.keys where newContent[path] == nil { changes.addedOrRemovedContent.insert(path) }
        changes.themeOrConfig = newTheme.count != theme.count
            || newTheme.contains { key, stamp in theme[key].map { !stamp.matches($0) } ?? true }
        SourceWatcher.dropSettledDigests(&newContent, at: lookedAt)
        SourceWatcher.dropSettledDigests(&newTheme, at: lookedAt)
        content = newContent
        theme = newTheme
        return changes
    }

    /// Like `changes()`, looking only at `paths` (as `FolderEvents` names them) when they
    /// are all content files known already; else at everything.
    mutating func changes(at paths: Set<String>) -> SourceChanges {
        var changes = SourceChanges()
        var stamps: [(String, Stamp)] = []
        for path in paths {
            let prefix = contentPath + "/"
            guard path.hasPrefix(prefix) else { return self.changes() }
            let relative = String(path.dropFirst(prefix.count))
            let name = relative.split(separator: "/").last ?? ""
            if IgnoredFile.isIgnored(name) { continue }
            // A new, deleted or renamed file, or a folder: only a full look tells.
            let lookedAt = SourceWatcher.now()
            guard let old = content[relative], var stamp = SourceWatcher.stamp(path) else { return self.changes() }
            if stamp.isRacy(at: lookedAt) || old.digest != nil { stamp.digest = SourceWatcher.digest(path) }
            if !stamp.matches(old) { changes.modifiedContent.insert(relative) }
            if !stamp.isRacy(at: lookedAt) { stamp.digest = nil }
            stamps.append((relative, stamp))
        }
        for (relative, stamp) in stamps { content[relative] = stamp }
        return changes
    }

    /// Every file's stamp, with the digests `Stamp.matches` needs, and when the look began.
    private func look() -> (content: [String: Stamp], theme: [String: Stamp], at: timespec) {
        let lookedAt = SourceWatcher.now()
        var (newContent, newTheme) = scan()
        SourceWatcher.addDigests(to: &newContent, old: content, at: lookedAt) { contentPath + "/" + $0 }
        SourceWatcher.addDigests(to: &newTheme, old: theme, at: lookedAt) { themePath($0) }
        return (newContent, newTheme, lookedAt)
    }

    private func scan() -> (content: [String: Stamp], theme: [String: Stamp]) {
        var content: [String: Stamp] = [:]
        SourceWatcher.walk(contentPath, relative: "", into: &content, depth: 0)
        var theme: [String: Stamp] = [:]
        SourceWatcher.walk(templatesPath, relative: "", into: &theme, depth: 0)
        if let stamp = SourceWatcher.stamp(configPath) { theme[SourceWatcher.configKey] = stamp }
        return (content, theme)
    }

    private static let configKey = "\u{0}config"

    private func themePath(_ key: String) -> String {
        key == SourceWatcher.configKey ? configPath : templatesPath + "/" + key
    }

    /// Hashes the files modified just before this look, and those that were the last time.
    private static func addDigests(
        to stamps: inout [String: Stamp], old: [String: Stamp], at time: timespec, path: (String) -> String
    ) {
        for (key, stamp) in stamps where stamp.isRacy(at: time) || old[key]?.digest != nil {
            guard !key.hasSuffix("/") else { continue }
            stamps[key]?.digest = digest(path(key))
        }
    }

    private static func digest(_ path: String) -> Int? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var hasher = Hasher()
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    /// Once a file was looked at long enough after its last write, its stamp alone tells.
    private static func dropSettledDigests(_ stamps: inout [String: Stamp], at time: timespec) {
        for (key, stamp) in stamps where stamp.digest != nil && !stamp.isRacy(at: time) { stamps[key]?.digest = nil }
    }

    private static func now() -> timespec {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return time
    }

    /// Records every file under `folder`; folders are recorded too, so that an empty new
    /// folder or a renamed one counts as a change.
    private static func walk(_ folder: String, relative: String, into stamps: inout [String: Stamp], depth: Int) {
        guard depth < 64, let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if IgnoredFile.isIgnored(name) { continue }
            let path = folder + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                stamps[childRelative + "/"] = Stamp(modified: timespec(), size: 0, inode: UInt64(info.st_ino))
                walk(path, relative: childRelative, into: &stamps, depth: depth + 1)
            } else {
                stamps[childRelative] = Stamp(modified: modificationTime(info), size: Int64(info.st_size),
                    inode: UInt64(info.st_ino))
            }
        }
    }

    private static func modificationTime(_ info: stat) -> timespec {
        #if canImport(Darwin)
        info.st_mtimespec
        #else
        info.st_mtim
        #endif
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(modified: modificationTime(info), size: Int64(info.st_size), inode: UInt64(info.st_ino))
    }
}
