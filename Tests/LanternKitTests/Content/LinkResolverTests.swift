import Testing
@testable import LanternKit

@Suite struct LinkResolverTests {
    private func page(_ source: String) -> Page {
        let placement = URLSpace(uglyURLs: false).page(sourcePath: source, slug: nil)
        let matter = FrontMatter(title: source, description: "", date: nil, lastReviewed: nil, reviewedBy: nil,
            tags: [], draft: false, weight: 0, slug: nil, aliases: [], layout: nil, language: nil,
            params: [:], valueLocations: [:])
        return Page(sourcePath: source, displayPath: source, kind: .page, frontMatter: matter, body: "",
            bodyFirstLine: 1, sectionPath: PagePath.folder(of: source), url: placement.url,
            outputPath: placement.outputPath)
    }

    private var resolver: LinkResolver {
        LinkResolver(
            pages: [page("iop/how.md"), page("family/help.md"), page("insurance/costs.md"), page("faq.md"),
                    page("therapies/_index.md")],
            staticFiles: [StaticFile(sourcePath: "iop/chart.png", absolutePath: "/x", url: "/iop/chart.png")],
            draftPaths: ["iop/draft.md"])
    }

    @Test func rewritesRelativeLinks() {
        #expect(resolver.resolve("../family/help.md", from: "iop/how.md") == .rewrite("/family/help/"))
        #expect(resolver.resolve("how.md#hours", from: "iop/other.md") == .rewrite("/iop/how/#hours"))
        #expect(resolver.resolve("../therapies/_index.md", from: "iop/how.md") == .rewrite("/therapies/"))
    }

    @Test func rewritesLinksFromTheContentRoot() {
        #expect(resolver.resolve("/insurance/costs.md", from: "iop/how.md") == .rewrite("/insurance/costs/"))
        #expect(resolver.resolve("faq.md?x=1", from: "intro.md") == .rewrite("/faq/?x=1"))
    }

    @Test func rewritesFilesToTheirRootRelativeURL() {
        #expect(resolver.resolve("chart.png", from: "iop/how.md") == .rewrite("/iop/chart.png"))
    }

    @Test func leavesExternalAndSiteLinksAlone() {
        for destination in ["https://example.org/x.md", "mailto:a@b.c", "tel:988", "#top", "/search/", "//cdn.x/y"] {
            #expect(resolver.resolve(destination, from: "iop/how.md") == .keep)
        }
    }

    @Test func reportsMissingPagesDraftsAndEscapes() {
        guard case .broken(let missing) = resolver.resolve("nope.md", from: "iop/how.md") else {
            Issue.record("expected broken")
            return
        }
        #expect(missing.contains("iop/nope.md"))
        guard case .broken(let draft) = resolver.resolve("draft.md", from: "iop/how.md") else {
            Issue.record("expected broken")
            return
        }
        #expect(draft.contains("draft"))
        #expect(resolver.resolve("../../x.md", from: "iop/how.md") != .keep)
        #expect(resolver.resolve("missing.pdf", from: "iop/how.md") != .keep)
    }
}
