import Foundation
import Testing
@testable import LanternKit

/// `lantern theme eject`, the record of what a copy was made from, and the warning when
/// Lantern's built-in file has changed since.
@Suite struct ThemeEjectTests {
    private func site() throws -> TemporarySite {
        try TemporarySite(["site.yaml": "title: T\nbase_url: https://example.org\n",
            "Content/_index.md": "---\ntitle: Home\ndescription: Home.\n---\nHi.\n"], withDefaults: false)
    }

    private func themeWarnings(_ site: TemporarySite) -> [Diagnostic] {
        Checker.check(site.options).diagnostics.filter { $0.rule == "theme-base" }
    }

    @Test func ejectCopiesTheBuiltInFileAndRecordsItsVersion() throws {
        let site = try site()
        defer { site.remove() }
        let folder = site.root + "/Templates"
        #expect(try ThemeFiles.eject("partials/crisis.mustache", into: folder) == ["partials/crisis.mustache"])
        let copy = try #require(FileManager.default.contents(atPath: folder + "/partials/crisis.mustache"))
        #expect([UInt8](copy) == BuiltInTheme.bytes(of: "partials/crisis.mustache"))
        #expect(ThemeBaseRecord.load(from: folder).files
            == ["partials/crisis.mustache": ThemeBaseRecord.hash([UInt8](copy))])
        #expect(throws: ScaffoldError.self) { try ThemeFiles.eject("partials/crisis.mustache", into: folder) }
        #expect(throws: ScaffoldError.self) { try ThemeFiles.eject("no-such.mustache", into: folder) }
        #expect(themeWarnings(site).isEmpty)
        // All: every other file, the one copy already there left alone.
        let rest = try ThemeFiles.eject(nil, into: folder)
        #expect(Set(rest) == Set(BuiltInTheme.paths).subtracting(["partials/crisis.mustache"]))
        #expect(ThemeBaseRecord.load(from: folder).files.count == BuiltInTheme.paths.count)
        try site.build()
        #expect(site.output(".theme-base.json") == nil && site.output("assets/.theme-base.json") == nil)
    }

    @Test func checkWarnsWhenACopyWasMadeFromAnOlderBaseUntilMarkedMerged() throws {
        let site = try site()
        defer { site.remove() }
        let folder = site.root + "/Templates"
        _ = try ThemeFiles.eject("page.mustache", into: folder)
        try site.write("{{<base}}{{$main}}<h1 class=\"ours\">{{page.title}}</h1>{{/main}}{{/base}}\n",
            to: "Templates/page.mustache")
        #expect(themeWarnings(site).isEmpty, "changed by the site, from this Lantern's base")
        #expect(ThemeFiles.list(folder).first { $0.path == "page.mustache" }?.status == .overridden)
        // As a copy made by an earlier Lantern, whose page.mustache was different, would record it.
        var record = ThemeBaseRecord.load(from: folder)
        record.files["page.mustache"] = ThemeBaseRecord.hash(Array("an older page.mustache".utf8))
        try record.save(to: folder)
        let warnings = themeWarnings(site)
        #expect(warnings.map(\.description) == [
            "\(folder)/page.mustache:1: warning: made from an older built-in page.mustache: this Lantern's "
                + "theme has changed it since. See what changed with 'lantern theme diff page.mustache', merge "
                + "what you need, then run 'lantern theme mark-merged page.mustache'",
        ])
        #expect(ThemeFiles.list(folder).first { $0.path == "page.mustache" }?.status == .olderBase)
        let diff = try ThemeFiles.diff("page.mustache", in: folder, displayRoot: "Templates")
        #expect(diff.hasPrefix("--- (built-in theme)/page.mustache\n+++ Templates/page.mustache\n"))
        #expect(diff.contains("\n+{{<base}}{{$main}}<h1 class=\"ours\">{{page.title}}</h1>{{/main}}{{/base}}\n"))
        #expect(diff.contains("\n-<h1>{{page.title}}</h1>\n"))
        try ThemeFiles.markMerged("page.mustache", in: folder)
        #expect(themeWarnings(site).isEmpty)
    }

    @Test func theDiffShowsChangesWithThreeLinesOfContext() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n")
        let new = old.replacingOccurrences(of: "line 10\n", with: "line ten\n")
        #expect(LineDiff.unified(old, new) == """
            @@ line 7 of the built-in file @@
             line 7
             line 8
             line 9
            -line 10
            +line ten
             line 11
             line 12
             line 13

            """)
        #expect(LineDiff.unified(old, old) == "(the same as the built-in file)\n")
    }
}
