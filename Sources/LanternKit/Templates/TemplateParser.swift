/// Reads a template's Mustache text into a `Template`, following the Mustache spec's rules for
/// tags that stand alone on their line (the line disappears with them), for set delimiters, and
/// for the indentation of blocks.
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
    /// How many bytes of indentation every line of the innermost standalone block has in
    /// common: they are left out of its text (and out of the indentation of the tags in it), and
    /// the block puts back its own indentation where it is shown.
    private var dedent = 0
    /// The bytes of that indentation the current line has had left out so far.
    private var dedentedOnLine = 0
    /// The tags of a line of several parent and block tags after the current one, which stand
    /// alone together (`{{<base}}{{$main}}`), and their indentation.
    private var runRemaining = 0
    private var runIndentation: [UInt8] = []
    private var runKeepsNewline = false
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
        var indentation: [UInt8] = []
        var partial: PartialName?
        /// For blocks: the enclosing block's `dedent`, restored when this one closes.
        var outerDedent = 0
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
                if dedentedOnLine == position - lineStart, dedentedOnLine < dedent, isBlank(byte) {
                    dedentedOnLine += 1
                } else {
                    text.append(byte)
                }
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

    /// A tag's place in the text: `sigil` is the byte after the opening delimiter when it is one
    /// of `#^/!><$=%{&`, else 0.
    private struct Tag {
        var start: Int
        var sigil: UInt8
        var contentStart: Int
        var contentEnd: Int
        var end: Int
    }

    private func lexTag(at start: Int, open: [UInt8], close: [UInt8]) -> Tag? {
        var contentStart = start + open.count
        let sigil = contentStart < bytes.count ? bytes[contentStart] : 0
        var closing = close
        switch sigil {
        case UInt8(ascii: "{"): closing = [UInt8(ascii: "}")] + close
        case UInt8(ascii: "="): closing = [UInt8(ascii: "=")] + close
        default: break
        }
        let hasSigil = Array("#^/!><$=%{&".utf8).contains(sigil)
        if hasSigil { contentStart += 1 }
        guard let contentEnd = find(closing, from: contentStart) else { return nil }
        return Tag(start: start, sigil: hasSigil ? sigil : 0, contentStart: contentStart, contentEnd: contentEnd,
            end: contentEnd + closing.count)
    }

    private func content(of tag: Tag) -> String {
        String(decoding: bytes[tag.contentStart..<tag.contentEnd], as: UTF8.self).trimmingWhitespace()
    }

    private mutating func readTag() throws(TemplateSyntaxError) {
        let tagStart = position
        let column = tagStart - lineStart + 1
        let tagLine = line
        func error(_ message: String) -> TemplateSyntaxError {
            TemplateSyntaxError(message: message, line: tagLine, column: column)
        }
        guard let tag = lexTag(at: tagStart, open: open, close: close) else {
            throw error("a tag is not closed with \(String(decoding: close, as: UTF8.self))")
        }
        let sigil = tag.sigil, tagEnd = tag.end
        let content = self.content(of: tag)
        // A comment may span lines.
        let lastNewline = bytes[tagStart..<tag.contentEnd].lastIndex(of: UInt8(ascii: "\n"))
        line += bytes[tagStart..<tag.contentEnd].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }

        var standsAlone = false
        var indentation: [UInt8] = []
        /// Whether the rest of the tag's line is its own (the line's newline is gone with it).
        var ownsLine = false
        if runRemaining > 0 {
            runRemaining -= 1
            standsAlone = true
            indentation = runIndentation
            position = tagEnd
            if runRemaining == 0 && !runKeepsNewline { skipRestOfLine() }
            ownsLine = !runKeepsNewline
        } else if "#^/!><$=%".utf8.contains(sigil), tagsOnLine == 0,
            bytes[lineStart..<tagStart].allSatisfy(isBlank)
        {
            let run = "<$/".utf8.contains(sigil) ? inheritanceRun(from: tag) : nil
            if run != nil || isBlankToLineEnd(from: tagEnd) {
                standsAlone = true
                indentation = Array(bytes[(lineStart + dedentedOnLine)..<tagStart])
                text.removeLast(tagStart - lineStart - dedentedOnLine)
                position = tagEnd
                if let run {
                    runRemaining = run.count - 1
                    runIndentation = indentation
                    runKeepsNewline = run.count == 2 && run[0].sigil == UInt8(ascii: "$")
                    tagsOnLine += 1
                    ownsLine = !runKeepsNewline
                } else {
                    skipRestOfLine()
                    ownsLine = true
                }
            }
        }
        if !standsAlone {
            position = tagEnd
            if let lastNewline {
                lineStart = lastNewline + 1
                dedentedOnLine = 0
                tagsOnLine = 0
            }
            tagsOnLine += 1
        }
        try flushText()
        if let parent = frames.last, parent.kind == .parent, !"$!/=".utf8.contains(sigil) {
            throw error("only {{$block}} overrides (and text, which is left out) may stand directly "
                + "inside {{<\(parent.name)}}")
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
        case UInt8(ascii: ">"), UInt8(ascii: "<"):
            let name: PartialName
            if content.hasPrefix("*") {
                name = .dynamic(try tagName(String(content.dropFirst()).trimmingWhitespace(), error: error))
            } else {
                guard !content.isEmpty, !content.contains(where: \.isWhitespace) else {
                    throw error("a template name must be one word, like {{> partials/toc}}")
                }
                name = .fixed(content)
                references.append(PartialReference(name: content, line: tagLine, column: column))
            }
            if sigil == UInt8(ascii: ">") {
                append(.partial(name, indentation: indentation))
            } else {
                frames.append(Frame(kind: .parent, name: content, line: tagLine, column: column,
                    indentation: indentation, partial: name))
            }
        case UInt8(ascii: "$"):
            guard !content.isEmpty, !content.contains(where: \.isWhitespace) else {
                throw error("a block name must be one word, like {{$main}}")
            }
            var frame = Frame(kind: frames.last!.kind == .parent ? .override : .block, name: content,
                line: tagLine, column: column, outerDedent: dedent)
            if standsAlone {
                let margin = commonIndentation(ofBlockAfter: tagEnd, skippingFirstLine: ownsLine)
                let own = margin.dropFirst(dedent)
                frame.indentation = own.isEmpty ? indentation : Array(own)
                dedent = max(dedent, margin.count)
            }
            frames.append(frame)
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
            case .parent:
                append(.parent(frame.partial!, indentation: frame.indentation, overrides: frame.overrides))
            case .block:
                dedent = frame.outerDedent
                append(.block(frame.name, frame.nodes, indentation: frame.indentation))
            case .override:
                dedent = frame.outerDedent
                frames[frames.count - 1].overrides[frame.name] = frame.nodes
            }
        case UInt8(ascii: "{"), UInt8(ascii: "&"):
            append(.value(try tagName(content, error: error), escaped: false))
        default:
            append(.value(try tagName(content, error: error), escaped: true))
        }
    }

    /// The tags of a line that holds nothing but parent and block tags, side by side, each
    /// opening or closing a parent or a block (`{{<base}}{{$main}}`, `{{/main}}{{/base}}`,
    /// `{{<partial}}{{/partial}}`, `{{$block}}{{/block}}`): the spec lets such a line stand
    /// alone. Nil when `first` is alone on its line or the line holds anything else.
    private func inheritanceRun(from first: Tag) -> [Tag]? {
        var tags = [first]
        var open = frames.map { ($0.kind, $0.name) }
        var next = first
        while true {
            let name = content(of: next)
            switch next.sigil {
            case UInt8(ascii: "<"): open.append((.parent, name))
            case UInt8(ascii: "$"): open.append((.block, name))
            default:
                guard let last = open.popLast(), last.1 == name,
                    [.parent, .block, .override].contains(last.0) else { return nil }
            }
            if isBlankToLineEnd(from: next.end) { break }
            guard startsWith(self.open, at: next.end),
                let tag = lexTag(at: next.end, open: self.open, close: close),
                "<$/".utf8.contains(tag.sigil) else { return nil }
            tags.append(tag)
            next = tag
        }
        return tags.count > 1 ? tags : nil
    }

    /// The indentation the lines of a block's content have in common, from the raw text up to
    /// its closing tag (lines of only spaces and tabs do not count; neither does the rest of
    /// the opening tag's line when that line is the tag's own).
    private func commonIndentation(ofBlockAfter start: Int, skippingFirstLine: Bool) -> ArraySlice<UInt8> {
        // Find the closing tag by counting the sections and blocks opened and closed on the way.
        var open = self.open, close = self.close
        var depth = 0, i = start, end = bytes.count
        scan: while i < bytes.count {
            guard startsWith(open, at: i), let tag = lexTag(at: i, open: open, close: close) else {
                i += 1
                continue
            }
            switch tag.sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"): depth += 1
            case UInt8(ascii: "/"):
                if depth == 0 {
                    end = tag.start
                    break scan
                }
                depth -= 1
            case UInt8(ascii: "="):
                let parts = content(of: tag).split(whereSeparator: { $0 == " " || $0 == "\t" })
                if parts.count == 2 {
                    open = Array(parts[0].utf8)
                    close = Array(parts[1].utf8)
                }
            default: break
            }
            i = tag.end
        }
        var lines = bytes[start..<end].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if skippingFirstLine { lines.removeFirst() }
        var margin: ArraySlice<UInt8>?
        for line in lines {
            let indent = line.prefix(while: isBlank)
            guard indent.count < line.count, line[indent.endIndex] != UInt8(ascii: "\r") else { continue }
            guard let common = margin else {
                margin = indent
                continue
            }
            margin = common.prefix(zip(common, indent).prefix(while: { $0 == $1 }).count)
        }
        return margin ?? []
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

    /// Nothing but spaces and tabs from `start` to the end of its line.
    private func isBlankToLineEnd(from start: Int) -> Bool {
        var i = start
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") {
            let isCarriageReturnBeforeNewline = bytes[i] == UInt8(ascii: "\r") && i + 1 < bytes.count
                && bytes[i + 1] == UInt8(ascii: "\n")
            if !isBlank(bytes[i]) && !isCarriageReturnBeforeNewline { return false }
            i += 1
        }
        return true
    }

    /// Moves past the end of the current line and its newline.
    private mutating func skipRestOfLine() {
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
        if position < bytes.count {
            position += 1
            startLine()
        }
    }

    private func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private mutating func startLine() {
        line += 1
        lineStart = position
        dedentedOnLine = 0
        tagsOnLine = 0
    }

    /// Text directly inside a `{{<parent}}` is left out, as the spec says.
    private mutating func flushText() throws(TemplateSyntaxError) {
        guard !text.isEmpty else { return }
        if frames.last!.kind != .parent { append(.text(text)) }
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
