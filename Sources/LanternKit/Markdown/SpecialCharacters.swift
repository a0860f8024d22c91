import CCmarkGFM
import Foundation

/// cmark-gfm keeps the characters that start an extension's inline syntax (`:` and `w` for
/// autolinks, `~` for strikethrough) in one global table. Every parse adds them before reading
/// inlines and removes them after (`cmark_manage_extensions_special_characters`), so pages
/// parsed at once clear each other's table: autolinks and strikethrough went missing at random
/// (from 86 of the 1,679 pages with a bare URL in one 10,000-page build).
///
/// Every parser Lantern makes has the same extensions, so the characters may as well stay in
/// the table. The `lantern` command and the tests export the function below under cmark's
/// name (a linker flag in Package.swift); the library's calls then reach it instead of its
/// own, and it passes on only the adding. Where it was not exported (another platform, another
/// way of linking), the library never calls it, and parses take turns under a lock.
enum SpecialCharacters {
    /// Set when cmark called the function below: the table is then never cleared.
    nonisolated(unsafe) fileprivate static var keptByLantern = false

    fileprivate typealias Manage = @convention(c) (OpaquePointer?, Int32) -> Void

    /// cmark's own function, the next definition after ours.
    fileprivate static let library: Manage? = dlsym(UnsafeMutableRawPointer(bitPattern: -1),
        "cmark_manage_extensions_special_characters").map { unsafeBitCast($0, to: Manage.self) }

    /// Whether parses must take turns, found by parsing one line: true unless cmark called us.
    static let parsesTakeTurns: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        if let parser = cmark_parser_new(CMARK_OPT_DEFAULT) {
            if let ext = cmark_find_syntax_extension("autolink") { cmark_parser_attach_syntax_extension(parser, ext) }
            cmark_parser_feed(parser, "www.example.org", 15)
            if let document = cmark_parser_finish(parser) { cmark_node_free(document) }
            cmark_parser_free(parser)
        }
        return !keptByLantern || library == nil
    }()

    static let turns = NSLock()
}

/// Public so that optimised builds keep the symbol visible for the linker to export.
@_cdecl("cmark_manage_extensions_special_characters")
public func keepExtensionsSpecialCharacters(_ parser: OpaquePointer?, _ add: Int32) {
    SpecialCharacters.keptByLantern = true
    if add != 0 { SpecialCharacters.library?(parser, add) }
}
