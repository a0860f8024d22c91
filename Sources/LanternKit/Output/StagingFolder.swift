import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fresh folder beside the output that the build writes into. Only when everything
/// succeeded does it replace the output, so a failed build leaves the previous site exactly
/// as it was, and no stale file from an earlier build survives.
final class StagingFolder: OutputSink {
    let output: String
    let path: String
    /// The output folder as messages name it.
    let outputDisplay: String

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

    init(for output: String, outputDisplay: String) throws(BuildFailure) {
        let out = StagingFolder.absolute(output)
        self.output = out
        self.outputDisplay = outputDisplay
        let parent = (out as NSString).deletingLastPathComponent
        let name = (out as NSString).lastPathComponent
        path = parent + "/." + name + ".building-\(getpid())"
        let fm = FileManager.default
        FolderRemoval.remove(path)
        do {
            try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw BuildFailure(.error(SourceLocation(file: outputDisplay),
                "cannot create a folder beside the output (\(StagingFolder.reason(error))); "
                    + "check that its parent folder exists and is writable"))
        }
    }

    /// Writes one file, creating its folders. Safe to call from several threads.
    func write(_ bytes: [UInt8], to relativePath: String) throws(BuildFailure) {
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

    /// Puts the staged site in place of the output: rename the old one aside, rename the new
    /// one in, then delete the old.
    func commit(outputDisplay: String) throws(BuildFailure) {
        let fm = FileManager.default
        let aside = path + ".previous"
        var hadOutput = false
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: output, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                discard()
                throw BuildFailure(.error(SourceLocation(file: outputDisplay),
                    "the output path is a file, not a folder; remove it or choose another --output"))
            }
            guard rename(output, aside) == 0 else {
                let message = String(cString: strerror(errno))
                discard()
                throw BuildFailure(.error(SourceLocation(file: outputDisplay),
                    "cannot replace the output folder (\(message))"))
            }
            hadOutput = true
        }
        guard rename(path, output) == 0 else {
            let message = String(cString: strerror(errno))
            if hadOutput { _ = rename(aside, output) }
            discard()
            throw BuildFailure(.error(SourceLocation(file: outputDisplay),
                "cannot move the new site into place (\(message))"))
        }
        if hadOutput { FolderRemoval.remove(aside) }
    }

    /// Deletes the staged files; the output is untouched.
    func discard() {
        FolderRemoval.remove(path)
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
