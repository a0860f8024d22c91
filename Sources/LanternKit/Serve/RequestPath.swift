/// Maps the raw target of an HTTP request (`/therapies/cbt/?x=1`) to a file of the built site
/// (`therapies/cbt/index.html`), refusing anything that could name a file outside it.
///
/// The site lives in memory, so a path can never reach the disk; the rules are still strict,
/// because a preview server should answer exactly as the static host will, and no more:
/// every segment is decoded once, and a segment that decodes to `.`, `..`, a slash, a
/// backslash, a control character (NUL) or another `%` (double encoding) makes the request
/// a miss.
enum RequestPath {
    enum Resolution: Equatable {
        /// The file for this path, as a key of the built output.
        case file(String)
        /// A path that is not allowed; answer 404 without looking further.
        case rejected
    }

    static func resolve(_ target: String) -> Resolution {
        var raw = Substring(target)
        if let end = raw.firstIndex(where: { $0 == "?" || $0 == "#" }) { raw = raw[..<end] }
        guard raw.hasPrefix("/"), !raw.contains("\\") else { return .rejected }
        let isFolder = raw.hasSuffix("/")
        var segments: [String] = []
        let parts = raw.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (i, part) in parts.enumerated() {
            if part.isEmpty {
                // Only the final, trailing slash may leave an empty segment: `//` is refused.
                if i == parts.count - 1 { continue }
                return .rejected
            }
            guard let segment = decode(part), isAllowed(segment) else { return .rejected }
            segments.append(segment)
        }
        let path = segments.joined(separator: "/")
        return .file(URLSpace.outputPath(ofDecoded: isFolder && !path.isEmpty ? path + "/" : path))
    }

    /// Strict percent-decoding: a `%` must be followed by two hex digits, and the bytes must be
    /// UTF-8.
    static func decode(_ part: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(part.utf8.count)
        var iterator = part.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue)
            else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func isAllowed(_ segment: String) -> Bool {
        if segment == "." || segment == ".." { return false }
        for byte in segment.utf8 {
            switch byte {
            case 0..<0x20, 0x7F, UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "%"):
                return false
            default:
                continue
            }
        }
        return true
    }
}
