/// libvips 8.14's WebP writer adds an EXIF chunk of its own even to an image without
/// metadata: the chunks that hold metadata (EXIF, XMP, ICC profile) are taken out of the
/// RIFF container, and the VP8X header no longer announces them.
enum WebPMetadata {
    static func stripped(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8)
        else { return bytes }
        var chunks: [UInt8] = []
        var i = 12
        while i + 8 <= bytes.count {
            let size = Int(bytes[i + 4]) | Int(bytes[i + 5]) << 8 | Int(bytes[i + 6]) << 16 | Int(bytes[i + 7]) << 24
            let end = min(bytes.count, i + 8 + size + (size & 1))
            let name = String(decoding: bytes[i..<i + 4], as: UTF8.self)
            if name != "EXIF" && name != "XMP " && name != "ICCP" {
                var chunk = Array(bytes[i..<end])
                // VP8X flags: ICC 0x20, EXIF 0x08, XMP 0x04.
                if name == "VP8X", chunk.count > 8 { chunk[8] &= ~UInt8(0x20 | 0x08 | 0x04) }
                chunks += chunk
            }
            i = end
        }
        let total = UInt32(4 + chunks.count)
        return Array("RIFF".utf8) + (0..<4).map { UInt8(truncatingIfNeeded: total >> ($0 * 8)) } + Array("WEBP".utf8) + chunks
    }
}
