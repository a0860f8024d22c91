import Foundation
import Testing
@testable import LanternKit

/// Pictures from Markdown to `Public/`: variants, markup, privacy, the cache, bundles, SVG.
@Suite struct PictureTests {
    static let config = TemporarySite.minimalConfig + "images:\n  widths: [200, 400, 800]\n"

    /// A site with a 1000 × 750 photo carrying GPS, a serial, XMP and a comment, shown twice.
    func photoSite(_ extra: [String: String] = [:], orientation: UInt16 = 1) throws -> TemporarySite {
        var files = ["site.yaml": PictureTests.config,
            "Content/therapies/cbt.md": """
                ---
                title: CBT
                ---
                ![A path through a park in spring](park.jpg)

                Text between.

                ![The same path, closer](park.jpg "Photo: Test Person, CC BY 4.0")
                """]
        files.merge(extra) { $1 }
        let site = try TemporarySite(files)
        try site.write(Data(TestPictures.withMetadata(TestPictures.photo,
            orientation: orientation)), to: "Content/therapies/park.jpg")
        return site
    }

    @Test func variantsAreNeverWiderThanThePicture() {
        var settings = ImageSettings()
        settings.widths = [480, 800, 1200]
        let small = PictureVariant.plan(sourcePath: "a/p.png", format: .png, width: 600, height: 300,
            contentHash: "ab", settings: settings, cacheFolder: "/c")
        #expect(small.map(\.width) == [480, 600, 480, 600])
        #expect(small.map(\.format) == [.webp, .webp, .png, .png])
        #expect(small.map(\.outputPath) == ["a/p.480w.webp", "a/p.600w.webp", "a/p.480w.png", "a/p.png"])
        #expect(small.last?.height == 300)
        let large = PictureVariant.plan(sourcePath: "p.JPG", format: .jpeg, width: 4000, height: 3000,
            contentHash: "ab", settings: settings, cacheFolder: "/c")
        #expect(large.map(\.width).max() == 1200)
        #expect(large.last?.outputPath == "p.JPG")
        #expect(large.last?.height == 900)
    }

    @Test func markdownImagesBecomeResponsivePictures() throws {
        let site = try photoSite()
        defer { site.remove() }
        try site.build()
        let html = try #require(site.output("therapies/cbt/index.html"))
        // Every width up to the picture's own, WebP first, then the JPEG the picture was.
        #expect(html.contains("<picture><source type=\"image/webp\" srcset=\"/therapies/park.200w.webp 200w, "
            + "/therapies/park.400w.webp 400w, /therapies/park.800w.webp 800w\""))
        #expect(html.contains("srcset=\"/therapies/park.200w.jpg 200w, /therapies/park.400w.jpg 400w, /therapies/park.jpg 800w\""))
        #expect(html.contains("width=\"800\" height=\"600\""))
        #expect(html.contains("sizes=\"(min-width: 732px) 700px, calc(100vw - 2rem)\""))
        // The first picture loads at once; the next when it nears the screen.
        let images = html.components(separatedBy: "<img ").dropFirst()
        #expect(images.count == 2)
        #expect(!images.first!.prefix(while: { $0 != ">" }).contains("loading="))
        #expect(images.last!.prefix(while: { $0 != ">" }).contains("loading=\"lazy\" decoding=\"async\""))
        // A picture alone with a title is a figure with its credit.
        #expect(html.contains("</picture><figcaption>Photo: Test Person, CC BY 4.0</figcaption></figure>"))
        for path in ["therapies/park.jpg", "therapies/park.200w.jpg", "therapies/park.400w.jpg",
                     "therapies/park.200w.webp", "therapies/park.400w.webp", "therapies/park.800w.webp"] {
            #expect(FileManager.default.fileExists(atPath: site.root + "/Public/" + path), "\(path) missing")
        }
        let made = try #require(FileManager.default.contents(atPath: site.root + "/Public/therapies/park.800w.webp"))
        guard case .success(let header) = Vips.header(of: [UInt8](made)) else {
            Issue.record("the WebP variant does not read back")
            return
        }
        #expect(header == Vips.Header(width: 800, height: 600))
    }

    /// A phone's photo carries where it was taken and the camera's serial: none of it may
    /// reach Public/.
    @Test func noMetadataReachesThePublishedFiles() throws {
        let site = try photoSite()
        defer { site.remove() }
        let source = [UInt8](try #require(FileManager.default.contents(atPath: site.root + "/Content/therapies/park.jpg")))
        let secrets: [[UInt8]] = [TestPictures.latitudeBytes, Array(TestPictures.cameraSerial.utf8),
            Array(TestPictures.xmpMarker.utf8), Array(TestPictures.commentMarker.utf8), Array("Exif\0\0".utf8)]
        for secret in secrets { #expect(source.contains(bytes: secret), "the test photo lacks what it plants") }
        try site.build()
        let published = site.snapshot().filter { ImageFormat(fileName: $0.key) != nil && !$0.key.hasPrefix("assets/") }
        #expect(published.count == 6)
        for (path, data) in published {
            let bytes = [UInt8](data)
            for secret in secrets {
                #expect(!bytes.contains(bytes: secret), "\(path) still holds \(String(decoding: secret, as: UTF8.self))")
            }
        }
    }

    /// A camera held sideways stores the picture on its side with an orientation tag; the
    /// published picture stands upright and says so in its size.
    @Test func exifOrientationIsApplied() throws {
        let site = try photoSite(orientation: 6)
        defer { site.remove() }
        try site.build()
        let html = try #require(site.output("therapies/cbt/index.html"))
        #expect(html.contains("width=\"750\" height=\"1000\""), "\(html)")
        let made = try #require(FileManager.default.contents(atPath: site.root + "/Public/therapies/park.jpg"))
        guard case .success(let header) = Vips.header(of: [UInt8](made)) else {
            Issue.record("the published JPEG does not read back")
            return
        }
        #expect(header == Vips.Header(width: 750, height: 1000))
    }

    /// A picture in another colour space is converted to sRGB, and its profile removed: a
    /// browser shows the published file (which has none) in the colours the writer saw. The
    /// test's profile swaps red and green, so a file shown without conversion is visibly wrong.
    @Test func picturesAreConvertedToSRGBAndLoseTheirProfile() throws {
        let swapped = TestPictures.iccProfile(red: TestPictures.sRGBGreen, green: TestPictures.sRGBRed,
            blue: TestPictures.sRGBBlue)
        let site = try TemporarySite(["site.yaml": PictureTests.config,
            "Content/a.md": "---\ntitle: A\n---\n![A green square](tagged.png)\n\n![A red square](plain.png)\n"])
        defer { site.remove() }
        try site.write(Data(TestPictures.png(width: 300, height: 300, profile: swapped) { _, _ in (255, 0, 0) }),
            to: "Content/tagged.png")
        try site.write(Data(TestPictures.png(width: 300, height: 300) { _, _ in (255, 0, 0) }), to: "Content/plain.png")
        try site.build()
        for name in ["tagged.png", "tagged.200w.png", "tagged.200w.webp", "tagged.300w.webp", "plain.png", "plain.200w.webp"] {
            let bytes = [UInt8](try #require(FileManager.default.contents(atPath: site.root + "/Public/" + name), "\(name)"))
            let pixel = try #require(Vips.pixel(of: bytes, x: 100, y: 100), "\(name) does not read back")
            let (red, green) = (pixel[0], pixel[1])
            if name.hasPrefix("tagged") {
                #expect(green > 200 && red < 60, "\(name) was not converted to sRGB: \(pixel)")
            } else {
                #expect(red > 240 && green < 20, "\(name) without a profile changed colour: \(pixel)")
            }
            #expect(!bytes.contains(bytes: Array("iCCP".utf8)) && !bytes.contains(bytes: Array("ICCP".utf8)),
                "\(name) still carries a colour profile")
        }
    }

    @Test func aRebuildReusesTheCacheAndIsByteIdentical() throws {
        let site = try photoSite()
        defer { site.remove() }
        let first = try site.build()
        #expect(first.pictureVariantsMade == 6)
        // `--timings` shows making them as a stage of its own.
        #expect(first.stages.map(\.name).prefix(3) == ["load content", "make pictures", "load the theme"])
        let built = site.snapshot()
        let second = try site.build()
        #expect(second.pictureVariantsMade == 0)
        #expect(site.snapshot() == built)
        // Made again from nothing, the variants are the same bytes.
        try FileManager.default.removeItem(atPath: site.root + "/.lantern-cache")
        let third = try site.build()
        #expect(third.pictureVariantsMade == 6)
        #expect(site.snapshot() == built)
    }

    @Test func aChangedPictureReplacesItsVariantsInTheCache() throws {
        let site = try photoSite()
        defer { site.remove() }
        try site.build()
        let cache = site.root + "/.lantern-cache/images"
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: cache))
        try site.write(Data(TestPictures.jpeg(width: 900, height: 600)), to: "Content/therapies/park.jpg")
        let report = try site.build()
        #expect(report.pictureVariantsMade == 6)
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: cache))
        #expect(after.count == before.count)
        #expect(after.intersection(before) == ["manifest.tsv"], "stale variants were kept")
        #expect(site.output("therapies/cbt/index.html")?.contains("width=\"800\" height=\"533\"") == true)
    }

    @Test func aPageBundleIsTheSamePageWithItsPicturesBesideIt() throws {
        let site = try TemporarySite(["site.yaml": PictureTests.config,
            "Content/therapies/_index.md": "---\ntitle: Therapies\n---\n",
            "Content/therapies/cbt/index.md": "---\ntitle: CBT\n---\n![A quiet room with two chairs](room.png)\n\n[DBT](../dbt.md)\n",
            "Content/therapies/dbt.md": "---\ntitle: DBT\n---\n[CBT](cbt/index.md)\n"])
        defer { site.remove() }
        try site.write(Data(TestPictures.png(width: 300, height: 200)), to: "Content/therapies/cbt/room.png")
        try site.build()
        let html = try #require(site.output("therapies/cbt/index.html"))
        #expect(html.contains("src=\"/therapies/cbt/room.png\""))
        #expect(html.contains("href=\"/therapies/dbt/\""))
        #expect(site.output("therapies/dbt/index.html")?.contains("href=\"/therapies/cbt/\"") == true)
        #expect(site.output("therapies/index.html")?.contains("href=\"/therapies/cbt/\"") == true, "the bundle is listed in its section")
    }

    @Test func aPageWrittenBothAsFileAndBundleIsAnError() throws {
        let site = try TemporarySite([
            "Content/therapies/cbt.md": "---\ntitle: CBT\n---\nOne.\n",
            "Content/therapies/cbt/index.md": "---\ntitle: CBT again\n---\nTwo.\n"])
        defer { site.remove() }
        let failure = site.failure()
        #expect(failure.contains {
            $0.location.file.hasSuffix("Content/therapies/cbt/index.md") && $0.location.line == 1
                && $0.message.contains("same page")
        }, "\(failure)")
    }

    @Test func aSafeSVGIsCopiedAsItIs() throws {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 80\"><rect width=\"120\" height=\"80\" fill=\"#4a7\"/></svg>\n"
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\n![A green rectangle](box.svg)\n",
            "Content/box.svg": svg])
        defer { site.remove() }
        try site.build()
        #expect(site.output("box.svg") == svg)
        #expect(site.output("a/index.html")?.contains("<img src=\"/box.svg\" alt=\"A green rectangle\" width=\"120\" height=\"80\">") == true)
    }

    @Test(arguments: [
        ("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n<script>alert(1)</script></svg>", 3, "<script>"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect onclick=\"x()\"/></svg>", 2, "event handler"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject/></svg>", 1, "foreignObject"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\">\n\n<image href=\"https://tracker.example/p.png\"/></svg>", 3, "reference"),
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect style=\"fill:url(https://x.example/a)\"/></svg>", 1, "reference"),
    ])
    func anUnsafeSVGIsAnErrorAtItsLine(_ svg: String, _ line: Int, _ words: String) throws {
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\n![A drawing](d.svg)\n", "Content/d.svg": svg])
        defer { site.remove() }
        let failure = site.failure()
        #expect(failure.contains { $0.location.file.hasSuffix("Content/d.svg") && $0.location.line == line
            && $0.message.contains(words) }, "\(failure)")
        #expect(failure.contains { $0.location.file.hasSuffix("Content/a.md") && $0.location.line == 4 },
            "the page that shows it is named too")
    }

    @Test func frontMatterImageIsShownWithItsCreditAndShared() throws {
        let site = try TemporarySite(["site.yaml": PictureTests.config,
            "Templates/page.mustache": "{{<base}}{{$main}}{{#page.image}}{{{html}}}<meta content=\"{{permalink}}\">{{credit}}{{/page.image}}{{{page.content}}}{{#page.credits}}[{{.}}]{{/page.credits}}{{/main}}{{/base}}",
            "Content/a.md": "---\ntitle: A\nimage: kitchen.png\nimage_alt: A kitchen table with two mugs\nimage_credit: Drawing by the clinic\n---\n![A path](path.png \"Photo: Someone\")\n"])
        defer { site.remove() }
        try site.write(Data(TestPictures.png(width: 500, height: 250)), to: "Content/kitchen.png")
        try site.write(Data(TestPictures.png(width: 500, height: 250)), to: "Content/path.png")
        try site.build()
        let html = try #require(site.output("a/index.html"))
        #expect(html.contains("alt=\"A kitchen table with two mugs\" width=\"500\" height=\"250\"></picture>"))
        #expect(html.contains("<meta content=\"https://example.org/kitchen.png\">Drawing by the clinic"))
        #expect(html.contains("[Drawing by the clinic][Photo: Someone]"))
        // The page's own picture comes first: the Markdown one waits.
        #expect(html.contains("alt=\"A path\" width=\"500\" height=\"250\" loading=\"lazy\""))
    }

    /// A credit written once beside its picture (`room.png.yaml`) shows on every page that shows
    /// the picture, in the page's language; a title or `image_credit:` on a page comes first.
    @Test func aCreditFileBesideAPictureCreditsItWhereverItIsShown() throws {
        let site = try TemporarySite(["site.yaml": PictureTests.config + "languages:\n  en: {}\n  es:\n    title: Sitio\n",
            "Templates/page.mustache": "{{<base}}{{$main}}{{#page.image}}<p class=\"hero\">{{credit}}</p>{{/page.image}}{{{page.content}}}{{#page.credits}}[{{.}}]{{/page.credits}}{{/main}}{{/base}}",
            "Content/family/a.md": "---\ntitle: A\n---\n![A quiet room](room.png)\n",
            "Content/family/a.es.md": "---\ntitle: A\n---\n![Una sala tranquila](room.png)\n",
            "Content/family/b.md": "---\ntitle: B\n---\n![A quiet room](room.png \"Drawing: someone else\")\n",
            "Content/c.md": "---\ntitle: C\nimage: family/room.png\nimage_alt: A quiet room\n---\nText.\n",
            "Content/family/room.png.yaml": """
                credit:
                  en: "Drawing: the clinic, CC0"
                  es: "Dibujo: la clínica, CC0"
                author: The clinic
                licence: CC0 1.0
                """])
        defer { site.remove() }
        try site.write(Data(TestPictures.png(width: 300, height: 200)), to: "Content/family/room.png")
        try site.build()
        let english = try #require(site.output("family/a/index.html"))
        #expect(english.contains("</picture><figcaption>Drawing: the clinic, CC0</figcaption></figure>"), "\(english)")
        #expect(english.contains("[Drawing: the clinic, CC0]"))
        let spanish = try #require(site.output("es/family/a/index.html"))
        #expect(spanish.contains("<figcaption>Dibujo: la clínica, CC0</figcaption>"), "\(spanish)")
        let titled = try #require(site.output("family/b/index.html"))
        #expect(titled.contains("<figcaption>Drawing: someone else</figcaption>") && !titled.contains("the clinic"))
        let own = try #require(site.output("c/index.html"))
        #expect(own.contains("<p class=\"hero\">Drawing: the clinic, CC0</p>"), "\(own)")
        #expect(own.contains("[Drawing: the clinic, CC0]"))
        #expect(site.output("family/room.png.yaml") == nil, "a credit file is read, not published")
    }

    @Test(arguments: [
        ("credit: [a, b]\n", 1, "'credit' must be text"),
        ("author: Someone\n", 1, "has no 'credit:'"),
        ("credit: Photo\ncamera: X100\n", 2, "unknown key 'camera'"),
        ("credit:\n  en: Photo\n  fr: Photo\n", 3, "'fr' is not one of the site's languages"),
        ("credit:\n  es: Foto\n", 2, "needs one in 'en'"),
        ("credit: \"Photo\n", 1, "invalid YAML"),
        ("- Photo\n", 1, "a mapping with a 'credit:'"),
    ])
    func aBadCreditFileIsAnErrorAtItsLine(_ text: String, _ line: Int, _ words: String) throws {
        let site = try TemporarySite(["site.yaml": PictureTests.config + "languages:\n  en: {}\n  es:\n    title: Sitio\n",
            "Content/a.md": "---\ntitle: A\n---\n![A room](room.png)\n", "Content/room.png.yaml": text])
        defer { site.remove() }
        try site.write(Data(TestPictures.png(width: 30, height: 20)), to: "Content/room.png")
        let failure = site.failure()
        #expect(failure.contains { $0.location.file.hasSuffix("Content/room.png.yaml") && $0.location.line >= line
            && $0.location.line <= line + 1 && $0.message.contains(words) }, "\(failure)")
    }

    @Test func aCreditFileWithoutItsPictureIsAnError() throws {
        let site = try TemporarySite(["Content/a.md": "---\ntitle: A\n---\nText.\n", "Content/rom.png.yaml": "credit: Photo\n"])
        defer { site.remove() }
        let failure = site.failure()
        #expect(failure.contains { $0.location.file.hasSuffix("Content/rom.png.yaml") && $0.message.contains("'rom.png'") },
            "\(failure)")
    }

    @Test func aSiteRootedPictureIsMadeResponsiveToo() throws {
        let site = try TemporarySite(["site.yaml": PictureTests.config,
            "Content/family/a.md": "---\ntitle: A\n---\n![A kitchen table](/images/kitchen.png)\n\n![Not there](/images/none.png)\n"])
        defer { site.remove() }
        try site.write(Data(TestPictures.png(width: 500, height: 250)), to: "Content/images/kitchen.png")
        try site.build()
        let html = try #require(site.output("family/a/index.html"))
        #expect(html.contains("srcset=\"/images/kitchen.200w.png 200w, /images/kitchen.400w.png 400w, /images/kitchen.png 500w\""))
        #expect(html.contains("alt=\"A kitchen table\" width=\"500\" height=\"250\">"))
        #expect(html.contains("<img src=\"/images/none.png\" alt=\"Not there\" />"))  // left as written
    }

    @Test func anAltOfTwoQuotesMarksAPictureAsDecoration() throws {
        let site = try TemporarySite(["site.yaml": PictureTests.config,
            "Content/a.md": "---\ntitle: A\n---\nText.\n\n![\"\"](leaf.png)\n\n![\"\"](https://example.net/far.png)\n"])
        defer { site.remove() }
        try site.write(Data(TestPictures.png(width: 300, height: 100)), to: "Content/leaf.png")
        try site.build()
        let html = try #require(site.output("a/index.html"))
        #expect(html.contains("alt=\"\" width=\"300\" height=\"100\">"))
        #expect(html.contains("<img src=\"https://example.net/far.png\" alt=\"\" />"))
        #expect(!html.contains("&quot;&quot;") && !html.contains("“”"))
    }

    @Test func aPagesImageShowsOnItsCardInSectionAndTermLists() throws {
        let site = try TemporarySite(["site.yaml": PictureTests.config,
            "Templates/section.mustache": "{{<base}}{{$main}}{{> partials/page-list}}{{/main}}{{/base}}",
            "Content/family/_index.md": "---\ntitle: Family\n---\n",
            "Content/family/a.md": "---\ntitle: A\ntags: [home]\nimage: kitchen.png\nimage_alt: A kitchen table with two mugs\n---\nA.\n",
            "Content/family/b.md": "---\ntitle: B\ntags: [home]\n---\nB.\n"])
        defer { site.remove() }
        try site.write(Data(TestPictures.png(width: 1000, height: 500)), to: "Content/family/kitchen.png")
        try site.build()
        for list in ["family/index.html", "tags/home/index.html"] {
            let html = try #require(site.output(list))
            let card = try #require(html.range(of: "<li><span class=\"card-image\"><picture>"), "\(list) has no card picture")
            let link = try #require(html.range(of: "<a href=\"/family/a/\">A</a>"))
            #expect(card.upperBound < link.lowerBound)
            // The title says where the card leads; the picture is lazy, sized, and chosen for a card.
            #expect(html.contains("sizes=\"\(PictureMarkup.cardSizes)\""))
            #expect(html.contains("alt=\"\" width=\"800\" height=\"400\" loading=\"lazy\" decoding=\"async\"></picture></span>"))
            #expect(html.components(separatedBy: "card-image").count == 2)  // B has none
        }
    }

    @Test func badPicturesAreErrorsNamingFileAndPage() throws {
        let site = try TemporarySite(["Content/a.md": """
            ---
            title: A
            ---
            ![One](cut.jpg)

            ![Two](lies.jpg)

            ![Three](bomb.png)

            ![Four](scan.tiff)
            """])
        defer { site.remove() }
        let jpeg = TestPictures.jpeg(width: 400, height: 300)
        try site.write(Data(jpeg.prefix(jpeg.count / 2)), to: "Content/cut.jpg")
        try site.write(Data(TestPictures.png(width: 20, height: 20)), to: "Content/lies.jpg")
        try site.write(Data(TestPictures.pngHeader(width: 100_000, height: 100_000)), to: "Content/bomb.png")
        try site.write(Data([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]), to: "Content/scan.tiff")
        let start = Date()
        let failure = site.failure()
        #expect(Date().timeIntervalSince(start) < 2)
        func reported(_ file: String, _ words: String) -> Bool {
            failure.contains { $0.location.file.hasSuffix("Content/" + file) && $0.message.contains(words) }
        }
        #expect(reported("cut.jpg", "damaged or cut short"), "\(failure)")
        #expect(reported("lies.jpg", "holds a PNG picture: rename it to .png"), "\(failure)")
        #expect(reported("bomb.png", "100000 × 100000"), "\(failure)")
        #expect(reported("scan.tiff", "TIFF"), "\(failure)")
        for line in [4, 6, 8, 10] {
            #expect(failure.contains { $0.location.file.hasSuffix("Content/a.md") && $0.location.line == line
                && $0.message.contains("cannot be shown") }, "line \(line): \(failure)")
        }
    }

    @Test func checkReportsPictureProblems() throws {
        let site = try TemporarySite(["site.yaml": TemporarySite.minimalConfig + "images:\n  max_source_kb: 1\n",
            "Content/a.md": """
                ---
                title: A
                image: hero.png
                ---
                ![IMG_2041.jpg](photo.png)

                ![\(String(repeating: "A very long description ", count: 8))](photo.png)
                """])
        defer { site.remove() }
        try site.write(Data(TestPictures.png(width: 300, height: 300)), to: "Content/photo.png")
        try site.write(Data(TestPictures.png(width: 20, height: 20)), to: "Content/hero.png")
        try site.write(Data(TestPictures.png(width: 20, height: 20)), to: "Content/unused.png")
        let found = Checker.check(site.options).diagnostics
        func has(_ file: String, _ line: Int?, _ words: String) -> Bool {
            found.contains { $0.location.file.hasSuffix(file) && (line == nil || $0.location.line == line)
                && $0.message.contains(words) }
        }
        #expect(has("Content/a.md", 5, "is a file name"), "\(found)")
        #expect(has("Content/a.md", 7, "characters long"), "\(found)")
        #expect(has("Content/a.md", 3, "has no 'image_alt:'"), "\(found)")
        #expect(has("Content/photo.png", nil, "more than images.max_source_kb"), "\(found)")
        #expect(has("Content/unused.png", nil, "no page shows or links to this picture"), "\(found)")
        #expect(!has("Content/hero.png", nil, "no page shows"), "\(found)")
    }
}
