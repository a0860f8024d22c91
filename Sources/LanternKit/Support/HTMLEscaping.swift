/// Escaping for text placed into HTML and attributes (JSON: `JSONWriter`), and for the
/// `{{values}}` of templates (`TemplateRendering`).
public enum HTMLEscaping {
    /// Escapes `& < > " '` so the text is safe in element content and quoted attributes.
    /// Text with none of them (most text) is returned as it is, without copying.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscaping) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` to `output`, escaped as `escape(_:)` does.
    static func escape(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (i, byte) in bytes.enumerated() where needsEscaping(byte) {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                switch byte {
                case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
                default: output.append(contentsOf: "&#39;".utf8)
                }
                start = i + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        // All five are ASCII below "?", so one comparison rules out most bytes.
        byte < UInt8(ascii: "?")
            && (byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"))
    }
}
