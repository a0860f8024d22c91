/// A way of grouping pages by the words of one front matter key (`tags`, `topics`), each
/// group a page of its own: `/tags/` lists the terms, `/tags/teens/` the pages of one.
///
/// `taxonomies:` in `site.yaml` maps a front matter key to its folder, or to `folder:` and
/// `title:`; a language may rename both (`languages: {es: {taxonomies: {topics: temas}}}`).
/// Without the key a site has `tags` at `/tags/`; `taxonomies: {}` (or `false`) has none.
public struct Taxonomy: Sendable, Equatable {
    /// The front matter key whose list of words it groups by.
    public var field: String
    /// Its folder in each of the site's languages (the default language's under "").
    var folders: [String: String]
    /// What it is called in each language, when `site.yaml` says; else the theme's strings.
    var titles: [String: String] = [:]

    /// The folder of its pages in a language (inside the language's own folder).
    func folder(in language: String) -> String {
        folders[language] ?? folders[""] ?? field
    }

    func title(in language: String) -> String? { titles[language] ?? titles[""] }

    static let defaults = [Taxonomy(field: "tags", folders: ["": "tags"])]

    /// Reads `taxonomies:` (top level with `language` "", or a language's own), over `into`.
    static func read(_ value: YAMLValue, language: String, into taxonomies: inout [Taxonomy],
                     fields: inout YAMLFields) {
        let example = "like 'taxonomies: {topics: topics}' or 'taxonomies: {}' for none"
        if case .bool(false) = value.kind, language.isEmpty { taxonomies = []; return }
        if value.isNull { if language.isEmpty { taxonomies = [] }; return }
        guard let entries = value.entries else {
            fields.error(value.location, "'taxonomies' must map a front matter key to its folder, \(example)")
            return
        }
        if language.isEmpty { taxonomies = [] }
        for entry in entries {
            var folder: String?, title: String?
            if let text = entry.value.scalarText {
                folder = text
            } else if entry.value.entries != nil {
                var own = YAMLFields(entry.value)
                folder = own.string("folder")
                title = own.string("title")
                fields.absorb(own)
            } else {
                fields.error(entry.value.location, "taxonomy '\(entry.key)' needs a folder, like "
                    + "'\(entry.key): \(entry.key)' or '\(entry.key): {folder: \(entry.key), title: …}'")
                continue
            }
            if let folder, !isFolderName(folder) {
                fields.error(entry.value.location, "the folder of taxonomy '\(entry.key)' must be one folder "
                    + "name of letters, digits and '-', like 'topics'; found '\(folder)'")
                continue
            }
            if let i = taxonomies.firstIndex(where: { $0.field == entry.key }) {
                if let folder { taxonomies[i].folders[language] = folder }
                if let title { taxonomies[i].titles[language] = title }
            } else if language.isEmpty {
                var taxonomy = Taxonomy(field: entry.key, folders: ["": folder ?? entry.key])
                if let title { taxonomy.titles[""] = title }
                taxonomies.append(taxonomy)
            } else {
                fields.error(entry.keyLocation, "taxonomy '\(entry.key)' is not one of the site's "
                    + "'taxonomies'; list it at the top of site.yaml first")
            }
        }
    }

    private static func isFolderName(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy {
            $0 == "-" || $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil
        } && text.lowercased() == text
    }
}
