import Foundation

/// The theme's interface text ("On this page", "Search", "3 results for “x”"), one table per
/// language in `Templates/strings/LANGUAGE.yaml`, so that no words of the interface are
/// written in a template, in Swift or in `search.js`.
///
/// A table maps keys to text; nested mappings make dotted keys (`search.button`). A mapping
/// whose keys are plural categories (`one`, `other`, and `zero`, `two`, `few`, `many` where a
/// language has them) is one plural entry, chosen by a count (`PluralRules`). Text is a
/// Mustache template: templates include it with `{{> str.KEY}}` and it sees the template's
/// values (`{{page.reviewedBy}}`), which is how a string takes parameters.
///
/// Lookup: the site's language (`en-US`), then its base language (`en`), then English. The
/// tables of the default theme compiled into Lantern come under the site's, key by key.
public struct ThemeStrings: Sendable {
    enum Entry: Sendable, Equatable {
        case text(String)
        case plural([PluralCategory: String])
    }

    struct Located: Sendable {
        var entry: Entry
        var location: SourceLocation
    }

    /// Every table by language (lower case), each key with where it was written.
    private(set) var tables: [String: [String: Located]]
    /// The languages looked in, in order: the site's, its base language, English.
    let languages: [String]

    /// The partial name prefix that names a string: `{{> str.search.button}}`.
    static let partialPrefix = "str."
    public static let fallbackLanguage = "en"

    init(tables: [String: [String: Located]], language: String) {
        self.tables = tables
        let tag = language.lowercased()
        var chain = [tag, LanguageTag.primarySubtag(tag)]
        chain.append(ThemeStrings.fallbackLanguage)
        var seen = Set<String>()
        languages = chain.filter { seen.insert($0).inserted }
    }

    /// The language whose plural rules apply: the first of the chain that has a table.
    var language: String { languages.first { tables[$0] != nil } ?? ThemeStrings.fallbackLanguage }

    /// Every key any table of the chain has.
    var keys: Set<String> {
        var keys = Set<String>()
        for language in languages { keys.formUnion(tables[language]?.keys ?? [:].keys) }
        return keys
    }

    func located(_ key: String) -> Located? {
        for language in languages { if let found = tables[language]?[key] { return found } }
        return nil
    }

    /// The text of `key`, or the key itself in brackets when no table has it (Lantern's own
    /// keys are all in the built-in English table, so that only shows a damaged build).
    func text(_ key: String) -> String {
        switch located(key)?.entry {
        case .text(let text): return text
        case .plural(let forms): return forms[.other] ?? "[\(key)]"
        case nil: return "[\(key)]"
        }
    }

    /// The form of a plural entry for `count` in this language, `other` when the table has
    /// not the language's category.
    func plural(_ key: String, count: Int) -> String {
        guard case .plural(let forms) = located(key)?.entry else { return text(key) }
        return forms[PluralRules.category(of: count, language: language)] ?? forms[.other] ?? "[\(key)]"
    }

    /// `text` with its `{{name}}` tags filled in (escaped for HTML) from `values`.
    func fill(_ text: String, _ values: [String: String]) -> String {
        guard let template = try? TemplateParser.parse(text) else { return text }
        var rendering = TemplateRendering(templates: [:], context: .object(values.mapValues { .text($0) }))
        rendering.render(template.nodes)
        return String(decoding: rendering.output, as: UTF8.self)
    }

    /// The entries under `prefix.` (without it), for `search.js`: JSON an HTML page can hold
    /// in `<script type="application/json">`, with the language for `Intl.PluralRules`.
    func json(under prefix: String) -> String {
        var json = JSONWriter(capacity: 2048)
        json.raw("{")
        json.key("language")
        json.string(language)
        json.raw(",\"strings\":{")
        let names = keys.filter { $0.hasPrefix(prefix + ".") }.sorted()
        for (index, key) in names.enumerated() {
            if index > 0 { json.raw(",") }
            json.string(String(key.dropFirst(prefix.count + 1)))
            json.raw(":")
            switch located(key)!.entry {
            case .text(let text): json.string(text)
            case .plural(let forms):
                json.raw("{")
                for (n, category) in PluralCategory.allCases.filter({ forms[$0] != nil }).enumerated() {
                    if n > 0 { json.raw(",") }
                    json.string(category.rawValue)
                    json.raw(":")
                    json.string(forms[category]!)
                }
                json.raw("}")
            }
        }
        json.raw("}}")
        return String(decoding: json.bytes, as: UTF8.self)
    }
}

extension ThemeStrings {
    /// The tables of `directory` (`Templates/strings`) over the built-in ones.
    /// - Parameter displayRoot: the folder as messages name it (`Templates/strings`).
    static func load(from directory: String, displayRoot: String, language: String) throws(BuildFailure)
        -> ThemeStrings
    {
        var tables = builtInTables
        var diagnostics = DiagnosticBag()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
        for name in names {
            let display = displayRoot + "/" + name
            do throws(BuildFailure) {
                guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
                    throw BuildFailure(.error(SourceLocation(file: display), "cannot read this strings file"))
                }
                let table = try parse(SourceText.decode(data, file: display), file: display)
                tables[String(name.dropLast(".yaml".count)).lowercased(), default: [:]].merge(table) { $1 }
            } catch {
                diagnostics.append(contentsOf: error.diagnostics)
            }
        }
        try diagnostics.throwIfErrors()
        return ThemeStrings(tables: tables, language: language)
    }

    /// The built-in tables alone (for pages made before any site loads, like serve's error page).
    static func builtIn(language: String = fallbackLanguage) -> ThemeStrings {
        ThemeStrings(tables: builtInTables, language: language)
    }

    /// The tables of the default theme compiled into Lantern (`Templates/strings/*.yaml`).
    static let builtInTables: [String: [String: Located]] = {
        var tables: [String: [String: Located]] = [:]
        for entry in DefaultTheme.encodedFiles where entry.path.hasPrefix("strings/") && entry.path.hasSuffix(".yaml") {
            let file = Theme.builtInDisplayRoot + "/" + entry.path
            guard let data = Data(base64Encoded: entry.base64),
                let table = try? parse(String(decoding: data, as: UTF8.self), file: file)
            else { continue }
            let language = String(entry.path.dropFirst("strings/".count).dropLast(".yaml".count)).lowercased()
            tables[language] = table
        }
        return tables
    }()

    /// One table: every key with its entry, or every malformed entry as an error at its line.
    static func parse(_ text: String, file: String) throws(BuildFailure) -> [String: Located] {
        guard let root = try YAMLReader.read(text, file: file) else { return [:] }
        guard let entries = root.entries else {
            throw BuildFailure(.error(root.location,
                "a strings file is a mapping of keys to text (like `search.button: Search`), not \(root.kindName)"))
        }
        var table: [String: Located] = [:]
        var diagnostics = DiagnosticBag()
        func add(_ entries: [YAMLValue.Entry], prefix: String) {
            for entry in entries {
                let key = prefix + entry.key
                guard !entry.key.isEmpty, !entry.key.contains(where: { $0.isWhitespace || $0 == "." }) else {
                    diagnostics.error(entry.keyLocation,
                        "string key '\(entry.key)' must be one word without dots (nest mappings for groups)")
                    continue
                }
                let value = entry.value
                if let text = value.scalarText, !value.isNull {
                    table[key] = Located(entry: .text(text), location: value.location)
                } else if let inner = value.entries {
                    let categories = inner.map { PluralCategory(rawValue: $0.key) }
                    if !inner.isEmpty, categories.allSatisfy({ $0 != nil }) {
                        var forms: [PluralCategory: String] = [:]
                        for (category, form) in zip(categories, inner) {
                            guard let text = form.value.scalarText, !form.value.isNull else {
                                diagnostics.error(form.value.location,
                                    "plural form '\(key).\(form.key)' must be text, not \(form.value.kindName)")
                                continue
                            }
                            forms[category!] = text
                        }
                        if forms[.other] == nil {
                            diagnostics.error(entry.keyLocation,
                                "plural string '\(key)' needs an 'other' form, used for every count without its own")
                        }
                        table[key] = Located(entry: .plural(forms), location: entry.keyLocation)
                    } else {
                        add(inner, prefix: key + ".")
                    }
                } else {
                    diagnostics.error(value.location,
                        "string '\(key)' must be text or a mapping of strings, not \(value.kindName)")
                }
            }
        }
        add(entries, prefix: "")
        for (key, found) in table.sorted(by: { $0.key < $1.key }) {
            let texts: [String]
            switch found.entry {
            case .text(let text): texts = [text]
            case .plural(let forms): texts = Array(forms.values)
            }
            for text in texts {
                do throws(TemplateSyntaxError) {
                    _ = try TemplateParser.parse(text)
                } catch {
                    diagnostics.error(found.location, "string '\(key)': template syntax error: \(error.message)")
                }
            }
        }
        try diagnostics.throwIfErrors()
        return table
    }
}

/// CLDR plural categories (https://cldr.unicode.org/index/cldr-spec/plural-rules).
enum PluralCategory: String, Sendable, CaseIterable {
    case zero, one, two, few, many, other
}

/// The CLDR plural rules of the languages Lantern's theme speaks, for whole numbers (counts).
/// `search.js` uses the browser's `Intl.PluralRules`, which follows the same rules.
enum PluralRules {
    static func category(of count: Int, language: String) -> PluralCategory {
        let base = LanguageTag.primarySubtag(language)
        let n = abs(count)
        switch base {
        case "es":
            // one: n = 1; many: a whole number of millions (1 000 000 → "de" in Spanish).
            if n == 1 { return .one }
            if n != 0 && n % 1_000_000 == 0 { return .many }
            return .other
        default:
            // English and the fallback: one: i = 1 and v = 0.
            return n == 1 ? .one : .other
        }
    }
}

extension ThemeStrings {
    /// Every string as the template `str.KEY` (and each plural form as `str.KEY.FORM`), for
    /// `{{> str.KEY}}`; a string that is no valid Mustache, or includes a template, is an
    /// error at its line.
    func templates(diagnostics: inout DiagnosticBag) -> [String: Template] {
        var templates: [String: Template] = [:]
        for key in keys.sorted() {
            let found = located(key)!
            var texts: [(String, String)] = []
            switch found.entry {
            case .text(let text): texts = [(key, text)]
            case .plural(let forms):
                texts = forms.sorted { $0.key.rawValue < $1.key.rawValue }.map { (key + "." + $0.key.rawValue, $0.value) }
                if let other = forms[.other] { texts.append((key, other)) }
            }
            for (name, text) in texts {
                do throws(TemplateSyntaxError) {
                    let template = try TemplateParser.parse(text)
                    if !template.references.isEmpty {
                        diagnostics.error(found.location, "string '\(name)' includes a template; strings hold text only")
                        continue
                    }
                    templates[ThemeStrings.partialPrefix + name] = template
                } catch {
                    diagnostics.error(found.location, "string '\(name)': template syntax error: \(error.message)")
                }
            }
        }
        return templates
    }
}
