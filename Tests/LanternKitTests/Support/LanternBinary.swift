import Foundation

/// The real `lantern` binary, run as a writer would run it (`swift test` builds it next to
/// the test bundle). Output is collected while the process runs, so a test can wait for a
/// line from a server that keeps running.
final class LanternBinary: @unchecked Sendable {
    static let path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("lantern").path

    let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private var readers: [FileHandle] = []

    /// - Parameter prefix: a command to run it under (`setpriv …` to drop root's rights).
    /// - Parameter environment: variables to set besides the test's own.
    init(_ arguments: [String], in folder: String, prefix: [String] = [],
         environment: [String: String] = [:]) throws {
        let command = prefix + [LanternBinary.path] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.out.append(data) }
        }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.err.append(data) }
        }
        try process.run()
        readers = [outPipe.fileHandleForReading, errPipe.fileHandleForReading]
        // The child has its own copies; with ours open the pipes would never end.
        try? outPipe.fileHandleForWriting.close()
        try? errPipe.fileHandleForWriting.close()
    }

    var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Waits (off the Swift concurrency threads) until standard output contains `text`.
    func waitForOutput(_ text: String, seconds: Double = 20) async -> Bool {
        await waitFor(text, in: \.stdout, seconds: seconds)
    }

    /// Waits until standard error contains `text`.
    func waitForError(_ text: String, seconds: Double = 20) async -> Bool {
        await waitFor(text, in: \.stderr, seconds: seconds)
    }

    private func waitFor(_ text: String, in stream: KeyPath<LanternBinary, String>, seconds: Double) async -> Bool {
        let deadline = Date() + seconds
        while Date() < deadline {
            if self[keyPath: stream].contains(text) { return true }
            if !process.isRunning { return self[keyPath: stream].contains(text) }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return false
    }

    /// Waits for the process to end; nil if it is still running after `seconds`.
    func waitForExit(seconds: Double = 20) async -> Int32? {
        let deadline = Date() + seconds
        while process.isRunning {
            if Date() > deadline { return nil }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        // Let the pipes drain, then close them: a suite runs hundreds of processes.
        try? await Task.sleep(nanoseconds: 50_000_000)
        for reader in readers {
            reader.readabilityHandler = nil
            try? reader.close()
        }
        readers = []
        return process.terminationStatus
    }

    /// Runs to the end; a run longer than `seconds` is stopped and its status is nil, so a hang
    /// fails the test instead of stalling the suite.
    static func run(
        _ arguments: [String], in folder: String, prefix: [String] = [], environment: [String: String] = [:],
        seconds: Double = 20
    ) async throws -> (status: Int32?, stdout: String, stderr: String) {
        let binary = try LanternBinary(arguments, in: folder, prefix: prefix, environment: environment)
        let status = await binary.waitForExit(seconds: seconds)
        if status == nil { binary.process.terminate() }
        return (status, binary.stdout, binary.stderr)
    }
}
