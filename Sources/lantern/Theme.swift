import ArgumentParser
import Foundation
import LanternKit

struct ThemeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "theme",
        abstract: "Copy files of the built-in theme into the site to change them, and keep them in step.",
        discussion: """
            A site is built with the theme inside Lantern; a file in the site's templates \
            folder replaces the built-in file of the same path. 'eject' copies a file to change \
            it and records which built-in version it came from, so that 'lantern check' can say \
            when a later Lantern changed the original.
            """,
        subcommands: [Eject.self, List.self, Diff.self, MarkMerged.self]
    )

    struct Folder: ParsableArguments {
        @Option(help: "The site's templates folder.")
        var templates = "Templates"
    }

    struct Eject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a file of the built-in theme (or every file the site lacks) into the site.")

        @Argument(help: "The file inside the theme, like page.mustache or partials/crisis.mustache; all when omitted.")
        var file: String?

        @OptionGroup var folder: Folder

        func run() throws {
            let written = try report { () throws(ScaffoldError) in
                try ThemeFiles.eject(file, into: folder.templates)
            }
            if written.isEmpty { print("lantern: the site already has every file of the built-in theme") }
            for path in written { print("lantern: wrote \(folder.templates)/\(path)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the theme's files and whether the site overrides each.")

        @OptionGroup var folder: Folder

        func run() {
            for (path, status) in ThemeFiles.list(folder.templates) { print("\(path)\t\(status.rawValue)") }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how the site's copy of a file differs from this Lantern's built-in one.")

        @Argument(help: "The file inside the theme, like page.mustache.")
        var file: String

        @OptionGroup var folder: Folder

        func run() throws {
            print(try report { () throws(ScaffoldError) in
                try ThemeFiles.diff(file, in: folder.templates, displayRoot: folder.templates)
            }, terminator: "")
        }
    }

    struct MarkMerged: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mark-merged",
            abstract: "Record that the site's copy of a file has taken in this Lantern's built-in one.")

        @Argument(help: "The file inside the theme, like page.mustache.")
        var file: String

        @OptionGroup var folder: Folder

        func run() throws {
            try report { () throws(ScaffoldError) in try ThemeFiles.markMerged(file, in: folder.templates) }
            print("lantern: \(folder.templates)/\(file) is now recorded as made from this Lantern's theme")
        }
    }
}

/// Runs `body`, printing its error and exiting with status 1 when it fails.
@discardableResult
private func report<T>(_ body: () throws(ScaffoldError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        var stderr = StandardError()
        print("lantern: error: \(error)", to: &stderr)
        throw ExitCode(1)
    }
}
