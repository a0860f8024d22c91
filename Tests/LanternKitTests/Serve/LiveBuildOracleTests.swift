import Foundation
import Testing
@testable import LanternKit

/// `lantern serve`'s partial rebuilds against a fresh full build, as the oracle: a few hundred
/// random edits (title, weight, slug, body, description, dates, draft, aliases, a new and a
/// deleted page, a template, `site.yaml`, an SVG, a picture and its credit file) to a copy of the fixture site, each followed by a
/// byte-for-byte comparison of every served file. The seed is printed on failure;
/// LANTERN_ORACLE_SEED and LANTERN_ORACLE_EDITS run another.
@Suite struct LiveBuildOracleTests {
    /// With drafts left out (`lantern build`), and shown (`lantern serve`'s default), 150 edits each.
    @Test(arguments: [false, true])
    func everyServedFileIsAFreshBuildsAfterEveryEdit(includeDrafts: Bool) throws {
        try LiveBuildOracleTests.run(includeDrafts: includeDrafts, bilingual: false,
            defaultSeed: includeDrafts ? 20_261_203 : 20_261_202)
    }

    /// The fixture in English and Spanish: edits of translations (their slugs, a section's
    /// slug that renames its folder, titles, drafts, new and deleted translations) too.
    @Test func everyServedFileIsAFreshBuildsAfterEveryEditInTwoLanguages() throws {
        try LiveBuildOracleTests.run(includeDrafts: true, bilingual: true, defaultSeed: 20_261_215)
    }

    static func run(includeDrafts: Bool, bilingual: Bool, defaultSeed: UInt64) throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["LANTERN_ORACLE_SEED"].flatMap { UInt64($0) } ?? defaultSeed
        let edits = environment["LANTERN_ORACLE_EDITS"].flatMap { Int($0) } ?? 150
        let site = try OracleSite(seed: seed, includeDrafts: includeDrafts, bilingual: bilingual)
        let options = site.options
        let live = LiveBuild(options: options)
        guard case .full = live.buildAll() else {
            Issue.record("the fixture does not build")
            return
        }
        var partials = 0, failures = 0
        for step in 0..<edits {
            let (changes, what) = try site.edit(step: step)
            if case .partial = live.apply(changes) { partials += 1 }
            live.refreshSearchIndex()
            let fresh = LiveBuild(options: options)
            fresh.buildAll()
            let context = "seed \(seed), drafts \(includeDrafts), edit \(step) (\(what))"
            if fresh.served.failure != nil || live.served.failure != nil {
                failures += 1
                if environment["LANTERN_ORACLE_VERBOSE"] != nil { print(context, fresh.served.failure ?? []) }
                #expect((fresh.served.failure == nil) == (live.served.failure == nil), "\(context)")
                if (fresh.served.failure == nil) != (live.served.failure == nil) { return }
                continue
            }
            let paths = Set(fresh.served.files.keys).union(live.served.files.keys)
            let differing = paths.filter { fresh.served.files[$0] != live.served.files[$0] }.sorted()
            #expect(differing.isEmpty, "\(context): served files differ from a fresh build: \(differing)")
            #expect(fresh.served.draftOutputs == live.served.draftOutputs, "\(context)")
            if !differing.isEmpty { return }
        }
        if environment["LANTERN_ORACLE_VERBOSE"] != nil { print("oracle: \(partials) partial, \(failures) failed of \(edits)") }
        // Most edits are rebuilt partially, or the comparison proves little.
        #expect(partials > edits / 3, "seed \(seed): only \(partials) of \(edits) edits were partial rebuilds (\(failures) failed)")
    }
}
