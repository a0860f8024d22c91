import CLanternVips

/// libvips, through our C shim (Sources/CLanternVips): the one place Swift calls into it.
enum Vips {
    /// What an image's header says, its size as it is shown (EXIF orientation applied).
    struct Header: Sendable, Equatable {
        var width: Int
        var height: Int
    }

    /// libvips starts once, on first use, from whichever thread gets here first.
    private static let started: Bool = lantern_vips_start() == 0

    /// The header of an image in memory, or libvips's reason it cannot read one.
    static func header(of bytes: [UInt8]) -> Result<Header, VipsError> {
        guard started else { return .failure(VipsError(detail: "libvips did not start")) }
        var header = lantern_header()
        let status = bytes.withUnsafeBytes { lantern_vips_header($0.baseAddress, $0.count, &header) }
        guard status == 0 else { return .failure(VipsError.taken()) }
        let turned = header.orientation >= 5
        return .success(Header(width: Int(turned ? header.height : header.width),
            height: Int(turned ? header.width : header.height)))
    }

    /// The image at `width` pixels (or its own width when smaller), upright, in sRGB, without
    /// metadata, in each of `formats`.
    static func encode(_ bytes: [UInt8], width: Int, formats: [ImageFormat], quality: Int)
        -> Result<[[UInt8]], VipsError>
    {
        guard started else { return .failure(VipsError(detail: "libvips did not start")) }
        let codes = formats.map(\.vipsCode)
        var outputs = [lantern_encoded](repeating: lantern_encoded(), count: formats.count)
        let status = bytes.withUnsafeBytes { source in
            lantern_vips_encode(source.baseAddress, source.count, Int32(width), codes, Int32(codes.count),
                Int32(quality), &outputs)
        }
        guard status == 0 else { return .failure(VipsError.taken()) }
        defer { for output in outputs { lantern_vips_free(output.data) } }
        return .success(zip(formats, outputs).map { format, output in
            let bytes = Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(output.data), count: output.length))
            return format == .webp ? WebPMetadata.stripped(bytes) : bytes
        })
    }

    /// The band values of one pixel as stored (RGB or RGBA, 0–255), without colour management:
    /// what a browser shows of a file without a colour profile.
    static func pixel(of bytes: [UInt8], x: Int, y: Int) -> [Double]? {
        guard started else { return nil }
        var values: (Double, Double, Double, Double) = (0, 0, 0, 0)
        var bands: Int32 = 0
        let status = withUnsafeMutableBytes(of: &values) { raw in
            bytes.withUnsafeBytes {
                lantern_vips_pixel($0.baseAddress, $0.count, Int32(x), Int32(y),
                    raw.baseAddress!.assumingMemoryBound(to: Double.self), &bands)
            }
        }
        guard status == 0 else {
            _ = VipsError.taken()
            return nil
        }
        return Array([values.0, values.1, values.2, values.3].prefix(Int(bands)))
    }

    /// SHA-256 of the bytes, in hex.
    static func sha256(_ bytes: [UInt8]) -> String {
        var hex = [CChar](repeating: 0, count: 65)
        bytes.withUnsafeBytes { lantern_sha256($0.baseAddress, $0.count, &hex) }
        return String(decoding: hex.prefix(64).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// What libvips said when it failed: its own words, for the end of our message.
struct VipsError: Error, Sendable {
    var detail: String

    /// The error text libvips collected (it keeps one buffer for all threads, so with
    /// several pictures failing at once a detail may belong to another; the message that
    /// names the file is ours).
    static func taken() -> VipsError {
        guard let text = lantern_vips_take_error() else { return VipsError(detail: "") }
        defer { lantern_vips_free(text) }
        let lines = String(cString: text).split(separator: "\n").map { $0.trimmingWhitespace() }
        return VipsError(detail: lines.filter { !$0.isEmpty }.prefix(2).joined(separator: "; "))
    }
}

extension ImageFormat {
    fileprivate var vipsCode: lantern_format {
        switch self {
        case .jpeg: return LANTERN_JPEG
        case .png: return LANTERN_PNG
        case .webp: return LANTERN_WEBP
        case .avif: return LANTERN_AVIF
        case .gif, .svg: return LANTERN_PNG  // never encoded: copied as they are
        }
    }
}
