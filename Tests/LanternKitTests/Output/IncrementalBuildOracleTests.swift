import Foundation
import Testing
@testable import LanternKit

/// `lantern build` after an earlier build, starting from what that build kept
/// (`IncrementalBuild`), against a fresh full build, as the oracle: random edits to a copy of
/// the fixture site (`OracleSite`), each followed by both builds and a byte-for-byte comparison
/// of every file of the two outputs. The seed is printed on failure; LANTERN_ORACLE_SEED and
/// LANTERN_ORACLE_EDITS run another.
@Suite struct IncrementalBuildOracleTests {
    @Test(arguments: [false, true])
    func everyFileIsAFreshBuildsAfterEveryEdit(bilingual: Bool) throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["LANTERN_ORACLE_SEED"].flatMap { UInt64($0) } ?? (bilingual ? 20_261_206 : 20_261_205)
        let edits = environment["LANTERN_ORACLE_EDITS"].flatMap { Int($0) } ?? 80
        let site = try OracleSite(seed: seed, includeDrafts: false, bilingual: bilingual)
        var options = site.options
        options.cachePath = site.root + "/.lantern-cache"
        var fresh = options
        fresh.outputPath = site.root + "/Fresh"
        fresh.cachePath = site.root + "/.fresh-cache"
        fresh.reusesLastBuild = false
        IncrementalBuildOracleTests.settle(site.root)
        _ = try Builder.build(options)
        // The sharded layout, and text files of which edits keep some and write others again.
        let index = OutputStamps.of(options.outputPath + "/search").keys
        #expect(index.filter { $0.hasPrefix("text-") }.count >= 3, "\(index.sorted())")
        #expect(index.contains("shard-0.json") && index.contains("cards-0.json"), "\(index.sorted())")

        var incremental = 0, failures = 0
        for step in 0..<edits {
            let (changes, what) = try site.edit(step: step)
            // Files written just now are read again whatever their stamps say (FileStamp.isSettled):
            // set back, so that only what the edit changed is new.
            for path in changes.modifiedContent.union(changes.addedOrRemovedContent) {
                IncrementalBuildOracleTests.settle(site.root + "/Content/" + path)
            }
            if changes.themeOrConfig {
                IncrementalBuildOracleTests.settle(site.root + "/Templates")
                IncrementalBuildOracleTests.settle(site.root + "/site.yaml")
            }
            let context = "seed \(seed), bilingual \(bilingual), edit \(step) (\(what))"
            let built = Result { () throws(BuildFailure) in try Builder.build(options) }
            let clean = Result { () throws(BuildFailure) in try Builder.build(fresh) }
            switch (built, clean) {
            case (.success(let report), .success):
                if report.isIncremental { incremental += 1 }
                if environment["LANTERN_ORACLE_VERBOSE"] != nil, let reason = report.fullBuildReason {
                    print("\(context): built everything: \(reason)")
                }
            case (.failure, .failure):
                failures += 1
                continue
            default:
                Issue.record("\(context): one build failed and the other did not: \(built), \(clean)")
                return
            }
            let differing = IncrementalBuildOracleTests.differences(options.outputPath, fresh.outputPath)
            let detail = differing.first.map { IncrementalBuildOracleTests.lineDifference($0, options.outputPath, fresh.outputPath) } ?? ""
            #expect(differing.isEmpty, "\(context): files differ from a fresh build: \(differing)\(detail)")
            if !differing.isEmpty { return }
        }
        // Most edits that build are built incrementally, or the comparison proves little.
        #expect(incremental > (edits - failures) / 2, "seed \(seed): only \(incremental) of \(edits) builds were incremental (\(failures) failed)")
    }

    /// Paths whose bytes differ between two folders, or that only one has.
    static func differences(_ a: String, _ b: String) -> [String] {
        let left = Set(OutputStamps.of(a).keys), right = Set(OutputStamps.of(b).keys)
        return left.union(right).filter {
            FileManager.default.contents(atPath: a + "/" + $0) != FileManager.default.contents(atPath: b + "/" + $0)
        }.sorted()
    }

    /// The first line in which a file differs between two folders, from each.
    static func lineDifference(_ path: String, _ a: String, _ b: String) -> String {
        func lines(_ folder: String) -> [Substring] {
            String(decoding: FileManager.default.contents(atPath: folder + "/" + path) ?? Data(), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false)
        }
        let left = lines(a), right = lines(b)
        guard let i = (0..<min(left.count, right.count)).first(where: { left[$0] != right[$0] })
            ?? (left.count != right.count ? min(left.count, right.count) : nil)
        else { return "" }
        return "\nline \(i + 1), incremental: \(i < left.count ? left[i] : "(none)")\nline \(i + 1), fresh: \(i < right.count ? right[i] : "(none)")"
    }

    /// Sets the modification time of `path` (and of everything below it) an hour back.
    static func settle(_ path: String) {
        let back = Date().addingTimeInterval(-3600)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        let paths = isDirectory.boolValue
            ? (FileManager.default.subpaths(atPath: path) ?? []).map { path + "/" + $0 } : [path]
        for file in paths {
            try? FileManager.default.setAttributes([.modificationDate: back], ofItemAtPath: file)
        }
    }
}
