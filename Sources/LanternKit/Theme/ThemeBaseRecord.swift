import Foundation

/// `Templates/.theme-base.json`: for each file `lantern theme eject` copied out of the built-in
/// theme, a hash of the built-in file it was copied from. When a later Lantern's built-in file
/// differs, the site's copy was made from an older base, and `lantern check` says so, so that
/// the clinic knows what to merge; `lantern theme mark-merged` records the new base.
public struct ThemeBaseRecord: Sendable, Equatable {
    public static let fileName = ".theme-base.json"
    /// Path inside the theme → hash of the built-in file the site's file was made from.
    public var files: [String: String] = [:]

    public init() {}

    /// The record in `folder`, empty when there is none (or it cannot be read).
    public static func load(from folder: String) -> ThemeBaseRecord {
        var record = ThemeBaseRecord()
        guard let data = FileManager.default.contents(atPath: folder + "/" + fileName),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let files = object["files"] as? [String: String]
        else { return record }
        record.files = files
        return record
    }

    func save(to folder: String) throws(ScaffoldError) {
        let object: [String: Any] = [
            "comment": "Written by lantern theme eject and mark-merged: the built-in theme file each file "
                + "here was made from. lantern check warns when Lantern's theme has changed one since.",
            "files": files,
        ]
        let path = folder + "/" + ThemeBaseRecord.fileName
        do {
            let data = try JSONSerialization.data(withJSONObject: object,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ScaffoldError("cannot write \(path) (\(error.localizedDescription))")
        }
    }

    /// A fingerprint of a file's bytes (FNV-1a, 64 bits): it tells versions apart, nothing more.
    public static func hash(_ bytes: [UInt8]) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        return "fnv1a64:" + String(value, radix: 16).leftPadded(to: 16)
    }

    /// A warning for each file of the site's folder made from a built-in file that has changed
    /// since (rule `theme-base`).
    public static func staleOverrides(in folder: String, displayRoot: String) -> [Diagnostic] {
        let record = load(from: folder)
        return record.files.sorted(by: { $0.key < $1.key }).compactMap { path, hash in
            guard FileManager.default.fileExists(atPath: folder + "/" + path),
                let builtIn = BuiltInTheme.bytes(of: path), ThemeBaseRecord.hash(builtIn) != hash
            else { return nil }
            return Diagnostic(.warning, SourceLocation(file: displayRoot + "/" + path, line: 1),
                "made from an older built-in \(path): this Lantern's theme has changed it since. See what "
                    + "changed with 'lantern theme diff \(path)', merge what you need, then run "
                    + "'lantern theme mark-merged \(path)'", rule: "theme-base")
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
