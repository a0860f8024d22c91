import Foundation
import Testing
@testable import LanternKit

/// The limits stop what no writer writes, and leave what writers do write exactly as it was.
/// (The pathological inputs themselves are cases of the bad-input catalogue.)
@Suite struct MarkdownLimitsTests {
    /// No limits at all: what the page rendered to before they existed.
    private var unlimited: MarkdownRenderer {
        var renderer = MarkdownRenderer()
        renderer.deadlineSeconds = 600
        renderer.limits.pageBytes = .max
        renderer.limits.nesting = .max
        renderer.limits.delimiterRunsPerParagraph = .max
        renderer.limits.bracketsPerParagraph = .max
        renderer.limits.backtickRunsPerParagraph = .max
        renderer.limits.anglesPerParagraph = .max
        renderer.limits.atSignsPerParagraph = .max
        renderer.limits.tableCells = .max
        renderer.limits.definitionsPerPage = .max
        return renderer
    }

    private func expectRenderedAsWithoutLimits(_ markdown: String) {
        var renderer = MarkdownRenderer()
        renderer.deadlineSeconds = 600  // a busy machine running the debug build
        let limited = renderer.render(markdown, file: "big.md")
        #expect(limited.diagnostics.isEmpty, "\(limited.diagnostics)")
        #expect(limited.html == unlimited.render(markdown, file: "big.md").html)
        #expect(!limited.html.isEmpty)
    }

    @Test func listsAndBlockquotesTenDeepRenderAsBefore() {
        var markdown = ""
        for depth in 0..<10 { markdown += String(repeating: "  ", count: depth) + "- level \(depth) *a* [b](c)\n" }
        for depth in 0..<10 { markdown += String(repeating: "   ", count: depth) + "1. numbered \(depth)\n" }
        markdown += "\n" + String(repeating: "> ", count: 10) + "- quoted list **ten** deep\n"
        expectRenderedAsWithoutLimits(markdown)
        #expect(MarkdownRenderer().render(markdown, file: "big.md").html.components(separatedBy: "<ul>").count == 12)
    }

    @Test func aTableOfFiveThousandRowsRendersAsBefore() {
        var markdown = "| Session | Therapist | Notes | Link |\n| --- | :-: | --- | --- |\n"
        for row in 1...5000 { markdown += "| \(row) | *Dr. A* | ~~moved~~ `x` | [page](p\(row).md) |\n" }
        expectRenderedAsWithoutLimits(markdown)
    }

    @Test func aTwoMegabytePageRendersAsBefore() {
        var markdown = ""
        var section = 0
        while markdown.utf8.count < 2 * 1024 * 1024 {
            section += 1
            markdown += "## Part \(section)\n\nSome *emphasis*, **strong**, ~~gone~~, `code`, a [link](x.md), "
                + "<span>html</span> and www.example.org in a paragraph of ordinary length.\n\n"
                + "- item with _snake_case_names_ and [^\(section)]\n- another\n\n"
                + "```\ncode ** [[ `` <<\n```\n\n[^\(section)]: A note.\n\n"
        }
        expectRenderedAsWithoutLimits(markdown)
    }

    @Test func eachLimitNamesItsLineAndWhatToSimplify() {
        let limits = MarkdownLimits()
        func violation(_ markdown: String) -> MarkdownLimits.Violation? { limits.violation(in: markdown) }
        #expect(violation("ok\n\n" + String(repeating: ">", count: 101) + " a\n")
            == .init(line: 3, message: "blockquotes nested 101 deep; at most 100 are allowed: flatten the nesting"))
        #expect(violation(String(repeating: ">", count: 100) + " a\n") == nil)
        #expect(violation(String(repeating: "- ", count: 101) + "a")?.message.hasPrefix("lists nested 101 deep") == true)
        #expect(violation("a\n\n" + String(repeating: "*a ", count: 5001))?.line == 3)
        #expect(violation(String(repeating: "*a ", count: 5000)) == nil)
        // Split into paragraphs, the same marks are within the limit.
        #expect(violation(String(repeating: "*a *a\n\n", count: 5000)) == nil)
        #expect(violation(String(repeating: "[a", count: 5001))?.message.contains("brackets") == true)
        #expect(violation(String(repeating: "`a", count: 2001))?.message.contains("backticks") == true)
        #expect(violation("x" + String(repeating: " <a", count: 10001))?.message.contains("< signs") == true)
        #expect(violation(String(repeating: "a@", count: 5001))?.message.contains("@ signs") == true)
        // Code in fences is not Markdown.
        #expect(violation("```\n" + String(repeating: "*[<`", count: 20000) + "\n```\n") == nil)
        #expect(violation("|" + String(repeating: "a|", count: 1000) + "\n|" + String(repeating: "-|", count: 1000)
            + "\n" + String(repeating: "|\n", count: 600))?.message.contains("1000 columns") == true)
        #expect(violation(String(repeating: "[a\(0)]: /u\n", count: 10001))?.message.contains("definitions") == true)
    }

    @Test func footnoteDefinitionsNestAsListItemsDoAndTheirTextIsCounted() {
        let limits = MarkdownLimits()
        func violation(_ markdown: String) -> MarkdownLimits.Violation? { limits.violation(in: markdown) }
        #expect(violation(String(repeating: "[^a]: ", count: 101) + "x")?.message
            == "lists and footnotes nested 101 deep; at most 100 are allowed: flatten the nesting")
        #expect(violation(String(repeating: "[^a]: ", count: 100) + "x") == nil)
        // Nested by indentation, one line each.
        let indented = (0..<101).map { String(repeating: " ", count: 4 * $0) + "[^n\($0)]: note" }
        #expect(violation(indented.joined(separator: "\n"))?.message.hasPrefix("lists and footnotes nested 101") == true)
        #expect(violation("> - " + String(repeating: "[^a]: ", count: 99) + "x")?.message
            .hasPrefix("blockquotes and lists and footnotes nested 101") == true)
        // A definition's text is a paragraph's: its brackets count (what `make fuzz` found).
        #expect(violation("[^a]: " + String(repeating: "b[ ", count: 5001))?.message.contains("brackets") == true)
        #expect(violation("[a]: " + String(repeating: "b[ ", count: 5001))?.message.contains("brackets") == true)
        #expect(violation(String(repeating: "[^a]: x\n", count: 10001))?.message.contains("definitions") == true)
    }

    @Test func footnotesAsWritersWriteThemRenderAsBefore() {
        var markdown = "Text with notes[^1] and more[^long-note].\n\n"
        for n in 1...300 { markdown += "[^n\(n)]: Note \(n) with *emphasis* and a [link](x.md).\n" }
        markdown += "\n[^1]: First.\n\n[^long-note]: A note\n    over two lines, with a list:\n\n    - one\n    - two\n"
        expectRenderedAsWithoutLimits(markdown)
    }

    @Test func aPageOverTheDeadlineFailsCleanly() {
        var renderer = MarkdownRenderer()
        renderer.deadlineSeconds = 0.000_001
        let markdown = String(repeating: "Some *text* in a [paragraph](x.md).\n\n", count: 20_000)
        let rendered = renderer.render(markdown, file: "slow.md", firstLine: 4)
        #expect(rendered.diagnostics.map(\.description) == [
            "slow.md:4:1: error: cmark took too long (over 1e-06 s) to read this page's Markdown and was stopped: "
                + "simplify it (deep nesting, long runs of brackets or emphasis marks) or split it",
        ])
        #expect(rendered.html.isEmpty)
        // The same page within the deadline renders.
        #expect(MarkdownRenderer().render(markdown, file: "slow.md").diagnostics.isEmpty)
    }
}
