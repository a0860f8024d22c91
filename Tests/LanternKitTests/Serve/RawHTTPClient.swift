import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deliberately plain HTTP/1.1 client over a POSIX socket: it sends the request target
/// exactly as given (URLSession would normalise `/../` and encodings away), and reads with a
/// timeout. Blocking work runs on a Dispatch thread, never on a Swift concurrency thread,
/// so the server under test always has threads to answer with.
struct RawHTTPClient {
    struct Response {
        var status: Int
        /// Lower-cased names.
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum Failure: Error {
        case connect, send, malformed(String)
        /// The server closed the connection, or the deadline passed, before a byte came.
        case noAnswer(target: String, afterSeconds: Double)
    }

    let port: UInt16

    func get(_ target: String, method: String = "GET") async throws -> Response {
        let port = self.port
        return try await RawHTTPClient.offThread {
            let socket = try RawHTTPClient.connect(port: port)
            defer { close(socket) }
            try RawHTTPClient.send(socket, "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            var data: [UInt8] = []
            let sent = Date()
            _ = RawHTTPClient.read(socket, into: &data, until: { _ in false }, deadline: sent + 30)
            guard !data.isEmpty else {
                throw Failure.noAnswer(target: target, afterSeconds: Date().timeIntervalSince(sent))
            }
            return try RawHTTPClient.parse(data)
        }
    }

    /// Opens `/__lantern/events` and collects what the server streams.
    func listen() async throws -> EventListener {
        let port = self.port
        return try await RawHTTPClient.offThread {
            let socket = try RawHTTPClient.connect(port: port)
            try RawHTTPClient.send(socket, "GET /__lantern/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            return EventListener(socket: socket)
        }
    }

    /// Server-sent events as they arrive.
    final class EventListener: @unchecked Sendable {
        private let socket: Int32
        private let lock = NSLock()
        private var received: [UInt8] = []

        fileprivate init(socket: Int32) { self.socket = socket }

        deinit { close(socket) }

        /// Waits until the stream so far contains `text` `count` times.
        func waitFor(_ text: String, count: Int = 1, seconds: Double) async -> Bool {
            let deadline = Date() + seconds
            return (try? await RawHTTPClient.offThread { [self] in
                lock.withLock {
                    RawHTTPClient.read(socket, into: &received, until: { bytes in
                        RawHTTPClient.occurrences(of: text, in: bytes) >= count
                    }, deadline: deadline)
                }
            }) ?? false
        }

        var text: String { lock.withLock { String(decoding: received, as: UTF8.self) } }
    }

    // MARK: Plumbing

    static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try work() })
            }.start()
        }
    }

    static func connect(port: UInt16) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure.connect }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure.connect
        }
        return fd
    }

    static func send(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw Failure.send }
            sent += n
        }
    }

    /// Reads until `done` says so, the peer closes, or the deadline. True when `done`.
    static func read(_ socket: Int32, into data: inout [UInt8], until done: ([UInt8]) -> Bool,
                     deadline: Date) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !done(data) {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return false }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(remaining * 1000) + 1)
            if ready <= 0 { continue }
            let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return done(data) }
            data += buffer[0..<n]
        }
        return true
    }

    static func occurrences(of text: String, in bytes: [UInt8]) -> Int {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: text).count - 1
    }

    static func parse(_ data: [UInt8]) throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = (0...(max(0, data.count - 4))).first(where: { Array(data[$0..<min($0 + 4, data.count)]) == separator })
        else { throw Failure.malformed(String(decoding: data, as: UTF8.self)) }
        let head = String(decoding: data[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure.malformed(head[0]) }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: Array(data[(end + 4)...]))
    }
}
