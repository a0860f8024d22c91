/// A page's front matter as a build read it: the start of its file's text up to the body, and
/// what that parsed to. The build keeps it for the next one (`BuildState`), which makes the
/// same page from it (with an empty body) when the file did not change, without reading the
/// file or parsing its YAML again.
struct PageHead: Sendable, Equatable {
    var text: String
    /// With its values' locations in no file: `ContentLoader.page(head:…)` puts them in the page's.
    var matter: FrontMatter
    var bodyFirstLine: Int

    init(text: String, matter: FrontMatter, bodyFirstLine: Int) {
        self.text = text
        self.matter = matter.located(in: "")
        self.bodyFirstLine = bodyFirstLine
    }
}

extension FrontMatter {
    /// The same, its values' locations in `file`.
    func located(in file: String) -> FrontMatter {
        var matter = self
        matter.valueLocations = valueLocations.mapValues { SourceLocation(file: file, line: $0.line, column: $0.column) }
        return matter
    }
}
