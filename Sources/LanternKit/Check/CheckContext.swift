/// Everything a check rule may look at: the placed site, every rendered page, and the files
/// the build produced.
public struct CheckContext: Sendable {
    public let site: Site
    public let outcomes: [PageOutcome]
    /// Output paths the build wrote (`therapies/cbt/index.html`, `search/index.json`…).
    public let outputPaths: Set<String>
    /// The day to judge review dates against.
    public let today: SiteDate
    /// Heading ids of every page, by URL.
    public let anchorsByURL: [String: Set<String>]

    init(site: Site, outcomes: [PageOutcome], outputPaths: Set<String>, today: SiteDate) {
        self.site = site
        self.outcomes = outcomes
        self.outputPaths = outputPaths
        self.today = today
        var anchors: [String: Set<String>] = [:]
        for outcome in outcomes { anchors[outcome.page.url] = Set(outcome.headings.map(\.id)) }
        anchorsByURL = anchors
    }

    /// Sections whose pages give clinical guidance (`check.clinical_sections` in site.yaml).
    var clinicalSections: Set<String> {
        let sections = site.config.templateValues["check"]?["clinical_sections"]?.list ?? []
        return Set(sections.compactMap(\.scalarText))
    }

    /// Sections that must be in every language of the site (`check.translate_sections`).
    var translateSections: Set<String> {
        let sections = site.config.templateValues["check"]?["translate_sections"]?.list ?? []
        return Set(sections.compactMap(\.scalarText))
    }

    /// The language a page is written in (from its file name or front matter): every rule
    /// that depends on language asks here.
    func language(of page: Page) -> CheckLanguage {
        CheckLanguage(code: page.language)
    }

    /// The lowest readability scores a Spanish page may have (`check.readability.es` in
    /// site.yaml): Fernández-Huerta 60 ("normal": 7th–8th grade on its scale, the English
    /// pages' grade 8) and Szigriszt-Pazos 55 (the bottom of "normal" on the INFLESZ scale).
    var spanishReadabilityMinimums: (fernandezHuerta: Double, szigrisztPazos: Double) {
        let limits = site.config.templateValues["check"]?["readability"]?["es"]
        func number(_ key: String) -> Double? { limits?[key]?.scalarText.flatMap { Double($0) } }
        return (number("min_fernandez_huerta") ?? 60, number("min_szigriszt_pazos") ?? 55)
    }

    /// A page that gives clinical guidance: one with a reviewer, or in a clinical section.
    func isClinical(_ page: Page) -> Bool {
        page.frontMatter.reviewedBy != nil
            || clinicalSections.contains(page.sectionPath.split(separator: "/").first.map(String.init) ?? "")
    }
}

/// One rule of `lantern check`. Rules are small, independent, and each has its own tests.
public protocol CheckRule: Sendable {
    /// The id shown in JSON output and used in front matter to explain exceptions.
    var id: String { get }
    func check(_ outcome: PageOutcome, in context: CheckContext) -> [Diagnostic]
}

extension CheckRule {
    func warning(_ page: Page, line: Int = 0, column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.warning, page.location(line: line, column: column), message, rule: id)
    }

    func error(_ page: Page, line: Int = 0, column: Int = 0, _ message: String) -> Diagnostic {
        Diagnostic(.error, page.location(line: line, column: column), message, rule: id)
    }
}
