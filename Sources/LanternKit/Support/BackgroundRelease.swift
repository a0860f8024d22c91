import Foundation

/// Lets go of a build's large values on another thread. At 10,000 pages a site, its pages'
/// front matter and their search documents are hundreds of thousands of strings and
/// dictionaries, and freeing them took ~100 ms at the end of every build, after the output was
/// in place. A command-line build may exit before that thread is done: the system takes the
/// memory back at once.
enum BackgroundRelease {
    private static let queue = DispatchQueue(label: "lantern.release", qos: .utility)

    static func drop<Value>(_ value: consuming Value) {
        let box = UncheckedSendable(value)
        queue.async { withExtendedLifetime(box) {} }
    }
}
