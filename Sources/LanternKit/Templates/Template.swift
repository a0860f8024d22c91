/// One theme template, parsed once into a tree that rendering walks (`TemplateRendering`).
///
/// The syntax is Mustache (https://mustache.github.io/mustache.5.html) with template
/// inheritance (`{{<parent}}{{$block}}…{{/block}}{{/parent}}`) and the sequence and value
/// functions themes already use with swift-mustache (`{{#first(pages)}}`, `{{#first()}}`).
struct Template: Sendable {
    var nodes: [TemplateNode]
    /// Every `{{> partial}}` and `{{< parent}}` it names, where it names it.
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
    case partial(String, indentation: String)
    /// `{{<name}}`: the template `name`, with some of its blocks replaced.
    case parent(String, indentation: String, overrides: [String: [TemplateNode]])
    /// `{{$name}}default{{/name}}` outside a parent: the default, or an override from a child.
    case block(String, [TemplateNode])
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
