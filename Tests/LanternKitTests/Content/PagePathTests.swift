import Testing
@testable import LanternKit

@Suite struct PagePathTests {
    @Test(arguments: [
        ("_index.md", nil, "/", "index.html"),
        ("faq.md", nil, "/faq/", "faq/index.html"),
        ("therapies/_index.md", nil, "/therapies/", "therapies/index.html"),
        ("therapies/cbt.md", nil, "/therapies/cbt/", "therapies/cbt/index.html"),
        ("therapies/cbt.md", "cognitive", "/therapies/cognitive/", "therapies/cognitive/index.html"),
        ("a/b/_index.md", nil, "/a/b/", "a/b/index.html"),
        ("family/my page #1?.md", nil, "/family/my%20page%20%231%3F/", "family/my page #1?/index.html"),
        ("café/crème.md", nil, "/caf%C3%A9/cr%C3%A8me/", "café/crème/index.html"),
    ] as [(String, String?, String, String)])
    func placesPages(source: String, slug: String?, url: String, output: String) {
        let placement = PagePath.place(sourcePath: source, slug: slug, uglyURLs: false)
        #expect(placement.url == url)
        #expect(placement.outputPath == output)
    }

    @Test(arguments: [
        ("_index.md", nil, "/", "index.html"),
        ("faq.md", nil, "/faq.html", "faq.html"),
        ("therapies/_index.md", nil, "/therapies/", "therapies/index.html"),
        ("therapies/cbt.md", nil, "/therapies/cbt.html", "therapies/cbt.html"),
        ("therapies/cbt.md", "cognitive", "/therapies/cognitive.html", "therapies/cognitive.html"),
        ("family/my page #1?.md", nil, "/family/my%20page%20%231%3F.html", "family/my page #1?.html"),
    ] as [(String, String?, String, String)])
    func placesPagesAtHTMLFilesWithUglyURLs(source: String, slug: String?, url: String, output: String) {
        let placement = PagePath.place(sourcePath: source, slug: slug, uglyURLs: true)
        #expect(placement.url == url)
        #expect(placement.outputPath == output)
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
