/// What the index keeps of a page to show it as a result and to rank it before its text is
/// loaded: URL, title, section and the h2/h3 headings a result can link to. The page's text
/// is in its text file (StoredText), read for the results shown.
struct SearchCard: Equatable {
    struct Heading: Equatable {
        var text: String
        var anchor: String
    }

    var url: String
    var title: String
    var section: String
    var headings: [Heading]
}

extension SearchCard {
    init(_ page: SearchDocument) {
        url = page.url
        title = page.title
        section = page.section
        headings = page.numberedParts.filter { $0.number > 0 }.map {
            Heading(text: $0.part.heading, anchor: $0.part.anchor)
        }
    }
}
