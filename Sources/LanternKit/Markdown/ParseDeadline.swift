import CCmarkGFM
import Foundation

/// Bounds cmark's parse of one page in time, for what `MarkdownLimits` cannot bound cheaply.
///
/// A C parse cannot be stopped, so a large page is parsed on a thread of its own and waited
/// for until the deadline; past it the page fails and the thread is left to finish and free
/// what it made. Small pages are parsed where they are: a thread per page would cost the
/// 10,000-page build more than the whole check, and within the limits a page of a few
/// kilobytes cannot keep cmark busy for long.
enum ParseDeadline {
    /// Pages up to this size are parsed on the calling thread.
    static let smallPageBytes = 32 * 1024
    /// Each this many bytes past the first get one more deadline: a real 50 MB page takes cmark
    /// about a second, and must not fail on a busy machine.
    static let bytesPerDeadline = 4 * 1024 * 1024

    /// The default deadline; `LANTERN_RENDER_DEADLINE` (seconds) lets tests use a short one.
    static let standardSeconds: Double = {
        if let text = ProcessInfo.processInfo.environment["LANTERN_RENDER_DEADLINE"], let value = Double(text),
            value > 0
        {
            return value
        }
        return 3
    }()

    /// Parses `markdown` with `parser`; nil when the deadline passed first, in which case the
    /// parser belongs to the abandoned thread, which frees it.
    static func parse(
        _ markdown: String, with parser: OpaquePointer, takeTurns: Bool, seconds: Double
    ) -> OpaquePointer? {
        guard markdown.utf8.count > smallPageBytes else {
            return run(markdown, parser, takeTurns)
        }
        let job = Job()
        let parserBox = UncheckedSendable(parser)
        let thread = Thread {
            let document = run(markdown, parserBox.value, takeTurns)
            if !job.finish(document) {
                if let document { cmark_node_free(document) }
                cmark_parser_free(parserBox.value)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
        return job.wait(seconds: deadline(seconds, forBytes: markdown.utf8.count))
    }

    /// The deadline of a page of `bytes`: the base, once more for each `bytesPerDeadline` past the first.
    static func deadline(_ seconds: Double, forBytes bytes: Int) -> Double {
        seconds * max(1, Double(bytes) / Double(bytesPerDeadline))
    }

    private static func run(_ markdown: String, _ parser: OpaquePointer, _ takeTurns: Bool) -> OpaquePointer? {
        if takeTurns { SpecialCharacters.turns.lock() }
        defer { if takeTurns { SpecialCharacters.turns.unlock() } }
        markdown.utf8CString.withUnsafeBufferPointer { buffer in
            cmark_parser_feed(parser, buffer.baseAddress, buffer.count - 1)
        }
        guard let document = cmark_parser_finish(parser) else { fatalError("cmark: out of memory") }
        return document
    }

    /// Who owns the document: the waiter if the parse finished in time, else the parse thread.
    private final class Job: @unchecked Sendable {
        private let lock = NSLock()
        private let finished = DispatchSemaphore(value: 0)
        private var document: OpaquePointer?
        private var abandoned = false

        /// False when the waiter has given up: the caller then frees what it made.
        func finish(_ document: OpaquePointer?) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            guard !abandoned else { return false }
            self.document = document
            finished.signal()
            return true
        }

        func wait(seconds: Double) -> OpaquePointer? {
            _ = finished.wait(timeout: .now() + seconds)
            lock.lock()
            defer { lock.unlock() }
            if document == nil { abandoned = true }
            return document
        }
    }
}
