/// The site's pictures as files: one heavier than `images.max_source_kb` (Lantern makes small
/// variants, but the source is kept in the repository and copied around), and one no page
/// shows or links to.
enum PictureRules {
    static let weightRule = "image-weight"
    static let unusedRule = "image-unused"

    /// - Parameter contentDisplay: how the content folder is written in messages.
    static func problems(in context: CheckContext, contentDisplay: String) -> [Diagnostic] {
        let site = context.site
        var used = Set(context.outcomes.flatMap(\.pictures))
        let resolver = LinkResolver(pages: site.pages, staticFiles: site.staticFiles)
        for outcome in context.outcomes {
            for link in outcome.links {
                if let path = resolver.contentFile(link.destination, from: outcome.page.sourcePath) { used.insert(path) }
            }
        }
        var found: [Diagnostic] = []
        let limit = site.config.images.maxSourceKB
        for file in site.staticFiles {
            guard let picture = site.pictures.picture(at: file.sourcePath) else { continue }
            let location = SourceLocation(file: contentDisplay + "/" + file.sourcePath)
            let kilobytes = (picture.sourceBytes + 1023) / 1024
            if kilobytes > limit {
                found.append(Diagnostic(.warning, location,
                    "this picture is \(kilobytes) KB, more than images.max_source_kb (\(limit)); save it smaller "
                        + "(about \(site.config.images.largestWidth) pixels wide is the most any page shows)",
                    rule: weightRule))
            }
            if !used.contains(file.sourcePath) {
                found.append(Diagnostic(.warning, location,
                    "no page shows or links to this picture; use it in a page or remove it", rule: unusedRule))
            }
        }
        return found
    }
}
