import Foundation
import Testing
@testable import LanternKit

/// The order lists show pages in: weight first, then the title as a reader looks it up
/// (case, accents and a leading "¿" aside), then the URL. Section lists, term pages and a
/// page's previous and next links agree on it.
@Suite struct ListOrderTests {
    static let files: [String: String] = [
        "Content/guia/_index.md": "---\ntitle: Guía\n---\n",
        "Content/guia/zona.md": "---\ntitle: Zona de calma\ntags: [familia]\n---\nZ.\n",
        "Content/guia/que-es.md": "---\ntitle: ¿Qué es un IOP?\ntags: [familia]\n---\nQ.\n",
        "Content/guia/etica.md": "---\ntitle: Ética del cuidado\ntags: [familia]\n---\nE.\n",
        "Content/guia/ayuda.md": "---\ntitle: ayuda para padres\ntags: [familia]\n---\nA.\n",
        "Content/guia/primero.md": "---\ntitle: Zzz primero\nweight: 1\ntags: [familia]\n---\nP.\n",
        "Content/guia/mismo-b.md": "---\ntitle: Mismo título\n---\nB.\n",
        "Content/guia/mismo-a.md": "---\ntitle: Mismo título\n---\nA.\n",
    ]

    @Test func listsSortTitlesAsReadersLookThemUp() throws {
        let site = try TemporarySite(ListOrderTests.files)
        defer { site.remove() }
        try site.build()
        func urls(_ html: String, under prefix: String) -> [String] {
            html.components(separatedBy: "<a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                .filter { $0.hasPrefix(prefix) && $0 != prefix }
        }
        let section = try #require(site.output("guia/index.html"))
        #expect(urls(section, under: "/guia/") == ["/guia/primero/", "/guia/ayuda/", "/guia/etica/",
            "/guia/mismo-a/", "/guia/mismo-b/", "/guia/que-es/", "/guia/zona/"])
        // A term page lists by title alone: its pages' weights order their sections.
        let term = try #require(site.output("tags/familia/index.html"))
        let listed = urls(term, under: "/guia/").reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        #expect(listed == ["/guia/ayuda/", "/guia/etica/", "/guia/que-es/", "/guia/zona/", "/guia/primero/"])
        let loaded = try Builder.loadSite(site.options)
        let page = try #require(loaded.pages.first { $0.url == "/guia/que-es/" })
        let (previous, next) = loaded.neighbours(of: page)
        #expect(previous?.url == "/guia/mismo-b/")
        #expect(next?.url == "/guia/zona/")
    }
}
