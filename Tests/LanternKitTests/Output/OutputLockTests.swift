import Foundation
import Testing
@testable import LanternKit

/// A build that finds the output locked names the build that holds it, even when it comes in
/// the moment between the holder taking the lock and writing its process id.
@Suite struct OutputLockTests {
    @Test func aWaitingBuildReadsTheHoldersPidWrittenJustAfterTheLock() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/lantern-lock-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lock = OutputLock(beside: folder + "/Public")
        let held = open(lock.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        #expect(held >= 0 && flock(held, LOCK_EX) == 0)

        // The holder writes its pid 50 ms late and lets go 100 ms after that.
        let holder = Thread {
            usleep(50_000)
            let pid = Array("4242\n".utf8)
            _ = pid.withUnsafeBytes { pwrite(held, $0.baseAddress, $0.count, 0) }
            usleep(100_000)
            unlink(lock.path)
            close(held)
        }
        holder.start()
        var told: [Int32?] = []
        try lock.acquire { told.append($0) }
        lock.release()
        #expect(told == [4242])
        #expect(!FileManager.default.fileExists(atPath: lock.path))
    }
}
