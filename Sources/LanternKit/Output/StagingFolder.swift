import Foundation

/// A fresh folder beside the output that the build writes into. Only when everything
/// succeeded does it replace the output, so a failed build leaves the previous site exactly
/// as it was, and no stale file from an earlier build survives.
final class StagingFolder: OutputSink {
    let output: String
    let path: String

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
        let parent = (out as NSString).deletingLastPathComponent
        let name = (out as NSString).lastPathComponent
        path = parent + "/." + name + ".building-\(getpid())"
        let fm = FileManager.default
        try? fm.removeItem(atPath: path)
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
        let folder = (target as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: target))
        } catch {
            throw BuildFailure(.error(SourceLocation(file: relativePath),
                "cannot write the output file (\(StagingFolder.reason(error)))"))
        }
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
        if hadOutput { try? fm.removeItem(atPath: aside) }
    }

    /// Deletes the staged files; the output is untouched.
    func discard() {
        try? FileManager.default.removeItem(atPath: path)
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
