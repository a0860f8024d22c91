import Foundation

/// `lantern check`: builds the site in memory (writing nothing) and runs every rule.
public enum Checker {
    public static let rules: [any CheckRule] = [
        BrokenAnchorRule(), ThirdPartyResourceRule(), ImageAltRule(), HeadingOrderRule(), LinkTextRule(),
        DescriptionRule(), DuplicateTitleRule(), ReadingGradeRule(), LongSentenceRule(), ReviewDateRule(),
    ]

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var pagesChecked: Int
        public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
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
        let plan = Builder.plan(site, templates: templates, options: options)
        let outcomes = Builder.renderPages(OutputPlan.pages(of: plan.outputs, in: site), with: renderer, into: output)
        for outcome in outcomes { diagnostics.append(contentsOf: outcome.diagnostics) }
        if !diagnostics.hasErrors, templates != nil {
            do {
                _ = try Builder.writeSiteFiles(plan, site: site, pageRenderer: renderer, into: output)
            } catch {
                diagnostics.append(contentsOf: error.diagnostics)
            }
        }
        let context = CheckContext(site: site, outcomes: outcomes,
            outputPaths: diagnostics.hasErrors ? [] : Set(output.paths), today: today)
        let found = outcomes.parallelMap { outcome in
            rules.flatMap { $0.check(outcome, in: context) }
        }
        for list in found { diagnostics.append(contentsOf: list) }
        diagnostics.append(contentsOf: BrokenAnchorRule.menuProblems(in: context))
        let sorted = diagnostics.diagnostics.sorted {
            ($0.location, $0.severity, $0.message) < ($1.location, $1.severity, $1.message)
        }
        return (Result(diagnostics: sorted, pagesChecked: site.pages.count), outcomes)
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
