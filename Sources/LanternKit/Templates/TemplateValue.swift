/// A value templates can show or test: what `site.yaml`, front matter and the page context are
/// made of. Typed, so that rendering a tag is a dictionary lookup and a `switch`, never a
/// dynamic cast.
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    case bool(Bool)
    case int(Int)
    case double(Double)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// A scalar as text (`phone: 555` is `"555"`), as `{{name}}` prints it before escaping;
    /// nil for lists and mappings, which print nothing.
    public var scalarText: String? {
        switch self {
        case .text(let text): return text
        case .bool(let bool): return bool ? "true" : "false"
        case .int(let int): return String(int)
        case .double(let double): return String(double)
        case .list, .object: return nil
        }
    }

    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    public var list: [TemplateValue]? {
        if case .list(let items) = self { return items }
        return nil
    }

    public var object: [String: TemplateValue]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    public var number: Double? {
        switch self {
        case .int(let int): return Double(int)
        case .double(let double): return double
        default: return nil
        }
    }

    public subscript(key: String) -> TemplateValue? { object?[key] }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
