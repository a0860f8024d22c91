import Foundation

/// Where a build puts its files: a staging folder on disk (`lantern build`), or memory
/// (`lantern check` writes nothing; `lantern serve` answers from memory).
public protocol OutputSink: Sendable {
    /// Stores one file. Called from several threads at once.
    func write(_ bytes: [UInt8], to relativePath: String) throws(BuildFailure)
    /// Stores a copy of a file from disk.
    func copy(from source: String, to relativePath: String) throws(BuildFailure)
}

extension OutputSink {
    func write(_ text: String, to relativePath: String) throws(BuildFailure) {
        try write(Array(text.utf8), to: relativePath)
    }
}

/// Output kept in memory, by relative path.
public final class MemoryOutput: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: [UInt8]] = [:]

    public init() {}

    public func write(_ bytes: [UInt8], to relativePath: String) throws(BuildFailure) {
        lock.withLock { files[relativePath] = bytes }
    }

    public func copy(from source: String, to relativePath: String) throws(BuildFailure) {
        guard let data = FileManager.default.contents(atPath: source) else {
            throw BuildFailure(.error(SourceLocation(file: source), "cannot read this file"))
        }
        try write([UInt8](data), to: relativePath)
    }

    public func file(_ relativePath: String) -> [UInt8]? {
        lock.withLock { files[relativePath] }
    }

    public var paths: [String] {
        lock.withLock { files.keys.sorted() }
    }
}
