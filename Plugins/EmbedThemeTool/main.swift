import Foundation

// Usage: embed-theme THEME_FOLDER OUTPUT.swift
// Writes a Swift file declaring `DefaultTheme.files`: every file of the folder (hidden ones
// excepted), by path, base64-encoded.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: embed-theme THEME_FOLDER OUTPUT.swift\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: arguments[1]).standardizedFileURL
func walk(_ url: URL, _ relative: String, into entries: inout [(String, String)]) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    for name in names where !name.hasPrefix(".") {
        let child = url.appendingPathComponent(name)
        let path = relative.isEmpty ? name : relative + "/" + name
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory)
        if isDirectory.boolValue {
            try walk(child, path, into: &entries)
        } else {
            entries.append((path, try Data(contentsOf: child).base64EncodedString()))
        }
    }
}
var entries: [(String, String)] = []
do {
    try walk(folder, "", into: &entries)
} catch {
    FileHandle.standardError.write(Data("embed-theme: cannot read \(folder.path): \(error)\n".utf8))
    exit(1)
}
var source = """
    // Generated at build time by the embed-theme tool from the package's Templates/ folder.
    // Do not edit; it is not in the repository.

    enum DefaultTheme {
        /// Every file of the default theme: path inside the theme folder → base64 of its bytes.
        static let encodedFiles: [(path: String, base64: String)] = [

    """
for (path, base64) in entries {
    let escapedPath = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    source += "        (\"\(escapedPath)\", \"\(base64)\"),\n"
}
source += "    ]\n}\n"
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: arguments[2]), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("embed-theme: cannot write \(arguments[2]): \(error)\n".utf8))
    exit(1)
}
