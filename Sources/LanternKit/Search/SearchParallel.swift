import Dispatch

/// Runs independent jobs on all cores and returns their results in order.
enum SearchParallel {
    static func run<T>(_ count: Int, _ job: (Int) -> T) -> [T] {
        let buffer = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
        defer {
            _ = buffer.deinitialize()
            buffer.deallocate()
        }
        // Each job writes only its own slot, so the unsynchronised writes cannot race.
        nonisolated(unsafe) let slots = buffer
        withoutActuallyEscaping(job) { job in
            nonisolated(unsafe) let job = job
            DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = job(i) }
        }
        return buffer.map { $0! }
    }
}
