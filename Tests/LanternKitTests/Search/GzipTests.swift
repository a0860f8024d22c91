import Foundation
import Testing
@testable import LanternKit

/// The search index's text files are stored gzip (Gzip.swift): what gzip(1) itself reads,
/// the same bytes for the same text, and damage refused rather than read as short text.
@Suite struct GzipTests {
    static let text = Array((0..<400).map { "Part \($0) of a page about family therapy. " }.joined().utf8)

    @Test func roundTripsAndShrinksText() throws {
        let stored = Gzip.compress(Self.text)
        #expect(stored.starts(with: Gzip.magic))
        #expect(stored.count * 10 < Self.text.count)
        #expect(Gzip.decompress(stored) == Self.text)
        #expect(Gzip.compress(Self.text) == stored)
        #expect(Gzip.decompress(Gzip.compress([])) == [])
    }

    @Test func gzipItselfReadsWhatIsStored() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-gzip-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("text-0.json.gz")
        try Data(Gzip.compress(Self.text)).write(to: file)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-dc", file.path]
        let output = Pipe()
        gzip.standardOutput = output
        try gzip.run()
        let inflated = output.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)
        #expect(Array(inflated) == Self.text)
    }

    @Test func refusesDamagedOrForeignBytes() {
        let stored = Gzip.compress(Self.text)
        #expect(Gzip.decompress(Array(stored.dropLast(9))) == nil)
        var flipped = stored
        flipped[flipped.count / 2] ^= 0xff
        #expect(Gzip.decompress(flipped) == nil)
        #expect(Gzip.decompress(Array(#"{"pages":[]}"#.utf8)) == nil)
        #expect(Gzip.decompress([]) == nil)
    }
}
