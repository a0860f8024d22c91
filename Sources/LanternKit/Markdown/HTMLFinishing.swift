import Foundation

/// The last touches to cmark's HTML, in one pass over its bytes: headings get their ids, and
/// Markdown tables get a scrolling wrapper, so a wide table scrolls inside its own box on a
/// phone instead of the whole page, and keyboard users can scroll it too.
///
/// In safe mode every `<hN>` and `<table>` in the output comes from a Markdown node, in
/// document order; with raw HTML allowed, the tree walk counts those written as HTML, which
/// are left as written.
enum HTMLFinishing {
    static func tableOpening(label: String) -> [UInt8] {
        Array("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTMLEscaping.escape(label))\"><table>".utf8)
    }
    static let tableClosing = Array("</table></div>".utf8)

    /// - Parameter html: cmark's output.
    static func finish(_ html: UnsafeBufferPointer<UInt8>, headingIDs: [String?], tables: [Bool],
                       tableOpening: [UInt8]) -> String {
        guard !headingIDs.isEmpty || tables.contains(true) else { return String(decoding: html, as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(html.count + headingIDs.count * 24 + tables.count * 96)
        var nextHeading = 0, nextTable = 0
        var openTables: [Bool] = []
        var copied = 0  // html[..<copied] is in `out`
        var i = 0
        // Tags left as they are stay in `html` and are copied with the text after them.
        func replace(_ start: Int, upTo end: Int, with bytes: [UInt8]) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied..<start]))
            out.append(contentsOf: bytes)
            copied = end
        }
        while let found = memchr(html.baseAddress! + i, Int32(UInt8(ascii: "<")), html.count - i) {
            i = html.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if isHeadingTag(html, at: i) {
                if nextHeading < headingIDs.count, let id = headingIDs[nextHeading] {  // nil: raw HTML
                    replace(i + 3, upTo: i + 4, with: Array(" id=\"\(HTMLEscaping.escape(id))\">".utf8))
                }
                nextHeading += 1
                i += 4
            } else if matches(html, at: i, "<table>") {
                let wrap = nextTable < tables.count && tables[nextTable]
                nextTable += 1
                openTables.append(wrap)
                if wrap { replace(i, upTo: i + 7, with: tableOpening) }
                i += 7
            } else if matches(html, at: i, "</table>") {
                if openTables.popLast() ?? false { replace(i, upTo: i + 8, with: tableClosing) }
                i += 8
            } else {
                i += 1
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied...]))
        return String(decoding: out, as: UTF8.self)
    }

    /// How many `<hN>` and `<table>` tags a piece of raw HTML holds.
    static func tagCounts(in html: String) -> (headings: Int, tables: Int) {
        var html = html
        return html.withUTF8 { bytes in
            var headings = 0, tables = 0
            for i in bytes.indices where bytes[i] == UInt8(ascii: "<") {
                if isHeadingTag(bytes, at: i) { headings += 1 }
                if matches(bytes, at: i, "<table>") { tables += 1 }
            }
            return (headings, tables)
        }
    }

    private static func isHeadingTag(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        i + 3 < bytes.count && bytes[i + 1] == UInt8(ascii: "h")
            && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[i + 2])
            && bytes[i + 3] == UInt8(ascii: ">")
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ tag: StaticString) -> Bool {
        let count = tag.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let pattern = UnsafeBufferPointer(start: tag.utf8Start, count: count)
        for k in 0..<count where bytes[i + k] != pattern[k] { return false }
        return true
    }
}
