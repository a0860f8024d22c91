import Foundation
import Testing
@testable import LanternKit

/// The theme's strings table: lookup by language with English under it, plurals, strings
/// named by templates, and errors at the line of the file that has them.
@Suite struct ThemeStringsTests {
    @Test func templatesIncludeStringsWhichSeeTheirValues() throws {
        let library = try TemplateFiles.load([
            "Templates/page.mustache": "<h2>{{> str.toc.heading}}</h2> {{> str.hello}}",
            "Templates/strings/en.yaml": "toc:\n  heading: On this page\nhello: Hi {{name}} & co\n",
        ])
        #expect(library.render(["name": "A<B"], with: "page") == "<h2>On this page</h2> Hi A&lt;B & co")
    }

    @Test func aMissingKeyFallsBackToTheBuiltInTableOfItsLanguageThenEnglish() throws {
        let library = try TemplateFiles.load([
            "Templates/page.mustache": "{{> str.a}}|{{> str.b}}|{{> str.toc.heading}}",
            "Templates/strings/en.yaml": "a: one\nb: two\n",
            "Templates/strings/es.yaml": "a: uno\n",
        ], language: "es-MX")
        #expect(library.strings.languages == ["es-mx", "es", "en"])
        #expect(library.strings.language == "es")
        // toc.heading comes from the default theme's Spanish table compiled into Lantern, which
        // comes before English; b is in neither Spanish table, so the site's English gives it.
        #expect(library.render([:], with: "page") == "uno|two|En esta página")
    }

    @Test func pluralsFollowEachLanguagesRules() throws {
        let site = ThemeStrings(tables: [
            "en": try ThemeStrings.parse("n:\n  one: \"{{count}} page\"\n  other: \"{{count}} pages\"\n", file: "en.yaml"),
            "es": try ThemeStrings.parse("n:\n  one: \"{{count}} página\"\n  many: \"{{count}} de páginas\"\n"
                + "  other: \"{{count}} páginas\"\n", file: "es.yaml"),
        ], language: "en")
        #expect(site.plural("n", count: 1) == "{{count}} page")
        #expect(site.plural("n", count: 0) == "{{count}} pages")
        #expect(site.fill(site.plural("n", count: 2), ["count": "2"]) == "2 pages")
        let spanish = ThemeStrings(tables: site.tables, language: "es")
        #expect(spanish.plural("n", count: 1) == "{{count}} página")
        #expect(spanish.plural("n", count: 1_000_000) == "{{count}} de páginas")
        #expect(spanish.plural("n", count: 5) == "{{count}} páginas")
        #expect(PluralRules.category(of: 1, language: "en-GB") == .one)
        #expect(PluralRules.category(of: 2_000_000, language: "en") == .other)
    }

    @Test func searchStringsAreJSONSafeInAScriptElement() throws {
        let strings = ThemeStrings(tables: [
            "en": try ThemeStrings.parse("search:\n  a: \"</script> “{{query}}”\"\n  n:\n    one: x\n    other: y\n"
                + "other: not for search\n", file: "en.yaml"),
        ], language: "en")
        #expect(strings.json(under: "search")
            == #"{"language":"en","strings":{"a":"\u003c/script\u003e “{{query}}”","n":{"one":"x","other":"y"}}}"#)
    }

    @Test func anUnknownStringIsAnErrorAtTheTemplatesLine() {
        let found = TemplateFiles.errors([
            "Templates/page.mustache": "<p>\n{{> str.no_such_key}}\n",
            "Templates/strings/en.yaml": "a: b\n",
        ])
        #expect(found.map(\.location.file) == ["Templates/page.mustache"])
        #expect(found.first?.location.line == 2)
        #expect(found.first?.message.contains("unknown string 'no_such_key'") == true)
    }

    @Test func malformedStringsAreErrorsAtTheirLines() {
        let found = TemplateFiles.errors([
            "Templates/page.mustache": "x",
            "Templates/strings/en.yaml": "fine: yes\nlist:\n  - a\nplural:\n  one: x\nbad: \"{{#open}}\"\n",
        ])
        #expect(found.map(\.location.file) == Array(repeating: "Templates/strings/en.yaml", count: 3))
        #expect(found.map(\.location.line).sorted() == [3, 4, 6])
        let syntax = TemplateFiles.errors(["Templates/page.mustache": "x", "Templates/strings/en.yaml": "a: b\n  c: [\n"])
        #expect(syntax.first?.location.file == "Templates/strings/en.yaml")
        #expect(syntax.first?.message.contains("invalid YAML") == true)
    }
}
