/// Lets a value the compiler cannot prove safe cross into concurrent code, where the caller
/// guarantees it is only used from one place at a time.
struct UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
