import Foundation

/// The links and ids of a finished HTML page, found by one pass over its tags: what a browser
/// would follow or load (`href`, `src`, each URL of `srcset`) and what a `#fragment` can name
/// (`id`, and `name` on `<a>`). Comments and the text of `script`, `style`, `textarea` and
/// `title` are skipped; attribute values are read quoted or not, with character references
/// (`&amp;`, `&#39;`, `&#x2F;`) decoded.
struct HTMLLinkScanner {
    struct Link: Equatable, Sendable {
        /// The URL as the browser reads it (character references decoded).
        var url: String
        /// The attribute value as written in the HTML, to find it in the theme's source.
        var written: String
        /// Where the value starts, as a byte offset into the page.
        var offset: Int
    }

    private(set) var links: [Link] = []
    private(set) var ids: Set<String> = []

    private static let linkAttributes: Set<String> = ["href", "src"]
    private static let rawTextElements: Set<String> = ["script", "style", "textarea", "title"]

    init(_ html: [UInt8]) {
        html.withUnsafeBufferPointer { scan($0) }
    }

    private mutating func scan(_ b: UnsafeBufferPointer<UInt8>) {
        let n = b.count
        var i = 0
        func starts(_ text: String, at k: Int, caseInsensitive: Bool = false) -> Bool {
            var k = k
            for c in text.utf8 {
                guard k < n else { return false }
                let x = caseInsensitive ? HTMLLinkScanner.lower(b[k]) : b[k]
                if x != c { return false }
                k += 1
            }
            return true
        }
        func skip(past text: String, from k: Int, caseInsensitive: Bool = false) -> Int {
            var k = k
            while k < n, !starts(text, at: k, caseInsensitive: caseInsensitive) { k += 1 }
            return min(n, k + text.utf8.count)
        }
        while i < n {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            if starts("<!--", at: i) { i = skip(past: "-->", from: i + 4); continue }
            guard i + 1 < n, HTMLLinkScanner.isLetter(b[i + 1]) else {
                // `</tag>`, `<!DOCTYPE>`, `<?…>`, or a `<` that is text.
                if i + 1 < n, b[i + 1] == UInt8(ascii: "/") || b[i + 1] == UInt8(ascii: "!") {
                    i = skip(past: ">", from: i + 1)
                } else {
                    i += 1
                }
                continue
            }
            var k = i + 1
            while k < n, !HTMLLinkScanner.isSpace(b[k]), b[k] != UInt8(ascii: ">"), b[k] != UInt8(ascii: "/") { k += 1 }
            let tag = HTMLLinkScanner.lowered(b, i + 1, k)
            // Attributes, up to the end of the tag.
            while k < n, b[k] != UInt8(ascii: ">") {
                if HTMLLinkScanner.isSpace(b[k]) || b[k] == UInt8(ascii: "/") { k += 1; continue }
                let nameStart = k
                while k < n, !HTMLLinkScanner.isSpace(b[k]), b[k] != UInt8(ascii: "="), b[k] != UInt8(ascii: ">"),
                    b[k] != UInt8(ascii: "/") || k == nameStart
                { k += 1 }
                let name = HTMLLinkScanner.lowered(b, nameStart, k)
                var j = k
                while j < n, HTMLLinkScanner.isSpace(b[j]) { j += 1 }
                guard j < n, b[j] == UInt8(ascii: "=") else { continue }
                j += 1
                while j < n, HTMLLinkScanner.isSpace(b[j]) { j += 1 }
                var valueStart = j, valueEnd = j
                if j < n, b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                    let quote = b[j]
                    valueStart = j + 1
                    valueEnd = valueStart
                    while valueEnd < n, b[valueEnd] != quote { valueEnd += 1 }
                    k = min(n, valueEnd + 1)
                } else {
                    while valueEnd < n, !HTMLLinkScanner.isSpace(b[valueEnd]), b[valueEnd] != UInt8(ascii: ">") {
                        valueEnd += 1
                    }
                    k = valueEnd
                }
                let written = String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<valueEnd]), as: UTF8.self)
                let value = HTMLLinkScanner.decodeReferences(written)
                if HTMLLinkScanner.linkAttributes.contains(name) {
                    links.append(Link(url: value.trimmingWhitespace(), written: written, offset: valueStart))
                } else if name == "srcset" {
                    for url in HTMLLinkScanner.srcsetURLs(value) {
                        links.append(Link(url: url, written: url, offset: valueStart))
                    }
                } else if name == "id" || name == "name" && tag == "a" {
                    if !value.isEmpty { ids.insert(value) }
                }
            }
            i = min(n, k + 1)
            if HTMLLinkScanner.rawTextElements.contains(tag) {
                i = skip(past: "</" + tag, from: i, caseInsensitive: true)
            }
        }
    }

    /// The URLs of a `srcset` (`a.png 1x, b.png 2x`), as the HTML standard splits it: a URL
    /// runs to white space; a comma ends a candidate.
    static func srcsetURLs(_ value: String) -> [String] {
        var urls: [String] = []
        var rest = Substring(value)
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "," }
            guard !rest.isEmpty else { return urls }
            var url = rest.prefix { !$0.isWhitespace }
            rest = rest.dropFirst(url.count)
            if url.hasSuffix(",") {
                while url.hasSuffix(",") { url = url.dropLast() }
            } else {
                // The descriptors (`2x`, `300w`), up to the comma that ends the candidate.
                var depth = 0
                while let c = rest.first {
                    if c == "(" { depth += 1 } else if c == ")" { depth -= 1 } else if c == "," && depth <= 0 { break }
                    rest = rest.dropFirst()
                }
            }
            if !url.isEmpty { urls.append(String(url)) }
        }
    }

    private static let namedReferences: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    ]

    /// `&amp;`, `&#39;` and `&#x2F;` decoded; any other `&` left as it is.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(12).firstIndex(of: ";") {
                let name = after[..<semicolon]
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    decoded = namedReferences[String(name)]
                }
                if let decoded {
                    out += decoded
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }

    /// A link to this site (`/x/`, `../x/`, `#top`), not to another site or another kind of
    /// address (`https:`, `//host`, `mailto:`, `tel:`, `data:`, `javascript:`).
    static func isLocal(_ url: String) -> Bool {
        !url.isEmpty && !url.hasPrefix("//") && !LinkResolver.hasScheme(url)
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
    private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C
    }
    private static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c | 0x20 : c }
    private static func lowered(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        String(decoding: b[from..<to].map(lower), as: UTF8.self)
    }
}
