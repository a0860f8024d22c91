import Foundation
@testable import LanternKit

/// A site written into a fresh temporary folder, Hugo-test style: files given inline.
struct TemporarySite {
    let root: String

    static let minimalTemplates: [String: String] = [
        "Templates/base.mustache": """
            <!DOCTYPE html><html lang="{{page.language}}"><head><title>{{page.title}}</title></head>
            <body>{{$main}}{{/main}}</body></html>
            """,
        "Templates/page.mustache": "{{<base}}{{$main}}<h1>{{page.title}}</h1>{{{page.content}}}{{/main}}{{/base}}",
        "Templates/section.mustache":
            "{{<base}}{{$main}}<h1>{{page.title}}</h1>{{#pages}}<a href=\"{{url}}\">{{title}}</a>{{/pages}}{{/main}}{{/base}}",
        "Templates/home.mustache": "{{<base}}{{$main}}<h1>{{page.title}}</h1>{{{page.content}}}{{/main}}{{/base}}",
        "Templates/404.mustache": "{{<base}}{{$main}}<h1>Not found</h1>{{/main}}{{/base}}",
    ]

    static let minimalConfig = "title: Test site\nbase_url: https://example.org\n"

    /// Writes `files` (path → text) plus, unless overridden, a minimal config and theme, into a
    /// new folder under `parent`.
    init(_ files: [String: String], withDefaults: Bool = true, under parent: String = NSTemporaryDirectory()) throws {
        root = (parent.hasSuffix("/") ? parent : parent + "/") + "lantern-test-" + UUID().uuidString
        var all = files
        if withDefaults {
            if all["site.yaml"] == nil { all["site.yaml"] = TemporarySite.minimalConfig }
            for (path, text) in TemporarySite.minimalTemplates where all[path] == nil { all[path] = text }
            if all["Content/_index.md"] == nil { all["Content/_index.md"] = "---\ntitle: Home\n---\nWelcome.\n" }
        }
        for (path, text) in all { try write(text, to: path) }
    }

    func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    func write(_ data: Data, to path: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
    }

    var options: BuildOptions {
        var options = BuildOptions()
        options.configPath = root + "/site.yaml"
        options.contentPath = root + "/Content"
        options.templatesPath = root + "/Templates"
        options.outputPath = root + "/Public"
        return options
    }

    @discardableResult
    func build(drafts: Bool = false) throws(BuildFailure) -> BuildReport {
        var options = self.options
        options.includeDrafts = drafts
        return try Builder.build(options)
    }

    /// The diagnostics of a build that must fail.
    func failure() -> [Diagnostic] {
        do {
            try build()
            return []
        } catch {
            return error.diagnostics
        }
    }

    func output(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: root + "/Public/" + path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every file under `folder` (relative to the site root) with its bytes.
    func snapshot(_ folder: String = "Public") -> [String: Data] {
        TemporarySite.snapshot(of: root + "/" + folder)
    }

    static func snapshot(of folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return files }
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files[path] = FileManager.default.contents(atPath: folder + "/" + path) }
        }
        return files
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
