import ArgumentParser
import Foundation
import LanternKit

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the site for problems before families see them; writes nothing.",
        discussion: """
            Reports broken links and anchors, missing files, resources loaded from other \
            sites, and front matter errors as errors; missing alt text, skipped heading \
            levels, vague link text, missing descriptions, duplicate titles, hard-to-read \
            pages, long sentences and overdue reviews as warnings. Errors exit 1; warnings \
            exit 0 unless --strict.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var location: SiteLocation

    @Option(help: "Output format: text (compiler-style lines) or json.")
    var format: Format = .text

    @Flag(help: "Exit 1 on warnings too.")
    var strict = false

    @Flag(help: "Also check links to other sites over the network (cached for a week).")
    var external = false

    @Flag(help: "Check pages marked 'draft: true' too.")
    var drafts = false

    func run() async throws {
        var options = location.buildOptions
        options.includeDrafts = drafts
        var (result, outcomes) = Checker.run(options, today: .today)
        if external {
            result.diagnostics += await ExternalLinkChecker().check(outcomes)
        }
        switch format {
        case .text:
            var stderr = StandardError()
            for diagnostic in result.diagnostics { print(diagnostic, to: &stderr) }
            print("lantern check: \(result.errors) error\(result.errors == 1 ? "" : "s"), "
                + "\(result.warnings) warning\(result.warnings == 1 ? "" : "s")"
                + (result.notes > 0 ? ", \(result.notes) note\(result.notes == 1 ? "" : "s")" : "")
                + " in \(result.pagesChecked) pages")
        case .json:
            print(CheckReportJSON.render(result))
        }
        if result.errors > 0 || (strict && result.warnings > 0) { throw ExitCode(1) }
    }
}
