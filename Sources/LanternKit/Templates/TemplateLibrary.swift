import Foundation

/// The theme's Mustache templates, parsed once and checked before any page is rendered:
/// syntax errors, partials that do not exist and partials that include each other in a loop
/// are reported with the template's file and line.
public struct TemplateLibrary: Sendable {
    private var templates: [String: Template]
    /// Template names (`page`, `partials/header`) as the theme's files define them.
    public let names: Set<String>
    /// The files the templates came from, with the theme's other files (assets, strings).
    public let theme: Theme
    /// The interface text, whose entries templates include as `{{> str.KEY}}`.
    private(set) var strings: ThemeStrings
    /// The same templates with the strings of each other language of the site (`localizing`).
    private var localizations: [String: TemplateLibrary] = [:]

    /// The templates every site needs.
    static let requiredNames = ["home", "section", "page", "404"]

    /// Loads every `*.mustache` under `directory` except the `assets` folder, without the
    /// built-in theme's templates beneath, and the strings of `language` (`strings/*.yaml`).
    /// - Parameter displayRoot: the folder as messages name it (`Templates`).
    public static func load(from directory: String, displayRoot: String,
                            language: String = ThemeStrings.fallbackLanguage) throws(BuildFailure) -> TemplateLibrary {
        try load(Theme.folderOnly(directory, displayRoot: displayRoot), language: language)
    }

    /// Loads every `*.mustache` of the theme except those in its `assets` folder, and the
    /// strings of `language`: the site's `strings/*.yaml` entry by entry over the built-in ones.
    public static func load(_ theme: Theme, language: String = ThemeStrings.fallbackLanguage)
        throws(BuildFailure) -> TemplateLibrary
    {
        let displayRoot = theme.siteDisplayRoot
        var diagnostics = DiagnosticBag()
        var strings = ThemeStrings.builtIn(language: language)
        do {
            strings = try ThemeStrings.load(from: theme.siteFolder + "/strings",
                displayRoot: displayRoot + "/strings", language: language)
        } catch {
            diagnostics.append(contentsOf: error.diagnostics)
        }
        var templates: [String: Template] = [:]
        var files: [String: String] = [:]
        for path in theme.paths() where path.hasSuffix(".mustache") && !path.hasPrefix("assets/") {
            let name = String(path.dropLast(".mustache".count))
            let display = theme.files[path]!.displayPath
            files[name] = display
            let text: String
            do {
                text = try SourceText.decode(Data(try theme.bytes(of: path)), file: display)
            } catch {
                diagnostics.append(contentsOf: error.diagnostics)
                continue
            }
            do throws(TemplateSyntaxError) {
                templates[name] = try TemplateParser.parse(text)
            } catch {
                diagnostics.error(SourceLocation(file: display, line: error.line, column: error.column),
                    "template syntax error: \(error.message)")
            }
        }
        if files.isEmpty {
            diagnostics.error(SourceLocation(file: displayRoot),
                "no templates (*.mustache files) in the templates folder")
        }
        let names = Set(files.keys)
        let references = templates.mapValues(\.references)
        let stringTemplates = strings.templates(diagnostics: &diagnostics)
        for (name, refs) in references.sorted(by: { $0.key < $1.key }) {
            for ref in refs where ref.name.hasPrefix(ThemeStrings.partialPrefix) && stringTemplates[ref.name] == nil {
                let key = ref.name.dropFirst(ThemeStrings.partialPrefix.count)
                diagnostics.error(SourceLocation(file: files[name]!, line: ref.line, column: ref.column),
                    "unknown string '\(key)': no \(displayRoot)/strings/\(strings.languages[0]).yaml "
                        + "(nor the built-in strings) has it")
            }
            for ref in refs where !names.contains(ref.name) && !ref.name.hasPrefix(ThemeStrings.partialPrefix) {
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
        templates.merge(stringTemplates) { template, _ in template }
        return TemplateLibrary(templates: templates, names: names, theme: theme, strings: strings)
    }

    /// This library with a version for each of `languages` (the site's), whose `{{> str.KEY}}`
    /// are that language's strings; a string that is no valid template in one of them is an
    /// error at its line.
    func localizing(_ languages: [String]) throws(BuildFailure) -> TemplateLibrary {
        var copy = self
        var diagnostics = DiagnosticBag()
        let plain = templates.filter { !$0.key.hasPrefix(ThemeStrings.partialPrefix) }
        for code in languages where code.lowercased() != strings.languages[0] {
            var localized = self
            localized.strings = ThemeStrings(tables: strings.tables, language: code)
            localized.templates = plain.merging(localized.strings.templates(diagnostics: &diagnostics)) { t, _ in t }
            copy.localizations[code] = localized
        }
        try diagnostics.throwIfErrors()
        return copy
    }

    /// The library that speaks `language`: its strings, the same templates.
    func localized(to language: String) -> TemplateLibrary {
        localizations[language] ?? self
    }

    /// A library from template texts by name, for tools that have no theme folder.
    static func fromTexts(_ texts: [String: String]) throws(TemplateSyntaxError) -> TemplateLibrary {
        var templates: [String: Template] = [:]
        for (name, text) in texts { templates[name] = try TemplateParser.parse(text) }
        return TemplateLibrary(templates: templates, names: Set(texts.keys),
            theme: .folderOnly("", displayRoot: "Templates"), strings: .builtIn())
    }

    /// Renders `context` with the template `name`, which must exist (checked beforehand).
    func renderBytes(_ context: [String: TemplateValue], with name: String, capacity: Int = 16 * 1024) -> [UInt8] {
        renderBytes(root: .object(context), with: name, capacity: capacity)
    }

    /// Renders with any value as the outermost context (the Mustache spec's cases have lists and text).
    func renderBytes(root: TemplateValue, with name: String, capacity: Int = 16 * 1024) -> [UInt8] {
        guard let template = templates[name] else { return [] }
        var rendering = TemplateRendering(templates: templates, context: root, capacity: capacity)
        rendering.render(template.nodes)
        return rendering.output
    }

    func render(_ context: [String: TemplateValue], with name: String) -> String {
        String(decoding: renderBytes(context, with: name), as: UTF8.self)
    }

    /// Partials under `site/`: they see only `site`, so they are rendered once per build for
    /// each state of the menu (`PageRenderer.MenuVariant`) instead of once per page.
    var sitePartialNames: [String] { names.filter { $0.hasPrefix("site/") }.sorted() }

    /// This library with each given partial replaced by its finished text.
    func replacingPartials(_ texts: [String: String]) -> TemplateLibrary {
        var copy = self
        for (name, text) in texts { copy.templates[name] = .literal(text) }
        return copy
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
