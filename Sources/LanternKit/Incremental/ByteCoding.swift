import Foundation

/// A plain binary layout for what the build keeps between builds: numbers as 8 bytes, texts
/// as their length and UTF-8 bytes. Reading checks every length, so a damaged file reads as
/// nothing (and the build starts over) instead of crashing.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    mutating func int(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) { int(Int64(value)) }

    mutating func uint(_ value: UInt64) { int(Int64(bitPattern: value)) }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func texts(_ values: [String]) {
        int(values.count)
        for value in values { text(value) }
    }

    /// Bytes written on their own (by another `ByteWriter`), as their length and themselves.
    mutating func blob(_ value: [UInt8]) { blob(value[...]) }

    mutating func blob(_ value: ArraySlice<UInt8>) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    /// An array of plain values (numbers, booleans) as its count and its bytes.
    mutating func raw<T: BitwiseCopyable>(_ values: [T]) {
        int(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func stamp(_ stamp: FileStamp) {
        int(stamp.size)
        int(stamp.modified)
        int(stamp.changed)
        uint(stamp.inode)
        uint(stamp.device)
    }
}

struct ByteReader {
    /// A slice reads in place (a document within its file, a head within the state).
    private let bytes: ArraySlice<UInt8>
    private var offset: Int
    /// False once a read ran past the end or met a bad length; every read after gives zero values.
    private(set) var isIntact = true

    init(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    /// The file at `path`, read straight into the reader's bytes (a hundred megabytes at 10,000
    /// pages: `FileManager.contents` and a copy into an array cost twice); nil when it cannot be read.
    init?(contentsOf path: String) {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0 else { return nil }
        let size = Int(status.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while initialized < size {
                let n = read(file, buffer.baseAddress! + initialized, size - initialized)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                initialized += n
            }
            complete = initialized == size
        }
        guard complete else { return nil }
        self.init(bytes)
    }

    var isAtEnd: Bool { offset == bytes.endIndex }

    /// For a value read that makes no sense: the rest reads as zero values, and the whole as damaged.
    mutating func markDamaged() { isIntact = false }

    mutating func int() -> Int64 {
        guard isIntact, offset + 8 <= bytes.endIndex else {
            isIntact = false
            return 0
        }
        let start = offset - bytes.startIndex
        var value: Int64 = 0
        withUnsafeMutableBytes(of: &value) { target in
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<start + 8]))
            }
        }
        offset += 8
        return Int64(littleEndian: value)
    }

    /// A count or length: never negative, never more than the bytes left.
    mutating func count() -> Int {
        let value = int()
        guard value >= 0, value <= bytes.endIndex - offset else {
            isIntact = false
            return 0
        }
        return Int(value)
    }

    mutating func uint() -> UInt64 { UInt64(bitPattern: int()) }

    mutating func text() -> String {
        let length = count()
        guard isIntact else { return "" }
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    /// A text passed over unread.
    mutating func skipText() {
        offset += count()
    }

    mutating func blob() -> ArraySlice<UInt8> {
        let length = count()
        guard isIntact else { return [] }
        defer { offset += length }
        return bytes[offset..<offset + length]
    }

    mutating func texts() -> [String] {
        let n = count()
        var values: [String] = []
        values.reserveCapacity(n)
        for _ in 0..<n where isIntact { values.append(text()) }
        return values
    }

    mutating func raw<T: BitwiseCopyable>() -> [T] {
        let n = count()
        let size = n * MemoryLayout<T>.stride
        guard isIntact, size <= bytes.endIndex - offset else {
            isIntact = false
            return []
        }
        let start = offset - bytes.startIndex
        let values = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: source[start..<start + size]))
            }
            initialized = n
        }
        offset += size
        return values
    }

    mutating func stamp() -> FileStamp {
        FileStamp(size: int(), modified: int(), changed: int(), inode: uint(), device: uint())
    }
}

/// A 64-bit hash that is the same for the same bytes in every process (Swift's `Hasher` is
/// seeded per process), to tell whether a file's bytes changed. Eight bytes a step, so that
/// the search index's tens of megabytes hash in a few milliseconds.
enum StableHash {
    static func of(_ bytes: [UInt8]) -> UInt64 { of(bytes[...]) }

    static func of(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.withUnsafeBytes(of) }

    /// One hash of several, in order.
    static func combine(_ hashes: [UInt64]) -> UInt64 { hashes.withUnsafeBytes(of) }

    static func of(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
        }
        let words = raw.count / 8
        for i in 0..<words { mix(raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
        var tail: UInt64 = 0
        for i in (words * 8)..<raw.count { tail = tail << 8 | UInt64(raw[i]) }
        mix(tail)
        return hash ^ (hash >> 29)
    }

    static func of(_ text: String) -> UInt64 { of(Array(text.utf8)) }
}
