import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The stamps of every file under an output folder, by output path (`therapies/cbt/index.html`).
enum OutputStamps {
    static func of(_ folder: String) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        func walk(_ absolute: String, _ relative: String) {
            guard let stream = opendir(absolute) else { return }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name == "." || name == ".." { continue }
                let childAbsolute = absolute + "/" + name
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(childAbsolute, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    walk(childAbsolute, childRelative)
                } else {
                    stamps[childRelative] = FileStamp(info)
                }
            }
        }
        walk(folder, "")
        return stamps
    }

    /// Whether the file at `path` is as `stamp` says: its size, time and inode (a hard link
    /// moves only its status-change time).
    static func matches(_ path: String, _ stamp: FileStamp) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        let now = FileStamp(info)
        return now.size == stamp.size && now.modified == stamp.modified && now.inode == stamp.inode
            && now.device == stamp.device
    }
}
