/// Reads a template's Mustache text into a `Template`, following the Mustache spec's rules for
/// tags that stand alone on their line (the line disappears with them) and for set delimiters.
struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0
    private var open = Array("{{".utf8)
    private var close = Array("}}".utf8)
    private var line = 1
    private var lineStart = 0
    /// Tags met so far on the current line: a tag stands alone only if it is the first.
    private var tagsOnLine = 0
    /// Literal text since the last tag.
    private var text: [UInt8] = []
    private var frames: [Frame]
    private var references: [PartialReference] = []

    /// Functions a tag may apply (`{{#first(pages)}}`), as swift-mustache named them.
    static let functions: Set<String> = [
        "first", "last", "index", "even", "odd", "count", "empty", "reversed", "sorted", "enumerated",
        "capitalized", "lowercased", "uppercased", "equalzero", "plusone", "minusone",
    ]

    private struct Frame {
        enum Kind { case root, section, invertedSection, parent, block, override }
        var kind: Kind
        /// The tag's text, which the closing tag must repeat.
        var name: String
        var tag: TagName?
        var line: Int
        var column: Int
        var indentation = ""
        var nodes: [TemplateNode] = []
        var overrides: [String: [TemplateNode]] = [:]
    }

    static func parse(_ text: String) throws(TemplateSyntaxError) -> Template {
        var parser = TemplateParser(bytes: Array(text.utf8))
        return try parser.parse()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        frames = [Frame(kind: .root, name: "", line: 1, column: 1)]
    }

    private mutating func parse() throws(TemplateSyntaxError) -> Template {
        while position < bytes.count {
            if startsWith(open, at: position) {
                try readTag()
            } else {
                let byte = bytes[position]
                text.append(byte)
                position += 1
                if byte == UInt8(ascii: "\n") { startLine() }
            }
        }
        try flushText()
        if frames.count > 1, let unclosed = frames.last {
            throw TemplateSyntaxError(
                message: "{{\(TemplateParser.opener(unclosed.kind))\(unclosed.name)}} is never closed with {{/\(unclosed.name)}}",
                line: unclosed.line, column: unclosed.column)
        }
        return Template(nodes: frames[0].nodes, references: references)
    }

    // MARK: Tags

    private mutating func readTag() throws(TemplateSyntaxError) {
        let tagStart = position
        let column = tagStart - lineStart + 1
        let tagLine = line
        func error(_ message: String) -> TemplateSyntaxError {
            TemplateSyntaxError(message: message, line: tagLine, column: column)
        }
        var contentStart = tagStart + open.count
        let sigil = contentStart < bytes.count ? bytes[contentStart] : 0
        var closing = close
        switch sigil {
        case UInt8(ascii: "{"): closing = [UInt8(ascii: "}")] + close
        case UInt8(ascii: "="): closing = [UInt8(ascii: "=")] + close
        default: break
        }
        if Array("#^/!><$=%{&".utf8).contains(sigil) { contentStart += 1 }
        guard let contentEnd = find(closing, from: contentStart) else {
            throw error("a tag is not closed with \(String(decoding: close, as: UTF8.self))")
        }
        let tagEnd = contentEnd + closing.count
        let content = String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self).trimmingWhitespace()
        // A comment may span lines.
        let lastNewline = bytes[tagStart..<contentEnd].lastIndex(of: UInt8(ascii: "\n"))
        line += bytes[tagStart..<contentEnd].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }

        let standsAlone = "#^/!><$=%".utf8.contains(sigil) && isStandalone(tagStart: tagStart, tagEnd: tagEnd)
        let indentation = standsAlone ? String(decoding: bytes[lineStart..<tagStart], as: UTF8.self) : ""
        if standsAlone {
            text.removeLast(tagStart - lineStart)
            position = tagEnd
            while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            if position < bytes.count {
                position += 1
                startLine()
            }
        } else {
            position = tagEnd
            if let lastNewline {
                lineStart = lastNewline + 1
                tagsOnLine = 0
            }
            tagsOnLine += 1
        }
        try flushText()
        if frames.last!.kind == .parent, !"$!/=".utf8.contains(sigil) {
            throw error("only {{$block}} overrides may stand directly inside {{<parent}}")
        }

        switch sigil {
        case UInt8(ascii: "!"):
            break
        case UInt8(ascii: "="):
            let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                throw error("invalid set-delimiter tag: write it like {{=<% %>=}}")
            }
            open = Array(parts[0].utf8)
            close = Array(parts[1].utf8)
        case UInt8(ascii: "%"):
            throw error("unknown {{% pragma }}: Lantern's templates have none")
        case UInt8(ascii: "#"), UInt8(ascii: "^"):
            frames.append(Frame(kind: sigil == UInt8(ascii: "#") ? .section : .invertedSection, name: content,
                tag: try tagName(content, error: error), line: tagLine, column: column))
        case UInt8(ascii: "<"), UInt8(ascii: "$"), UInt8(ascii: ">"):
            guard !content.isEmpty, !content.contains(where: \.isWhitespace) else {
                throw error("a template name must be one word, like {{> partials/toc}}")
            }
            if content.hasPrefix("*") { throw error("dynamic partial names ({{>*name}}) are not supported") }
            if sigil == UInt8(ascii: ">") {
                references.append(PartialReference(name: content, line: tagLine, column: column))
                append(.partial(content, indentation: indentation))
            } else if sigil == UInt8(ascii: "<") {
                references.append(PartialReference(name: content, line: tagLine, column: column))
                frames.append(Frame(kind: .parent, name: content, line: tagLine, column: column,
                    indentation: indentation))
            } else {
                frames.append(Frame(kind: frames.last!.kind == .parent ? .override : .block, name: content,
                    line: tagLine, column: column))
            }
        case UInt8(ascii: "/"):
            guard frames.count > 1, let frame = frames.popLast() else {
                throw error("{{/\(content)}} closes a section that was never opened")
            }
            guard frame.name == content else {
                throw error("{{/\(content)}} does not match the section it closes, "
                    + "{{\(TemplateParser.opener(frame.kind))\(frame.name)}} on line \(frame.line)")
            }
            switch frame.kind {
            case .root: break
            case .section: append(.section(frame.tag!, frame.nodes))
            case .invertedSection: append(.invertedSection(frame.tag!, frame.nodes))
            case .parent: append(.parent(frame.name, indentation: frame.indentation, overrides: frame.overrides))
            case .block: append(.block(frame.name, frame.nodes))
            case .override: frames[frames.count - 1].overrides[frame.name] = frame.nodes
            }
        case UInt8(ascii: "{"), UInt8(ascii: "&"):
            append(.value(try tagName(content, error: error), escaped: false))
        default:
            append(.value(try tagName(content, error: error), escaped: true))
        }
    }

    /// `name`, `a.b`, `.`, `.a`, `f(name)`, `f(g(name))`, `f()`.
    private func tagName(_ content: String, error: (String) -> TemplateSyntaxError) throws(TemplateSyntaxError)
        -> TagName
    {
        var rest = Substring(content)
        var functions: [String] = []
        while let paren = rest.firstIndex(of: "(") {
            functions.append(String(rest[..<paren]))
            rest = rest[rest.index(after: paren)...]
        }
        if !functions.isEmpty {
            let closers = rest.reversed().prefix(while: { $0 == ")" }).count
            guard closers == functions.count else { throw error("'\(content)': every ( needs its )") }
            rest = rest.dropLast(closers)
            if let unknown = functions.first(where: { !TemplateParser.functions.contains($0) }) {
                throw error("unknown function '\(unknown)' in '\(content)'; known: "
                    + TemplateParser.functions.sorted().joined(separator: ", "))
            }
        }
        guard !rest.contains(where: { $0.isWhitespace || $0 == "(" || $0 == ")" }) else {
            throw error("'\(content)' is not a name")
        }
        if rest.isEmpty {
            guard !functions.isEmpty else { throw error("a tag has no name") }
            return TagName(root: .position, path: [], functions: functions)
        }
        if rest == "." { return TagName(root: .current, path: [], functions: functions) }
        let path = rest.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if rest.hasPrefix(".") {
            return TagName(root: .current, path: Array(path.dropFirst()), functions: functions)
        }
        guard !path.contains("") else { throw error("'\(content)' is not a name") }
        return TagName(root: .stack, path: path, functions: functions)
    }

    // MARK: Lines and text

    /// Nothing but spaces and tabs before the tag on its line (and no other tag), and after it.
    private func isStandalone(tagStart: Int, tagEnd: Int) -> Bool {
        guard tagsOnLine == 0, bytes[lineStart..<tagStart].allSatisfy(isBlank) else { return false }
        var i = tagEnd
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") {
            let isCarriageReturnBeforeNewline = bytes[i] == UInt8(ascii: "\r") && i + 1 < bytes.count
                && bytes[i + 1] == UInt8(ascii: "\n")
            if !isBlank(bytes[i]) && !isCarriageReturnBeforeNewline { return false }
            i += 1
        }
        return true
    }

    private func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private mutating func startLine() {
        line += 1
        lineStart = position
        tagsOnLine = 0
    }

    private mutating func flushText() throws(TemplateSyntaxError) {
        guard !text.isEmpty else { return }
        if frames.last!.kind == .parent {
            guard text.allSatisfy({ isBlank($0) || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
                let frame = frames.last!
                throw TemplateSyntaxError(
                    message: "only {{$block}} overrides may stand directly inside {{<\(frame.name)}}",
                    line: frame.line, column: frame.column)
            }
        } else {
            append(.text(text))
        }
        text = []
    }

    private mutating func append(_ node: TemplateNode) {
        frames[frames.count - 1].nodes.append(node)
    }

    private func startsWith(_ delimiter: [UInt8], at index: Int) -> Bool {
        guard index + delimiter.count <= bytes.count else { return false }
        for k in 0..<delimiter.count where bytes[index + k] != delimiter[k] { return false }
        return true
    }

    private func find(_ delimiter: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + delimiter.count <= bytes.count {
            if startsWith(delimiter, at: i) { return i }
            i += 1
        }
        return nil
    }

    private static func opener(_ kind: Frame.Kind) -> String {
        switch kind {
        case .root, .section: return "#"
        case .invertedSection: return "^"
        case .parent: return "<"
        case .block, .override: return "$"
        }
    }
}
