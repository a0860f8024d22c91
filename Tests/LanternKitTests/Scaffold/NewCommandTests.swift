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
        #expect(build.stdout.hasPrefix("lantern: wrote 7 pages"))
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

    /// What issue 14 asked for: `lantern new site X && cd X && lantern build && lantern check
    /// --strict` is clean, and nothing the built site links to is missing, in either URL style.
    @Test(arguments: [false, true])
    func aNewSitePassesStrictCheckAndEveryLinkOfItsPagesResolves(uglyURLs: Bool) async throws {
        let parent = NSTemporaryDirectory() + "lantern-new-links-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        #expect(try await LanternBinary.run(["new", "site", "clinic"], in: parent).status == 0)
        let site = parent + "/clinic"
        #expect(!FileManager.default.fileExists(atPath: site + "/Templates"), "no copy of the theme")
        let flags = uglyURLs ? ["--ugly-urls"] : []
        let build = try await LanternBinary.run(["build"] + flags, in: site)
        #expect(build.status == 0, "\(build.stderr)")
        if uglyURLs {
            let configPath = site + "/site.yaml"
            try (String(contentsOfFile: configPath, encoding: .utf8) + "ugly_urls: true\n")
                .write(toFile: configPath, atomically: true, encoding: .utf8)
        }
        let check = try await LanternBinary.run(["check", "--strict"], in: site)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("0 errors, 0 warnings, 5 notes"))
        #expect(!check.stderr.contains(": warning: "))
        #expect(check.stderr.contains("Content/contact.md:9: note: still to fill in before publishing: TODO"))
        #expect(BuiltSiteLinks.localLinkCount(in: site + "/Public") > 50)
        #expect(BuiltSiteLinks.broken(in: site + "/Public") == [])
        let home = try String(contentsOfFile: site + "/Public/index.html", encoding: .utf8)
        #expect(home.contains(uglyURLs ? "href=\"/get-help-now.html\">More ways" : "href=\"/get-help-now/\">More ways"))
    }

    /// A site that keeps only its own page.mustache builds, every other file from the base.
    @Test func aNewSiteOverridingOnlyPageMustacheBuildsAndChecks() async throws {
        let parent = NSTemporaryDirectory() + "lantern-new-override-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        #expect(try await LanternBinary.run(["new", "site", "clinic"], in: parent).status == 0)
        let site = parent + "/clinic"
        try FileManager.default.createDirectory(atPath: site + "/Templates", withIntermediateDirectories: true)
        try "{{<base}}{{$main}}<article class=\"ours\"><h1>{{page.title}}</h1>{{{page.content}}}</article>{{/main}}{{/base}}\n"
            .write(toFile: site + "/Templates/page.mustache", atomically: true, encoding: .utf8)
        let build = try await LanternBinary.run(["build"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        let about = try String(contentsOfFile: site + "/Public/about/index.html", encoding: .utf8)
        #expect(about.contains("<article class=\"ours\"><h1>About this site</h1>"))
        #expect(about.contains("<footer class=\"site-footer\">"))
        #expect(BuiltSiteLinks.broken(in: site + "/Public") == [])
        let check = try await LanternBinary.run(["check", "--strict"], in: site)
        #expect(check.status == 0, "\(check.stderr)")
    }
}
