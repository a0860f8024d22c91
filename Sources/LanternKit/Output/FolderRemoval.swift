import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Deletes a folder tree with `unlinkat` on open folder descriptors. A site has tens of
/// thousands of files; FileManager's removal takes seconds for what this does in a fraction.
enum FolderRemoval {
    /// Removes `path` and everything below it; a missing path is not an error. Symbolic links
    /// are removed, never followed.
    static func remove(_ path: String) {
        let parent = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else { return }
        defer { close(parent) }
        removeEntry(named: (path as NSString).lastPathComponent, in: parent)
    }

    private static func removeEntry(named name: String, in folder: Int32) {
        if unlinkat(folder, name, 0) == 0 || errno == ENOENT { return }
        guard errno == EISDIR || errno == EPERM else { return }
        let descriptor = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0, let stream = fdopendir(descriptor) else {
            if descriptor >= 0 { close(descriptor) }
            return
        }
        var children: [String] = []
        while let entry = readdir(stream) {
            let child = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if child != "." && child != ".." { children.append(child) }
        }
        for child in children { removeEntry(named: child, in: dirfd(stream)) }
        closedir(stream)
        unlinkat(folder, name, AT_REMOVEDIR)
    }
}
