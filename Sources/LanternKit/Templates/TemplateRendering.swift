import Foundation

/// Renders parsed templates into bytes: one walk over the tree, with the values of the
/// sections entered so far on a stack.
///
/// Sections follow Mustache: a list repeats its body once per item; `true` shows the body;
/// a missing value, `false`, an empty list and empty text hide it (and show `{{^…}}`); any
/// other value shows the body once with that value innermost, so `{{title}}` inside
/// `{{#section}}` is the section's title.
struct TemplateRendering {
    private let templates: [String: Template]
    private(set) var output: [UInt8] = []
    private var stack: [TemplateValue]
    /// Where the innermost repeated list is, for `first()`, `last()`, `index()`.
    private var position: Position?
    /// Blocks replaced by `{{<parent}}` overrides; the outermost template's override wins.
    private var overrides: [String: [TemplateNode]] = [:]
    /// The indentation of the standalone partials being rendered, and whether the next byte
    /// starts a line of theirs.
    private var indentation: [UInt8] = []
    private var atLineStart = false
    /// How many partials are being rendered inside each other.
    private var depth = 0
    static let maximumDepth = 100

    private struct Position {
        var index: Int
        var count: Int
    }

    init(templates: [String: Template], context: TemplateValue, capacity: Int = 0) {
        self.templates = templates
        stack = [context]
        output.reserveCapacity(capacity)
    }

    mutating func render(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                emitTemplateText(bytes)
            case .value(let name, let escaped):
                if let value = resolve(name), let text = value.scalarText { emitValue(text, escaped: escaped) }
            case .section(let name, let body):
                guard let value = resolve(name) else { continue }
                switch value {
                case .bool(let shown):
                    if shown { render(body) }
                case .list(let items):
                    let outer = position
                    for (index, item) in items.enumerated() {
                        position = Position(index: index, count: items.count)
                        stack.append(item)
                        render(body)
                        stack.removeLast()
                    }
                    position = outer
                case .text(let text) where text.isEmpty:
                    continue
                default:
                    let outer = position
                    position = nil
                    stack.append(value)
                    render(body)
                    stack.removeLast()
                    position = outer
                }
            case .invertedSection(let name, let body):
                if TemplateRendering.isHidden(resolve(name)) { render(body) }
            case .partial(let name, let indentation):
                renderPartial(name, indentation: indentation, overrides: [:])
            case .parent(let name, let indentation, let overrides):
                renderPartial(name, indentation: indentation, overrides: overrides)
            case .block(let name, let defaults, let indentation):
                if indentation.isEmpty {
                    render(overrides[name] ?? defaults)
                } else {
                    let outer = self.indentation
                    indent(by: indentation)
                    render(overrides[name] ?? defaults)
                    restore(outer)
                }
            }
        }
    }

    private static func isHidden(_ value: TemplateValue?) -> Bool {
        switch value {
        case nil, .bool(false): return true
        case .list(let items): return items.isEmpty
        case .text(let text): return text.isEmpty
        default: return false
        }
    }

    private mutating func renderPartial(_ name: PartialName, indentation: [UInt8],
                                        overrides new: [String: [TemplateNode]]) {
        let template: Template?
        switch name {
        case .fixed(let name): template = templates[name]  // the library checked every such name
        case .dynamic(let tag): template = resolve(tag)?.text.flatMap { templates[$0] }
        }
        // Only a dynamic name can make a loop (the library refuses loops of fixed names).
        guard let template, depth < TemplateRendering.maximumDepth else { return }
        let outerOverrides = overrides, outerIndentation = self.indentation
        if !new.isEmpty { overrides.merge(new) { outer, _ in outer } }
        if !indentation.isEmpty { indent(by: indentation) }
        depth += 1
        render(template.nodes)
        depth -= 1
        overrides = outerOverrides
        if !indentation.isEmpty { restore(outerIndentation) }
    }

    /// Every line that starts from here on gets `more` after the current indentation; the
    /// output is at the start of a line (the tag stood alone on its line).
    private mutating func indent(by more: [UInt8]) {
        indentation += more
        atLineStart = true
    }

    private mutating func restore(_ outer: [UInt8]) {
        indentation = outer
        atLineStart = !outer.isEmpty && output.last == UInt8(ascii: "\n")
    }

    // MARK: Names

    private func resolve(_ name: TagName) -> TemplateValue? {
        var value: TemplateValue?
        switch name.root {
        case .position:
            guard let position, let function = name.functions.last else { return nil }
            value = TemplateRendering.apply(function, to: position)
            return TemplateRendering.apply(name.functions.dropLast(), to: value)
        case .current:
            value = TemplateRendering.field(name.path[...], of: stack[stack.count - 1])
        case .stack:
            let first = name.path[0]
            for item in stack.reversed() {
                if case .object(let fields) = item, let found = fields[first] {
                    value = TemplateRendering.field(name.path.dropFirst(), of: found)
                    break
                }
            }
        }
        return name.functions.isEmpty ? value : TemplateRendering.apply(name.functions[...], to: value)
    }

    private static func field(_ path: ArraySlice<String>, of value: TemplateValue) -> TemplateValue? {
        var value = value
        for key in path {
            guard case .object(let fields) = value, let child = fields[key] else { return nil }
            value = child
        }
        return value
    }

    /// Applies `functions`, innermost (last) first.
    private static func apply(_ functions: ArraySlice<String>, to value: TemplateValue?) -> TemplateValue? {
        var value = value
        for function in functions.reversed() {
            guard let current = value else {
                // What is missing is empty: `{{^empty(pages)}}` is "has pages" for a page with none too.
                if function == "empty" { value = .bool(true); continue }
                return nil
            }
            value = apply(function, to: current)
        }
        return value
    }

    private static func apply(_ function: String, to value: TemplateValue) -> TemplateValue? {
        switch (function, value) {
        case ("first", .list(let items)): return items.first
        case ("last", .list(let items)): return items.last
        case ("reversed", .list(let items)): return .list(items.reversed())
        case ("count", .list(let items)): return .int(items.count)
        case ("empty", .list(let items)): return .bool(items.isEmpty)
        case ("sorted", .list(let items)):
            let texts = items.compactMap(\.text)
            return texts.count == items.count ? .list(texts.sorted().map(TemplateValue.text)) : nil
        case ("count", .object(let fields)): return .int(fields.count)
        case ("empty", .object(let fields)): return .bool(fields.isEmpty)
        case ("enumerated", .object(let fields)), ("sorted", .object(let fields)):
            return .list(fields.sorted { $0.key < $1.key }.map { .object(["key": .text($0.key), "value": $0.value]) })
        case ("empty", .text(let text)): return .bool(text.isEmpty)
        case ("capitalized", .text(let text)): return .text(text.capitalized)
        case ("lowercased", .text(let text)): return .text(text.lowercased())
        case ("uppercased", .text(let text)): return .text(text.uppercased())
        case ("reversed", .text(let text)): return .text(String(text.reversed()))
        case ("equalzero", .int(let int)): return .bool(int == 0)
        case ("plusone", .int(let int)): return .int(int + 1)
        case ("minusone", .int(let int)): return .int(int - 1)
        case ("even", .int(let int)): return .bool(int & 1 == 0)
        case ("odd", .int(let int)): return .bool(int & 1 == 1)
        default: return nil
        }
    }

    private static func apply(_ function: String, to position: Position) -> TemplateValue? {
        switch function {
        case "first": return .bool(position.index == 0)
        case "last": return .bool(position.index == position.count - 1)
        case "index": return .int(position.index)
        case "even": return .bool(position.index & 1 == 0)
        case "odd": return .bool(position.index & 1 == 1)
        default: return nil
        }
    }

    // MARK: Output

    private mutating func emitTemplateText(_ bytes: [UInt8]) {
        guard !indentation.isEmpty else {
            output.append(contentsOf: bytes)
            return
        }
        for byte in bytes {
            if atLineStart {
                output.append(contentsOf: indentation)
                atLineStart = false
            }
            output.append(byte)
            if byte == UInt8(ascii: "\n") { atLineStart = true }
        }
    }

    private mutating func emitValue(_ text: String, escaped: Bool) {
        if atLineStart, !indentation.isEmpty, !text.isEmpty {
            output.append(contentsOf: indentation)
            atLineStart = false
        }
        if escaped {
            HTMLEscaping.escape(text, into: &output)
        } else {
            output.append(contentsOf: text.utf8)
        }
    }
}
