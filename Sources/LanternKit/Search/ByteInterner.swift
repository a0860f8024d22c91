import Foundation

/// Maps byte strings to dense ids (0, 1, 2, ...) without allocating per lookup.
///
/// The index builder interns every token it reads; `Dictionary<[UInt8], Int>` would allocate
/// an array per token, which dominates the build time of a large site.
struct ByteInterner {
    private var storage: [UInt8] = []
    private var offsets: [Int] = [0]
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// An interner holding the strings of another's `contents`, with the same ids.
    init(contents: (storage: [UInt8], offsets: [Int])) {
        self.init(capacity: max(1, contents.offsets.count - 1))
        storage = contents.storage
        offsets = contents.offsets
        var size = mask + 1
        while count * 2 > size - 1 { size <<= 1 }
        placeAll(in: size)
    }

    /// Every string, end to end, and where each ends (`init(contents:)`).
    var contents: (storage: [UInt8], offsets: [Int]) { (storage, offsets) }

    var count: Int { offsets.count - 1 }

    func bytes(_ id: Int) -> ArraySlice<UInt8> { storage[offsets[id]..<offsets[id + 1]] }

    func string(_ id: Int) -> String { String(decoding: bytes(id), as: UTF8.self) }

    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt32 = 2_166_136_261
        for b in key { h = (h ^ UInt32(b)) &* 16_777_619 }
        return Int(h)
    }

    mutating func intern(_ key: [UInt8]) -> Int {
        key.withUnsafeBufferPointer { intern($0) }
    }

    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var slot = Self.hash(key) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if matches(id, key) { return id }
            slot = (slot + 1) & mask
        }
        let id = count
        storage.append(contentsOf: key)
        offsets.append(storage.count)
        slots[slot] = Int32(id)
        if count * 2 > mask { grow() }
        return id
    }

    private func matches(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[id]
        let length = offsets[id + 1] - start
        guard length == key.count else { return false }
        if length == 0 { return true }
        return storage.withUnsafeBufferPointer { all in
            memcmp(all.baseAddress! + start, key.baseAddress!, length) == 0
        }
    }

    private mutating func grow() {
        placeAll(in: (mask + 1) * 2)
    }

    /// A table of `size` slots (a power of two) holding every string.
    private mutating func placeAll(in size: Int) {
        var newSlots = [Int32](repeating: -1, count: size)
        let newMask = size - 1
        storage.withUnsafeBufferPointer { all in
            for id in 0..<count {
                let key = UnsafeBufferPointer(rebasing: all[offsets[id]..<offsets[id + 1]])
                var slot = Self.hash(key) & newMask
                while newSlots[slot] >= 0 { slot = (slot + 1) & newMask }
                newSlots[slot] = Int32(id)
            }
        }
        slots = newSlots
        mask = newMask
    }
}
