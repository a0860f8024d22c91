import Foundation
@testable import LanternKit

/// A copy of the fixture site, made richer, and random edits to it: title, weight, slug, body,
/// description, dates, draft, aliases, tags, a new and a deleted page, a template, `site.yaml`,
/// an SVG, a picture and its credit file. The oracles of `lantern serve`'s partial rebuilds
/// (LiveBuildOracleTests) and of incremental builds (IncrementalBuildOracleTests) both edit it
/// and compare what they made with a fresh build. The folder is deleted with the value.
final class OracleSite {
    /// SplitMix64: the same edits for the same seed on every machine.
    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A page's front matter as lines `key: value`, and its body.
    struct PageText {
        var fields: [(String, String)]
        var body: String

        init(_ text: String) {
            let parts = text.components(separatedBy: "---\n")
            fields = parts[1].split(separator: "\n").map { line in
                let colon = line.firstIndex(of: ":")!
                return (String(line[..<colon]), String(line[line.index(after: colon)...].dropFirst()))
            }
            body = parts.dropFirst(2).joined(separator: "---\n")
        }

        mutating func set(_ key: String, _ value: String?) {
            let index = fields.firstIndex { $0.0 == key }
            switch (index, value) {
            case (let i?, let value?): fields[i].1 = value
            case (let i?, nil): fields.remove(at: i)
            case (nil, let value?): fields.append((key, value))
            case (nil, nil): break
            }
        }

        var text: String { "---\n" + fields.map { "\($0.0): \($0.1)\n" }.joined() + "---\n" + body }
    }

    static let richPageTemplate = """
        {{<base}}{{$main}}<h1 lang="{{page.language}}">{{page.title}}</h1>{{{page.content}}}
        {{#page.alternates}}<link rel="alternate" hreflang="{{hreflang}}" href="{{href}}">{{/page.alternates}}
        {{#page.languages}}<a href="{{url}}" hreflang="{{code}}">{{name}}</a>{{/page.languages}}
        {{#section}}<p class="section">{{title}}: {{description}}</p>{{/section}}
        {{#prev}}<a rel="prev" href="{{url}}">{{title}} {{description}} {{#lastReviewed}}{{iso}}{{/lastReviewed}}</a>{{/prev}}
        {{#next}}<a rel="next" href="{{url}}">{{title}} {{description}}</a>{{/next}}
        {{#site.sections}}<a href="{{url}}">{{title}} {{description}}</a>{{/site.sections}}
        {{#taxonomies}}{{title}}: {{#terms}}<a href="{{url}}">{{name}}</a>{{/terms}}{{/taxonomies}}
        {{#related}}<a class="related" href="{{url}}">{{title}} {{description}}</a>{{/related}}
        {{/main}}{{/base}}
        """

    static let siteIndexTemplate = """
        {{<base}}{{$main}}{{#allSections}}<h2>{{title}}</h2>{{#pages}}<a href="{{url}}">{{title}}: {{description}}</a>{{/pages}}{{/allSections}}{{/main}}{{/base}}
        """

    /// Spanish pages for the fixture: translations beside their pages, one paired by
    /// `translation_key`, links to a translated and an untranslated page.
    static let spanishPages: [String: String] = [
        "Content/_index.es.md": "---\ntitle: Inicio\n---\nBienvenidos. Vea la [TCC](therapies/cbt.md).\n",
        "Content/therapies/_index.es.md": "---\ntitle: Terapias\nslug: terapias\n---\nTipos de atención.\n",
        "Content/therapies/cbt.es.md":
            "---\ntitle: TCC\nslug: terapia-cognitivo-conductual\n---\nVea la [TDC](dbt.md) y [ayuda](../family/help.md).\n",
        "Content/therapies/tdc.es.md": "---\ntitle: TDC\ntranslation_key: therapies/dbt.md\n---\nHabilidades.\n",
    ]

    static let languagesConfig = "languages:\n  en: {}\n  es:\n    title: Clínica\n    menu:\n      - {title: Terapias, url: /es/terapias/}\n"

    let root: String
    private(set) var options = BuildOptions()
    private var random: SeededRandom
    private var editable: [String] = []
    private var removable: [String] = []
    private var created = 0
    private let words = ["Alpha", "Beta", "Gamma", "Delta", "Zeta", "Omega"]
    private var config = ""
    private let template = OracleSite.richPageTemplate
    private let bilingual: Bool

    init(seed: UInt64, includeDrafts: Bool, bilingual: Bool) throws {
        random = SeededRandom(state: seed)
        self.bilingual = bilingual
        root = NSTemporaryDirectory() + "lantern-oracle-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: FixtureSiteTests.fixtures + "/basic-site", toPath: root)
        try write(read("site.yaml") + "search:\n  shard_kb: 1\n", "site.yaml")
        // More pages per section, so that neighbours, orders and generated sections have work.
        try write(OracleSite.richPageTemplate, "Templates/page.mustache")
        try write(OracleSite.siteIndexTemplate, "Templates/site-index.mustache")
        for (i, folder) in ["therapies", "therapies", "family", "family", "groups/teens"].enumerated() {
            // Long enough that the search index has several text files and shards (shard_kb: 1).
            let long = (0..<30).map { "Sentence \($0) of extra page \(i) about groups, families and sleep." }
                .joined(separator: " ")
            try write("---\ntitle: Extra \(i)\nweight: \(i % 3)\n---\nExtra page \(i).\n\n\(long)\n", "Content/\(folder)/extra-\(i).md")
        }
        // A picture shown in a page's text and as another page's own picture (on its card too).
        try writePicture(width: 300)
        try write("credit: \"Drawing: the clinic\"\n", "Content/family/room.png.yaml")
        try write(read("Content/family/help.md") + "\n![A quiet room](room.png \"Drawing: the clinic\")\n", "Content/family/help.md")
        var dbt = PageText(read("Content/therapies/dbt.md"))
        dbt.set("image", "../family/room.png")
        dbt.set("image_alt", "A quiet room")
        try write(dbt.text, "Content/therapies/dbt.md")
        if bilingual {
            for (path, text) in OracleSite.spanishPages { try write(text, path) }
            try write(read("site.yaml") + OracleSite.languagesConfig, "site.yaml")
            for i in [0, 2, 4] {
                let folder = ["therapies", "therapies", "family", "family", "groups/teens"][i]
                try write("---\ntitle: Extra \(i) en español\nweight: \(i % 3)\n---\nVea [CBT](/therapies/cbt.md).\n",
                    "Content/\(folder)/extra-\(i).es.md")
            }
        }
        var options = BuildOptions()
        options.configPath = root + "/site.yaml"
        options.contentPath = root + "/Content"
        options.templatesPath = root + "/Templates"
        options.outputPath = root + "/Public"
        options.includeDrafts = includeDrafts
        self.options = options

        var editable = ["therapies/cbt.md", "therapies/dbt.md", "therapies/_index.md", "family/help.md",
                        "family/draft.md", "_index.md"]
        editable += (0..<5).map { i in ["therapies", "therapies", "family", "family", "groups/teens"][i] + "/extra-\(i).md" }
        // Pages nothing links to, which may come and go.
        var removable = (0..<5).map { i in ["therapies", "therapies", "family", "family", "groups/teens"][i] + "/extra-\(i).md" }
        if bilingual {
            let spanish = ["therapies/cbt.es.md", "therapies/tdc.es.md", "therapies/_index.es.md", "_index.es.md",
                           "therapies/extra-0.es.md", "family/extra-2.es.md", "groups/teens/extra-4.es.md"]
            // Twice, so that about half the edits are of translations.
            editable += spanish + spanish
            removable += ["therapies/extra-0.es.md", "family/extra-2.es.md", "groups/teens/extra-4.es.md"]
        }
        config = read("site.yaml")

        self.editable = editable
        self.removable = removable
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    func write(_ text: String, _ path: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: root + "/" + path) ?? Data(), as: UTF8.self)
    }

    private func writePicture(width: Int) throws {
        try Data(TestPictures.png(width: width, height: 100)).write(to: URL(fileURLWithPath: root + "/Content/family/room.png"))
    }

    /// Makes one random edit; returns what changed, as `lantern serve`'s watcher would say, and
    /// what the edit was.
    func edit(step: Int) throws -> (changes: SourceChanges, what: String) {
        var changes = SourceChanges()
        let what: String
        let kind = Int.random(in: 0..<100, using: &random)
        if kind < 6 {
            // A new page, sometimes in a folder of its own (a generated section).
            let folder = ["therapies", "family", "groups", "new-\(created % 2)"].randomElement(using: &random)!
            let path = "\(folder)/made-\(created)" + (bilingual && Bool.random(using: &random) ? ".es.md" : ".md")
            created += 1
            try write("---\ntitle: Made \(created)\nweight: \(Int.random(in: 0...4, using: &random))\n---\nMade.\n",
                "Content/" + path)
            editable.append(path)
            removable.append(path)
            changes.addedOrRemovedContent = [path]
            what = "add \(path)"
        } else if kind < 10, let path = removable.randomElement(using: &random) {
            try FileManager.default.removeItem(atPath: root + "/Content/" + path)
            removable.removeAll { $0 == path }
            editable.removeAll { $0 == path }
            changes.addedOrRemovedContent = [path]
            what = "delete \(path)"
        } else if kind < 14 {
            let variants = [template, template.replacingOccurrences(of: "<h1>", with: "<h1 class=\"t\">"),
                            template.replacingOccurrences(of: "{{#site.sections}}", with: "{{#breadcrumbs}}{{title}}{{/breadcrumbs}}{{#site.sections}}")]
            try write(variants.randomElement(using: &random)!, "Templates/page.mustache")
            changes.themeOrConfig = true
            what = "template"
        } else if kind < 18 {
            let variants = [config, config.replacingOccurrences(of: "title: Fixture Clinic", with: "title: Other Clinic"),
                            config.replacingOccurrences(of: "menu:\n  - title: Therapies\n    url: /therapies/\n", with: "")]
            try write(variants.randomElement(using: &random)!, "site.yaml")
            changes.themeOrConfig = true
            what = "site.yaml"
        } else if kind < 18 + 1 {
            if Bool.random(using: &random) {
                try writePicture(width: [200, 300, 420].randomElement(using: &random)!)
                changes.modifiedContent = ["family/room.png"]
                what = "room.png"
            } else {
                try write("credit: \"Drawing \(step)\"\n", "Content/family/room.png.yaml")
                changes.modifiedContent = ["family/room.png.yaml"]
                what = "room.png.yaml"
            }
        } else if kind < 20 {
            try write("<svg xmlns=\"http://www.w3.org/2000/svg\"><title>\(step)</title></svg>\n",
                "Content/therapies/chart.svg")
            changes.modifiedContent = ["therapies/chart.svg"]
            what = "chart.svg"
        } else {
            let path = editable.randomElement(using: &random)!
            var page = PageText(read("Content/" + path))
            // Slugs and aliases of one page never collide with another's: edits stay buildable.
            let name = path.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".md", with: "")
            let key = ["title", "weight", "slug", "body", "description", "draft", "last_reviewed", "aliases",
                       "body", "description", "weight", "title", "tags"].randomElement(using: &random)!
            switch key {
            case "title": page.set("title", words.randomElement(using: &random)! + " \(Int.random(in: 0...2, using: &random))")
            case "weight": page.set("weight", Bool.random(using: &random) ? nil : "\(Int.random(in: 1...5, using: &random))")
            case "slug" where !path.hasSuffix("_index.md") || path.hasSuffix("_index.es.md") && path != "_index.es.md":
                page.set("slug", [nil, "\(name)-moved", "\(name)-elsewhere"].randomElement(using: &random)!)
            case "description": page.set("description", Bool.random(using: &random) ? nil : words.randomElement(using: &random)!)
            case "draft" where path != "_index.md" && path != "_index.es.md" && !path.hasSuffix("cbt.md")
                && !path.hasSuffix("dbt.md"):
                page.set("draft", Bool.random(using: &random) ? "true" : nil)
            case "tags":
                // Tags have pages of their own and pick related pages: terms come and go.
                let tags = ["cbt", "family", "groups", "Family"].filter { _ in Bool.random(using: &random) }
                page.set("tags", tags.isEmpty ? nil : "[\(tags.joined(separator: ", "))]")
            case "last_reviewed": page.set("last_reviewed", "2026-0\(Int.random(in: 1...9, using: &random))-01")
            case "aliases" where !path.hasSuffix("cbt.md"):
                page.set("aliases", Bool.random(using: &random) ? nil : "[/old-\(name)-\(Int.random(in: 0...2, using: &random))/]")
            default:
                let keep = page.body.components(separatedBy: "\n").filter { $0.contains("](") }
                page.body = "\(words.randomElement(using: &random)!) text.\n\n## Part \(step)\n\n" + keep.joined(separator: "\n") + "\n"
            }
            try write(page.text, "Content/" + path)
            changes.modifiedContent = [path]
            what = "\(key) of \(path)"
        }

        return (changes, what)
    }
}
