import Foundation

/// `lantern check --format json`: one object with every diagnostic and a summary, keys sorted.
public enum CheckReportJSON {
    public static func render(_ result: Checker.Result) -> String {
        let diagnostics = result.diagnostics.map { d -> [String: Any] in
            var entry: [String: Any] = [
                "file": d.location.file, "line": d.location.line, "column": d.location.column,
                "severity": d.severity.rawValue, "message": d.message,
            ]
            if let rule = d.rule { entry["rule"] = rule }
            return entry
        }
        let document: [String: Any] = [
            "diagnostics": diagnostics,
            "summary": ["errors": result.errors, "warnings": result.warnings, "pages": result.pagesChecked],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document,
            options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
