import Foundation
@testable import LanternKit

/// Pictures made for tests: a PNG written byte by byte (stored, uncompressed deflate), a JPEG
/// made from it by libvips, and metadata planted in a JPEG the way a phone writes it.
enum TestPictures {
    /// A `width` × `height` RGB gradient as PNG.
    static func png(width: Int, height: Int) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for y in 0..<height {
            raw.append(0)  // filter: none
            for x in 0..<width {
                raw.append(UInt8(x * 255 / max(1, width - 1)))
                raw.append(UInt8(y * 255 / max(1, height - 1)))
                raw.append(128)
            }
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65535, raw.count - offset)
            let last: UInt8 = offset + count == raw.count ? 1 : 0
            zlib += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            zlib += raw[offset..<offset + count]
            offset += count
        } while offset < raw.count
        zlib += bigEndian(adler32(raw))
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
        png += chunk("IDAT", zlib)
        png += chunk("IEND", [])
        return png
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
