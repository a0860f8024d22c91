import Foundation
import Testing
@testable import LanternKit

/// Bad input never crashes and never loses data: each case gets a message naming the file (and
/// line), the build fails, and the site built before it is left byte for byte as it was.
@Suite struct BadInputTests {
    /// Builds a good site, breaks it with `change`, builds again, and returns the diagnostics of
    /// the failed build after checking the previous output survived.
    private func diagnosticsAfterBreaking(_ change: (TemporarySite) throws -> Void) throws -> [Diagnostic] {
        let site = try TemporarySite([
            "Content/therapies/cbt.md": "---\ntitle: CBT\n---\nSee [DBT](dbt.md).\n",
            "Content/therapies/dbt.md": "---\ntitle: DBT\n---\nSkills.\n",
        ])
        defer { site.remove() }
        try site.build()
        let before = site.snapshot()
        #expect(before["therapies/cbt/index.html"] != nil)
        try change(site)
        let diagnostics = site.failure()
        #expect(!diagnostics.isEmpty, "the broken site built without an error")
        #expect(site.snapshot() == before, "the previous output changed")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root).filter { $0.hasPrefix(".Public") }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
        return diagnostics
    }

    private func expectOne(
        _ diagnostics: [Diagnostic], file: String, line: Int? = nil, containing words: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let match = diagnostics.first { $0.location.file.hasSuffix(file) && $0.message.contains(words) }
        #expect(match != nil, "no diagnostic for \(file) containing '\(words)' in \(diagnostics)",
            sourceLocation: sourceLocation)
        if let line, let match {
            #expect(match.location.line == line, "\(match)", sourceLocation: sourceLocation)
        }
    }

    @Test func malformedYAML() throws {
        let found = try diagnosticsAfterBreaking { try $0.write("---\ntitle: CBT\ntags: [a\n---\n", to: "Content/therapies/cbt.md") }
        expectOne(found, file: "Content/therapies/cbt.md", containing: "invalid YAML")
        #expect(found[0].location.line >= 3)
    }

    @Test func missingTitle() throws {
        let found = try diagnosticsAfterBreaking { try $0.write("---\ndescription: x\n---\n", to: "Content/therapies/cbt.md") }
        expectOne(found, file: "Content/therapies/cbt.md", line: 2, containing: "needs a title")
    }

    @Test func nonUTF8File() throws {
        let found = try diagnosticsAfterBreaking {
            try $0.write(Data("---\ntitle: A\n---\nok\nbad \u{0}".utf8) + Data([0xFF, 0xFE]), to: "Content/therapies/cbt.md")
        }
        expectOne(found, file: "Content/therapies/cbt.md", line: 5, containing: "not valid UTF-8")
    }

    @Test func brokenInternalLink() throws {
        let found = try diagnosticsAfterBreaking {
            try $0.write("---\ntitle: CBT\n---\n\nSee [gone](gone.md).\n", to: "Content/therapies/cbt.md")
        }
        expectOne(found, file: "Content/therapies/cbt.md", line: 5, containing: "does not exist")
        #expect(found[0].description.hasPrefix("\(found[0].location.file):5:5: error: "))
    }

    @Test func twoPagesClaimingOneURL() throws {
        let found = try diagnosticsAfterBreaking {
            try $0.write("---\ntitle: Other\nslug: cbt\n---\n", to: "Content/therapies/other.md")
        }
        expectOne(found, file: "Content/therapies/other.md", line: 1, containing: "already taken")
    }

    @Test func unknownLayout() throws {
        let found = try diagnosticsAfterBreaking {
            try $0.write("---\ntitle: CBT\nlayout: fancy\n---\n", to: "Content/therapies/cbt.md")
        }
        expectOne(found, file: "Content/therapies/cbt.md", line: 3, containing: "unknown layout 'fancy'")
    }

    @Test func templateSyntaxError() throws {
        let found = try diagnosticsAfterBreaking {
            try $0.write("{{<base}}{{$main}}\n{{#page}}\n{{/main}}{{/base}}", to: "Templates/page.mustache")
        }
        expectOne(found, file: "Templates/page.mustache", containing: "syntax error")
    }

    @Test func unknownPartial() throws {
        let found = try diagnosticsAfterBreaking {
            try $0.write("{{<base}}{{$main}}\n{{> nope}}{{/main}}{{/base}}", to: "Templates/page.mustache")
        }
        expectOne(found, file: "Templates/page.mustache", line: 2, containing: "unknown partial 'nope'")
    }

    @Test func malformedSiteConfig() throws {
        let found = try diagnosticsAfterBreaking { try $0.write("title: [oops\n", to: "site.yaml") }
        expectOne(found, file: "site.yaml", containing: "invalid YAML")
    }

    @Test func everyErrorIsReportedNotOnlyTheFirst() throws {
        let found = try diagnosticsAfterBreaking {
            try $0.write("---\ntitle: CBT\n---\n[a](x.md) [b](y.md)\n", to: "Content/therapies/cbt.md")
            try $0.write("---\ntitle: [DBT]\n---\n", to: "Content/therapies/dbt.md")
        }
        #expect(found.count == 3)
    }

    @Test func slugThatEscapes() throws {
        let found = try diagnosticsAfterBreaking {
            try $0.write("---\ntitle: CBT\nslug: ../../etc\n---\n", to: "Content/therapies/cbt.md")
        }
        expectOne(found, file: "Content/therapies/cbt.md", line: 3, containing: "slug")
    }

    @Test func aliasThatEscapesOrCollides() throws {
        let found = try diagnosticsAfterBreaking {
            try $0.write("---\ntitle: CBT\naliases: [/../../x/, /therapies/dbt/]\n---\n", to: "Content/therapies/cbt.md")
        }
        expectOne(found, file: "Content/therapies/cbt.md", line: 3, containing: "without '..'")
        expectOne(found, file: "Content/therapies/cbt.md", line: 3, containing: "already taken")
    }

    @Test func outputInsideContentIsRefused() throws {
        let site = try TemporarySite([:])
        defer { site.remove() }
        var options = site.options
        options.outputPath = site.root + "/Content/public"
        #expect(throws: BuildFailure.self) { try Builder.build(options) }
        options.outputPath = site.root
        #expect(throws: BuildFailure.self) { try Builder.build(options) }
        #expect(FileManager.default.fileExists(atPath: site.root + "/Content/_index.md"))
    }

    @Test func staleFilesDoNotSurvive() throws {
        let site = try TemporarySite(["Content/old.md": "---\ntitle: Old\n---\n"])
        defer { site.remove() }
        try site.build()
        #expect(site.output("old/index.html") != nil)
        try FileManager.default.removeItem(atPath: site.root + "/Content/old.md")
        try site.build()
        #expect(site.output("old/index.html") == nil)
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let site = try TemporarySite([:])
        defer { site.remove() }
        try site.write(Data([0xEF, 0xBB, 0xBF]) + Data("---\r\ntitle: Windows\r\n---\r\n## Hello\r\n".utf8),
            to: "Content/win.md")
        try site.build()
        #expect(site.output("win/index.html")?.contains("<h2 id=\"hello\">Hello</h2>") == true)
    }

    @Test func draftsNeedTheFlag() throws {
        let site = try TemporarySite(["Content/wip.md": "---\ntitle: WIP\ndraft: true\n---\n"])
        defer { site.remove() }
        try site.build()
        #expect(site.output("wip/index.html") == nil)
        try site.build(drafts: true)
        #expect(site.output("wip/index.html") != nil)
    }
}
