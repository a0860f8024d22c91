import Foundation

/// `lantern new page`: a Markdown file with its front matter filled in, ready to write.
public enum NewPage {
    /// Writes `<content>/<path>.md` and returns the path written (as `contentFolder/…`).
    ///
    /// - Parameters:
    ///   - path: inside the content folder, with or without `.md`: `therapies/emdr`.
    ///   - title: the page's title; by default made from the file name (`emdr` → `Emdr`).
    ///   - contentFolder: the site's content folder, which must exist.
    ///   - language: a language other than the site's default (`es`): the page is that
    ///     language's translation of the page at `path` (`therapies/emdr.es.md`).
    ///   - today: the date written as `date` and `last_reviewed`.
    /// - Throws: for a path that leaves the content folder or names a hidden file, an existing
    ///   file (never overwritten), or a content folder that does not exist.
    public static func create(
        _ path: String, title: String?, contentFolder: String, language: String? = nil, today: Date = Date()
    ) throws(ScaffoldError) -> String {
        var contentFolder = contentFolder
        while contentFolder.count > 1 && contentFolder.hasSuffix("/") { contentFolder.removeLast() }
        var segments = try pageSegments(path)
        if let language {
            guard SiteLanguage.isCode(language) else {
                throw ScaffoldError("'\(language)' is not a language code; write it in lower case, like es or pt-BR")
            }
            let file = segments.removeLast()
            segments.append(PagePath.path(String(file), inLanguage: language, isDefault: false))
        }
        let relative = segments.joined(separator: "/")
        let display = contentFolder + "/" + relative
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentFolder, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw ScaffoldError("there is no content folder at \(contentFolder); run this in your site's folder, "
                + "or pass --content")
        }
        try checkStaysInside(contentFolder, segments: segments.dropLast(), display: display)
        let name = PagePath.splitLanguage(ofMarkdown: segments.last!).path.dropLast(".md".count)
        let text = pageText(title: title ?? Site.humanized(String(name)), date: isoDay(today), language: language)
        try FileWriting.createNew(contentFolder + "/" + relative, text: text, display: display,
            existsMessage: "\(display) already exists; lantern new never overwrites a page. "
                + "Edit that file, or choose another path")
        return display
    }

    /// The front matter and placeholder body of a new page, in Spanish for a Spanish one.
    static func pageText(title: String, date: String, language: String? = nil) -> String {
        if language?.hasPrefix("es") == true {
            return """
                ---
                title: \(YAMLText.scalar(title))
                description: "TODO: una frase sencilla sobre esta página, para la búsqueda y las listas"
                date: \(date)
                last_reviewed: \(date)
                ---

                Empiece por lo que el lector más necesita saber, con palabras sencillas.

                ## Un primer título

                Escriba la página aquí. Enlace a otras páginas por su archivo Markdown, como \
                [la página principal](/_index.md): el enlace lleva a la página en español.

                """
        }
        return """
        ---
        title: \(YAMLText.scalar(title))
        description: "TODO: one plain sentence about this page, for search results and section lists"
        date: \(date)
        last_reviewed: \(date)
        ---

        Start with what the reader most needs to know, in plain words.

        ## A first heading

        Write the page here. Link to other pages by their Markdown file, like [the home page](/_index.md).

        """
    }

    /// `therapies/emdr` → `["therapies", "emdr.md"]`; refuses anything that is not a plain
    /// path inside the content folder.
    static func pageSegments(_ path: String) throws(ScaffoldError) -> [String] {
        let shown = "'\(path)'"
        if path.hasPrefix("/") || path.hasPrefix("~") {
            throw ScaffoldError("\(shown) is not inside the content folder; give the page's path inside it, "
                + "like therapies/emdr")
        }
        if path.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.generalCategory == .control }) {
            throw ScaffoldError("\(shown) has a backslash or a control character; use / between folders")
        }
        if path.hasSuffix("/") {
            throw ScaffoldError("\(shown) ends with '/'; give the new page's file name, like therapies/emdr")
        }
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard var last = segments.last else {
            throw ScaffoldError("give the new page's path inside the content folder, like therapies/emdr")
        }
        for segment in segments {
            if segment == ".." || segment == "." {
                throw ScaffoldError("\(shown) leaves the content folder; give the page's path inside it, "
                    + "like therapies/emdr")
            }
            if segment.hasPrefix(".") {
                throw ScaffoldError("\(shown) names a hidden file or folder, which the build ignores")
            }
        }
        if !last.hasSuffix(".md") { last += ".md" }
        if last == ".md" { throw ScaffoldError("\(shown) has no file name") }
        segments[segments.count - 1] = last
        return segments
    }

    /// The folders that already exist on the way must not lead outside the content folder
    /// through a symbolic link.
    private static func checkStaysInside(
        _ contentFolder: String, segments: ArraySlice<String>, display: String
    ) throws(ScaffoldError) {
        guard let root = realPath(contentFolder) else { return }
        var folder = contentFolder
        for segment in segments {
            folder += "/" + segment
            guard let real = realPath(folder) else { return }  // does not exist yet: created inside
            if real != root && !real.hasPrefix(root + "/") {
                throw ScaffoldError("\(display) would be written outside the content folder, through the "
                    + "symbolic link \(folder); choose another path")
            }
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Writing new files without ever replacing one.
enum FileWriting {
    /// Creates the file and its folders; fails if the file exists, even if it appears between
    /// the check and the write (`O_EXCL`).
    static func createNew(_ path: String, text: String, display: String, existsMessage: String)
        throws(ScaffoldError)
    {
        try createNew(path, bytes: Array(text.utf8), display: display, existsMessage: existsMessage)
    }

    static func createNew(_ path: String, bytes: [UInt8], display: String, existsMessage: String)
        throws(ScaffoldError)
    {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ScaffoldError("cannot create the folder for \(display) (\(reason(errno)))")
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw ScaffoldError(existsMessage) }
            throw ScaffoldError("cannot create \(display) (\(reason(errno)))")
        }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard n > 0 else { throw ScaffoldError("cannot write \(display) (\(reason(errno)))") }
            written += n
        }
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// Text for a YAML value.
enum YAMLText {
    /// Plain when that reads back as the same text, else double-quoted.
    static func scalar(_ text: String) -> String {
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"]
        let plain = text.unicodeScalars.first.map { $0.properties.isAlphabetic } == true
            && text.unicodeScalars.allSatisfy {
                $0.properties.isAlphabetic || $0.properties.numericType != nil
                    || " ,.()'?!/-".unicodeScalars.contains($0)
            }
            && !text.hasSuffix(" ") && !reserved.contains(text.lowercased())
        if plain { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.properties.generalCategory == .control {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// `YYYY-MM-DD` of a moment, in the writer's time zone: the day they see on their calendar.
func isoDay(_ date: Date) -> String {
    let day = Calendar.current.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", day.year ?? 1970, day.month ?? 1, day.day ?? 1)
}
