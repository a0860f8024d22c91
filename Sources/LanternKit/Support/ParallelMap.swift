import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Maps on every core (on this thread alone in `ParallelWork.inBackground`); results keep
    /// the input order, so output stays deterministic.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 || ParallelWork.isSerial { return map(transform) }
        let slots = ResultSlots<T>(count: count)
        withoutActuallyEscaping(transform) { transform in
            let elements = self
            DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                slots.store(transform(elements[index]), at: index)
            }
        }
        return slots.collect()
    }
}

/// Write-once storage that concurrent workers fill at distinct indices.
private final class ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func store(_ value: T, at index: Int) { buffer[index] = value }

    func collect() -> [T] { buffer.map { $0! } }
}

/// Work that must leave the other cores free: `lantern serve` rebuilds the search index in the
/// background, on one core at a low priority, so that the page a writer just saved is rebuilt
/// on the other at once instead of waiting its turn.
enum ParallelWork {
    private static let key = "lantern.serial"

    /// Whether `parallelMap` on this thread runs on this thread alone.
    static var isSerial: Bool { Thread.current.threadDictionary[key] != nil }

    /// Runs `work` on a thread of its own, at a lower priority than the process's other
    /// threads, with `parallelMap` serial on it; `done` gets its result on that thread.
    static func inBackground<T>(_ work: @escaping @Sendable () -> T, done: @escaping @Sendable (T) -> Void) {
        let thread = Thread {
            Thread.current.threadDictionary[key] = true
            #if canImport(Glibc)
            // On Linux a nice value is a thread's own: 0 names this thread.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            #endif
            done(work())
        }
        thread.name = "lantern: background work"
        thread.start()
    }
}
