import ArgumentParser
import Foundation
import LanternKit

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new page or a new site.",
        subcommands: [NewPageCommand.self, NewSiteCommand.self]
    )
}

struct NewPageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page",
        abstract: "Write a new Markdown page with its front matter filled in.",
        discussion: """
            'lantern new page therapies/emdr --title "EMDR"' writes Content/therapies/emdr.md \
            with a title, a description to fill in, today's date as date and last_reviewed, \
            and a short placeholder text. An existing file is never overwritten. \
            With '--language es' it writes the Spanish translation, Content/therapies/emdr.es.md \
            (the language must be one of 'languages' in site.yaml).
            """
    )

    @Argument(help: "The page's path inside the content folder, with or without .md: therapies/emdr.")
    var path: String

    @Option(help: "The page's title (by default made from the file name).")
    var title: String?

    @Option(help: "The folder of Markdown pages.")
    var content = "Content"

    @Option(help: "Write the page's translation into this language (es): therapies/emdr.es.md.")
    var language: String?

    func run() throws {
        do {
            let written = try NewPage.create(path, title: title, contentFolder: content, language: language)
            print("lantern: wrote \(written)")
        } catch {
            var stderr = StandardError()
            print("lantern: error: \(error)", to: &stderr)
            throw ExitCode(1)
        }
    }
}

struct NewSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write a small site that builds as it is.",
        discussion: """
            Writes site.yaml, a home page, an example page and a copy of the default theme \
            into the folder, which must not exist or be empty; nothing is ever overwritten.
            """
    )

    @Argument(help: "The folder to create the site in.")
    var folder: String

    @Option(help: "The site's title.")
    var title: String?

    func run() throws {
        do {
            let written = try NewSite.create(at: folder, title: title)
            print("lantern: wrote a new site to \(folder) (\(written.count) files). Next:")
            print("  cd \(folder) && lantern serve")
        } catch {
            var stderr = StandardError()
            print("lantern: error: \(error)", to: &stderr)
            throw ExitCode(1)
        }
    }
}
