#if canImport(Glibc)
import Glibc

/// Wakes the watch loop as soon as something changes in a watched folder (Linux inotify), so
/// that a save is noticed in milliseconds instead of at the next poll, and names the files the
/// events were about, so that `SourceWatcher` can look at those alone instead of every file of
/// a large site. The loop still scans everything now and then (inotify is silent on network
/// file systems, for example).
final class FolderEvents {
    private let descriptor: Int32
    /// Watch descriptor → the folder it watches.
    private var folders: [Int32: String] = [:]
    /// Paths named by events since the last `wait`; nil once some event named no file.
    private var touched: Set<String>? = []
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
        for folder in folders {
            let watch = inotify_add_watch(descriptor, folder, FolderEvents.mask)
            if watch >= 0 { self.folders[watch] = folder }
        }
    }

    /// Waits until something changes or `timeout` seconds pass. After an event, waits
    /// `settle` seconds more (ten times at most) so that a save made of several writes is
    /// seen as one change.
    func wait(timeout: Double, settle: Double) -> SourceActivity {
        guard waitForEvent(timeout: timeout) else { return .none }
        touched = []
        for _ in 0..<10 {
            drain()
            if !waitForEvent(timeout: settle) { break }
        }
        return touched.map { .paths($0) } ?? .unknown
    }

    private func waitForEvent(timeout: Double) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, Int32((timeout * 1000).rounded(.up))) > 0
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            buffer.withUnsafeBytes { raw in record(raw.prefix(count)) }
        }
    }

    /// Reads `struct inotify_event` records: watch descriptor, mask, cookie, name length, name.
    private func record(_ events: Slice<UnsafeRawBufferPointer>) {
        let header = MemoryLayout<inotify_event>.size
        var offset = events.startIndex
        while offset + header <= events.endIndex {
            let event = events.base.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
            let nameStart = offset + header
            let nameEnd = min(nameStart + Int(event.len), events.endIndex)
            let name = String(decoding: events.base[nameStart..<nameEnd].prefix { $0 != 0 }, as: UTF8.self)
            offset = nameEnd
            if event.mask & UInt32(IN_Q_OVERFLOW) != 0 || name.isEmpty { touched = nil; continue }
            guard let folder = folders[event.wd] else { touched = nil; continue }
            touched?.insert(folder + "/" + name)
        }
    }
}
#endif
