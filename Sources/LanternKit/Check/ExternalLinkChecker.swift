import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Checks links to other sites over the network (`lantern check --external`, never by default),
/// with a timeout per link and a cache so that repeated runs do not ask again for a week.
public struct ExternalLinkChecker: Sendable {
    public var timeout: TimeInterval = 10
    public var cachePath: String
    public var cacheDays = 7
    public var maximumConcurrent = 8

    public init(cachePath: String = ".lantern-cache/external-links.json") {
        self.cachePath = cachePath
    }

    struct CacheEntry: Codable {
        var status: Int
        var checked: String
    }

    /// Warnings for links that answer with an error status or not at all.
    public func check(_ outcomes: [PageOutcome], today: SiteDate = .today) async -> [Diagnostic] {
        var uses: [String: [(Page, LinkReference)]] = [:]
        for outcome in outcomes {
            for link in outcome.links where !link.isImage {
                let lower = link.resolved.lowercased()
                if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
                    uses[link.resolved, default: []].append((outcome.page, link))
                }
            }
        }
        var cache = loadCache()
        let fresh = cache.filter { isFresh($0.value.checked, today: today) }
        let toAsk = uses.keys.filter { fresh[$0] == nil }.sorted()
        let answers = await withTaskGroup(of: (String, Int).self) { group in
            var results: [String: Int] = [:]
            var iterator = toAsk.makeIterator()
            for _ in 0..<maximumConcurrent {
                guard let url = iterator.next() else { break }
                group.addTask { (url, await httpStatus(of: url)) }
            }
            while let (url, status) = await group.next() {
                results[url] = status
                if let next = iterator.next() { group.addTask { (next, await httpStatus(of: next)) } }
            }
            return results
        }
        for (url, status) in answers { cache[url] = CacheEntry(status: status, checked: today.iso) }
        saveCache(cache)
        var found: [Diagnostic] = []
        for (url, places) in uses {
            guard let status = cache[url]?.status, !(200..<400).contains(status) else { continue }
            let problem = status == 0 ? "did not answer within \(Int(timeout)) s" : "answered \(status)"
            for (page, link) in places {
                found.append(Diagnostic(.warning, page.location(line: link.line, column: link.column),
                    "external link \(url) \(problem)", rule: "external-link"))
            }
        }
        return found
    }

    /// The HTTP status of a URL (HEAD, then GET where HEAD is refused); 0 when unreachable.
    func httpStatus(of url: String) async -> Int {
        guard let target = URL(string: url) else { return 0 }
        for method in ["HEAD", "GET"] {
            var request = URLRequest(url: target, timeoutInterval: timeout)
            request.httpMethod = method
            request.setValue("Lantern link checker", forHTTPHeaderField: "User-Agent")
            guard let (_, response) = try? await URLSession.shared.data(for: request),
                let http = response as? HTTPURLResponse
            else { return 0 }
            if method == "HEAD", http.statusCode == 405 || http.statusCode == 403 { continue }
            return http.statusCode
        }
        return 0
    }

    private func isFresh(_ checked: String, today: SiteDate) -> Bool {
        guard let date = SiteDate(checked) else { return false }
        return today.dayNumber - date.dayNumber < cacheDays
    }

    private func loadCache() -> [String: CacheEntry] {
        guard let data = FileManager.default.contents(atPath: cachePath),
            let cache = try? JSONDecoder().decode([String: CacheEntry].self, from: data)
        else { return [:] }
        return cache
    }

    private func saveCache(_ cache: [String: CacheEntry]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(cache) else { return }
        try? FileManager.default.createDirectory(
            atPath: (cachePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: cachePath))
    }
}

extension SiteDate {
    /// Days since 0000-03-01 (a proleptic Gregorian count), for differences between dates.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 12 : month
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + day - 1
    }
}
