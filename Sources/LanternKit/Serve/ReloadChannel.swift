import FlyingSocks
import Foundation

/// The browsers listening on `/__lantern/events` (server-sent events), told to reload
/// after every build.
final class ReloadChannel: @unchecked Sendable {
    // @unchecked: `clients` is only touched under `lock`.
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    private var isClosed = false

    /// A new listener's response body. It starts with a comment, so that the browser knows at
    /// once that the connection is open, and a short retry delay for reconnecting. The listener
    /// is forgotten when the server lets go of the body (the connection closed).
    func subscribe() -> EventStreamBody {
        let (stream, continuation) = AsyncStream.makeStream(
            of: [UInt8].self, bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        continuation.yield(Array("retry: 500\n: lantern serve\n\n".utf8))
        let closed = lock.withLock {
            if !isClosed { clients[id] = continuation }
            return isClosed
        }
        if closed { continuation.finish() }
        return EventStreamBody(events: stream, subscription: Subscription(id: id, channel: self))
    }

    /// Removes its listener when the last copy of the body goes away.
    final class Subscription: Sendable {
        let id: UUID
        let channel: ReloadChannel

        init(id: UUID, channel: ReloadChannel) {
            self.id = id
            self.channel = channel
        }

        deinit { channel.remove(id) }
    }

    var listenerCount: Int { lock.withLock { clients.count } }

    /// Sends `event: reload` to every listener.
    func reload(generation: Int) {
        send(Array("event: reload\ndata: \(generation)\n\n".utf8))
    }

    /// A comment every listener ignores: writing it is how a closed connection is noticed.
    func keepAlive() {
        send(Array(": keep-alive\n\n".utf8))
    }

    private func send(_ bytes: [UInt8]) {
        for client in lock.withLock({ Array(clients.values) }) { client.yield(bytes) }
    }

    /// Ends every stream, so that their connections can close; later listeners end at once.
    func close() {
        let all = lock.withLock {
            isClosed = true
            defer { clients = [:] }
            return Array(clients.values)
        }
        for client in all { client.finish() }
    }

    private func remove(_ id: UUID) {
        lock.withLock { clients.removeValue(forKey: id) }?.finish()
    }
}

/// An event stream as a response body FlyingFox can send chunk by chunk as events arrive.
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let events: AsyncStream<[UInt8]>
    let subscription: ReloadChannel.Subscription

    func makeAsyncIterator() -> Iterator {
        Iterator(events: events.makeAsyncIterator(), subscription: subscription)
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var events: AsyncStream<[UInt8]>.Iterator
        let subscription: ReloadChannel.Subscription
        var pending: ArraySlice<UInt8> = []

        mutating func next() async throws -> UInt8? {
            guard let buffer = try await nextBuffer(suggested: 1) else { return nil }
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            while pending.isEmpty {
                guard let chunk = await events.next() else { return nil }
                pending = chunk[...]
            }
            let buffer = pending.prefix(Swift.max(count, 1))
            pending = pending.dropFirst(buffer.count)
            return buffer
        }
    }
}
