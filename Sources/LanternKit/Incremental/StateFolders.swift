import Foundation

/// The cache's `build/` folder holds one state folder per output (`IncrementalBuild.stateFolder`),
/// about 100 MB for a 10,000-page site. Each names its output in `output.txt`, so that a build
/// can remove the folders of outputs that no longer exist (a preview folder, a benchmark's
/// temporary output) instead of keeping them for ever.
enum StateFolders {
    static let outputFileName = "output.txt"
    /// A folder that names no output is one an older Lantern left, or one a build is writing
    /// this very moment: it is removed only once it has not changed for this long.
    static let unnamedFolderAge: TimeInterval = 3600

    /// After a build saved its state in `folder`: names the output it is the state of (at the
    /// absolute path `output`), and removes the state folders beside it whose output is gone.
    /// Failures are ignored: the cache only ever saves work.
    static func didSave(_ folder: String, output: String, now: Date = Date()) {
        CacheFile.write(Array(output.utf8), to: folder + "/" + outputFileName)
        let parent = (folder as NSString).deletingLastPathComponent
        let own = (folder as NSString).lastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names where name != own {
            let path = parent + "/" + name
            if isAbandoned(path, now: now) { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    static func isAbandoned(_ path: String, now: Date) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return false
        }
        if let named = FileManager.default.contents(atPath: path + "/" + outputFileName) {
            return !FileManager.default.fileExists(atPath: String(decoding: named, as: UTF8.self))
        }
        guard let changed = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        else { return false }
        return now.timeIntervalSince(changed) > unnamedFolderAge
    }
}
