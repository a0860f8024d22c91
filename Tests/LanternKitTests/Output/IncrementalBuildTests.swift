import Foundation
import Testing
@testable import LanternKit

/// When `lantern build` starts from the last build (`IncrementalBuild`) and when it builds
/// everything instead; the output is a fresh build's either way (IncrementalBuildOracleTests
/// proves that over random edits).
@Suite struct IncrementalBuildTests {
    /// The site built once, its files set back an hour (so that none counts as just written).
    func builtSite() throws -> TemporarySite {
        let site = try TemporarySite([
            "Content/therapies/_index.md": "---\ntitle: Therapies\n---\nKinds of care.\n",
            "Content/therapies/cbt.md": "---\ntitle: CBT\ndescription: Thoughts and feelings.\nrelated: [dbt.md]\n---\nCBT text.\n",
            "Content/therapies/dbt.md": "---\ntitle: DBT\n---\nDBT text. See [CBT](cbt.md).\n",
            "Content/therapies/notes.txt": "Plain notes.\n",
        ])
        IncrementalBuildOracleTests.settle(site.root)
        let first = try site.build()
        #expect(!first.isIncremental)
        #expect(first.fullBuildReason == "no earlier build kept its state")
        return site
    }

    func expectFreshBuild(_ site: TemporarySite, _ comment: Comment) throws {
        var fresh = site.options
        fresh.outputPath = site.root + "/Fresh"
        fresh.cachePath = site.root + "/.fresh-cache"
        fresh.reusesLastBuild = false
        _ = try Builder.build(fresh)
        #expect(IncrementalBuildOracleTests.differences(site.root + "/Public", fresh.outputPath).isEmpty, comment)
    }

    @Test func anEditedPageIsWrittenAgainAndTheRestKept() throws {
        let site = try builtSite()
        let page = site.root + "/Public/therapies/dbt/index.html"
        let before = try FileManager.default.attributesOfItem(atPath: page)[.systemFileNumber] as? Int
        let keptBefore = try #require(BuildState.load(from: IncrementalBuild.stateFolder(site.options)))
        try site.write("---\ntitle: CBT\ndescription: Thoughts and feelings.\nrelated: [dbt.md]\n---\nCBT text, longer now.\n",
            to: "Content/therapies/cbt.md")
        let report = try site.build()
        // The related pages are the last build's: only a text changed.
        let keptAfter = try #require(BuildState.load(from: IncrementalBuild.stateFolder(site.options)))
        #expect(keptBefore.related?["therapies/cbt.md"] == ["therapies/dbt.md"])
        #expect(keptAfter.related == keptBefore.related)
        #expect(report.isIncremental)
        #expect(report.pagesWritten == 1)
        #expect(report.filesKept > 0)
        #expect(site.output("therapies/cbt/index.html")?.contains("CBT text, longer now.") == true)
        // A page the edit did not touch is the last build's file, not a copy.
        let after = try FileManager.default.attributesOfItem(atPath: page)[.systemFileNumber] as? Int
        #expect(before != nil && before == after)
        try expectFreshBuild(site, "after a text edit")
    }

    @Test func aNewTitleRewritesTheListsThatShowIt() throws {
        let site = try builtSite()
        try site.write("---\ntitle: Cognitive therapy\ndescription: Thoughts and feelings.\n---\nCBT text.\n",
            to: "Content/therapies/cbt.md")
        let report = try site.build()
        #expect(report.isIncremental)
        #expect(site.output("therapies/index.html")?.contains("Cognitive therapy") == true)
        try expectFreshBuild(site, "after a title edit")
    }

    @Test func anOutputFileChangedByHandMeansAFullBuild() throws {
        let site = try builtSite()
        try site.write("changed by hand", to: "Public/therapies/dbt/index.html")
        let report = try site.build()
        #expect(!report.isIncremental)
        #expect(report.fullBuildReason == "the output is not as the last build left it")
        #expect(site.output("therapies/dbt/index.html")?.contains("DBT text") == true)
    }

    @Test func aTemplateOrTheConfigurationMeansAFullBuild() throws {
        let site = try builtSite()
        try site.write("{{<base}}{{$main}}<h1 class=\"t\">{{page.title}}</h1>{{{page.content}}}{{/main}}{{/base}}",
            to: "Templates/page.mustache")
        var report = try site.build()
        #expect(!report.isIncremental)
        #expect(report.fullBuildReason?.contains("the theme changed") == true)
        #expect(site.output("therapies/cbt/index.html")?.contains("<h1 class=\"t\">") == true)
        // The sources only: the output's own times are part of what says it is the last build's.
        for path in ["Templates/page.mustache", "site.yaml"] { IncrementalBuildOracleTests.settle(site.root + "/" + path) }
        report = try site.build()
        #expect(report.isIncremental)
        try site.write(TemporarySite.minimalConfig.replacingOccurrences(of: "Test site", with: "Other site"),
            to: "site.yaml")
        report = try site.build()
        #expect(!report.isIncremental)
        try expectFreshBuild(site, "after a template and a configuration change")
    }

    @Test func aContentFileOtherThanAPageMeansAFullBuild() throws {
        let site = try builtSite()
        try site.write("Other notes.\n", to: "Content/therapies/notes.txt")
        let report = try site.build()
        #expect(!report.isIncremental)
        #expect(report.fullBuildReason == "a content file other than a page came, went or changed")
        #expect(site.output("therapies/notes.txt") == "Other notes.\n")
    }

    @Test func aPageWithAnErrorFailsAsAFullBuildWouldAndLeavesTheOutput() throws {
        let site = try builtSite()
        let before = site.snapshot()
        try site.write("---\ntitle: DBT\n---\nSee [nothing](missing.md).\n", to: "Content/therapies/dbt.md")
        #expect(throws: BuildFailure.self) { try site.build() }
        #expect(site.snapshot() == before)
        try site.write("---\ntitle: DBT\n---\nDBT text, fixed.\n", to: "Content/therapies/dbt.md")
        let report = try site.build()
        #expect(report.isIncremental)
        try expectFreshBuild(site, "after a failed build and its fix")
    }

    @Test func aDamagedStateMeansAFullBuild() throws {
        let site = try builtSite()
        let state = IncrementalBuild.stateFolder(site.options) + "/" + BuildState.fileName
        var bytes = [UInt8](FileManager.default.contents(atPath: state)!)
        bytes.removeLast(5)
        try Data(bytes).write(to: URL(fileURLWithPath: state))
        let report = try site.build()
        #expect(!report.isIncremental)
        try expectFreshBuild(site, "after a damaged state")
    }

    @Test func theStateOfAnOutputThatIsGoneIsRemoved() throws {
        let site = try builtSite()
        var preview = site.options
        preview.outputPath = site.root + "/Preview"
        _ = try Builder.build(preview)
        let kept = IncrementalBuild.stateFolder(site.options), gone = IncrementalBuild.stateFolder(preview)
        let build = (kept as NSString).deletingLastPathComponent
        #expect(FileManager.default.fileExists(atPath: gone + "/" + BuildState.fileName))
        // Folders that name no output (an older Lantern's): removed once they are an hour old.
        for name in ["old-1", "recent-2"] {
            try FileManager.default.createDirectory(atPath: build + "/" + name, withIntermediateDirectories: true)
        }
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)],
            ofItemAtPath: build + "/old-1")

        try FileManager.default.removeItem(atPath: preview.outputPath)
        try site.write("---\ntitle: DBT\n---\nDBT text, edited.\n", to: "Content/therapies/dbt.md")
        #expect(try site.build().isIncremental)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: build))
        #expect(left == [(kept as NSString).lastPathComponent, "recent-2"])
        // The preview's output comes back with a full build, and its state with it.
        #expect(try !Builder.build(preview).isIncremental)
        #expect(FileManager.default.fileExists(atPath: gone + "/" + BuildState.fileName))
        #expect(try site.build().isIncremental)
    }

    /// Every key Lantern reads, and params of every kind: the page made from the kept head is
    /// the one made from the file, field for field.
    static let fullHead = """
        ---
        title: "Family \u{e9}t\u{e9}: a week"
        description: What a week holds.
        date: 2026-02-28
        last_reviewed: 2026-11-30T10:00:00
        reviewed_by: Dr. Rivera
        tags: [family, "support groups"]
        draft: false
        weight: -3
        slug: family-week
        aliases: [/old/family/, /older/]
        layout: page
        language: en
        translation_key: family-week
        image: pictures/walk.jpg
        image_alt: Two people on a path.
        image_credit: The clinic
        related: [cbt.md]
        phone: 555
        ratio: 0.25
        open: true
        nothing:
        hours: {monday: [9, 17], notes: {holiday: closed}}
        ---

        Body.
        """

    @Test func aPageMadeFromItsKeptHeadIsTheOneMadeFromItsFile() throws {
        let config = try SiteConfig.parse("title: T\nbase_url: https://example.org\n", file: "site.yaml")
        let (page, head) = try ContentLoader.page(fromText: Self.fullHead, path: "family/week.md",
            displayPath: "Content/family/week.md", config: config)
        let covered = Set(head.matter.valueLocations.keys)
        #expect(FrontMatter.knownKeys.isSubset(of: covered), "the test's head lacks a key Lantern reads")
        var writer = ByteWriter()
        writer.head(head)
        var reader = ByteReader(writer.bytes)
        let read = reader.head()
        #expect(reader.isIntact && reader.isAtEnd)
        #expect(read == head)
        let made = try ContentLoader.page(head: read, path: "family/week.md", displayPath: "Content/family/week.md",
            config: config)
        #expect(made.frontMatter == page.frontMatter)
        #expect(made.frontMatter.location(of: "hours")?.file == "Content/family/week.md")
        #expect(made.url == page.url && made.outputPath == page.outputPath && made.bodyFirstLine == page.bodyFirstLine)
        #expect(made.body.isEmpty && made.kind == page.kind && made.language == page.language)
    }

    @Test func theStateReadsBackAsItWasWritten() throws {
        let stamp = FileStamp(size: 12, modified: 1_700_000_000_123_456_789, changed: 5, inode: 77, device: 3)
        let config = try SiteConfig.parse("title: T\nbase_url: https://example.org\n", file: "site.yaml")
        let (_, head) = try ContentLoader.page(fromText: Self.fullHead, path: "a.md", displayPath: "a.md", config: config)
        let state = BuildState(key: "k\né", stampTime: 42, content: ["a.md": stamp, "b.png": stamp],
            heads: ["a.md": head], outputs: ["a/index.html": stamp], searchFiles: ["search/index.json": 9],
            related: ["a.md": ["b.md", "c/d.md"], "b.md": []])
        let read = try #require(BuildState(decoding: state.encoded()))
        #expect(read.key == state.key && read.stampTime == 42 && read.content == state.content)
        #expect(read.heads == state.heads && read.outputs == state.outputs && read.searchFiles == state.searchFiles)
        #expect(read.related == state.related)
        var none = state
        none.related = nil
        #expect(BuildState(decoding: none.encoded())?.related == nil)
        #expect(BuildState(decoding: Array(state.encoded().dropLast())) == nil)
        // Saved again, each head is written from the bytes it was read from: the same state.
        #expect(read.encodedHeads.keys.sorted() == ["a.md"])
        #expect(read.encoded() == state.encoded())
    }

    @Test func aKeptSearchDocumentReadsBackAsItsDocument() throws {
        let document = SearchDocument(url: "/a/", title: "Título", section: "Familia", description: "Para padres.",
            tags: ["sueño", "iop"], parts: [TextPart(anchor: "", heading: "", text: "Arriba."),
                TextPart(anchor: "horas", heading: "Horas", text: "Tres horas.")])
        let kept = KeptDocument(document)
        let read = try #require(KeptDocument(bytes: kept.bytes))
        #expect(read.document == document && read.url == "/a/" && read.title == "Título")
        #expect(read.card == SearchCard(document) && read.key == AnalysisChunks.key(of: document))
        var other = document
        other.parts[1].text += " Más."
        #expect(read == kept && KeptDocument(other) != kept)
        #expect(KeptDocument(bytes: kept.bytes.dropLast()) == nil)
    }
}
