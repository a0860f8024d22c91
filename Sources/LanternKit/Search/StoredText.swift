/// A page's text as the index's text files (`text-N.json`) hold it: its description, and the
/// text of each of its parts by part number (SearchDocument.numberedParts), each with every
/// run of white space made one space. Read for the results a query shows: their excerpts,
/// the part to link to, quoted phrases and words close together.
struct StoredText: Equatable {
    var description: String
    /// One entry per part number, "" for a part without text.
    var parts: [String]
}

extension StoredText {
    init(_ page: SearchDocument) {
        let numbered = page.numberedParts
        parts = [String](repeating: "", count: (numbered.last?.number ?? 0) + 1)
        for (number, part) in numbered {
            parts[number] = Self.cut(part.text, to: IndexFormat.partTextBytes)
        }
        description = Self.cut(page.description, to: IndexFormat.partTextBytes)
    }

    /// Bytes of text, for sizing the text files.
    var size: Int { parts.reduce(description.utf8.count) { $0 + $1.utf8.count } }

    /// `text` with each run of white space (line breaks between blocks) made one space, cut
    /// between words to at most `limit` bytes and ended with "…" when cut.
    static func cut(_ text: String, to limit: Int) -> String {
        var text = text
        // The text with white space runs made one space, but no more than limit + 2 bytes:
        // enough to tell whether it is longer than the limit. Branch-free per byte (spaces
        // come every few bytes, and a branch on them would be mispredicted each time).
        let kept = text.withUTF8 { utf8 in
            [UInt8](unsafeUninitializedCapacity: min(utf8.count, limit + 2)) { out, count in
                let whiteSpace: UInt64 = 1 << 0x20 | 1 << 0x0D | 1 << 0x0A | 1 << 0x09
                var n = 0
                var previousIsSpace = 1  // white space at the start is dropped
                for byte in utf8 {
                    if n == out.count { break }
                    let isSpace = Int(truncatingIfNeeded: (whiteSpace >> UInt64(min(byte, 63))) & 1)
                    out[n] = isSpace == 1 ? 0x20 : byte
                    n += 1 &- (isSpace & previousIsSpace)
                    previousIsSpace = isSpace
                }
                if n > 0 && n <= limit + 1 && out[n - 1] == 0x20 { n -= 1 }  // white space at the end
                count = n
            }
        }
        if kept.count <= limit { return String(decoding: kept, as: UTF8.self) }
        var end = limit
        if kept[limit] != 0x20 {  // else the last word ends at the limit
            if let space = kept[..<end].lastIndex(of: 0x20), space > 0 {
                end = space
            } else {
                while end > 0 && kept[end] & 0xC0 == 0x80 { end -= 1 }  // not inside a character
            }
        }
        return String(decoding: kept[..<end], as: UTF8.self) + "…"
    }
}
