import Foundation
/// Rewrites links between content files to the URLs of what they name:
/// `../family/support.md#talking` → `/family/support/#talking`.
///
/// Writers link to files because their editor can follow them; URLs are Lantern's business.
/// A link from a page in one language leads to the translation in that language of the page
/// it names (`cbt.md` from `dbt.es.md` → `/es/terapias/terapia-cognitivo-conductual/`), or,
/// when there is none, to the page itself, marked as in another language.
public struct LinkResolver: Sendable {
    private struct Target: Sendable {
        var url: String
        var language: String
        var translationKey: String
    }

    private struct Translation: Hashable, Sendable {
        var key: String
        var language: String
    }

    private let pages: [String: Target]
    private let translations: [Translation: String]
    /// The note after a link to a page in another language, by the link's page's language and
    /// then the target's (`es` → `en` → "(en inglés)").
    private let notes: [String: [String: String]]
    private let draftPaths: Set<String>
    private let unloadedPaths: Set<String>
    private let staticURLs: [String: String]
    private let urlSpace: URLSpace

    public init(pages: [Page], staticFiles: [StaticFile], draftPaths: Set<String> = [],
                unloadedPaths: Set<String> = [], urls: URLSpace = URLSpace(uglyURLs: false),
                otherLanguageNotes: [String: [String: String]] = [:]) {
        var targets: [String: Target] = [:]
        var translations: [Translation: String] = [:]
        for page in pages where !page.isGenerated {
            targets[page.sourcePath] = Target(url: page.url, language: page.language, translationKey: page.translationKey)
            translations[Translation(key: page.translationKey, language: page.language)] = page.url
        }
        self.pages = targets
        self.translations = translations
        notes = otherLanguageNotes
        self.draftPaths = draftPaths
        self.unloadedPaths = unloadedPaths
        urlSpace = urls
        staticURLs = Dictionary(staticFiles.map { ($0.sourcePath, $0.url) }, uniquingKeysWith: { a, _ in a })
    }

    /// - Parameter sourcePath: the content path of the page the link is in.
    public func resolve(_ destination: String, from sourcePath: String) -> LinkResolution {
        guard let (found, suffix, isMarkdown) = LinkResolver.target(of: destination, from: sourcePath) else {
            return .keep
        }
        guard let target = found else {
            return .broken("link '\(destination)' leads above the content folder")
        }
        if isMarkdown {
            if let found = pages[target] {
                guard let from = pages[sourcePath]?.language, found.language != from else {
                    return .rewrite(found.url + suffix)
                }
                if let url = translations[Translation(key: found.translationKey, language: from)] {
                    return .rewrite(url + suffix)
                }
                return .rewriteInOtherLanguage(found.url + suffix, language: found.language,
                    note: notes[from]?[found.language] ?? "")
            }
            if unloadedPaths.contains(target) {
                return .rewrite(urlSpace.page(sourcePath: target, slug: nil).url + suffix)
            }
            if draftPaths.contains(target) {
                return .broken("link '\(destination)' names a draft page, which is not published; "
                    + "remove 'draft: true' from it or remove the link")
            }
            return .broken("link '\(destination)' names a page that does not exist "
                + "(no file \(target) in the content folder)")
        }
        if let url = staticURLs[target] { return .rewrite(url + suffix) }
        return .broken("link '\(destination)' names a file that does not exist "
            + "(no file \(target) in the content folder); link to pages by their .md file")
    }

    /// The content file a link to a file (not a page) names, nil when it names none that exists:
    /// `../images/a.jpg` from `family/x.md` → `images/a.jpg`, and the site-rooted
    /// `/images/a.jpg` (as Hugo sites write their pictures) → `images/a.jpg` too.
    func contentFile(_ destination: String, from sourcePath: String) -> String? {
        if let (found, _, isMarkdown) = LinkResolver.target(of: destination, from: sourcePath) {
            guard !isMarkdown, let path = found, staticURLs[path] != nil else { return nil }
            return path
        }
        guard destination.hasPrefix("/"), !destination.hasPrefix("//") else { return nil }
        let rooted = destination.dropFirst().prefix { $0 != "#" && $0 != "?" }
        guard let path = PagePath.normalized(String(rooted).removingPercentEncodingIfValid), staticURLs[path] != nil
        else { return nil }
        return path
    }

    /// Where a destination leads in the content folder (nil when it climbs above it), with its
    /// `#…` or `?…` part; nil for what names no content file (`#top`, `https:`, `/search/`).
    private static func target(of destination: String, from sourcePath: String)
        -> (path: String?, suffix: String, isMarkdown: Bool)?
    {
        if destination.isEmpty || destination.hasPrefix("#") || destination.hasPrefix("//")
            || LinkResolver.hasScheme(destination)
        {
            return nil
        }
        var path = Substring(destination)
        var suffix = ""
        if let mark = destination.utf8.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) {
            suffix = String(destination[mark...])
            path = destination[..<mark]
        }
        let decoded = String(path).removingPercentEncodingIfValid
        let isMarkdown = decoded.hasSuffix(".md")
        if decoded.hasPrefix("/") && !isMarkdown {
            return nil  // a site URL such as /search/; checked against the built site later
        }
        let base = decoded.hasPrefix("/") ? "" : PagePath.folder(of: sourcePath)
        return (PagePath.normalized(base.isEmpty ? decoded : base + "/" + decoded), suffix, isMarkdown)
    }

    /// `https:`, `mailto:`, `tel:`… (a letter, then letters, digits, `+ - .`, then a colon
    /// before any slash).
    static func hasScheme(_ text: String) -> Bool {
        var sawLetter = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: ":"): return sawLetter
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                sawLetter = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"),
                UInt8(ascii: "."):
                if !sawLetter { return false }
            default: return false
            }
        }
        return false
    }
}

extension String {
    var removingPercentEncodingIfValid: String {
        utf8.contains(UInt8(ascii: "%")) ? (removingPercentEncoding ?? self) : self
    }
}
