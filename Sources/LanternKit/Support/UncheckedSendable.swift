/// Wraps template values (`[String: Any]` built from YAML, never mutated after parsing) so they
/// can travel between build stages.
struct UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
