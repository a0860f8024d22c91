import Testing
@testable import LanternKit

@Suite struct PagePathTests {
    /// Source, slug, then URL and output file with folder URLs, then with `ugly_urls`.
    @Test(arguments: [
        ("_index.md", nil, "/", "index.html", "/", "index.html"),
        ("faq.md", nil, "/faq/", "faq/index.html", "/faq.html", "faq.html"),
        ("therapies/_index.md", nil, "/therapies/", "therapies/index.html", "/therapies/", "therapies/index.html"),
        ("therapies/cbt.md", nil, "/therapies/cbt/", "therapies/cbt/index.html",
         "/therapies/cbt.html", "therapies/cbt.html"),
        ("therapies/cbt.md", "cognitive", "/therapies/cognitive/", "therapies/cognitive/index.html",
         "/therapies/cognitive.html", "therapies/cognitive.html"),
        ("a/b/_index.md", nil, "/a/b/", "a/b/index.html", "/a/b/", "a/b/index.html"),
        ("family/my page #1?.md", nil, "/family/my%20page%20%231%3F/", "family/my page #1?/index.html",
         "/family/my%20page%20%231%3F.html", "family/my page #1?.html"),
        ("café/crème.md", nil, "/caf%C3%A9/cr%C3%A8me/", "café/crème/index.html",
         "/caf%C3%A9/cr%C3%A8me.html", "café/crème.html"),
    ] as [(String, String?, String, String, String, String)])
    func placesPages(source: String, slug: String?, url: String, output: String, uglyURL: String, uglyOutput: String) {
        let folder = URLSpace(uglyURLs: false).page(sourcePath: source, slug: slug)
        #expect((folder.url, folder.outputPath) == (url, output))
        let file = URLSpace(uglyURLs: true).page(sourcePath: source, slug: slug)
        #expect((file.url, file.outputPath) == (uglyURL, uglyOutput))
    }

    @Test func refusesSlugsThatLeaveTheirFolder() {
        #expect(PagePath.problem(withSlug: "../../etc") != nil)
        #expect(PagePath.problem(withSlug: "/absolute") != nil)
        #expect(PagePath.problem(withSlug: "..") != nil)
        #expect(PagePath.problem(withSlug: "") != nil)
        #expect(PagePath.problem(withSlug: "fine-slug") == nil)
    }

    @Test func normalizesPaths() {
        #expect(PagePath.normalized("iop/../family/x.md") == "family/x.md")
        #expect(PagePath.normalized("./a//b.md") == "a/b.md")
        #expect(PagePath.normalized("../x.md") == nil)
        #expect(PagePath.normalized("a/b/..") == "a")
        #expect(PagePath.normalized("a/.") == "a")
        #expect(PagePath.normalized("a/b/") == "a/b")
        #expect(PagePath.normalized("//a") == "a")
        #expect(PagePath.normalized("/family/x.md") == "family/x.md")
        #expect(PagePath.normalized("..a/b.c/...") == "..a/b.c/...")
        #expect(PagePath.normalized("family/x.md") == "family/x.md")
    }
}
