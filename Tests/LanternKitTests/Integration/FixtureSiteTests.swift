import Foundation
import Testing
@testable import LanternKit

/// Builds `Tests/Fixtures/basic-site` and compares every output file with the golden copy in
/// `Tests/Fixtures/basic-site-expected`. Set LANTERN_UPDATE_GOLDEN=1 to rewrite the golden copy
/// after an intended change, and review the diff.
@Suite struct FixtureSiteTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path

    private func build(into output: String) throws {
        var options = BuildOptions()
        let root = FixtureSiteTests.fixtures + "/basic-site"
        options.configPath = root + "/site.yaml"
        options.contentPath = root + "/Content"
        options.templatesPath = root + "/Templates"
        options.outputPath = output
        try Builder.build(options)
    }

    private func temporaryFolder() -> String {
        NSTemporaryDirectory() + "lantern-fixture-" + UUID().uuidString
    }

    @Test func outputMatchesGoldenFiles() throws {
        let output = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try build(into: output)
        let expectedFolder = FixtureSiteTests.fixtures + "/basic-site-expected"
        // The built-in theme's assets the fixture does not override are compared with the
        // built-in files themselves, not kept twice (a change to search.js needs no new golden copy).
        var actual = TemporarySite.snapshot(of: output)
        let builtInAssets = (try? FileManager.default.contentsOfDirectory(
            atPath: SampleSiteTests.repository + "/Templates/assets")) ?? []
        #expect(!builtInAssets.isEmpty)
        for name in builtInAssets { #expect(actual["assets/" + name] != nil, "the build did not write assets/\(name)") }
        for (path, data) in actual where path.hasPrefix("assets/") {
            let name = String(path.dropFirst("assets/".count))
            let overridden = FileManager.default.fileExists(
                atPath: FixtureSiteTests.fixtures + "/basic-site/Templates/assets/" + name)
            guard !overridden, let builtIn = FileManager.default.contents(
                atPath: SampleSiteTests.repository + "/Templates/assets/" + name) else { continue }
            #expect(data == builtIn, "\(path) is not the built-in theme's file")
            actual[path] = nil
            try? FileManager.default.removeItem(atPath: output + "/" + path)
        }
        if ProcessInfo.processInfo.environment["LANTERN_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(atPath: expectedFolder)
            try FileManager.default.copyItem(atPath: output, toPath: expectedFolder)
        }
        let expected = TemporarySite.snapshot(of: expectedFolder)
        #expect(actual.keys.sorted() == expected.keys.sorted())
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            let mine = actual[path].map { String(decoding: $0, as: UTF8.self) }
            #expect(mine == String(decoding: data, as: UTF8.self), "\(path) differs from the golden file")
        }
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let first = temporaryFolder(), second = temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        try build(into: first)
        try build(into: second)
        let a = TemporarySite.snapshot(of: first), b = TemporarySite.snapshot(of: second)
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test func theFixtureCoversWhatTheGoldenFilesShow() throws {
        let output = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        try build(into: output)
        let files = TemporarySite.snapshot(of: output)
        func text(_ path: String) -> String { files[path].map { String(decoding: $0, as: UTF8.self) } ?? "" }
        // Pretty URLs, slugs, drafts left out, static files and assets copied.
        #expect(files["therapies/cbt/index.html"] != nil)
        #expect(files["therapies/dialectical/index.html"] != nil)
        #expect(files["family/draft/index.html"] == nil)
        #expect(files["therapies/chart.svg"] != nil)
        #expect(files["assets/style.css"] != nil)
        // A folder without _index.md still gets its section page.
        #expect(text("family/index.html").contains("Helping at home"))
        // Links rewritten, heading ids unique, alias redirect, sitemap with absolute URLs.
        let cbt = text("therapies/cbt/index.html")
        #expect(cbt.contains("href=\"/therapies/dialectical/#skills\""))
        #expect(cbt.contains("href=\"/therapies/chart.svg\""))
        #expect(cbt.contains("<h2 id=\"how-it-works-1\">"))
        #expect(text("cbt/index.html").contains("url=/therapies/cbt/"))
        #expect(text("sitemap.xml").contains("<loc>https://fixture.example/therapies/cbt/</loc><lastmod>2026-02-03</lastmod>"))
        #expect(text("robots.txt").contains("Sitemap: https://fixture.example/sitemap.xml"))
        #expect(text("404.html").contains("<h1>Page not found</h1>"))
    }
}
