#if canImport(Glibc)
import Glibc

/// Wakes the watch loop as soon as something changes in a watched folder (Linux inotify), so
/// that a save is noticed in milliseconds instead of at the next poll. It only says *when* to
/// look: `SourceWatcher`'s scan still decides what changed, and the loop still polls when no
/// event comes (inotify is silent on network file systems, for example).
final class FolderEvents {
    private let descriptor: Int32
    private static let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM
        | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Nil where inotify is not available.
    init?() {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Watches these folders (again: the kernel keeps one watch per folder, and a folder that
    /// was deleted and made anew needs a new one).
    func watch(_ folders: [String]) {
        for folder in folders { _ = inotify_add_watch(descriptor, folder, FolderEvents.mask) }
    }

    /// Waits until something changes or `timeout` seconds pass. After an event, waits
    /// `settle` seconds more (ten times at most) so that a save made of several writes is
    /// seen as one change. True when something changed.
    func wait(timeout: Double, settle: Double) -> Bool {
        guard waitForEvent(timeout: timeout) else { return false }
        for _ in 0..<10 {
            drain()
            if !waitForEvent(timeout: settle) { break }
        }
        return true
    }

    private func waitForEvent(timeout: Double) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, Int32((timeout * 1000).rounded(.up))) > 0
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}
#endif
