import ArgumentParser
import Foundation
import LanternKit

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder.",
        discussion: """
            The new site is written beside the output folder and swapped in only when the \
            whole build succeeded: after an error, Ctrl-C or a kill the previous output is left \
            as it was. A second build of the same output waits for the first to finish. \
            Errors are printed as path:line:col: error: message. \
            A build after an earlier one writes again only what the changed pages touch and \
            keeps the rest of the last output (the state is in .lantern-cache/build); the \
            output is the same as a full build's. A changed template, site.yaml, picture or \
            other content file builds everything, as --full does.
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

    @Flag(help: "Build everything, without starting from what the last build kept in .lantern-cache/build.")
    var full = false

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
        options.reusesLastBuild = !full
        let display = output.hasSuffix("/") ? output : output + "/"
        let quiet = quiet
        options.whenWaitingForOtherBuild = { holder in
            guard !quiet else { return }
            var stderr = StandardError()
            let pid = holder.map { " (pid \($0))" } ?? ""
            print("lantern: waiting for another build of \(display)\(pid) to finish", to: &stderr)
        }
        let signals = BuildSignals.install()
        defer { withExtendedLifetime(signals) {} }
        do {
            let report = try Builder.build(options)
            BuildSignals.finishing()
            if !quiet {
                let ms = Int((report.seconds * 1000).rounded())
                let pictures = report.pictureVariantsMade > 0 ? "; made \(report.pictureVariantsMade) picture variants" : ""
                if report.isIncremental {
                    print("lantern: wrote \(report.pagesWritten) pages (\(report.filesWritten) files) again and kept "
                        + "\(report.filesKept) files of the last build in \(output), in \(ms) ms\(pictures)")
                } else {
                    print("lantern: wrote \(report.pagesWritten) pages (\(report.filesWritten) files) to \(output) in \(ms) ms\(pictures)")
                }
            }
            if timings {
                if let reason = report.fullBuildReason { print("  built everything: \(reason)") }
                for stage in report.stages {
                    print(String(format: "  %7.0f ms  %7.0f ms CPU  %@", stage.seconds * 1000, stage.cpuSeconds * 1000,
                        stage.name))
                }
            }
        } catch {
            BuildSignals.finishing()
            throw fail(error)
        }
    }
}

/// Ctrl-C (SIGINT) or a plain kill (SIGTERM) during a build: the staging folder is deleted at
/// once and lantern exits with 130 or 143 (128 + the signal), the previous output intact.
///
/// Deleting a folder tree and taking locks are not async-signal-safe, so a C signal handler
/// may not do them; a DispatchSource runs the handler on an ordinary thread instead (the
/// signals themselves are ignored, as DispatchSource asks). The handler and a build that
/// ends on its own both take `exitGate` and never let go: whichever comes first decides how
/// lantern exits, so a build that was already done is not reported as interrupted.
enum BuildSignals {
    private static let exitGate = NSLock()

    static func install() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                exitGate.lock()
                Builder.abandonRunningBuilds()
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// The build returned: from now on a signal waits for lantern to exit.
    static func finishing() {
        exitGate.lock()
    }
}
