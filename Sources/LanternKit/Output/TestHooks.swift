import Foundation

/// For Tests/LanternKitTests/Output/KilledBuildTests.swift only: environment variables that
/// let a test kill `lantern build` at an exact point of the swap. Nobody else sets them.
///
/// - `LANTERN_TEST_PAUSE=<point>`: at that point of the build, print
///   `lantern: test pause at <point>` on standard error and wait until killed. Points:
///   `locked` (the output's lock taken, earlier leftovers not yet cleared), `staged` (the
///   staging folder made, nothing written), `before-swap` (the new site complete beside the
///   output), `after-swap` (the new site in place, the old one not yet deleted) and
///   `between-renames` (only with two renames: the old site moved aside, the new one not yet
///   in; the build holds the swap there, so only SIGKILL ends it).
/// - `LANTERN_TEST_SWAP=renames`: swap with two renames, as where `RENAME_EXCHANGE` is refused.
enum TestHooks {
    enum Point: String {
        case locked, staged, beforeSwap = "before-swap", afterSwap = "after-swap"
        case betweenRenames = "between-renames"
    }

    static let forcesTwoRenames = ProcessInfo.processInfo.environment["LANTERN_TEST_SWAP"] == "renames"

    private static let pausePoint = ProcessInfo.processInfo.environment["LANTERN_TEST_PAUSE"]
        .flatMap(Point.init(rawValue:))

    static func pause(at point: Point) {
        guard point == pausePoint else { return }
        FileHandle.standardError.write(Data("lantern: test pause at \(point.rawValue)\n".utf8))
        while true { sleep(60) }
    }
}
