/// What the index keeps of a page to show it as a result and to rank it beyond its postings:
/// URL, title, section, a short text (the description, or else the opening of the page) and
/// the h2/h3 headings a result can link to. The page's full text is only counted into the
/// postings; it is not stored.
struct SearchCard: Equatable {
    struct Heading: Equatable {
        var text: String
        var anchor: String
    }

    var url: String
    var title: String
    var section: String
    /// The description, or the page's first `IndexFormat.leadBytes` bytes of text.
    var text: String
    var headings: [Heading]
}

extension SearchCard {
    init(_ page: SearchDocument) {
        url = page.url
        title = page.title
        section = page.section
        text = page.description.isEmpty ? Self.lead(page.parts) : page.description
        headings = page.parts.filter { !$0.anchor.isEmpty }.map {
            Heading(text: $0.heading, anchor: $0.anchor)
        }
    }

    /// The first `leadBytes` bytes of the page's text, cut between words, with "…" when cut;
    /// runs of white space (line breaks between blocks) become one space.
    static func lead(_ parts: [TextPart]) -> String {
        guard let part = parts.first(where: { !$0.text.isEmpty }) else { return "" }
        var bytes: [UInt8] = []
        for byte in part.text.utf8 {
            if bytes.count > IndexFormat.leadBytes { break }
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                if let last = bytes.last, last != 0x20 { bytes.append(0x20) }
            } else {
                bytes.append(byte)
            }
        }
        while bytes.last == 0x20 { bytes.removeLast() }
        if bytes.count <= IndexFormat.leadBytes { return String(decoding: bytes, as: UTF8.self) }
        var end = IndexFormat.leadBytes
        if let space = bytes[..<end].lastIndex(of: 0x20), space > 0 {
            end = space
        } else {
            while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }  // not inside a character
        }
        return String(decoding: bytes[..<end], as: UTF8.self) + "…"
    }
}
