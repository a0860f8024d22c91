import Foundation
import Testing
@testable import LanternKit

@Suite struct TemplateLibraryTests {
    @Test func rendersWithInheritanceAndPartials() throws {
        let library = try TemplateFiles.load([
            "Templates/base.mustache": "<main>{{$main}}default{{/main}}</main>{{> partials/foot}}",
            "Templates/page.mustache": "{{<base}}{{$main}}<h1>{{page.title}}</h1>{{/main}}{{/base}}",
            "Templates/partials/foot.mustache": "<footer>{{site.title}}</footer>",
            "Templates/assets/ignored.mustache": "{{#broken}}",
        ])
        let html = library.render(["page": ["title": "A & B"], "site": ["title": "Clinic"]], with: "page")
        #expect(html == "<main><h1>A &amp; B</h1></main><footer>Clinic</footer>")
        #expect(library.names == ["base", "page", "partials/foot"])
    }

    @Test func syntaxErrorNamesFileAndLine() {
        let found = TemplateFiles.errors(["Templates/page.mustache": "line one\n{{#section}}\nnever closed\n"])
        #expect(found.count == 1)
        #expect(found[0].location.file == "Templates/page.mustache")
        #expect(found[0].location.line == 2)
        #expect(found[0].message == "template syntax error: {{#section}} is never closed with {{/section}}")
    }

    @Test func syntaxErrorNamesLineAndColumn() {
        #expect(TemplateFiles.errors(["Templates/page.mustache": "{{#a}}{{/b}}\n"]).map(\.location.line) == [1])
        #expect(TemplateFiles.errors(["Templates/page.mustache": "one\ntwo {{#a}}{{/b}}\n"]).map(\.location.line) == [2])
        #expect(TemplateFiles.errors(["Templates/page.mustache": "one\ntwo {{#a}}{{/b}}\n"]).map(\.location.column) == [11])
    }

    @Test func unknownPartialNamesFileLineAndColumn() {
        let found = TemplateFiles.errors(["Templates/page.mustache": "ok\n  {{> partials/missing}}\n"])
        #expect(found.map(\.description) == [
            "Templates/page.mustache:2:3: error: unknown partial 'partials/missing': "
                + "there is no Templates/partials/missing.mustache",
        ])
    }

    @Test func partialLoopsAreRefused() {
        let found = TemplateFiles.errors(["Templates/a.mustache": "{{> b}}", "Templates/b.mustache": "x {{>a}}"])
        #expect(found.count == 1)
        #expect(found[0].message.contains("a → b → a"))
    }

    @Test func parserFindsParentsAndPartials() throws {
        let refs = try TemplateParser.parse("{{<base}}\n{{$x}}{{> p }}{{/x}}{{/base}}\n{{=<% %>=}}\n  <%> q%>").references
        #expect(refs == [
            .init(name: "base", line: 1, column: 1), .init(name: "p", line: 2, column: 7),
            .init(name: "q", line: 4, column: 3),
        ])
    }
}
