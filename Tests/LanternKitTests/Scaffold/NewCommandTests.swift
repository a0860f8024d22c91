import Foundation
import Testing
@testable import LanternKit

/// `lantern new` as a command, followed by `lantern build` in what it made.
@Suite struct NewCommandTests {
    @Test func aNewSiteBuildsAsItIsAndTakesNewPages() async throws {
        let parent = NSTemporaryDirectory() + "lantern-new-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: parent) }

        let made = try await LanternBinary.run(["new", "site", "clinic"], in: parent)
        #expect(made.status == 0, "\(made.stderr)")
        let site = parent + "/clinic"
        let page = try await LanternBinary.run(["new", "page", "therapies/emdr", "--title", "EMDR"], in: site)
        #expect(page.status == 0, "\(page.stderr)")
        #expect(page.stdout.contains("lantern: wrote Content/therapies/emdr.md"))

        let build = try await LanternBinary.run(["build"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.hasPrefix("lantern: wrote 4 pages"))
        let html = try String(contentsOfFile: site + "/Public/therapies/emdr/index.html", encoding: .utf8)
        #expect(html.contains("EMDR"))
        #expect(!html.contains("__lantern"))

        let again = try await LanternBinary.run(["new", "page", "therapies/emdr", "--title", "Other"], in: site)
        #expect(again.status == 1)
        #expect(again.stderr.contains("Content/therapies/emdr.md already exists"))
        let escape = try await LanternBinary.run(["new", "page", "../outside"], in: site)
        #expect(escape.status == 1)
        #expect(escape.stderr.contains("leaves the content folder"))
        let overSite = try await LanternBinary.run(["new", "site", "clinic"], in: parent)
        #expect(overSite.status == 1)
        #expect(overSite.stderr.contains("is not empty"))
    }
}
