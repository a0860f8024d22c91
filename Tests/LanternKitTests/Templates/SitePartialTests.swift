import Foundation
import Mustache
import Testing
@testable import LanternKit

@Suite struct SitePartialTests {
    @Test func templatesEscapeLikeSwiftMustache() throws {
        let text = "<a href='x'>Tom & \"Jerry\"</a> café ✓"
        let ours = try TemplateLibrary.fromTexts(["t": "{{x}}"]).render(["x": .text(text)], with: "t")
        let theirs = try MustacheTemplate(string: "{{x}}").render(["x": text])
        #expect(ours == theirs)
        #expect(ours == "&lt;a href=&#39;x&#39;&gt;Tom &amp; &quot;Jerry&quot;&lt;/a&gt; café ✓")
        #expect(HTMLEscaping.escape("plain text") == "plain text")
    }

    @Test(arguments: ["", "\n", "  \n x", "{{a}} {{{b}}} {{#c}}{{/c}}", "a\r\nb\n", "é ✓\n\n"])
    func replacedPartialKeepsItsTextExactly(_ text: String) throws {
        let library = try TemplateLibrary.fromTexts(["page": "[{{> site/p}}]", "site/p": "{{x}}"])
            .replacingPartials(["site/p": text])
        #expect(library.render(["x": "no"], with: "page") == "[\(text)]")
    }

    @Test func sitePartialsFollowEachPagesMenu() throws {
        let site = try TemporarySite([
            "site.yaml": TemporarySite.minimalConfig + "menu:\n  - {title: Care, url: /care/}\n  - {title: Help, url: /help/}\n",
            "Templates/base.mustache": "{{> site/nav}}|{{$main}}{{/main}}",
            "Templates/site/nav.mustache":
                "{{#site.menu}}{{title}}{{#current}}*{{/current}}{{#active}}+{{/active}};{{/site.menu}}[{{page.title}}]",
            "Content/care/_index.md": "---\ntitle: Care\n---\n",
            "Content/care/dbt.md": "---\ntitle: DBT\n---\n",
            "Content/care/cbt.md": "---\ntitle: CBT\n---\n",
            "Content/help.md": "---\ntitle: Help\n---\n",
        ])
        defer { site.remove() }
        _ = try site.build()
        func nav(_ path: String) -> String? { site.output(path)?.components(separatedBy: "|").first }
        #expect(nav("index.html") == "Care;Help;[]")
        #expect(nav("care/index.html") == "Care*+;Help;[]")
        #expect(nav("care/dbt/index.html") == "Care+;Help;[]")
        #expect(nav("care/cbt/index.html") == "Care+;Help;[]")
        #expect(nav("help/index.html") == "Care;Help*+;[]")
        #expect(nav("404.html") == "Care;Help;[]")
    }
}
