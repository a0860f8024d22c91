import Foundation
import Mustache
import Testing
@testable import LanternKit

/// The template engine: Mustache as theme authors know it from the spec and from swift-mustache.
@Suite struct TemplateTests {
    private func render(_ template: String, _ context: [String: TemplateValue] = [:],
                        partials: [String: String] = [:]) throws -> String
    {
        try TemplateLibrary.fromTexts(partials.merging(["t": template]) { $1 }).render(context, with: "t")
    }

    private func syntaxError(_ template: String) -> TemplateSyntaxError? {
        do {
            _ = try TemplateParser.parse(template)
            return nil
        } catch {
            return error
        }
    }

    @Test func valuesAreEscapedUnlessTripleOrAmpersand() throws {
        let context: [String: TemplateValue] = ["x": "<b>&</b>", "n": 3, "d": .double(2.5), "y": true]
        #expect(try render("{{x}}|{{{x}}}|{{& x}}|{{ n }}|{{d}}|{{y}}|{{missing}}", context)
            == "&lt;b&gt;&amp;&lt;/b&gt;|<b>&</b>|<b>&</b>|3|2.5|true|")
    }

    @Test func dottedNamesAndTheStack() throws {
        let context: [String: TemplateValue] = [
            "site": ["title": "Clinic", "menu": [["title": "Care"], ["url": "/help/"]]],
            "title": "Page",
        ]
        // Inside a section, a name is looked up from the innermost value outwards…
        #expect(try render("{{#site.menu}}{{title}},{{/site.menu}}", context) == "Care,Page,")
        // …but the rest of a dotted name only inside what its first part found.
        #expect(try render("{{#site}}{{menu.title}}{{site.title}}{{/site}}", context) == "Clinic")
        #expect(try render("{{#site}}{{.title}}|{{/site}}{{#site.menu}}{{.title}}|{{/site.menu}}", context)
            == "Clinic|Care||")
        #expect(try render("{{#list}}[{{.}}]{{/list}}", ["list": ["a", 1, true]]) == "[a][1][true]")
    }

    @Test func sectionsShowOrHideByValue() throws {
        let context: [String: TemplateValue] = [
            "yes": true, "no": false, "empty": "", "text": "t", "none": [], "zero": 0, "map": [:],
        ]
        for name in ["yes", "text", "zero", "map"] {
            #expect(try render("{{#\(name)}}shown{{/\(name)}}{{^\(name)}}hidden{{/\(name)}}", context) == "shown")
        }
        for name in ["no", "empty", "none", "missing"] {
            #expect(try render("{{#\(name)}}shown{{/\(name)}}{{^\(name)}}hidden{{/\(name)}}", context) == "hidden")
        }
    }

    @Test func emptyIsTrueForAMissingValueAndLeavesTheContextAlone() throws {
        let items: TemplateValue = .list([["name": "a", "image": "A"], ["name": "b"]])
        let list = "{{^empty(items)}}[{{#items}}{{name}}{{#image}}={{image}}{{/image}} {{/items}}]{{/empty(items)}}"
        #expect(try render(list, ["items": items]) == "[a=A b ]")
        #expect(try render(list) == "")
        #expect(try render(list, ["items": .list([])]) == "")
        // `first` makes the first item the context: a key the second lacks is found on the first.
        #expect(try render("{{#first(items)}}{{#items}}{{image}}{{/items}}{{/first(items)}}", ["items": items]) == "AA")
    }

    @Test func standaloneTagsTakeTheirLineWithThem() throws {
        let context: [String: TemplateValue] = ["items": ["a", "b"], "on": true]
        #expect(try render("<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n", context)
            == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        #expect(try render("a\n {{! note }} \r\nb\n{{#on}}\nc\n{{/on}}", context) == "a\nb\nc\n")
        // Not alone on its line: the line stays.
        #expect(try render("x {{#on}}y{{/on}}\n", context) == "x y\n")
        #expect(try render("{{#on}}{{/on}}\n", context) == "\n")
    }

    @Test func partialsAndTheirIndentation() throws {
        let partials = ["p": "<li>{{x}}</li>\n<li>{{{y}}}</li>\n"]
        #expect(try render("<ul>\n  {{> p}}\n</ul>", ["x": "1", "y": "2\n3"], partials: partials)
            == "<ul>\n  <li>1</li>\n  <li>2\n3</li>\n</ul>")
        #expect(try render("[{{>p}}]", ["x": "1", "y": "2"], partials: partials) == "[<li>1</li>\n<li>2</li>\n]")
    }

    @Test func inheritanceLetsTheOutermostOverrideWin() throws {
        let partials = [
            "base": "<title>{{$title}}Default{{/title}}</title>\n<main>{{$main}}{{/main}}</main>",
            "middle": "{{<base}}{{$title}}Middle{{/title}}{{$main}}middle main{{/main}}{{/base}}",
        ]
        #expect(try render("{{<base}}\n{{$main}}Hello {{name}}{{/main}}\n{{/base}}", ["name": "you"], partials: partials)
            == "<title>Default</title>\n<main>Hello you</main>")
        #expect(try render("{{<middle}}{{$title}}Top{{/title}}{{/middle}}", partials: partials)
            == "<title>Top</title>\n<main>middle main</main>")
    }

    /// The README's pattern, with the tags that open and close the block beside the parent's.
    @Test func parentAndBlockTagsSharingALineTakeItWithThem() throws {
        let partials = ["base": "<body>\n  {{$main}}\n  {{/main}}\n</body>\n"]
        #expect(try render("{{<base}}{{$main}}\n<h1>{{title}}</h1>\n{{/main}}{{/base}}\n", ["title": "Help"],
            partials: partials) == "<body>\n  <h1>Help</h1>\n</body>\n")
        // A section's tags sharing a line still keep it, as in swift-mustache.
        #expect(try render("{{#on}}{{/on}}\n{{<base}}{{/base}}\n", ["on": true], partials: partials)
            == "\n<body>\n</body>\n")
    }

    /// A block's own lines take the indentation of where it is shown; a value's lines (the page's
    /// HTML, with its `<pre>`) are never changed.
    @Test func blocksAreReindentedButValuesAreNot() throws {
        let partials = ["base": "<div>\n    {{$main}}\n    {{/main}}\n</div>\n"]
        let page = "{{<base}}\n{{$main}}\n  <p>Intro</p>\n  {{{content}}}\n{{/main}}\n{{/base}}\n"
        #expect(try render(page, ["content": "<pre>one\n  two\n</pre>"], partials: partials)
            == "<div>\n    <p>Intro</p>\n    <pre>one\n  two\n</pre>\n</div>\n")
    }

    @Test func dynamicNamesPickTheTemplateByValue() throws {
        let partials = ["cards/phone": "call {{number}}", "cards/email": "write to {{address}}"]
        let context: [String: TemplateValue] = [
            "ways": [["card": "cards/phone", "number": "111"], ["card": "cards/email", "address": "a@b"],
                     ["card": "cards/fax"]],
        ]
        #expect(try render("{{#ways}}[{{>*card}}]{{/ways}}", context, partials: partials) == "[call 111][write to a@b][]")
        #expect(try TemplateParser.parse("{{>*card}}{{<*layout}}{{/*layout}}").references.isEmpty)
    }

    /// A template that names itself through a value would include itself for ever: the nesting ends.
    @Test func aDynamicLoopEnds() throws {
        let output = try render("x{{>*me}}", ["me": "t"])
        #expect(output == String(repeating: "x", count: TemplateRendering.maximumDepth + 1))
    }

    @Test func functionsOfListsValuesAndPositions() throws {
        let context: [String: TemplateValue] = ["pages": ["a", "b", "c"], "none": [], "n": 4, "name": "ada"]
        #expect(try render("{{#first(pages)}}has pages{{/first(pages)}}{{#first(none)}}never{{/first(none)}}", context)
            == "has pages")
        #expect(try render("{{#pages}}{{#first()}}<{{/first()}}{{.}}{{#last()}}>{{/last()}}{{^last()}},{{/last()}}{{/pages}}",
            context) == "<a,b,c>")
        #expect(try render("{{#pages}}{{index()}}{{#odd(index())}}!{{/odd(index())}}{{/pages}}", context) == "01!2")
        #expect(try render("{{count(pages)}} {{last(pages)}} {{plusone(n)}} {{uppercased(name)}} {{#reversed(pages)}}{{.}}{{/reversed(pages)}}",
            context) == "3 c 5 ADA cba")
    }

    @Test func setDelimiters() throws {
        #expect(try render("{{=<% %>=}}<% x %> {{x}} <%={{ }}=%>{{x}}", ["x": "1"]) == "1 {{x}} 1")
    }

    @Test func syntaxErrorsSayWhatAndWhere() {
        #expect(syntaxError("ok\n  {{#a}}\n") == .init(
            message: "{{#a}} is never closed with {{/a}}", line: 2, column: 3))
        #expect(syntaxError("{{#a}}{{/b}}")?.message == "{{/b}} does not match the section it closes, {{#a}} on line 1")
        #expect(syntaxError("{{/a}}")?.message == "{{/a}} closes a section that was never opened")
        #expect(syntaxError("x {{name")?.message == "a tag is not closed with }}")
        #expect(syntaxError("{{#frist(pages)}}{{/frist(pages)}}")?.message.hasPrefix("unknown function 'frist'") == true)
        #expect(syntaxError("{{<base}}{{title}}{{/base}}")?.message
            == "only {{$block}} overrides (and text, which is left out) may stand directly inside {{<base}}")
        #expect(syntaxError("{{$two words}}{{/two words}}")?.message == "a block name must be one word, like {{$main}}")
        #expect(syntaxError("{{>*}}")?.message == "a tag has no name")
        #expect(syntaxError("{{=<%>=}}")?.message == "invalid set-delimiter tag: write it like {{=<% %>=}}")
        #expect(syntaxError("{{% PRAGMA }}") != nil)
        #expect(syntaxError("{{a b}}")?.message == "'a b' is not a name")
    }

    /// The default theme renders every page of the sample site exactly as swift-mustache renders it.
    @Test func theDefaultThemeRendersAsSwiftMustacheDoes() throws {
        var options = BuildOptions()
        options.configPath = SampleSiteTests.repository + "/site.yaml"
        options.contentPath = SampleSiteTests.repository + "/Content"
        options.templatesPath = SampleSiteTests.repository + "/Templates"
        let prepared = try Builder.prepare(options)
        let ours = try #require(prepared.templates)
        let renderer = PageRenderer(site: prepared.site, templates: ours)

        var theirs = MustacheLibrary()
        for name in ours.names {
            let text = try String(contentsOfFile: options.templatesPath + "/" + name + ".mustache", encoding: .utf8)
            theirs.register(try MustacheTemplate(string: text), named: name)
        }
        // The theme's strings, which templates include as {{> str.KEY}}.
        for key in ours.strings.keys {
            switch ours.strings.located(key)!.entry {
            case .text(let text):
                theirs.register(try MustacheTemplate(string: text), named: ThemeStrings.partialPrefix + key)
            case .plural(let forms):
                for (category, text) in forms {
                    theirs.register(try MustacheTemplate(string: text),
                        named: ThemeStrings.partialPrefix + key + "." + category.rawValue)
                }
                if let other = forms[.other] {
                    theirs.register(try MustacheTemplate(string: other), named: ThemeStrings.partialPrefix + key)
                }
            }
        }
        var compared = 0
        // The pages of the default language, whose strings both engines were given.
        for page in prepared.site.pages where page.language == prepared.site.config.defaultLanguage {
            let rendered = renderer.markdown.render(page.body, file: page.displayPath)
            let siteValues = renderer.context.siteValues(
                menu: renderer.context.menuState(forURL: page.url, language: page.language))
            let values = renderer.context.values(for: page, rendered: rendered, site: siteValues,
                translations: prepared.site.translations(of: page))
            let name = PageRenderer.templateName(for: page)
            let expected = theirs.render(TemplateTests.plain(.object(values)), withTemplate: name)
            #expect(ours.render(values, with: name) == expected, "\(page.sourcePath)")
            compared += 1
        }
        #expect(compared >= 45)
    }

    /// The value as swift-mustache takes it. Empty text is left out: Lantern's sections treat it
    /// as absent, swift-mustache's show it.
    private static func plain(_ value: TemplateValue) -> Any {
        switch value {
        case .text(let text): return text
        case .bool(let bool): return bool
        case .int(let int): return int
        case .double(let double): return double
        case .list(let items): return items.map(plain)
        case .object(let fields):
            return fields.filter { $0.value != .text("") }.mapValues(plain)
        }
    }
}
