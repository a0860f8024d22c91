import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fresh folder beside the output that the build writes into. Only when everything
/// succeeded does it replace the output, so a failed build leaves the previous site exactly
/// as it was, and no stale file from an earlier build survives.
///
/// While it exists the build holds the output's lock (`OutputLock`), so no other build of
/// the same output runs meanwhile, and any other staging folder beside the output is the
/// leftover of a killed build, deleted before this one starts. The swap exchanges the two
/// folders in one step where the system can, so the output is never missing.
final class StagingFolder: OutputSink, @unchecked Sendable {
    let output: String
    let path: String
    /// The output folder as messages name it.
    let outputDisplay: String
    private let lock: OutputLock
    /// Guards `phase` and `writesInFlight`: `abandon` waits until no file is being written.
    private let state = NSCondition()
    private var phase = Phase.writing
    private var writesInFlight = 0

    private enum Phase { case writing, swapped, abandoned }

    /// Refuses an output folder that is, or contains, or lies inside a source folder.
    static func checkPlacement(output: String, sources: [(path: String, display: String)],
                               outputDisplay: String) throws(BuildFailure) {
        let out = absolute(output)
        for source in sources {
            let src = absolute(source.path)
            if out == src || src.hasPrefix(out + "/") {
                throw BuildFailure(.error(SourceLocation(file: outputDisplay),
                    "the output folder contains \(source.display); building would delete your sources. "
                        + "Choose another --output"))
            }
            if out.hasPrefix(src + "/") {
                throw BuildFailure(.error(SourceLocation(file: outputDisplay),
                    "the output folder is inside \(source.display); choose an --output outside it"))
            }
        }
    }

    /// Takes the output's lock (waiting while another build holds it; `whenWaiting` is told
    /// that build's process id first), clears what killed builds left, and makes the folder.
    init(for output: String, outputDisplay: String, whenWaiting: (_ holder: Int32?) -> Void)
        throws(BuildFailure)
    {
        let out = StagingFolder.absolute(output)
        self.output = out
        self.outputDisplay = outputDisplay
        let parent = (out as NSString).deletingLastPathComponent
        let name = (out as NSString).lastPathComponent
        path = parent + "/." + name + ".building-\(getpid())"
        lock = OutputLock(beside: out)
        StagingFolder.running.add(self)
        // As for the output itself, missing parent folders are made.
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        do {
            try lock.acquire(whenWaiting: whenWaiting)
        } catch {
            finish()
            throw BuildFailure(.error(SourceLocation(file: outputDisplay),
                "cannot create a file beside the output (\(error.reason)); "
                    + "check that its parent folder exists and is writable"))
        }
        TestHooks.pause(at: .locked)
        clearLeftovers()
        do {
            try createFolder()
        } catch {
            finish()
            throw error
        }
        TestHooks.pause(at: .staged)
    }

    /// Makes the folder unless the build was abandoned meanwhile (then `abandon` would miss it).
    private func createFolder() throws(BuildFailure) {
        state.lock()
        defer { state.unlock() }
        guard phase == .writing else { throw interruption }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw BuildFailure(.error(SourceLocation(file: outputDisplay),
                "cannot create a folder beside the output (\(StagingFolder.reason(error))); "
                    + "check that its parent folder exists and is writable"))
        }
    }

    /// Every `.NAME.building-*` beside the output is what a killed build left, since this build
    /// holds the lock. A `.NAME.building-*.previous` while the output is missing is the whole
    /// old site of a build killed between its two renames (see `swapIn`): it is put back first.
    private func clearLeftovers() {
        let parent = (output as NSString).deletingLastPathComponent
        let prefix = "." + (output as NSString).lastPathComponent + ".building-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        let leftovers = names.filter { $0.hasPrefix(prefix) }.sorted()
        var status = stat()
        func outputIsMissing() -> Bool { lstat(output, &status) != 0 && errno == ENOENT }
        if outputIsMissing(), let aside = leftovers.first(where: { $0.hasSuffix(".previous") }) {
            _ = rename(parent + "/" + aside, output)
        }
        // Should putting it back have failed, the old site stays where it is.
        let keepAside = outputIsMissing()
        for name in leftovers where !(keepAside && name.hasSuffix(".previous")) {
            FolderRemoval.remove(parent + "/" + name)
        }
    }

    /// Writes one file, creating its folders. Safe to call from several threads.
    func write(_ bytes: [UInt8], to relativePath: String) throws(BuildFailure) {
        try beginWrite()
        defer { endWrite() }
        let target = path + "/" + relativePath
        var descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            let folder = (target as NSString).deletingLastPathComponent
            // Most pages sit in a folder of their own whose parent exists already: one mkdir.
            if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw writeFailure(relativePath, errno) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw writeFailure(relativePath, errno)
            }
            offset += written
        }
    }

    private func writeFailure(_ relativePath: String, _ code: Int32) -> BuildFailure {
        let reason = String(cString: strerror(code))
        let advice = code == ENOSPC || code == EDQUOT ? "; free some disk space and build again"
            : code == EACCES || code == EROFS ? "; check that the output's folder is writable" : ""
        return BuildFailure(.error(SourceLocation(file: outputDisplay + "/" + relativePath),
            "cannot write this output file (\(reason))\(advice); the previous site was left as it was"))
    }

    func copy(from source: String, to relativePath: String) throws(BuildFailure) {
        try beginWrite()
        defer { endWrite() }
        let target = path + "/" + relativePath
        do {
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: source, toPath: target)
        } catch {
            throw BuildFailure(.error(SourceLocation(file: source),
                "cannot copy this file into the output (\(StagingFolder.reason(error)))"))
        }
    }

    /// Puts the file at `source` (the output's own, from the last build) in the new site
    /// without copying its bytes: a second name for it, or a copy where the file system has no
    /// hard links.
    /// Returns false when it copied.
    @discardableResult
    func link(from source: String, to relativePath: String) throws(BuildFailure) -> Bool {
        try beginWrite()
        defer { endWrite() }
        let target = path + "/" + relativePath
        var result = Glibc.link(source, target)
        if result != 0 && errno == ENOENT {
            try? FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            result = Glibc.link(source, target)
        }
        guard result != 0 else { return true }
        do {
            try FileManager.default.copyItem(atPath: source, toPath: target)
        } catch {
            throw BuildFailure(.error(SourceLocation(file: outputDisplay + "/" + relativePath),
                "cannot keep this file of the last build (\(StagingFolder.reason(error)))"))
        }
        return false
    }

    /// Deletes everything written so far and starts again with an empty folder, the lock kept.
    func clear() throws(BuildFailure) {
        FolderRemoval.remove(path)
        try createFolder()
    }

    private func beginWrite() throws(BuildFailure) {
        state.lock()
        defer { state.unlock() }
        guard phase == .writing else { throw interruption }
        writesInFlight += 1
    }

    private func endWrite() {
        state.lock()
        writesInFlight -= 1
        if writesInFlight == 0 { state.broadcast() }
        state.unlock()
    }

    private var interruption: BuildFailure {
        BuildFailure(.error(SourceLocation(file: outputDisplay),
            "the build was interrupted; the previous site was left as it was"))
    }

    /// Puts the staged site in place of the output, then deletes the old one.
    func commit() throws(BuildFailure) {
        TestHooks.pause(at: .beforeSwap)
        state.lock()
        while writesInFlight > 0 { state.wait() }
        let swapped: Result<Void, BuildFailure> = phase == .writing ? swapIn() : .failure(interruption)
        if case .success = swapped { phase = .swapped }
        state.unlock()
        if case .failure(let failure) = swapped {
            discard()
            throw failure
        }
        TestHooks.pause(at: .afterSwap)
        FolderRemoval.remove(path)  // The old site, now under the staging folder's name.
        finish()
    }

    /// Exchanges the two folders in one step; where the system refuses, moves the old site
    /// aside and the new one in. Only the first build of an output (nothing there yet) is a
    /// plain rename.
    private func swapIn() -> Result<Void, BuildFailure> {
        func failure(_ text: String) -> Result<Void, BuildFailure> {
            .failure(BuildFailure(.error(SourceLocation(file: outputDisplay),
                text + " (\(String(cString: strerror(errno))))")))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) else {
            return rename(path, output) == 0 ? .success(()) : failure("cannot move the new site into place")
        }
        guard isDirectory.boolValue else {
            return .failure(BuildFailure(.error(SourceLocation(file: outputDisplay),
                "the output path is a file, not a folder; remove it or choose another --output")))
        }
        if FolderSwap.exchange(path, output) == 0 { return .success(()) }
        let aside = path + ".previous"
        guard rename(output, aside) == 0 else { return failure("cannot replace the output folder") }
        TestHooks.pause(at: .betweenRenames)
        guard rename(path, output) == 0 else {
            let result = failure("cannot move the new site into place")
            _ = rename(aside, output)
            return result
        }
        // Under the staging folder's name for deleting, so that a `.previous` folder is always
        // a whole site.
        _ = rename(aside, path)
        return .success(())
    }

    /// Deletes the staged files; the output is untouched.
    func discard() {
        FolderRemoval.remove(path)
        finish()
    }

    /// Stops the build for good, from another thread: waits for the files being written,
    /// refuses any further write (and the swap, if it has not begun), deletes the staging
    /// folder and lets go of the lock.
    private func abandon() {
        state.lock()
        if phase == .writing { phase = .abandoned }
        while writesInFlight > 0 { state.wait() }
        state.unlock()
        FolderRemoval.remove(path)
        finish()
    }

    private func finish() {
        lock.release()
        StagingFolder.running.remove(self)
    }

    /// Abandons every build this process is running (`Builder.abandonRunningBuilds`).
    static func abandonAll() {
        for folder in running.all { folder.abandon() }
    }

    private static let running = RunningFolders()

    private final class RunningFolders: @unchecked Sendable {
        private let lock = NSLock()
        private var folders: [ObjectIdentifier: StagingFolder] = [:]

        func add(_ folder: StagingFolder) { lock.withLock { folders[ObjectIdentifier(folder)] = folder } }
        func remove(_ folder: StagingFolder) { lock.withLock { folders[ObjectIdentifier(folder)] = nil } }
        var all: [StagingFolder] { lock.withLock { Array(folders.values) } }
    }

    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (URL(fileURLWithPath: full).standardizedFileURL.path as NSString).resolvingSymlinksInPath
    }

    static func reason(_ error: Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }
}
