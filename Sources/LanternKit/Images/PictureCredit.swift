import Foundation

/// A picture's credit kept in a file beside it, for every page that shows it: the picture's
/// file name with `.yaml` added (`marigold.jpg.yaml` for `marigold.jpg`). It is read, never
/// published.
///
/// ```yaml
/// credit: "Photo: Charles Barbin, GPL 2 or later"   # or one per language:
/// credit:
///   en: "Photo: Charles Barbin, GPL 2 or later"
///   es: "Foto: Charles Barbin, GPL 2 o posterior"
/// author: Charles Barbin          # recorded for the site's writers, not shown
/// licence: GPL-2+
/// source: Debian package mate-backgrounds 1.26.0-1, nature/Garden.jpg
/// ```
///
/// A Markdown picture's title and a page's `image_credit:` come before it.
struct PictureCredit: Sendable, Equatable {
    /// By language code; the site's default language is always there.
    var text: [String: String]

    /// Keys a credit file may hold: `credit`, shown, and notes for the writers.
    static let knownKeys = ["credit", "author", "licence", "license", "source"]

    /// The credit in `language`, else in the site's default language.
    func text(in language: String, defaultLanguage: String) -> String {
        text[language] ?? text[defaultLanguage] ?? ""
    }

    /// The picture a credit file is for, by its content path (`family/marigold.jpg` for
    /// `family/marigold.jpg.yaml`); nil for any other file.
    static func picturePath(ofCreditFile path: String) -> String? {
        for suffix in [".yaml", ".yml"] where path.hasSuffix(suffix) {
            let picture = String(path.dropLast(suffix.count))
            return ImageFormat(fileName: picture) == nil ? nil : picture
        }
        return nil
    }

    /// Reads a credit file; every problem is an error at its line.
    /// - Parameters:
    ///   - display: the file as messages name it.
    ///   - languages: the site's language codes, its default first.
    static func read(_ text: String, display: String, languages: [String]) -> Result<PictureCredit, BuildFailure> {
        let root: YAMLValue?
        do {
            root = try YAMLReader.read(text, file: display)
        } catch {
            return .failure(error)
        }
        let start = SourceLocation(file: display, line: 1)
        guard let root, root.entries != nil else {
            return .failure(BuildFailure(.error(root?.location ?? start,
                "a picture's credit file is a mapping with a 'credit:' (like `credit: \"Photo: Jane Doe, CC BY 4.0\"`)")))
        }
        var diagnostics = DiagnosticBag()
        var fields = YAMLFields(root)
        for key in fields.keys where !knownKeys.contains(key) {
            diagnostics.error(fields.location(of: key),
                "unknown key '\(key)' in a picture's credit file; it may hold " + knownKeys.map { "'\($0)'" }.joined(separator: ", "))
        }
        for key in knownKeys.dropFirst() { _ = fields.string(key) }
        let defaultLanguage = languages.first ?? "en"
        var credits: [String: String] = [:]
        switch root["credit"] {
        case nil:
            diagnostics.error(start, "this credit file has no 'credit:', the words shown below the picture")
        case let value? where value.entries != nil:
            for entry in value.entries ?? [] {
                guard languages.contains(entry.key) else {
                    diagnostics.error(entry.keyLocation, "'\(entry.key)' is not one of the site's languages ("
                        + languages.joined(separator: ", ") + ")")
                    continue
                }
                guard let words = entry.value.scalarText, !entry.value.isNull, !words.isEmpty else {
                    diagnostics.error(entry.value.location, "the credit in '\(entry.key)' must be text")
                    continue
                }
                credits[entry.key] = words
            }
            if credits[defaultLanguage] == nil, !diagnostics.hasErrors {
                diagnostics.error(value.location, "a credit per language needs one in '\(defaultLanguage)', "
                    + "the site's default language: pages in a language without its own show it")
            }
        case let value?:
            if let words = fields.string("credit"), !words.isEmpty {
                credits[defaultLanguage] = words
            } else if !fields.diagnostics.hasErrors {
                diagnostics.error(value.location, "'credit' must be the words shown below the picture")
            }
        }
        diagnostics.append(contentsOf: fields.diagnostics.diagnostics)
        if diagnostics.hasErrors { return .failure(BuildFailure(diagnostics.diagnostics)) }
        return .success(PictureCredit(text: credits))
    }
}
