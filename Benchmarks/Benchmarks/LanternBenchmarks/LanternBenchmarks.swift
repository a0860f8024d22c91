import Benchmark
import Foundation
import LanternKit

/// The sample site in the repository: a realistic clinic site of about fifty pages.
private let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

private func sampleOptions() -> BuildOptions {
    var options = BuildOptions()
    options.configPath = repository + "/site.yaml"
    options.contentPath = repository + "/Content"
    options.templatesPath = repository + "/Templates"
    return options
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5))

    let site = try! Builder.loadSite(sampleOptions())
    let templates = try! TemplateLibrary.load(from: repository + "/Templates", displayRoot: "Templates")
    let page = site.pages.first { $0.sourcePath == "conditions/anxiety.md" }!

    Benchmark("Markdown render per page") { benchmark in
        let renderer = MarkdownRenderer()
        for _ in benchmark.scaledIterations {
            blackHole(renderer.render(page.body, file: page.displayPath))
        }
    }

    // Prepared once per build, as in a real build.
    let pageRenderer = PageRenderer(site: site, templates: templates)
    Benchmark("Markdown and template render per page") { benchmark in
        let renderer = pageRenderer
        for _ in benchmark.scaledIterations {
            blackHole(renderer.render(page))
        }
    }

    // A thousand pages made from the sample site's text, with distinct URLs.
    let bodies = site.pages.map { MarkdownRenderer().render($0.body, file: $0.displayPath) }
    let documents: [SearchDocument] = (0..<1000).map { i in
        let source = site.pages[i % site.pages.count]
        let rendered = bodies[i % bodies.count]
        return SearchDocument(
            url: source.url + "\(i)/", title: source.title + " \(i)", section: "Section \(i % 7)",
            description: source.frontMatter.description, tags: source.frontMatter.tags,
            parts: rendered.parts)
    }

    Benchmark("Search index build per 1,000 pages", configuration: .init(maxDuration: .seconds(10))) { benchmark in
        let builder = SearchIndexBuilder(synonyms: site.config.synonyms)
        for _ in benchmark.scaledIterations {
            blackHole(builder.build(documents))
        }
    }

    Benchmark("Whole sample site into memory") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Builder.render(sampleOptions(), into: MemoryOutput()))
        }
    }
}
