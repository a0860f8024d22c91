import Foundation
import Yams

/// A YAML value that remembers where it was written, so every error can name its line.
struct YAMLValue: Sendable {
    indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case list([YAMLValue])
        case map([Entry])
    }

    struct Entry: Sendable {
        var key: String
        var keyLocation: SourceLocation
        var value: YAMLValue
    }

    var kind: Kind
    var location: SourceLocation
    /// The scalar as written, for fields that accept any scalar as text (`title: 2024`).
    var text: String?

    /// Human name of the kind, for messages such as "expected text, found a list".
    var kindName: String {
        switch kind {
        case .null: return "nothing"
        case .bool: return "true/false"
        case .int: return "a number"
        case .double: return "a number"
        case .string: return "text"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }

    var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    var entries: [Entry]? {
        if case .map(let entries) = kind { return entries }
        return nil
    }

    subscript(key: String) -> YAMLValue? {
        entries?.first { $0.key == key }?.value
    }

    /// Any scalar as text; nil for lists, mappings and null.
    var scalarText: String? {
        switch kind {
        case .null, .list, .map: return nil
        default: return text
        }
    }

    /// The value as templates see it (`null` is empty text, which sections treat as absent).
    var templateValue: TemplateValue {
        switch kind {
        case .null: return .text("")
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .text(s)
        case .list(let items): return .list(items.map(\.templateValue))
        case .map(let entries):
            var fields: [String: TemplateValue] = [:]
            for entry in entries { fields[entry.key] = entry.value.templateValue }
            return .object(fields)
        }
    }
}

/// Parses YAML text (front matter or site.yaml) into located values.
enum YAMLReader {
    /// Aliases can make a small document expand without bound ("billion laughs"); a site's
    /// configuration never needs this many values.
    static let maximumValues = 20_000

    /// - Parameters:
    ///   - file: the path to name in diagnostics.
    ///   - firstLine: the file line on which the YAML text starts.
    static func read(_ text: String, file: String, firstLine: Int = 1) throws(BuildFailure) -> YAMLValue? {
        let lineShift = firstLine - 1
        func location(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return SourceLocation(file: file, line: firstLine) }
            return SourceLocation(file: file, line: mark.line + lineShift, column: mark.column)
        }
        let node: Node?
        do {
            // An explicit encoding: the default one reads the process environment on every call.
            // The basic resolver tags no scalar: `scalarKind` types them without Yams' regular
            // expressions, which took a third of the time spent reading front matter.
            node = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw BuildFailure(describe(error, file: file, lineShift: lineShift))
        } catch {
            throw BuildFailure(.error(SourceLocation(file: file, line: firstLine), "\(error)"))
        }
        guard let node else { return nil }
        var budget = maximumValues
        return try convert(node, budget: &budget, location: location)
    }

    private static func convert(
        _ node: Node, budget: inout Int, location: (Mark?) -> SourceLocation
    ) throws(BuildFailure) -> YAMLValue {
        budget -= 1
        if budget < 0 {
            throw BuildFailure(.error(location(node.mark),
                "YAML has more than \(maximumValues) values (or aliases that expand to that many); "
                + "simplify it"))
        }
        let here = location(node.mark)
        switch node {
        case .scalar(let scalar):
            return YAMLValue(kind: scalarKind(node, scalar), location: here, text: scalar.string)
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            for item in sequence { items.append(try convert(item, budget: &budget, location: location)) }
            return YAMLValue(kind: .list(items), location: here)
        case .mapping(let mapping):
            var entries: [YAMLValue.Entry] = []
            for (key, value) in mapping {
                let keyText = key.string ?? ""
                entries.append(.init(
                    key: keyText, keyLocation: location(key.mark),
                    value: try convert(value, budget: &budget, location: location)))
            }
            return YAMLValue(kind: .map(entries), location: here)
        case .alias:
            throw BuildFailure(.error(here, "unresolved YAML alias"))
        }
    }

    /// YAML 1.1 types of plain scalars, as Yams' default resolver and constructors give them:
    /// `~` and `null` are null, `yes`/`on`/`true` (any case) booleans, `0x1F`, `1_000` and `0755` (octal)
    /// integers, `2.5` and `1e3` numbers, the rest text.
    static func scalarKind(_ node: Node, _ scalar: Node.Scalar) -> YAMLValue.Kind {
        guard scalar.style == .plain || scalar.style == .any else { return .string(scalar.string) }
        let text = scalar.string
        if scalar.style == .plain, nullWords.contains(text) { return .null }
        if text.utf8.count <= 5, let bool = boolWords[text.lowercased()] { return .bool(bool) }
        guard let first = text.utf8.first, mayBeNumber(text.utf8) else { return .string(text) }
        // Yams' integer constructor drops underscores and accepts a sign; nothing else can start one.
        if first == UInt8(ascii: "_") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first), let int = node.int
        {
            return .int(int)
        }
        if text.first.map({ $0.isNumber || $0 == "." || $0 == "-" }) == true, let double = node.float {
            return .double(double)
        }
        return .string(text)
    }

    /// False for text that no YAML 1.1 integer or number can be, so that Yams' constructors
    /// (slow: they replace, split and parse strings) are not asked. Dates are the usual case:
    /// white space, or a sign inside the text that follows neither an exponent, a radix
    /// prefix, a `:` nor a leading zero (`0-7` is octal -7 to Yams), rules a number out.
    static func mayBeNumber(_ text: String.UTF8View) -> Bool {
        var previous: UInt8?
        var index = 0
        var leadingZeroAt = -1
        for byte in text {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                return false
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if let previous, index - 1 != leadingZeroAt, !"eEpPxXoObB:".utf8.contains(previous) { return false }
            case UInt8(ascii: "0"):
                if index == 0 || (index == 1 && (previous == UInt8(ascii: "+") || previous == UInt8(ascii: "-"))) {
                    leadingZeroAt = index
                }
            default:
                break
            }
            previous = byte
            index += 1
        }
        return true
    }

    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
    /// In any mix of cases.
    private static let boolWords = ["yes": true, "true": true, "on": true, "no": false, "false": false, "off": false]

    private static func describe(_ error: YamlError, file: String, lineShift: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line + lineShift, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // Point at where the unfinished construct began (an unclosed `[`, say): that is
            // where the writer must look; libyaml notices the problem only further on.
            if let context {
                return .error(at(context.mark),
                    "invalid YAML: \(problem) (\(context.text); noticed on line \(mark.line + lineShift))")
            }
            return .error(at(mark), "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error(at(context.mark), "duplicate key \(keys): each key may appear only once")
        case .reader(let problem, _, _, _):
            return .error(SourceLocation(file: file, line: 1 + lineShift), "unreadable YAML: \(problem)")
        default:
            return .error(SourceLocation(file: file, line: 1 + lineShift), "invalid YAML: \(error)")
        }
    }
}
