import Foundation

/// A link checker over a built site's files, as a visitor's browser would follow them: every
/// `href`, `src` and `action` of every HTML page that points inside the site must name a file
/// that exists (a URL ending in `/` names the folder's `index.html`).
enum BuiltSiteLinks {
    /// `page → target` for every local link that leads nowhere.
    static func broken(in folder: String) -> [String] {
        let files = Set(TemporarySite.snapshot(of: folder).keys)
        let pattern = try! NSRegularExpression(pattern: "(?:href|src|action)=\"([^\"]*)\"")
        var broken: [String] = []
        for page in files.sorted() where page.hasSuffix(".html") {
            let html = String(decoding: FileManager.default.contents(atPath: folder + "/" + page)!, as: UTF8.self)
            let range = NSRange(html.startIndex..., in: html)
            for match in pattern.matches(in: html, range: range) {
                let link = String(html[Range(match.range(at: 1), in: html)!])
                    .replacingOccurrences(of: "&amp;", with: "&")
                guard let target = localTarget(link, from: page) else { continue }
                if !files.contains(target) { broken.append("\(page) → \(link)") }
            }
        }
        return broken
    }

    /// Every local link of the site's pages, for a test that must see some.
    static func localLinkCount(in folder: String) -> Int {
        let pattern = try! NSRegularExpression(pattern: "(?:href|src|action)=\"/[^/\"]")
        return TemporarySite.snapshot(of: folder).filter { $0.key.hasSuffix(".html") }.values.reduce(0) {
            let html = String(decoding: $1, as: UTF8.self)
            return $0 + pattern.numberOfMatches(in: html, range: NSRange(html.startIndex..., in: html))
        }
    }

    /// The output file a link names, nil for a link that leaves the site or stays on the page.
    private static func localTarget(_ link: String, from page: String) -> String? {
        if link.isEmpty || link.hasPrefix("#") || link.hasPrefix("//") || link.contains(":") { return nil }
        var path = link
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
        path = path.removingPercentEncoding ?? path
        if !path.hasPrefix("/") {
            let folder = (page as NSString).deletingLastPathComponent
            path = "/" + (folder.isEmpty ? "" : folder + "/") + path
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        let joined = parts.joined(separator: "/")
        return path.hasSuffix("/") ? (joined.isEmpty ? "" : joined + "/") + "index.html" : joined
    }
}
