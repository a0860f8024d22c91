import Testing
@testable import LanternKit

/// The Mustache spec v1.4: core, inheritance and dynamic names, as our own cases
/// (`MustacheSpecCases`), one per test of the spec.
@Suite struct MustacheSpecTests {
    @Test(arguments: MustacheSpecCases.all)
    func rendersAsTheSpecSays(_ spec: MustacheSpecCase) throws {
        let library = try TemplateLibrary.fromTexts(spec.partials.merging(["spec-case": spec.template]) { $1 })
        let output = String(decoding: library.renderBytes(root: spec.data, with: "spec-case"), as: UTF8.self)
        #expect(output == spec.expected)
    }

    /// Every test of the spec's files has its case (lambdas, which Lantern refuses, aside).
    @Test func everySpecTestHasACase() {
        let counts = Dictionary(grouping: MustacheSpecCases.all, by: \.file).mapValues(\.count)
        #expect(counts == [
            "comments": 12, "delimiters": 14, "interpolation": 42, "inverted": 22, "partials": 12,
            "sections": 34, "~inheritance": 27, "~dynamic-names": 21,
        ])
    }
}
