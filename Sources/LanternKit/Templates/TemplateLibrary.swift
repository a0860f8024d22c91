import Foundation
import Mustache

/// The theme's Mustache templates, parsed once and checked before any page is rendered:
/// syntax errors, partials that do not exist and partials that include each other in a loop
/// are reported with the template's file and line.
public struct TemplateLibrary: Sendable {
    private let library: MustacheLibrary
    /// Template names (`page`, `partials/header`) as the theme's files define them.
    public let names: Set<String>

    /// The templates every site needs.
    static let requiredNames = ["home", "section", "page", "404"]

    /// Loads every `*.mustache` under `directory` except the `assets` folder.
    /// - Parameter displayRoot: the folder as messages name it (`Templates`).
    public static func load(from directory: String, displayRoot: String) throws(BuildFailure) -> TemplateLibrary {
        var diagnostics = DiagnosticBag()
        var library = MustacheLibrary()
        var references: [String: [PartialReference]] = [:]
        var files: [String: String] = [:]
        for path in templateFiles(in: directory) {
            let name = String(path.dropLast(".mustache".count))
            let display = displayRoot + "/" + path
            files[name] = display
            let text: String
            do {
                guard let data = FileManager.default.contents(atPath: directory + "/" + path) else {
                    diagnostics.error(SourceLocation(file: display), "cannot read this template")
                    continue
                }
                text = try SourceText.decode(data, file: display)
            } catch {
                diagnostics.append(contentsOf: error.diagnostics)
                continue
            }
            do {
                library.register(try ThemeEscaping.template(text), named: name)
                references[name] = PartialReference.scan(text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error(
                    SourceLocation(file: display, line: error.context.lineNumber - ThemeEscaping.addedLines,
                        column: error.context.columnNumber + 1),
                    "template syntax error: \(describe(error.error))")
            } catch {
                diagnostics.error(SourceLocation(file: display), "template syntax error: \(error)")
            }
        }
        if files.isEmpty {
            diagnostics.error(SourceLocation(file: displayRoot),
                "no templates (*.mustache files) in the templates folder")
        }
        let names = Set(files.keys)
        for (name, refs) in references.sorted(by: { $0.key < $1.key }) {
            for ref in refs where !names.contains(ref.name) {
                diagnostics.error(SourceLocation(file: files[name]!, line: ref.line, column: ref.column),
                    "unknown partial '\(ref.name)': there is no \(displayRoot)/\(ref.name).mustache")
            }
        }
        if let cycle = findCycle(references, among: names) {
            let first = references[cycle[0]]?.first { $0.name == cycle[1] }
            diagnostics.error(
                SourceLocation(file: files[cycle[0]]!, line: first?.line ?? 0, column: first?.column ?? 0),
                "templates include each other in a loop (\(cycle.joined(separator: " → "))); "
                    + "rendering would never end")
        }
        try diagnostics.throwIfErrors()
        return TemplateLibrary(library: library, names: names)
    }

    /// A library from template texts by name, for tools that have no theme folder.
    public static func fromTexts(_ texts: [String: String]) throws -> TemplateLibrary {
        var library = MustacheLibrary()
        for (name, text) in texts { library.register(try ThemeEscaping.template(text), named: name) }
        return TemplateLibrary(library: library, names: Set(texts.keys))
    }

    /// Renders `context` with the template `name`, which must exist (checked beforehand).
    func render(_ context: [String: Any], with name: String) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    /// Partials under `site/`: they see only `site`, so they are rendered once per build for
    /// each state of the menu (`SitePartials`) instead of once per page.
    var sitePartialNames: [String] { names.filter { $0.hasPrefix("site/") }.sorted() }

    /// This library with each given partial replaced by its finished text.
    func replacingPartials(_ texts: [String: String]) -> TemplateLibrary {
        var copy = library
        for (name, text) in texts {
            guard let template = LiteralTemplate.make(text) else { continue }
            copy.register(template, named: name)
        }
        return TemplateLibrary(library: copy, names: names)
    }

    private static func templateFiles(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var paths: [String] = []
        for case let path as String in enumerator {
            if path == "assets" || path.hasPrefix("assets/") { continue }
            if path.hasSuffix(".mustache") { paths.append(path) }
        }
        return paths.sorted()
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a closing tag {{/…}} does not match the section it closes"
        case .unfinishedName?: return "a tag is not closed with }}"
        case .expectedSectionEnd?: return "a section {{#…}} is never closed with {{/…}}"
        case .invalidSetDelimiter?: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection?: return "a transform cannot apply to an inherited section"
        case .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
            return "only {{$block}} overrides may stand directly inside {{<parent}}"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?:
            return "unknown {{% pragma }}"
        case nil: return "\(error)"
        }
    }

    /// A depth-first search over "template includes partial" edges.
    private static func findCycle(_ references: [String: [PartialReference]], among names: Set<String>) -> [String]? {
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var stack: [String] = []
        func visit(_ name: String) -> [String]? {
            state[name] = 1
            stack.append(name)
            for ref in references[name] ?? [] where names.contains(ref.name) {
                if state[ref.name] == 1 {
                    let start = stack.firstIndex(of: ref.name)!
                    return Array(stack[start...]) + [ref.name]
                }
                if state[ref.name] == nil, let cycle = visit(ref.name) { return cycle }
            }
            stack.removeLast()
            state[name] = 2
            return nil
        }
        for name in names.sorted() where state[name] == nil {
            if let cycle = visit(name) { return cycle }
        }
        return nil
    }
}

/// Templates escape `{{values}}` with `HTMLEscaping`, which gives the same text as
/// swift-mustache's own HTML escaping but works on bytes and copies nothing when there is
/// nothing to escape; the library's escaping looked up every character in a dictionary and was
/// a tenth of a whole build. swift-mustache lets a template choose its escaping with a
/// `CONTENT_TYPE` pragma, so every template is parsed with one standalone pragma line before it.
enum ThemeEscaping: MustacheContentType {
    case html

    func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }

    /// Lines put before the theme's own text (subtracted from error line numbers).
    static let addedLines = 1

    private static let registered: Void = MustacheContentTypes.register(ThemeEscaping.html, named: "LANTERN_HTML")

    static func template(_ text: String) throws -> MustacheTemplate {
        registered
        return try MustacheTemplate(string: "{{% CONTENT_TYPE: LANTERN_HTML }}\n" + text)
    }
}

/// A template that outputs a fixed text. Its first tag switches the tag delimiters to two
/// control characters that rendered HTML does not contain (checked), so nothing in the text
/// is read as a tag.
enum LiteralTemplate {
    private static let open = "\u{1}\u{2}", close = "\u{2}\u{1}"

    static func make(_ text: String) -> MustacheTemplate? {
        guard !text.contains(open), !text.contains(close) else { return nil }
        // On a line of its own, the delimiter tag is removed with its line ending.
        return try? MustacheTemplate(string: "{{=\(open) \(close)=}}\n" + text)
    }
}

/// A `{{> partial}}` or `{{< parent}}` tag found in a template's text.
struct PartialReference: Equatable {
    var name: String
    var line: Int
    var column: Int

    /// Finds partial and parent tags with the default `{{ }}` delimiters.
    static func scan(_ text: String) -> [PartialReference] {
        var found: [PartialReference] = []
        let bytes = Array(text.utf8)
        var line = 1, lineStart = 0, i = 0
        while i + 2 < bytes.count {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            } else if bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{"),
                bytes[i + 2] == UInt8(ascii: ">") || bytes[i + 2] == UInt8(ascii: "<")
            {
                var j = i + 3
                while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
                let start = j
                while j < bytes.count, bytes[j] != UInt8(ascii: "}"), bytes[j] != UInt8(ascii: " ") { j += 1 }
                let name = String(decoding: bytes[start..<j], as: UTF8.self)
                if !name.isEmpty && !name.hasPrefix("*") {
                    found.append(PartialReference(name: name, line: line, column: i - lineStart + 1))
                }
                i = j
                continue
            }
            i += 1
        }
        return found
    }
}
