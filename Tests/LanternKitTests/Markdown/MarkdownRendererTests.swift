import Testing
@testable import LanternKit

@Suite struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    @Test func headingsGetGitHubStyleUniqueIDs() {
        let rendered = renderer.render("""
            ## What to bring?
            ## What to bring?
            ### Café & co. 2026
            ## `code` heading
            """, file: "x.md")
        #expect(rendered.headings.map(\.id) == ["what-to-bring", "what-to-bring-1", "café--co-2026", "code-heading"])
        #expect(rendered.html.contains("<h2 id=\"what-to-bring\">What to bring?</h2>"))
        #expect(rendered.html.contains("<h2 id=\"what-to-bring-1\">"))
        #expect(rendered.html.contains("<h3 id=\"café--co-2026\">"))
    }

    @Test func pagesRenderedAtOnceKeepTheirAutolinksAndStrikethrough() {
        // A long paragraph keeps each parse busy long enough for the two threads to overlap.
        let filler = String(repeating: "Call the intake line and ask about the evening track. ", count: 40)
        let markdown = "\(filler)More at https://clinic.example/help and ~~old hours~~.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
        let renderer = self.renderer
        let pages = Array(repeating: markdown, count: 3_000).parallelMap { renderer.render($0, file: "x.md").html }
        let broken = pages.filter {
            !$0.contains("<a href=\"https://clinic.example/help\">") || !$0.contains("<del>old hours</del>")
                || !$0.contains("<table>")
        }
        #expect(broken.count == 0, "\(broken.count) of \(pages.count) pages lost an extension's inline syntax")
    }

    #if os(Linux)
    /// The test above passes either way; this one says whether pages really are parsed in
    /// parallel (the linker exported Lantern's stand-in for cmark's function).
    @Test func pagesAreParsedInParallel() {
        #expect(!SpecialCharacters.parsesTakeTurns)
    }
    #endif

    @Test func slugger() {
        #expect(HeadingSlugger.slug("Who needs a higher level of care first?") == "who-needs-a-higher-level-of-care-first")
        #expect(HeadingSlugger.slug("In-network") == "in-network")
        #expect(HeadingSlugger.slug("Step 1: Call") == "step-1-call")
    }

    @Test func headingLinesIncludeTheFrontMatterOffset() {
        let rendered = renderer.render("Intro\n\n## Later\n", file: "x.md", firstLine: 5)
        #expect(rendered.headings.first?.line == 7)
    }

    @Test func gfmExtensionsAreOn() {
        let rendered = renderer.render("""
            | a | b |
            |---|---|
            | 1 | 2 |

            ~~gone~~ www.example.org

            - [x] done
            - [ ] open

            Note.[^1]

            [^1]: A footnote.
            """, file: "x.md")
        #expect(rendered.html.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\"><table>"))
        #expect(rendered.html.contains("</table></div>"))
        #expect(rendered.html.contains("<del>gone</del>"))
        #expect(rendered.html.contains("<a href=\"http://www.example.org\">"))
        #expect(rendered.html.contains("type=\"checkbox\""))
        #expect(rendered.html.contains("footnotes"))
    }

    @Test func rawHTMLAndScriptURLsAreNeutralisedByDefault() {
        let rendered = renderer.render("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>hi</b>", file: "x.md")
        #expect(!rendered.html.contains("<script"))
        #expect(!rendered.html.contains("javascript:"))
        #expect(!rendered.html.contains("<b>"))
    }

    @Test func unsafeModePassesHTMLAndKeepsHeadingIDsAligned() {
        let unsafe = MarkdownRenderer(allowRawHTML: true)
        let rendered = unsafe.render("<h2>Raw</h2>\n\n## Real\n\n<table><tr><td>raw</td></tr></table>\n\n| a |\n|---|\n| b |\n", file: "x.md")
        #expect(rendered.html.contains("<h2>Raw</h2>"))
        #expect(rendered.html.contains("<h2 id=\"real\">Real</h2>"))
        #expect(rendered.html.contains("<table><tr><td>raw</td></tr></table>"))
        #expect(rendered.html.components(separatedBy: "class=\"table-wrap\"").count == 2)
    }

    @Test func linksAreRewrittenAndBrokenOnesReportedWithTheirLine() {
        let rendered = renderer.render("Intro\n\nSee [costs](costs.md) and [gone](gone.md).\n", file: "Content/x.md",
                                       firstLine: 4) { destination in
            destination == "costs.md" ? .rewrite("/insurance/costs/") : .broken("no page \(destination)")
        }
        #expect(rendered.html.contains("href=\"/insurance/costs/\""))
        #expect(rendered.diagnostics.count == 1)
        #expect(rendered.diagnostics[0].location.line == 6)
        #expect(rendered.diagnostics[0].location.column > 1)
        #expect(rendered.links.map(\.text) == ["costs", "gone"])
    }

    @Test func plainTextComesFromTheTreeSplitAtH2AndH3() {
        let rendered = renderer.render("""
            Opening *words* here.

            ## First
            Text with `code` and [a link](x.md).

            | cell one | cell two |
            |---|---|
            | three | four |

            ### Sub
            - item
            #### Deep
            deep text
            """, file: "x.md")
        #expect(rendered.parts.map(\.anchor) == ["", "first", "sub"])
        #expect(rendered.parts[0].text == "Opening words here.")
        #expect(rendered.parts[1].heading == "First")
        #expect(rendered.parts[1].text.contains("Text with code and a link."))
        #expect(rendered.parts[1].text.contains("cell one\ncell two"))
        #expect(rendered.parts[2].text.contains("item"))
        #expect(rendered.parts[2].text.contains("deep text"))
        #expect(!rendered.parts[2].text.contains("Deep"))
    }
}
