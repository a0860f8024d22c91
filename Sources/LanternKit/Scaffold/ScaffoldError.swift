/// Why `lantern new` wrote nothing.
public struct ScaffoldError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
