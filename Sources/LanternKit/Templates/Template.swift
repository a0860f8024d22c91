/// One theme template, parsed once into a tree that rendering walks (`TemplateRendering`).
///
/// The syntax is Mustache (https://mustache.github.io/mustache.5.html) as the Mustache spec
/// (v1.4) defines it, with its template inheritance (`{{<parent}}{{$block}}…{{/block}}{{/parent}}`)
/// and dynamic names (`{{>*name}}`), and the sequence and value functions themes already use
/// with swift-mustache (`{{#first(pages)}}`, `{{#first()}}`). The spec's lambdas are not
/// supported: template values are data (YAML, front matter), never code.
struct Template: Sendable {
    var nodes: [TemplateNode]
    /// Every `{{> partial}}` and `{{< parent}}` it names, where it names it (not dynamic names,
    /// which only rendering knows).
    var references: [PartialReference]

    /// A template that outputs `text` as it is.
    static func literal(_ text: String) -> Template {
        Template(nodes: text.isEmpty ? [] : [.text(Array(text.utf8))], references: [])
    }
}

indirect enum TemplateNode: Sendable {
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}`.
    case value(TagName, escaped: Bool)
    case section(TagName, [TemplateNode])
    case invertedSection(TagName, [TemplateNode])
    /// `indentation`: the whitespace before a partial tag that stands alone on its line; every
    /// line of the partial gets it.
    case partial(PartialName, indentation: [UInt8])
    /// `{{<name}}`: the template `name`, with some of its blocks replaced.
    case parent(PartialName, indentation: [UInt8], overrides: [String: [TemplateNode]])
    /// `{{$name}}default{{/name}}` outside a parent: the default, or an override from a child.
    /// `indentation`: what every line of the block gets where it is shown, when its tag stands
    /// alone on its line (the spec's block reindentation: its text was stored without the
    /// indentation common to its lines, the default's or the override's).
    case block(String, [TemplateNode], indentation: [UInt8])
}

/// The template a `{{> name}}` or `{{< name}}` tag includes.
enum PartialName: Sendable {
    /// Written in the tag.
    case fixed(String)
    /// `{{>*name}}`: the text of the value `name`, looked up when rendering (the spec's dynamic
    /// names); a value that names no template shows nothing.
    case dynamic(TagName)
}

/// A tag's name: `page.title`, `.`, `first(pages)`, `first()`.
struct TagName: Sendable, Equatable {
    enum Root: Sendable, Equatable {
        /// `name…`: the first part is looked up from the innermost section outwards.
        case stack
        /// `.` or `.name`: the current item itself, or only its own fields.
        case current
        /// `first()`: the position within the list being repeated (`first`, `last`, `index`…).
        case position
    }

    var root: Root
    var path: [String]
    /// Functions wrapped around the name, innermost last: `first(last(x))` is `["first", "last"]`.
    var functions: [String]
}

/// A `{{> partial}}` or `{{< parent}}` tag.
struct PartialReference: Equatable, Sendable {
    var name: String
    var line: Int
    var column: Int
}

/// A template syntax error at a line and column of the template's text.
struct TemplateSyntaxError: Error, Equatable {
    var message: String
    var line: Int
    var column: Int
}
