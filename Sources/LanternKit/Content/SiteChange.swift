/// Parts of a page that outputs read, so that a change can say which of them it touched.
struct PageFields: OptionSet, Sendable, Hashable {
    let rawValue: UInt32

    init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// The page is there at all (added, deleted, left out as a draft, or generated for a folder).
    static let exists = PageFields(rawValue: 1 << 0)
    /// URL and output file (`slug`, the file's name).
    static let place = PageFields(rawValue: 1 << 1)
    /// Home, section or page, and whether Lantern generated it.
    static let kind = PageFields(rawValue: 1 << 2)
    static let title = PageFields(rawValue: 1 << 3)
    static let description = PageFields(rawValue: 1 << 4)
    static let date = PageFields(rawValue: 1 << 5)
    static let lastReviewed = PageFields(rawValue: 1 << 6)
    static let reviewedBy = PageFields(rawValue: 1 << 7)
    static let tags = PageFields(rawValue: 1 << 8)
    static let draft = PageFields(rawValue: 1 << 9)
    static let weight = PageFields(rawValue: 1 << 10)
    static let aliases = PageFields(rawValue: 1 << 11)
    static let layout = PageFields(rawValue: 1 << 12)
    /// The language it is in (its file name, or `language:`).
    static let language = PageFields(rawValue: 1 << 13)
    /// Front matter keys Lantern does not define (`page.params`).
    static let params = PageFields(rawValue: 1 << 14)
    /// The Markdown, and the lines it starts on (which messages point at).
    static let body = PageFields(rawValue: 1 << 15)
    /// What pairs it with its translations (`translation_key:`).
    static let translation = PageFields(rawValue: 1 << 16)
    /// `image:`, `image_alt:`, `image_credit:`.
    static let image = PageFields(rawValue: 1 << 17)
    /// `related:`.
    static let related = PageFields(rawValue: 1 << 18)

    static let all = PageFields(rawValue: (1 << 19) - 1)
    /// What taxonomies group pages by: `tags`, or a key of the site's own (`topics`).
    static let terms: PageFields = [.tags, .params]
    /// What decides a page's place in its section's order (weight, then title, then URL).
    static let order: PageFields = [.exists, .place, .kind, .title, .weight]
    /// What a list, a breadcrumb or a neighbour link shows of a page (`PageContext.linkFields`,
    /// and a card's picture), and its place in the order.
    static let listing: PageFields = order.union([.description, .lastReviewed, .image])
    /// What `Site`'s indexes are made of (order, sections, neighbours, URL claims, aliases):
    /// a change to one of these places the site anew.
    static let structure: PageFields = order.union([.aliases, .language, .translation])
    /// What a page shows of its translations (the alternates in its head, the language switcher)
    /// and of every page its links may name.
    static let linkTarget: PageFields = [.exists, .place, .language, .translation]

    /// The fields that differ between two states of one page (nil: not there).
    init(between old: Page?, and new: Page?) {
        guard let old, let new else {
            self = old == nil && new == nil ? [] : .all
            return
        }
        var fields: PageFields = []
        let a = old.frontMatter, b = new.frontMatter
        if old.url != new.url || old.outputPath != new.outputPath || a.slug != b.slug { fields.insert(.place) }
        if old.kind != new.kind || old.isGenerated != new.isGenerated { fields.insert(.kind) }
        if a.title != b.title { fields.insert(.title) }
        if a.description != b.description { fields.insert(.description) }
        if a.date != b.date { fields.insert(.date) }
        if a.lastReviewed != b.lastReviewed { fields.insert(.lastReviewed) }
        if a.reviewedBy != b.reviewedBy { fields.insert(.reviewedBy) }
        if a.tags != b.tags { fields.insert(.tags) }
        if a.related != b.related { fields.insert(.related) }
        if a.draft != b.draft { fields.insert(.draft) }
        if a.weight != b.weight { fields.insert(.weight) }
        if a.aliases != b.aliases { fields.insert(.aliases) }
        if a.layout != b.layout { fields.insert(.layout) }
        if old.language != new.language || a.language != b.language { fields.insert(.language) }
        if a.translationKey != b.translationKey { fields.insert(.translation) }
        if a.params != b.params { fields.insert(.params) }
        if a.image != b.image { fields.insert(.image) }
        if old.body != new.body || old.bodyFirstLine != new.bodyFirstLine || old.displayPath != new.displayPath {
            fields.insert(.body)
        }
        self = fields
    }
}

/// What differs between two states of a site, field by field: what `OutputPlan` compares
/// with what each output reads.
struct SiteChange: Sendable {
    /// One page that differs, with where it sits (which the plan's page selections ask).
    struct ChangedPage: Sendable {
        var sourcePath: String
        var kind: Page.Kind
        var sectionPath: String
        var language: String
        var fields: PageFields
    }

    var pages: [ChangedPage] = []
    var config = false
    var templates = false
    /// Content files (images, PDFs) whose bytes changed.
    var contentFiles: Set<String> = []
    /// Content files appeared or disappeared (links resolve against the list).
    var contentFileList = false
    /// The two states, which selections that depend on the order (neighbours) look at.
    var old: Site?
    var new: Site?
    /// Whether the related pages may differ between the two states; false when the new state
    /// kept the old one's grouping (no field related pages read changed, nothing moved), so
    /// that no output compares its related pages one by one.
    var relatedMayDiffer = true

    init() {}

    /// Compares the pages at `candidates` (the files that changed) and every page Lantern
    /// generated (a folder's list, which comes and goes with the folder's pages).
    init(from old: Site, to new: Site, candidates: Set<String>) {
        self.old = old
        self.new = new
        var paths = candidates
        for page in old.pages where page.isGenerated { paths.insert(page.sourcePath) }
        for page in new.pages where page.isGenerated { paths.insert(page.sourcePath) }
        for path in paths.sorted() {
            let before = old.page(at: path), after = new.page(at: path)
            let fields = PageFields(between: before, and: after)
            guard !fields.isEmpty, let either = after ?? before else { continue }
            pages.append(ChangedPage(sourcePath: path, kind: either.kind, sectionPath: either.sectionPath,
                language: either.language, fields: fields))
            // A page that moved to another language leaves the lists of the one it was in.
            if let before, let after, before.language != after.language {
                pages.append(ChangedPage(sourcePath: path, kind: before.kind, sectionPath: before.sectionPath,
                    language: before.language, fields: fields))
            }
        }
    }

    var isEmpty: Bool { pages.isEmpty && !config && !templates && contentFiles.isEmpty && !contentFileList }

    /// The fields that changed in any page, together.
    var fieldsOfAnyPage: PageFields { pages.reduce([]) { $0.union($1.fields) } }
}
