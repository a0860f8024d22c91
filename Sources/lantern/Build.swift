import ArgumentParser
import Foundation
import LanternKit

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder.",
        discussion: """
            The new site is written beside the output folder and swapped in only when the \
            whole build succeeded: after an error the previous output is left as it was. \
            Errors are printed as path:line:col: error: message.
            """
    )

    @OptionGroup var location: SiteLocation

    @Option(help: "The folder to write the site into; it is replaced as a whole.")
    var output = "Public"

    @Option(name: .customLong("base-url"), help: "The site's absolute URL, overriding base_url in the configuration.")
    var baseURL: String?

    @Flag(help: "Include pages marked 'draft: true'.")
    var drafts = false

    @Flag(name: .customLong("ugly-urls"), help: "Put pages at /section/page.html, as 'ugly_urls: true' in the configuration does.")
    var uglyURLs = false

    @Flag(help: "Print nothing on success.")
    var quiet = false

    @Flag(help: "Print how long each stage of the build took.")
    var timings = false

    func run() throws {
        var options = location.buildOptions
        options.outputPath = output
        options.baseURL = baseURL
        options.includeDrafts = drafts
        options.uglyURLs = uglyURLs
        do {
            let report = try Builder.build(options)
            if !quiet {
                let ms = Int((report.seconds * 1000).rounded())
                print("lantern: wrote \(report.pagesWritten) pages (\(report.filesWritten) files) to \(output) in \(ms) ms")
            }
            if timings {
                for stage in report.stages {
                    print(String(format: "  %7.0f ms  %7.0f ms CPU  %@", stage.seconds * 1000, stage.cpuSeconds * 1000,
                        stage.name))
                }
            }
        } catch {
            throw fail(error)
        }
    }
}
