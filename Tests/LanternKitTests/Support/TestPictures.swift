import Foundation
@testable import LanternKit

/// Pictures made for tests: a PNG written byte by byte (stored, uncompressed deflate), a JPEG
/// made from it by libvips, and metadata planted in a JPEG the way a phone writes it.
enum TestPictures {
    /// A `width` × `height` RGB gradient as PNG.
    static func png(width: Int, height: Int) -> [UInt8] {
        png(width: width, height: height) { x, y in
            (UInt8(x * 255 / max(1, width - 1)), UInt8(y * 255 / max(1, height - 1)), 128)
        }
    }

    /// A `width` × `height` RGB PNG of `pixel`'s colours, with `profile` embedded as its colour
    /// profile (an iCCP chunk) when given.
    static func png(width: Int, height: Int, profile: [UInt8]? = nil,
                    pixel: (_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8)) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for y in 0..<height {
            raw.append(0)  // filter: none
            for x in 0..<width {
                let (r, g, b) = pixel(x, y)
                raw += [r, g, b]
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        if let profile { png += chunk("iCCP", Array("test profile".utf8) + [0, 0] + zlibStored(profile)) }
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return png
    }

    /// `bytes` as a zlib stream of stored (uncompressed) deflate blocks.
    private static func zlibStored(_ bytes: [UInt8]) -> [UInt8] {
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65535, bytes.count - offset)
            let last: UInt8 = offset + count == bytes.count ? 1 : 0
            zlib += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            zlib += bytes[offset..<offset + count]
            offset += count
        } while offset < bytes.count
        return zlib + bigEndian(adler32(bytes))
    }

    /// sRGB's primaries as an ICC profile holds them (CIE XYZ, adapted to D50).
    static let sRGBRed = (0.4361, 0.2225, 0.0139), sRGBGreen = (0.3851, 0.7169, 0.0971),
        sRGBBlue = (0.1431, 0.0606, 0.7141)

    /// An ICC version 2 display profile of the matrix/TRC kind, with these primaries and a
    /// gamma of 2.2 for each channel: the smallest colour profile a colour manager accepts.
    static func iccProfile(red: (Double, Double, Double), green: (Double, Double, Double),
                           blue: (Double, Double, Double)) -> [UInt8] {
        func fixed(_ value: Double) -> [UInt8] { bigEndian(Int32((value * 65536).rounded())) }
        func xyz(_ v: (Double, Double, Double)) -> [UInt8] { Array("XYZ ".utf8) + [0, 0, 0, 0] + fixed(v.0) + fixed(v.1) + fixed(v.2) }
        let description = Array("Lantern test profile\0".utf8)
        let desc = Array("desc".utf8) + [0, 0, 0, 0] + bigEndian(UInt32(description.count)) + description
            + [UInt8](repeating: 0, count: 4 + 4 + 2 + 1 + 67)
        let curve = Array("curv".utf8) + [0, 0, 0, 0] + bigEndian(UInt32(1)) + [0x02, 0x33] + [0, 0]  // gamma 2.2
        let copyright = Array("text".utf8) + [0, 0, 0, 0] + Array("No copyright, use freely\0".utf8)
        let tags: [(String, [UInt8])] = [("desc", desc), ("wtpt", xyz((0.9642, 1.0, 0.8249))),
            ("rXYZ", xyz(red)), ("gXYZ", xyz(green)), ("bXYZ", xyz(blue)),
            ("rTRC", curve), ("gTRC", curve), ("bTRC", curve), ("cprt", copyright)]
        var offset = 128 + 4 + tags.count * 12
        var table = bigEndian(UInt32(tags.count)), data: [UInt8] = []
        for (signature, bytes) in tags {
            let padded = bytes + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4)
            table += Array(signature.utf8) + bigEndian(UInt32(offset)) + bigEndian(UInt32(bytes.count))
            data += padded
            offset += padded.count
        }
        var header = bigEndian(UInt32(offset)) + [0, 0, 0, 0] + [0x02, 0x10, 0, 0]
            + Array("mntrRGB XYZ ".utf8) + [UInt8](repeating: 0, count: 12) + Array("acsp".utf8)
        header += [UInt8](repeating: 0, count: 64 - header.count) + [0, 0, 0, 0]  // rendering intent
        header += fixed(0.9642) + fixed(1.0) + fixed(0.8249)
        header += [UInt8](repeating: 0, count: 128 - header.count)
        return header + table + data
    }

    /// The first bytes of a PNG that claims `width` × `height` pixels and holds none: a
    /// decompression bomb's header.
    static func pngHeader(width: Int, height: Int) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
    }

    /// The 1000 × 750 JPEG most tests use, made once.
    static let photo = jpeg(width: 1000, height: 750)

    /// A JPEG of the gradient, made by libvips (without metadata).
    static func jpeg(width: Int, height: Int) -> [UInt8] {
        guard case .success(let encoded) = Vips.encode(png(width: width, height: height), width: width,
            formats: [.jpeg], quality: 90)
        else { fatalError("libvips could not make a test JPEG") }
        return encoded[0]
    }

    /// The secret a phone leaves in a photo, planted by `withMetadata`, as bytes to look for.
    static let cameraSerial = "LANTERN-SERIAL-7731"
    static let xmpMarker = "lantern-xmp-secret"
    static let commentMarker = "lantern-comment-secret"
    /// The GPS latitude planted: 51° 30' 12.34" N, as the EXIF rationals' bytes.
    static let latitudeBytes: [UInt8] = bigEndian(UInt32(51)) + bigEndian(UInt32(1)) + bigEndian(UInt32(30))
        + bigEndian(UInt32(1)) + bigEndian(UInt32(1234)) + bigEndian(UInt32(100))

    /// `jpeg` with an EXIF block (orientation, camera make and serial, GPS position), an XMP
    /// block and a comment, inserted after the start marker as a camera writes them.
    static func withMetadata(_ jpeg: [UInt8], orientation: UInt16 = 1) -> [UInt8] {
        // TIFF, big-endian: IFD0 (orientation, make, GPS pointer), then the GPS IFD, then data.
        let make = Array((cameraSerial + "\0").utf8)
        let ifd0Offset = 8
        let ifd0Size = 2 + 3 * 12 + 4
        let gpsOffset = ifd0Offset + ifd0Size
        let gpsSize = 2 + 4 * 12 + 4
        let makeOffset = gpsOffset + gpsSize
        let latitudeOffset = makeOffset + make.count
        let longitudeOffset = latitudeOffset + 24
        func entry(_ tag: UInt16, _ type: UInt16, _ count: UInt32, _ value: [UInt8]) -> [UInt8] {
            bigEndian(tag) + bigEndian(type) + bigEndian(count) + value + [UInt8](repeating: 0, count: 4 - value.count)
        }
        var tiff: [UInt8] = Array("MM".utf8) + [0, 42] + bigEndian(UInt32(ifd0Offset))
        tiff += bigEndian(UInt16(3))
        tiff += entry(0x010F, 2, UInt32(make.count), bigEndian(UInt32(makeOffset)))
        tiff += entry(0x0112, 3, 1, bigEndian(orientation))
        tiff += entry(0x8825, 4, 1, bigEndian(UInt32(gpsOffset)))
        tiff += bigEndian(UInt32(0))
        tiff += bigEndian(UInt16(4))
        tiff += entry(0x0001, 2, 2, Array("N\0".utf8))
        tiff += entry(0x0002, 5, 3, bigEndian(UInt32(latitudeOffset)))
        tiff += entry(0x0003, 2, 2, Array("W\0".utf8))
        tiff += entry(0x0004, 5, 3, bigEndian(UInt32(longitudeOffset)))
        tiff += bigEndian(UInt32(0))
        tiff += make
        tiff += latitudeBytes
        tiff += bigEndian(UInt32(0)) + bigEndian(UInt32(1)) + bigEndian(UInt32(7)) + bigEndian(UInt32(1))
            + bigEndian(UInt32(3906)) + bigEndian(UInt32(100))
        let exif = Array("Exif\0\0".utf8) + tiff
        let xmp = Array("http://ns.adobe.com/xap/1.0/\0".utf8)
            + Array("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><!-- \(xmpMarker) --></x:xmpmeta>".utf8)
        let comment = Array(commentMarker.utf8)
        return [0xFF, 0xD8] + segment(0xE1, exif) + segment(0xE1, xmp) + segment(0xFE, comment) + Array(jpeg.dropFirst(2))
    }

    private static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0xFF, marker] + bigEndian(UInt16(payload.count + 2)) + payload
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
    }

    static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<T.bitWidth / 8).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    private static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        return c
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        let table = crcTable
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return ~crc
    }
}

extension Array where Element == UInt8 {
    /// Whether these bytes hold `needle` anywhere.
    func contains(bytes needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if self[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}
