/// Reads typed fields out of a YAML mapping, collecting a located diagnostic for every field
/// of the wrong type instead of stopping at the first.
struct YAMLFields {
    let map: YAMLValue
    private(set) var diagnostics = DiagnosticBag()

    init(_ map: YAMLValue) { self.map = map }

    /// Takes over the diagnostics of a reader for a nested mapping.
    mutating func absorb(_ other: YAMLFields) { diagnostics.append(contentsOf: other.diagnostics.diagnostics) }

    /// Records a problem the typed readers cannot see (a missing title, a bad URL).
    mutating func error(_ location: SourceLocation, _ message: String) { diagnostics.error(location, message) }

    var keys: [String] { map.entries?.map(\.key) ?? [] }

    func location(of key: String) -> SourceLocation {
        map.entries?.first { $0.key == key }?.keyLocation ?? map.location
    }

    private mutating func wrongType(_ key: String, _ value: YAMLValue, expected: String) {
        diagnostics.error(value.location,
            "'\(key)' must be \(expected), but it is \(value.kindName)")
    }

    /// Text; any scalar is accepted as written (`title: 2024`).
    mutating func string(_ key: String) -> String? {
        guard let value = map[key] else { return nil }
        if case .null = value.kind { return nil }
        guard let text = value.scalarText else {
            wrongType(key, value, expected: "text")
            return nil
        }
        return text
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = map[key] else { return nil }
        switch value.kind {
        case .null: return nil
        case .bool(let b): return b
        default:
            wrongType(key, value, expected: "true or false")
            return nil
        }
    }

    mutating func int(_ key: String) -> Int? {
        guard let value = map[key] else { return nil }
        switch value.kind {
        case .null: return nil
        case .int(let i): return i
        default:
            wrongType(key, value, expected: "a whole number")
            return nil
        }
    }

    /// A list of text items; a single scalar is taken as a one-item list.
    mutating func stringList(_ key: String) -> [String]? {
        guard let value = map[key] else { return nil }
        switch value.kind {
        case .null: return []
        case .list(let items):
            var strings: [String] = []
            for item in items {
                guard let text = item.scalarText else {
                    diagnostics.error(item.location,
                        "every item of '\(key)' must be text, but one is \(item.kindName)")
                    continue
                }
                strings.append(text)
            }
            return strings
        default:
            if let text = value.scalarText { return [text] }
            wrongType(key, value, expected: "a list of text")
            return nil
        }
    }

    /// A calendar date written `YYYY-MM-DD` (a time after it is allowed and ignored).
    mutating func date(_ key: String) -> SiteDate? {
        guard let text = string(key) else { return nil }
        guard let date = SiteDate(text) else {
            diagnostics.error(map[key]!.location,
                "'\(key)' must be a date written YYYY-MM-DD, like 2026-03-15; found '\(text)'")
            return nil
        }
        return date
    }

    mutating func mapping(_ key: String) -> YAMLValue? {
        guard let value = map[key] else { return nil }
        switch value.kind {
        case .null: return nil
        case .map: return value
        default:
            wrongType(key, value, expected: "a mapping of keys to values")
            return nil
        }
    }
}
