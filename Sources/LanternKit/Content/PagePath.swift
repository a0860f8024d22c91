/// Path arithmetic on `/`-separated content and URL paths: percent-encoding, `..`, folders,
/// slugs. Where a page's URL and file go is `URLSpace`'s business.
enum PagePath {
    /// Why a slug cannot be used, or nil when it is fine. A slug names one path component.
    static func problem(withSlug slug: String) -> String? {
        if slug.trimmingWhitespace().isEmpty { return "the slug is empty" }
        if slug.contains("/") || slug.contains("\\") {
            return "a slug is one URL segment and cannot contain '/'; move the file to change its folder"
        }
        if slug == "." || slug == ".." || slug.hasPrefix(".") { return "a slug cannot start with '.'" }
        return nil
    }

    /// The site URL of a `/`-separated path, each component percent-encoded:
    /// `therapies/café.pdf` → `/therapies/caf%C3%A9.pdf`.
    static func url(of path: String) -> String {
        "/" + path.split(separator: "/").map { percentEncoded(String($0)) }.joined(separator: "/")
    }

    /// Percent-encodes one path component so that spaces, `#`, `?` and non-ASCII letters
    /// make valid URLs.
    static func percentEncoded(_ component: String) -> String {
        var out = ""
        for byte in component.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// Resolves `..` and `.` in a `/`-separated path; nil if it climbs above the root.
    static func normalized(_ path: String) -> String? {
        if isNormal(path.utf8) { return path.hasPrefix("/") ? String(path.dropFirst()) : path }
        var out: [UInt8] = []
        var partStarts: [Int] = []
        for part in path.utf8.split(separator: UInt8(ascii: "/")) {
            if part.elementsEqual(".".utf8) { continue }
            if part.elementsEqual("..".utf8) {
                guard let start = partStarts.popLast() else { return nil }
                out.removeSubrange(max(start - 1, 0)...)
                continue
            }
            if !out.isEmpty { out.append(UInt8(ascii: "/")) }
            partStarts.append(out.count)
            out.append(contentsOf: part)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// No `.` or `..` part, no empty part except a leading `/`, no trailing `/`: what most
    /// links are, and what `normalized` would return unchanged (but for the leading `/`).
    private static func isNormal(_ path: String.UTF8View) -> Bool {
        var partLength = 0, dots = 0, index = 0
        for byte in path {
            if byte == UInt8(ascii: "/") {
                if index > 0, partLength == 0 || partLength == dots { return false }
                partLength = 0
                dots = 0
            } else {
                partLength += 1
                if byte == UInt8(ascii: "."), dots == partLength - 1 { dots += 1 }
            }
            index += 1
        }
        return partLength > 0 && partLength != dots
    }

    /// A Markdown file's path without the language its name carries, and that language:
    /// `therapies/cbt.es.md` → (`therapies/cbt.md`, `es`); `faq.md` → (`faq.md`, nil). Any
    /// last part of the name that is written like a language code counts (`SiteLanguage.isCode`).
    static func splitLanguage(ofMarkdown path: String) -> (path: String, language: String?) {
        guard path.hasSuffix(".md") else { return (path, nil) }
        let stem = path.dropLast(3)
        let nameStart = stem.lastIndex(of: "/").map { stem.index(after: $0) } ?? stem.startIndex
        guard let dot = stem[nameStart...].lastIndex(of: "."), dot > nameStart else { return (path, nil) }
        let code = stem[stem.index(after: dot)...]
        guard SiteLanguage.isCode(code) else { return (path, nil) }
        return (String(stem[..<dot]) + ".md", String(code))
    }

    /// A Markdown file's path in another language: `therapies/cbt.md` → `therapies/cbt.es.md`.
    static func path(_ pathInLanguage: String, inLanguage code: String, isDefault: Bool) -> String {
        isDefault ? pathInLanguage : String(pathInLanguage.dropLast(3)) + "." + code + ".md"
    }

    /// Whether a page is a bundle, `therapies/cbt/index.md`: the page `therapies/cbt.md` would
    /// be, in a folder of its own with its pictures beside it.
    static func isBundle(_ sourcePath: String) -> Bool {
        sourcePath.hasSuffix("/index.md")
    }

    /// The section folder a regular page belongs to: `therapies` for `therapies/cbt.md` and
    /// for the bundle `therapies/cbt/index.md`.
    static func section(ofPage sourcePath: String) -> String {
        let folder = folder(of: sourcePath)
        return isBundle(sourcePath) ? self.folder(of: folder) : folder
    }

    /// The folder part of a source path: `therapies` for `therapies/cbt.md`.
    static func folder(of sourcePath: String) -> String {
        guard let slash = sourcePath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(sourcePath[..<slash])
    }
}
