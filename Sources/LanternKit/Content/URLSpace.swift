/// The site's URLs and the output files that hold them, both ways: the one place that knows
/// that a URL ending in `/` is a folder served by its `index.html`, and where pages go with
/// pretty URLs (`therapies/cbt.md` → `/therapies/cbt/`, `therapies/cbt/index.html`) or
/// `ugly_urls` (`/therapies/cbt.html`, a file of that name).
///
/// `languagePrefix` is the folder of a language other than the site's own (`fr` puts pages
/// and Lantern's own pages under `/fr/`); it is empty for a site in one language.
public struct URLSpace: Sendable, Equatable {
    public var uglyURLs: Bool
    public var languagePrefix: String

    public init(uglyURLs: Bool, languagePrefix: String = "") {
        self.uglyURLs = uglyURLs
        self.languagePrefix = languagePrefix
    }

    /// A URL and the output file that answers it.
    struct Place: Equatable {
        var url: String
        var outputPath: String
    }

    /// Where a content page goes. `slug` replaces the last path component, and `folders` the
    /// folders that have one (a section's slug, by folder: `therapies` → `terapias`);
    /// `_index.md` files stand for their folder in either URL style, and a bundle's
    /// `cbt/index.md` for `cbt.md`.
    func page(sourcePath: String, slug: String?, folders: [String: String] = [:]) -> Place {
        var components = sourcePath.split(separator: "/").map(String.init)
        let name = components.removeLast()
        let isIndex = name == "_index.md"
        if !folders.isEmpty {
            var folder = ""
            for i in components.indices {
                folder = folder.isEmpty ? components[i] : folder + "/" + components[i]
                if let renamed = folders[folder] { components[i] = renamed }
            }
        }
        // A bundle (`cbt/index.md`) is placed as `cbt.md` would be.
        if !isIndex && !(name == "index.md" && !components.isEmpty) {
            components.append(String(name.dropLast(3)))
        }
        if let slug, !components.isEmpty {
            components[components.count - 1] = slug
        }
        let path = components.joined(separator: "/")
        if uglyURLs && !isIndex && !components.isEmpty { return file(path + ".html") }
        return folder(path)
    }

    /// A folder of the site, served by its `index.html` (`search` → `/search/`; `""` → `/`).
    func folder(_ path: String) -> Place {
        let path = prefixed(path)
        if path.isEmpty { return Place(url: "/", outputPath: URLSpace.outputPath(ofFolder: "")) }
        return Place(url: PagePath.url(of: path) + "/", outputPath: URLSpace.outputPath(ofFolder: path))
    }

    /// A file of the site at a fixed name (`404.html` → `/404.html`).
    func file(_ path: String) -> Place {
        let path = prefixed(path)
        return Place(url: PagePath.url(of: path), outputPath: path)
    }

    /// A section's feed, in the folder its page is placed in, which a slug renames
    /// (`/therapies/` → `/therapies/feed.xml`, `/es/como-empezar/` → `/es/como-empezar/feed.xml`;
    /// the home page's, the site's feed, → `/feed.xml`). Sections are folders in either URL style.
    static func feed(ofSectionAt section: Place, _ format: Feeds.Format) -> Place {
        let folder = section.outputPath.hasSuffix("index.html") ? String(section.outputPath.dropLast("index.html".count)) : ""
        return Place(url: PagePath.url(of: folder + format.fileName), outputPath: folder + format.fileName)
    }

    /// A taxonomy's list of terms (`topics` → `/topics/`) or one term's page (`/topics/teens/`):
    /// folder URLs in either style, as Lantern's own pages have.
    func taxonomy(_ folder: String, term slug: String? = nil) -> Place {
        URLSpace(uglyURLs: false, languagePrefix: languagePrefix).folder(slug.map { folder + "/" + $0 } ?? folder)
    }

    private func prefixed(_ path: String) -> String {
        if languagePrefix.isEmpty { return path }
        return path.isEmpty ? languagePrefix : languagePrefix + "/" + path
    }

    /// Where an alias from front matter goes, or nil when it is not a path on this site
    /// (`/old/` → `old/index.html`, `/old.html` as it is). Aliases name whole URLs, so no
    /// language prefix is added.
    static func alias(_ alias: String) -> Place? {
        guard alias.hasPrefix("/"), !alias.hasPrefix("//"), !LinkResolver.hasScheme(alias) else { return nil }
        let decoded = alias.removingPercentEncodingIfValid
        let raw = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !raw.isEmpty, !raw.contains(".."), !raw.contains("."),
            !raw.contains(where: { $0.hasPrefix(".") || $0.contains("\\") }),
            let path = PagePath.normalized(decoded), !path.isEmpty
        else { return nil }
        let space = URLSpace(uglyURLs: false)
        return path.hasSuffix(".html") ? space.file(path) : space.folder(path)
    }

    /// The output file of a decoded path inside the site (no leading `/`): a path ending in
    /// `/`, or empty, is a folder (`faq/` → `faq/index.html`).
    static func outputPath(ofDecoded path: String) -> String {
        path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }

    private static func outputPath(ofFolder path: String) -> String {
        outputPath(ofDecoded: path.isEmpty ? "" : path + "/")
    }

    /// The site URL of an output file: `a/index.html` → `/a/`, `a.html` → `/a.html`.
    static func url(ofOutput path: String) -> String {
        if path == "index.html" { return "/" }
        if path.hasSuffix("/index.html") { return "/" + path.dropLast("index.html".count) }
        return "/" + path
    }

    /// The same page's file in the other URL style (`faq/index.html` ↔ `faq.html`), for
    /// telling a writer where a link written in the wrong style should lead.
    static func otherStyle(ofOutput path: String) -> String? {
        if path.hasSuffix("/index.html") { return String(path.dropLast("/index.html".count)) + ".html" }
        if path.hasSuffix(".html") { return String(path.dropLast(".html".count)) + "/index.html" }
        return nil
    }

    /// The output file a site URL names, as `lantern check` reads links: the query and fragment
    /// dropped, percent-escapes decoded (`/faq/?q=x#top` → `faq/index.html`). `lantern serve`
    /// is stricter about what it answers (`RequestPath`), and ends in `outputPath(ofDecoded:)`.
    static func outputPath(forURL url: String) -> String {
        let path = url.prefix { $0 != "#" && $0 != "?" }
        return outputPath(ofDecoded: String(path.dropFirst()).removingPercentEncodingIfValid)
    }
}

extension SiteConfig {
    /// The URL space of the pages in this configuration's language (`localized(to:)`): the
    /// default language's at `/`, another's under its prefix.
    public var urls: URLSpace { urls(for: language) }

    /// The URL space of one of the site's languages.
    public func urls(for code: String) -> URLSpace {
        URLSpace(uglyURLs: uglyURLs, languagePrefix: language(code)?.prefix ?? "")
    }
}
