import Foundation
import Testing
@testable import LanternKit

@Suite struct NewPageTests {
    /// 2026-03-05, midday in the local time zone.
    static let today = Calendar.current.date(from: DateComponents(year: 2026, month: 3, day: 5, hour: 12))!

    @Test func writesFrontMatterAndAPlaceholderThatBuild() throws {
        let site = try TemporarySite([:])
        defer { site.remove() }
        let written = try NewPage.create("therapies/emdr", title: "EMDR", contentFolder: site.root + "/Content",
            today: NewPageTests.today)
        #expect(written == site.root + "/Content/therapies/emdr.md")
        let text = try String(contentsOfFile: written, encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: EMDR\ndescription: \"TODO: "))
        #expect(text.contains("\ndate: 2026-03-05\nlast_reviewed: 2026-03-05\n---\n"))
        try site.build()
        #expect(site.output("therapies/emdr/index.html")?.contains("<h1>EMDR</h1>") == true)
        let loaded = try Builder.loadSite(site.options).pages.first { $0.sourcePath == "therapies/emdr.md" }
        #expect(loaded?.frontMatter.lastReviewed?.iso == "2026-03-05")
        #expect(loaded?.frontMatter.date?.iso == "2026-03-05")
    }

    @Test func titlesThatNeedQuotingReadBackTheSame() throws {
        let site = try TemporarySite([:])
        defer { site.remove() }
        let titles = ["CBT: the \"basics\"", "Yes", "#1 tip", "Back\\slash", "- dash", "Café & co.", "2026"]
        for (i, title) in titles.enumerated() {
            _ = try NewPage.create("t/p\(i).md", title: title, contentFolder: site.root + "/Content")
        }
        _ = try NewPage.create("t/family-support", title: nil, contentFolder: site.root + "/Content")
        let pages = try Builder.loadSite(site.options).pages
        for (i, title) in titles.enumerated() {
            #expect(pages.first { $0.sourcePath == "t/p\(i).md" }?.title == title)
        }
        #expect(pages.first { $0.sourcePath == "t/family-support.md" }?.title == "Family support")
    }

    @Test func writesATranslationBesideItsPageInItsLanguage() throws {
        let site = try TemporarySite([
            "site.yaml": TemporarySite.minimalConfig + "languages:\n  en: {}\n  es: {title: Sitio}\n",
            "Content/therapies/emdr.md": "---\ntitle: EMDR\n---\nEye movements.\n",
        ])
        defer { site.remove() }
        let written = try NewPage.create("therapies/emdr", title: "EMDR", contentFolder: site.root + "/Content",
            language: "es", today: NewPageTests.today)
        #expect(written == site.root + "/Content/therapies/emdr.es.md")
        let text = try String(contentsOfFile: written, encoding: .utf8)
        #expect(text.contains("Empiece por lo que el lector más necesita saber"))
        try site.build()
        let translation = try #require(site.output("es/therapies/emdr/index.html"))
        #expect(translation.contains("<html lang=\"es\">") && translation.contains("<h1>EMDR</h1>"))
        #expect(throws: ScaffoldError.self) {
            _ = try NewPage.create("therapies/other", title: nil, contentFolder: site.root + "/Content", language: "ES!")
        }
    }

    @Test func neverOverwritesAPage() throws {
        let site = try TemporarySite(["Content/therapies/emdr.md": "---\ntitle: Mine\n---\nKeep me.\n"])
        defer { site.remove() }
        for path in ["therapies/emdr", "therapies/emdr.md"] {
            #expect {
                _ = try NewPage.create(path, title: "EMDR", contentFolder: site.root + "/Content")
            } throws: { "\($0)".contains("already exists") }
        }
        let text = try String(contentsOfFile: site.root + "/Content/therapies/emdr.md", encoding: .utf8)
        #expect(text == "---\ntitle: Mine\n---\nKeep me.\n")
    }

    @Test func refusesPathsOutsideTheContentFolder() throws {
        let site = try TemporarySite([:])
        defer { site.remove() }
        let outside = NSTemporaryDirectory() + "lantern-outside-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createSymbolicLink(atPath: site.root + "/Content/link", withDestinationPath: outside)
        for path in ["../escape", "therapies/../../escape", "/etc/passwd", "~/page", "a\\..\\b", "./x", "",
                     "therapies/", ".hidden", "therapies/.hidden", "a\u{0}b", "link/escape"] {
            #expect(throws: ScaffoldError.self, "\(path)") {
                _ = try NewPage.create(path, title: "X", contentFolder: site.root + "/Content")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: site.root + "/escape.md"))
        #expect(throws: ScaffoldError.self) {
            _ = try NewPage.create("x", title: "X", contentFolder: site.root + "/NoSuchFolder")
        }
    }
}

@Suite struct NewSiteTests {
    @Test func writesASiteThatBuildsAsItIs() throws {
        let root = NSTemporaryDirectory() + "lantern-new-site-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let written = try NewSite.create(at: root, title: "Clinic: guide")
        #expect(written.sorted() == ["Content/_index.md", "Content/about.md", "Content/contact.md",
            "Content/get-help-now.md", "Content/glossary.md", "site.yaml"])
        var options = BuildOptions()
        options.configPath = root + "/site.yaml"
        options.contentPath = root + "/Content"
        options.templatesPath = root + "/Templates"
        options.outputPath = root + "/Public"
        let report = try Builder.build(options)
        #expect(report.pagesWritten == 5)
        let about = try String(contentsOfFile: root + "/Public/about/index.html", encoding: .utf8)
        #expect(about.contains("About this site"))
        let home = try String(contentsOfFile: root + "/Public/index.html", encoding: .utf8)
        #expect(home.contains("Clinic: guide"))
    }

    @Test func theThemeIsTheRepositorysTemplatesFolder() throws {
        // The copy compiled into Lantern matches the theme in the repository, file for file.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let onDisk = TemporarySite.snapshot(of: repository + "/Templates")
            .filter { !$0.key.split(separator: "/").contains { $0.hasPrefix(".") } }
        let embedded = try BuiltInTheme.all()
        #expect(Set(embedded.map(\.path)) == Set(onDisk.keys))
        for file in embedded {
            #expect(onDisk[file.path] == Data(file.bytes), "\(file.path)")
        }
    }

    @Test func refusesAFolderThatIsNotEmpty() throws {
        let site = try TemporarySite([:])
        defer { site.remove() }
        let before = site.snapshot(".")
        #expect {
            _ = try NewSite.create(at: site.root)
        } throws: { "\($0)".contains("is not empty") }
        #expect(site.snapshot(".") == before)
        #expect(throws: ScaffoldError.self) { _ = try NewSite.create(at: site.root + "/site.yaml") }
    }
}
