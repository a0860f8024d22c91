import Foundation

/// One page file through every per-page stage, without a site folder: decoding, front matter,
/// Markdown with link resolution, template rendering and JSON-LD. Used by the fuzz target, so
/// that arbitrary bytes exercise exactly the code a real build runs.
public struct PagePipeline: Sendable {
    public static let shared = PagePipeline()

    private let site: Site
    private let config: SiteConfig
    private let templates: TemplateLibrary

    private init() {
        let config = try! SiteConfig.parse("""
            title: Fuzz
            base_url: https://fuzz.example
            clinic: {name: Clinic, phone: "1"}
            """, file: "site.yaml")
        let neighbour = try! ContentLoader.page(from: Data("---\ntitle: Other\n---\n## Part\n".utf8), path: "other.md",
            displayPath: "other.md", config: config)
        let (site, _) = Site.assemble(config: config, pages: [neighbour], staticFiles: [], draftPaths: [],
            contentDisplayRoot: "Content")
        self.site = site
        self.config = config
        templates = try! TemplateLibrary.fromTexts([
            "page": "<title>{{page.title}}</title>{{#page.toc}}{{text}}{{/page.toc}}{{{page.content}}}"
                + "<script type=\"application/ld+json\">{{{jsonLD}}}</script>{{#breadcrumbs}}{{title}}{{/breadcrumbs}}",
        ])
    }

    /// The finished HTML, or the diagnostics that stopped it.
    public func render(file data: Data, path: String = "fuzz.md") -> Result<String, BuildFailure> {
        do throws(BuildFailure) {
            var page = try ContentLoader.page(from: data, path: path, displayPath: path, config: config)
            page.frontMatter.layout = "page"
            var placed = site
            placed.pages.append(page)
            let renderer = PageRenderer(site: placed, templates: templates)
            let outcome = renderer.render(page)
            if !outcome.diagnostics.isEmpty { return .failure(BuildFailure(outcome.diagnostics)) }
            _ = Readability(blocks: outcome.blocks.map(\.text)).smogGrade
            return .success(String(decoding: outcome.html ?? [], as: UTF8.self))
        } catch {
            return .failure(error)
        }
    }
}
