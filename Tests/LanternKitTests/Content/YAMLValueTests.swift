import Testing
import Yams
@testable import LanternKit

@Suite struct YAMLValueTests {
    static let scalars = [
        "", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "yEs", "no", "on", "OFF", "true", "False",
        "y", "n", "10", "+5", "-7", "0", "007", "0755", "08", "0x1F", "0b101", "0o17", "1_000", "_5", "1:30",
        "-1:30:15", "2.5", "-0.5", ".5", "1.", "1e3", "1E-2", ".inf", "-.Inf", ".nan", "+.inf", "2024-01-01",
        "2026-11-22T10:00:00Z", "2016-07-06T11:45:00Z", "2020-01-05", "2016-07-06 11:45", "0-7", "+0-7", "-0-7",
        "10-7", "1:-5", "1e+5", "+1.5e-3", "0x1p-3", "0x-5", "0b-1", "0o-7", "inf", "-inf", "-Infinity", "NaN",
        "12 monkeys", "1 000", "12abc", "-x", "+", "tRuE", "oN", "٣", "DAST-10", "PHQ-9", "Call 988", "a: b", "<<", "=",
    ]

    /// Lantern types scalars itself; these are the types Yams' default resolver gave them.
    @Test(arguments: scalars) func plainScalarsGetTheTypesYamsDefaultResolverGives(_ text: String) throws {
        let yaml = "key: \(text.contains(": ") || text.hasSuffix(":") ? "'\(text)'" : text)\n"
        let reference = try #require(try Yams.compose(yaml: yaml, .default, .default, .utf8))
        let value = try #require(try YAMLReader.read(yaml, file: "x.yaml")?["key"])
        let node = try #require(reference.mapping?["key"])
        let expected: YAMLValue.Kind? = {
            guard let scalar = node.scalar, scalar.style == .plain else { return nil }
            if node.null != nil { return .null }
            if let bool = node.bool { return .bool(bool) }
            if let int = node.int { return .int(int) }
            if scalar.string.first.map({ $0.isNumber || $0 == "." || $0 == "-" }) == true,
                let double = node.float
            {
                return .double(double)
            }
            return .string(scalar.string)
        }()
        #expect(describe(value.kind) == describe(expected ?? .string(node.string ?? "")), "\(text)")
    }

    private func describe(_ kind: YAMLValue.Kind) -> String {
        switch kind {
        case .null: return "null"
        case .bool(let b): return "bool \(b)"
        case .int(let i): return "int \(i)"
        case .double(let d): return "double \(d.isNaN ? "nan" : String(d))"
        case .string(let s): return "string \(s)"
        case .list, .map: return "collection"
        }
    }
}
