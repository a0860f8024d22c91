/// The picture formats Lantern knows, from a file's name and from its first bytes.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    case jpeg, png, webp, avif, gif, svg

    /// Formats Lantern makes variants of; GIF (often animated) and SVG are copied as they are.
    var isProcessed: Bool { self != .gif && self != .svg }

    /// The extension variants in this format get.
    var fileExtension: String {
        switch self {
        case .jpeg: return "jpg"
        case .png: return "png"
        case .webp: return "webp"
        case .avif: return "avif"
        case .gif: return "gif"
        case .svg: return "svg"
        }
    }

    var mediaType: String {
        switch self {
        case .svg: return "image/svg+xml"
        default: return "image/" + rawValue
        }
    }

    var displayName: String { self == .jpeg ? "JPEG" : rawValue.uppercased() }

    /// The format a file's name says (`.JPG`, `.jpeg` → JPEG), nil for a name that is not a
    /// picture Lantern handles.
    init?(fileName: String) {
        switch ImageFormat.lowercasedExtension(of: fileName) {
        case "jpg", "jpeg": self = .jpeg
        case "png": self = .png
        case "webp": self = .webp
        case "avif": self = .avif
        case "gif": self = .gif
        case "svg": self = .svg
        default: return nil
        }
    }

    /// Names of picture formats that browsers do not all show or that Lantern does not read.
    static let unsupportedExtensions: Set<String> = ["tif", "tiff", "bmp", "heic", "heif", "jxl", "psd", "raw", "cr2", "nef", "dng"]

    static func lowercasedExtension(of fileName: String) -> String {
        let name = fileName.split(separator: "/").last.map(String.init) ?? fileName
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// What a file's first bytes say it is (nil: none of these).
    static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("ftyp".utf8), at: 4) && (starts(Array("avif".utf8), at: 8) || starts(Array("avis".utf8), at: 8)) {
            return .avif
        }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        return nil
    }

    /// A name for what the first bytes are when they are a picture format Lantern does not read.
    static func sniffUnsupported(_ bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "TIFF" }
        if starts(Array("BM".utf8)) { return "BMP" }
        if starts(Array("ftyp".utf8), at: 4) { return "HEIF (an iPhone photo)" }
        if starts(Array("8BPS".utf8)) { return "Photoshop" }
        return nil
    }
}

extension ImageFormat {
    /// The size a file's header claims, read from its bytes without any decoder: how a
    /// decompression bomb (a few bytes claiming 100,000 × 100,000 pixels) is refused before
    /// libvips sees it. nil when the header is not there to read.
    static func claimedSize(of bytes: [UInt8], as format: ImageFormat) -> (width: Int, height: Int)? {
        func big16(_ i: Int) -> Int { Int(bytes[i]) << 8 | Int(bytes[i + 1]) }
        func big32(_ i: Int) -> Int { big16(i) << 16 | big16(i + 2) }
        func little16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func little24(_ i: Int) -> Int { little16(i) | Int(bytes[i + 2]) << 16 }
        switch format {
        case .png:
            guard bytes.count >= 24 else { return nil }
            return (big32(16), big32(20))
        case .gif:
            guard bytes.count >= 10 else { return nil }
            return (little16(6), little16(8))
        case .webp:
            guard bytes.count >= 30 else { return nil }
            let chunk = String(decoding: bytes[12..<16], as: UTF8.self)
            switch chunk {
            case "VP8X": return (little24(24) + 1, little24(27) + 1)
            case "VP8L":
                let b = bytes[21...24].map(Int.init)
                return (1 + (b[0] | (b[1] & 0x3F) << 8), 1 + (b[1] >> 6 | b[2] << 2 | (b[3] & 0x0F) << 10))
            case "VP8 ": return (little16(26) & 0x3FFF, little16(28) & 0x3FFF)
            default: return nil
            }
        case .jpeg:
            // Markers from the start: the first frame header (SOF0…SOF15 but DHT, JPG, DAC) holds the size.
            var i = 2
            while i + 9 < bytes.count {
                guard bytes[i] == 0xFF else { return nil }
                let marker = bytes[i + 1]
                if marker == 0xFF { i += 1; continue }
                if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                    return (big16(i + 7), big16(i + 5))
                }
                if marker == 0xD8 || (0xD0...0xD7).contains(marker) { i += 2; continue }
                i += 2 + big16(i + 2)
            }
            return nil
        case .avif, .svg:
            return nil
        }
    }
}
