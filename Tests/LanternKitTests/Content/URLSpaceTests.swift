import Testing
@testable import LanternKit

/// Every URL the build writes a file for is answered by that file, the way a static host (and
/// `lantern serve`, and `lantern check`) reads the URL.
@Suite struct URLSpaceTests {
    @Test(arguments: [false, true])
    func everyPlaceIsFoundAgainFromItsURL(ugly: Bool) {
        let urls = URLSpace(uglyURLs: ugly)
        let places = ["_index.md", "faq.md", "therapies/_index.md", "therapies/cbt.md", "café/crème.md",
                      "family/my page #1?.md"].map { urls.page(sourcePath: $0, slug: nil) }
            + [urls.folder("search"), urls.file("404.html"), URLSpace.alias("/old/")!, URLSpace.alias("/x.html")!]
        for place in places {
            #expect(URLSpace.outputPath(forURL: place.url) == place.outputPath, "\(place.url)")
            #expect(RequestPath.resolve(place.url) == .file(place.outputPath), "\(place.url)")
        }
    }

    @Test func aLanguagePrefixIsAFolderAboveEveryPage() {
        let french = URLSpace(uglyURLs: false, languagePrefix: "fr")
        #expect(french.page(sourcePath: "_index.md", slug: nil) == .init(url: "/fr/", outputPath: "fr/index.html"))
        #expect(french.page(sourcePath: "a/b.md", slug: "c") == .init(url: "/fr/a/c/", outputPath: "fr/a/c/index.html"))
        #expect(french.file("404.html") == .init(url: "/fr/404.html", outputPath: "fr/404.html"))
        let ugly = URLSpace(uglyURLs: true, languagePrefix: "fr")
        #expect(ugly.page(sourcePath: "a/b.md", slug: nil) == .init(url: "/fr/a/b.html", outputPath: "fr/a/b.html"))
    }

    @Test func aSectionsSlugRenamesItsFolderForThePagesInIt() {
        let spanish = URLSpace(uglyURLs: false, languagePrefix: "es")
        #expect(spanish.page(sourcePath: "therapies/cbt.md", slug: "tcc", folders: ["therapies": "terapias"])
            == .init(url: "/es/terapias/tcc/", outputPath: "es/terapias/tcc/index.html"))
        #expect(spanish.page(sourcePath: "therapies/_index.md", slug: "terapias", folders: ["therapies": "terapias"])
            == .init(url: "/es/terapias/", outputPath: "es/terapias/index.html"))
        #expect(spanish.page(sourcePath: "a/b/c.md", slug: nil, folders: ["a": "x", "a/b": "y"]).url == "/es/x/y/c/")
        #expect(URLSpace(uglyURLs: true).page(sourcePath: "a/c.md", slug: nil, folders: ["a": "x"]).url == "/x/c.html")
    }

    @Test func aliasesMustBePathsOnThisSite() {
        for alias in ["old/", "//other.example/", "https://x.example/", "/../x/", "/a/./b/", "/.hidden/", "/"] {
            #expect(URLSpace.alias(alias) == nil, "\(alias)")
        }
        #expect(URLSpace.alias("/caf%C3%A9/") == .init(url: "/caf%C3%A9/", outputPath: "café/index.html"))
    }
}
