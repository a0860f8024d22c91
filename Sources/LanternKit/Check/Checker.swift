import Foundation

/// `lantern check`: builds the site in memory (writing nothing) and runs every rule.
public enum Checker {
    public static let rules: [any CheckRule] = [
        BrokenAnchorRule(), ThirdPartyResourceRule(), ImageAltRule(), HeadingOrderRule(), LinkTextRule(),
        DescriptionRule(), DuplicateTitleRule(), ReadingGradeRule(), LongSentenceRule(), ReviewDateRule(),
        PlaceholderRule(), OtherLanguageLinkRule(), MissingTranslationRule(), StaleTranslationRule(),
    ]

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var pagesChecked: Int
        public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
        public var notes: Int { diagnostics.filter { $0.severity == .note }.count }
    }

    public static func check(_ options: BuildOptions, today: SiteDate = .today) -> Result {
        let (result, _) = run(options, today: today)
        return result
    }

    /// The result and the rendered pages, for checks that run outside (external links).
    public static func run(_ options: BuildOptions, today: SiteDate) -> (Result, [PageOutcome]) {
        let prepared: (site: Site, templates: TemplateLibrary?, diagnostics: DiagnosticBag)
        do {
            prepared = try Builder.prepare(options)
        } catch {
            return (Result(diagnostics: error.diagnostics, pagesChecked: 0), [])
        }
        let (site, templates) = (prepared.site, prepared.templates)
        var diagnostics = prepared.diagnostics
        let output = MemoryOutput()
        let renderer = PageRenderer(site: site, templates: templates)
        let plan = Builder.plan(site, templates: templates)
        let outcomes = Builder.renderPages(OutputPlan.pages(of: plan.outputs, in: site), with: renderer, into: output)
        for outcome in outcomes { diagnostics.append(contentsOf: outcome.diagnostics) }
        if !diagnostics.hasErrors, templates != nil {
            do {
                // A check renderer's outcomes keep every page's content: the feeds reuse it.
                let content = Dictionary(outcomes.compactMap { o in o.contentHTML.map { (o.page.sourcePath, $0) } }) { a, _ in a }
                _ = try Builder.writeSiteFiles(plan, site: site, pageRenderer: renderer, into: output,
                    contentHTML: content)
            } catch {
                diagnostics.append(contentsOf: error.diagnostics)
            }
        }
        let built = !diagnostics.hasErrors  // so the output holds the whole site
        let context = CheckContext(site: site, outcomes: outcomes,
            outputPaths: built ? Set(output.paths) : [], today: today)
        let found = outcomes.parallelMap { outcome in
            rules.flatMap { $0.check(outcome, in: context) }
        }
        for list in found { diagnostics.append(contentsOf: list) }
        diagnostics.append(contentsOf: BrokenAnchorRule.menuProblems(in: context))
        diagnostics.append(contentsOf: PictureRules.problems(in: context, contentDisplay: options.contentPath))
        if built, let theme = templates?.theme {
            diagnostics.append(contentsOf: RenderedLinkRule.problems(in: output, outcomes: outcomes, site: site,
                sources: linkSources(theme, configPath: options.configPath)))
        }
        diagnostics.append(contentsOf: PlaceholderRule.configPlaceholders(at: options.configPath))
        if let templates {
            diagnostics.append(contentsOf: ThemeStringTranslation.untranslated(templates, config: site.config))
        }
        diagnostics.append(contentsOf: ThemeBaseRecord.staleOverrides(in: options.templatesPath,
            displayRoot: options.templatesPath))
        let sorted = diagnostics.diagnostics.sorted {
            ($0.location, $0.severity, $0.message) < ($1.location, $1.severity, $1.message)
        }
        return (Result(diagnostics: sorted, pagesChecked: site.pages.count), outcomes)
    }
}

extension Checker {
    /// Where the links of the built pages may be written: the theme's templates and strings
    /// (the site's, then the built-in strings), then `site.yaml`.
    static func linkSources(_ theme: Theme, configPath: String) -> [RenderedLinkRule.Source] {
        var sources: [RenderedLinkRule.Source] = []
        // The theme as the build laid it: the site's files over the built-in ones.
        let files = theme.paths()
            .filter { !$0.hasPrefix("assets/") && ($0.hasSuffix(".mustache") || $0.hasPrefix("strings/") && $0.hasSuffix(".yaml")) }
            .sorted { ($0.hasPrefix("strings/") ? 1 : 0, $0) < ($1.hasPrefix("strings/") ? 1 : 0, $1) }
        for path in files {
            guard let bytes = try? theme.bytes(of: path), let file = theme.files[path] else { continue }
            sources.append(.init(file: file.displayPath, text: String(decoding: bytes, as: UTF8.self)))
        }
        // Strings are laid entry by entry: the built-in entries a site's file lacks still show.
        for path in BuiltInTheme.paths where path.hasPrefix("strings/") && theme.files[path]?.origin == .site {
            guard let bytes = BuiltInTheme.bytes(of: path) else { continue }
            sources.append(.init(file: Theme.builtInDisplayRoot + "/" + path, text: String(decoding: bytes, as: UTF8.self)))
        }
        if let text = try? String(contentsOfFile: configPath, encoding: .utf8) {
            sources.append(.init(file: configPath, text: text))
        }
        return sources
    }
}

extension SiteDate {
    /// Today in UTC.
    public static var today: SiteDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        let text = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        return SiteDate(text)!
    }
}
