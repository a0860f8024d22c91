/// Writes JSON straight into bytes, in the order it is told: deterministic output without a
/// dictionary sort, and safe inside `<script>`, because `<`, `>`, `&`, U+2028 and U+2029 are
/// always escaped. Used for the search index and for JSON-LD.
struct JSONWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Bytes that are JSON already.
    mutating func raw(_ json: [UInt8]) {
        bytes.append(contentsOf: json)
    }

    mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
    }

    /// A member after the first of an object: `,"name":value`.
    mutating func field(_ name: StaticString, _ value: String) {
        raw(",")
        key(name)
        string(value)
    }

    /// A string given as its UTF-8 bytes.
    mutating func field(_ name: StaticString, bytes: [UInt8]) {
        raw(",")
        key(name)
        string(bytes: bytes)
    }

    mutating func field(_ name: StaticString, _ value: Int) {
        raw(",")
        key(name)
        int(value)
    }

    mutating func field(_ name: StaticString, _ values: [String]) {
        raw(",")
        key(name)
        stringArray(values)
    }

    mutating func field(_ name: StaticString, _ values: [Int]) {
        raw(",")
        key(name)
        intArray(values)
    }

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(bytes: $0) }
    }

    mutating func string(bytes source: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        let count = source.count
        while i < count {
            let b = source[i]
            let isSpecial =
                b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C || b == 0x3E || b == 0x26
                || (b == 0xE2 && i + 2 < count && source[i + 1] == 0x80
                    && (source[i + 2] == 0xA8 || source[i + 2] == 0xA9))
            if !isSpecial {
                i += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<i]))
            switch b {
            case 0x22: raw("\\\"")
            case 0x5C: raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x3C: raw("\\u003c")
            case 0x3E: raw("\\u003e")
            case 0x26: raw("\\u0026")
            case 0xE2:
                raw(source[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                i += 2
            default:
                raw("\\u00")
                bytes.append(Self.hex[Int(b >> 4)])
                bytes.append(Self.hex[Int(b & 0xF)])
            }
            i += 1
            runStart = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<count]))
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func string(bytes source: [UInt8]) {
        source.withUnsafeBufferPointer { string(bytes: $0) }
    }

    mutating func stringArray(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func intArray(_ values: [Int]) {
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            int(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private static let hex = Array("0123456789abcdef".utf8)
}
