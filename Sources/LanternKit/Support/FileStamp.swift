import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the file system says of a file without reading it: when two stamps are equal, the
/// file is taken to be the same (as make and git do), unless it changed within the clock tick
/// the earlier stamp was taken in (`isSettled`).
struct FileStamp: Hashable, Sendable {
    var size: Int64
    /// Modification and status-change times, in nanoseconds since 1970.
    var modified: Int64
    var changed: Int64
    var inode: UInt64
    var device: UInt64

    init(size: Int64, modified: Int64, changed: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        self.device = device
    }

    init(_ info: stat) {
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        inode = UInt64(info.st_ino)
        device = UInt64(info.st_dev)
    }

    /// The stamp of the file at `path`, links followed; nil when there is none.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// Whether the file was last changed well before `time` (nanoseconds since 1970), so that
    /// an edit after a stamp taken at `time` must change the stamp. A file written in the
    /// same tick as the stamp could be written again without its times moving (coarse clocks
    /// of some file systems): such a file is read again, however its stamp looks.
    func isSettled(before time: Int64) -> Bool {
        modified < time - 2_000_000_000
    }

    /// Now, as file times count it.
    static var now: Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
