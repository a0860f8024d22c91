/// An SVG is a document that can run script: it is published only when it holds no script,
/// no event handler, no `foreignObject` (HTML inside the picture) and no reference to
/// anything outside itself. Anything else is refused at its line, not cleaned: a picture a
/// writer cannot see the problem in should not be changed behind their back.
enum SVGSafety {
    struct Unsafe: Error, Sendable {
        var line: Int
        var message: String
    }

    /// The picture's size from its `width` and `height` (or `viewBox`), when it says.
    static func inspect(_ bytes: [UInt8]) -> Result<(width: Int, height: Int)?, Unsafe> {
        let text = String(decoding: bytes, as: UTF8.self)
        let lower = Array(text.lowercased().utf8)
        func line(at offset: Int) -> Int { 1 + lower[..<offset].reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }
        func find(_ needle: String, from start: Int = 0) -> Int? {
            let pattern = Array(needle.utf8)
            guard pattern.count <= lower.count else { return nil }
            var i = start
            while i + pattern.count <= lower.count {
                if lower[i] == pattern[0] && Array(lower[i..<i + pattern.count]) == pattern { return i }
                i += 1
            }
            return nil
        }
        func unsafe(_ offset: Int, _ what: String) -> Result<(width: Int, height: Int)?, Unsafe> {
            .failure(Unsafe(line: line(at: offset),
                message: "this SVG holds \(what) (line \(line(at: offset))), which could run in visitors' browsers "
                    + "or load something from elsewhere; remove it (or export the drawing again as plain SVG)"))
        }
        guard find("<svg") != nil else {
            return .failure(Unsafe(line: 1, message: "this file is named .svg but holds no <svg> element"))
        }
        for (needle, what) in [("<script", "a <script>"), ("<foreignobject", "a <foreignObject>"),
                               ("<!entity", "an entity declaration"), ("javascript:", "a javascript: URL"),
                               ("@import", "a stylesheet @import"), ("<iframe", "an <iframe>"),
                               ("<embed", "an <embed>"), ("<object", "an <object>")] {
            if let at = find(needle) { return unsafe(at, what) }
        }
        // Event handlers: an attribute `on…=` after whitespace inside a tag.
        var i = 0
        var inTag = false
        while i < lower.count {
            let byte = lower[i]
            if byte == UInt8(ascii: "<") { inTag = true }
            if byte == UInt8(ascii: ">") { inTag = false }
            if inTag, byte == UInt8(ascii: "o"), i > 0, i + 2 < lower.count, lower[i + 1] == UInt8(ascii: "n"),
                [32, 9, 10, 13].contains(lower[i - 1])
            {
                var j = i + 2
                while j < lower.count, (97...122).contains(lower[j]) { j += 1 }
                while j < lower.count, [32, 9, 10, 13].contains(lower[j]) { j += 1 }
                if j > i + 2, j < lower.count, lower[j] == UInt8(ascii: "=") {
                    return unsafe(i, "an event handler (\(String(decoding: lower[i..<j], as: UTF8.self)))")
                }
            }
            i += 1
        }
        // References: href and url() may only point inside the picture (`#id`) or be data.
        for attribute in ["href=", "src="] {
            var from = 0
            while let at = find(attribute, from: from) {
                from = at + attribute.count
                var k = from
                while k < lower.count, [32, 34, 39].contains(lower[k]) { k += 1 }
                if k < lower.count, lower[k] != UInt8(ascii: "#") {
                    return unsafe(at, "a reference to another file (\(attribute.dropLast()))")
                }
            }
        }
        var from = 0
        while let at = find("url(", from: from) {
            from = at + 4
            var k = from
            while k < lower.count, [32, 34, 39].contains(lower[k]) { k += 1 }
            if k < lower.count, lower[k] != UInt8(ascii: "#") {
                return unsafe(at, "a reference to another file (url(…))")
            }
        }
        return .success(size(of: text))
    }

    /// Width and height from the root element's `width`/`height` in pixels, else its `viewBox`.
    static func size(of text: String) -> (width: Int, height: Int)? {
        guard let start = text.range(of: "<svg"), let end = text[start.upperBound...].firstIndex(of: ">") else {
            return nil
        }
        let tag = String(text[start.upperBound..<end])
        func attribute(_ name: String) -> String? {
            guard let found = tag.range(of: " " + name + "=") ?? tag.range(of: "\n" + name + "=") else { return nil }
            let rest = tag[found.upperBound...]
            guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
            let value = rest.dropFirst().prefix { $0 != quote }
            return String(value)
        }
        func pixels(_ value: String?) -> Int? {
            guard var value = value?.trimmingWhitespace() else { return nil }
            if value.hasSuffix("px") { value.removeLast(2) }
            guard let number = Double(value), number > 0 else { return nil }
            return Int(number.rounded())
        }
        if let width = pixels(attribute("width")), let height = pixels(attribute("height")) { return (width, height) }
        if let box = attribute("viewBox") {
            let numbers = box.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            if numbers.count == 4, numbers[2] > 0, numbers[3] > 0 {
                return (Int(numbers[2].rounded()), Int(numbers[3].rounded()))
            }
        }
        return nil
    }
}
