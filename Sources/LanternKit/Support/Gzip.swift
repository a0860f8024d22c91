import CDeflate

/// gzip (RFC 1952) through libdeflate, the one place Lantern calls it. The search index's
/// text files are stored compressed, as Pagefind stores its fragments: the browser inflates
/// them with `DecompressionStream("gzip")`, so the site's files hold the pages' text once in
/// full (the pages) and once in a quarter of its size, and a visitor downloads no more than
/// a host compressing the plain file on the fly would send.
enum Gzip {
    /// libdeflate's default level. On the 10,000-page benchmark's text files it is 0.8%
    /// smaller than zlib's level 9 (which `Benchmarks/search_bytes.mjs` counts for plain
    /// files); level 1 is three times as fast but 13% larger, level 4 1.7% larger.
    static let level: Int32 = 6

    /// The first two bytes of every gzip stream.
    static let magic: [UInt8] = [0x1f, 0x8b]

    /// `bytes` as one gzip member. Deterministic: the same bytes give the same output.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(level) else {
            fatalError("libdeflate could not allocate a compressor (out of memory)")
        }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_gzip_compress_bound(compressor, bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let written = bytes.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                libdeflate_gzip_compress(compressor, input.baseAddress, input.count,
                                         output.baseAddress, output.count)
            }
        }
        // The bound is libdeflate's promise of room enough: 0 would be its bug, not bad input.
        precondition(written > 0, "libdeflate_gzip_compress wrote nothing within its own bound")
        out.removeSubrange(written...)
        return out
    }

    /// The bytes of a one-member gzip stream, or nil when `bytes` are not one (damaged,
    /// truncated, or not gzip at all).
    static func decompress(_ bytes: [UInt8]) -> [UInt8]? {
        // The last four bytes give the inflated size modulo 2^32 (ISIZE, RFC 1952 §2.3.1);
        // the index's text files are far below 4 GB.
        guard bytes.count >= 18, bytes.starts(with: magic) else { return nil }
        let size = bytes.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var out = [UInt8](repeating: 0, count: size)
        var actual = 0
        let result = bytes.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                libdeflate_gzip_decompress(decompressor, input.baseAddress, input.count,
                                           output.baseAddress, output.count, &actual)
            }
        }
        guard result == LIBDEFLATE_SUCCESS, actual == size else { return nil }
        return out
    }
}
