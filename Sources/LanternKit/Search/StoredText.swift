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
        var bytes: [UInt8] = []
        text.withUTF8 { utf8 in
            bytes.reserveCapacity(min(utf8.count, limit) + 1)
            var space = false  // white space seen since the last byte kept
            for byte in utf8 {
                if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                    space = !bytes.isEmpty
                    continue
                }
                if space {
                    bytes.append(0x20)
                    space = false
                }
                if bytes.count > limit { break }
                bytes.append(byte)
            }
        }
        if bytes.count <= limit { return String(decoding: bytes, as: UTF8.self) }
        var end = limit
        if let space = bytes[..<end].lastIndex(of: 0x20), space > 0 {
            end = space
        } else {
            while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }  // not inside a character
        }
        return String(decoding: bytes[..<end], as: UTF8.self) + "…"
    }
}
