import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One build at a time per output folder: an exclusive `flock` on `.Public.lock` beside the
/// output. The kernel drops the lock when its process ends, however it ends, so a lock never
/// outlives its build; and whoever holds it knows that every staging folder beside the
/// output belongs to a build that is gone, whatever became of its process id.
///
/// The holder deletes the file before letting go, and a build that got the lock checks that
/// the file it locked is still the one at the path (or takes it again): so no lock file is
/// left behind, and two builds can never each hold a different one.
final class OutputLock: @unchecked Sendable {
    let path: String
    private let guardLock = NSLock()
    private var descriptor: Int32 = -1

    /// `.NAME.lock` beside `output` (an absolute path).
    init(beside output: String) {
        let parent = (output as NSString).deletingLastPathComponent
        path = parent + "/." + (output as NSString).lastPathComponent + ".lock"
    }

    /// Takes the lock, waiting as long as another build holds it; `whenWaiting` is called once
    /// before waiting, with the holder's process id when it could be read. Throws when the
    /// lock file cannot be made.
    func acquire(whenWaiting: (_ holder: Int32?) -> Void) throws(Failure) {
        var toldWaiting = false
        while true {
            let file = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard file >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
            if flock(file, LOCK_EX | LOCK_NB) != 0 {
                if !toldWaiting {
                    whenWaiting(OutputLock.waitedHolder(in: file))
                    toldWaiting = true
                }
                while flock(file, LOCK_EX) != 0 && errno == EINTR {}
            }
            if isStillAtPath(file) {
                var pid = Array("\(getpid())\n".utf8)
                _ = ftruncate(file, 0)
                _ = pwrite(file, &pid, pid.count, 0)
                guardLock.withLock { descriptor = file }
                return
            }
            close(file)  // The holder deleted it while we waited: lock the next one.
        }
    }

    /// Deletes the lock file and lets go; does nothing when not held. Safe from any thread.
    func release() {
        guardLock.withLock {
            guard descriptor >= 0 else { return }
            unlink(path)
            close(descriptor)
            descriptor = -1
        }
    }

    struct Failure: Error {
        var reason: String
    }

    private func isStillAtPath(_ file: Int32) -> Bool {
        var locked = stat(), current = stat()
        guard fstat(file, &locked) == 0, stat(path, &current) == 0 else { return false }
        return locked.st_dev == current.st_dev && locked.st_ino == current.st_ino
    }

    /// The process id the holder wrote into the lock file. The holder writes it just after it
    /// takes the lock, so a build that arrives in between waits up to 200 ms for it.
    private static func waitedHolder(in file: Int32) -> Int32? {
        for _ in 0..<20 {
            if let pid = holder(in: file) { return pid }
            usleep(10_000)
        }
        return nil
    }

    private static func holder(in file: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = pread(file, &bytes, bytes.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: bytes[..<count], as: UTF8.self)
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
