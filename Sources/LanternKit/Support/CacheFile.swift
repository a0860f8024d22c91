import Foundation
#if canImport(Glibc)
import Glibc
/// write(2): `write` alone would name `CacheFile.write` inside the type.
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Files of `.lantern-cache/` (picture variants, the build's state), written whole or not at
/// all: another build or a killed one never leaves half a file under the file's name.
enum CacheFile {
    /// Written beside and renamed into place, creating the folder when needed, straight from
    /// the array (the build's state is megabytes: no copy into `Data`); false when it failed.
    @discardableResult
    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        let temporary = path + ".part-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        var file = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if file < 0 && errno == ENOENT {
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            file = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard file >= 0 else { return false }
        var written = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = systemWrite(file, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                written += n
            }
        }
        guard close(file) == 0, written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
