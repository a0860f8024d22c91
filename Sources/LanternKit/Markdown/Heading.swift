/// A heading of a rendered page, with the `id` its HTML carries.
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    public var id: String
    /// Line in the page's file.
    public var line: Int
}

/// The plain text of a page between two h2/h3 headings: what search indexes and what
/// readability checks read.
public struct TextPart: Sendable, Equatable {
    /// Heading id, `""` for the text before the first h2/h3.
    public var anchor: String
    public var heading: String
    /// Blocks (paragraphs, list items, table cells) separated by newlines.
    public var text: String

    public init(anchor: String, heading: String, text: String) {
        self.anchor = anchor
        self.heading = heading
        self.text = text
    }
}

/// One paragraph, table cell or code block of a page, as plain text.
public struct TextBlock: Sendable, Equatable {
    /// Line in the page's file where the block starts.
    public var line: Int
    public var text: String
    public var isCode: Bool
}

/// A link or image in a page, as written and as rewritten.
public struct LinkReference: Sendable, Equatable {
    public var destination: String
    public var resolved: String
    public var isImage: Bool
    /// Link text or image alt text.
    public var text: String
    public var line: Int
    public var column: Int
    /// For a link to a page in another language than its own (no translation): that language.
    public var language: String? = nil
}

/// Makes GitHub-style heading ids (`"What to bring?"` → `what-to-bring`), unique within a page
/// by appending `-1`, `-2`, ….
struct HeadingSlugger {
    private var taken: Set<String> = []
    private var suffixes: [String: Int] = [:]

    static func slug(_ text: String) -> String {
        if let slug = asciiSlug(text) { return slug }
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                out.append("-")
            } else if scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic
                || scalar.properties.numericType != nil
            {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `slug(text)` for a text of ASCII characters only, worked out on its bytes (letters
    /// lower-cased, digits, "-" and "_" kept, spaces made "-", the rest left out); nil for a
    /// text with any other character. The search index's guess of an anchor
    /// (IndexFormat.anchorGuess) agrees with it on such texts.
    static func asciiSlug(_ text: String) -> String? {
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: " "): out.append(UInt8(ascii: "-"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(byte | 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"):
                out.append(byte)
            default: break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func uniqueID(for text: String) -> String {
        var base = HeadingSlugger.slug(text)
        if base.isEmpty { base = "section" }
        var candidate = base
        while taken.contains(candidate) {
            let suffix = suffixes[base, default: 0] + 1
            suffixes[base] = suffix
            candidate = "\(base)-\(suffix)"
        }
        taken.insert(candidate)
        return candidate
    }
}
