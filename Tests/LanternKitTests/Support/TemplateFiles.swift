import Foundation
@testable import LanternKit

/// Template files written into a temporary site's `Templates/` and loaded as a library, without
/// the built-in theme beneath them.
enum TemplateFiles {
    static func load(_ files: [String: String], language: String = "en") throws(BuildFailure) -> TemplateLibrary {
        let site = try! TemporarySite(files, withDefaults: false)
        defer { site.remove() }
        return try TemplateLibrary.load(from: site.root + "/Templates", displayRoot: "Templates", language: language)
    }

    /// What loading `files` reports; empty when they load.
    static func errors(_ files: [String: String]) -> [Diagnostic] {
        do {
            _ = try load(files)
            return []
        } catch {
            return error.diagnostics
        }
    }
}
