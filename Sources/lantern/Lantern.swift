import ArgumentParser
import Foundation
import LanternKit

@main
struct Lantern: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lantern",
        abstract: "A static site generator for health-information sites.",
        discussion: """
            Lantern reads Markdown pages with YAML front matter from a content folder, fills \
            the Mustache templates of a theme, and writes a complete static site with a \
            search index. Paths are relative to the current folder.
            """,
        subcommands: [Build.self, Check.self, Search.self, Serve.self, New.self, ThemeCommand.self]
    )
}

/// Where the site's sources are; shared by every command that reads a site.
struct SiteLocation: ParsableArguments {
    @Option(help: "The site configuration file.")
    var config = "site.yaml"

    @Option(help: "The folder of Markdown pages.")
    var content = "Content"

    @Option(help: "The site's theme folder (templates, partials, assets), laid over the built-in theme file by file; it need not exist.")
    var templates = "Templates"

    /// Build options reading from these places; the command sets the rest.
    var buildOptions: BuildOptions {
        var options = BuildOptions()
        options.configPath = config
        options.contentPath = content
        options.templatesPath = templates
        return options
    }
}

/// Prints every diagnostic compiler-style on standard error and exits with status 1.
func fail(_ failure: BuildFailure) -> ExitCode {
    var stderr = StandardError()
    for diagnostic in failure.diagnostics { print(diagnostic, to: &stderr) }
    let errors = failure.diagnostics.filter { $0.severity == .error }.count
    print("lantern: \(errors) error\(errors == 1 ? "" : "s"); nothing was written", to: &stderr)
    return ExitCode(1)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
