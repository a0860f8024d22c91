import Foundation

/// `lantern new site`: a small site that builds as it is, with a copy of the default theme.
///
/// The theme is compiled into Lantern from the repository's `Templates/` folder when Lantern
/// is built (the EmbedDefaultTheme plugin), so the binary needs nothing beside it.
public enum NewSite {
    /// Writes the site into `folder`, which must not exist or be empty. Returns the files
    /// written, relative to `folder`.
    public static func create(at folder: String, title: String? = nil, today: Date = Date())
        throws(ScaffoldError) -> [String]
    {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ScaffoldError("\(folder) is a file; choose a new folder for the site")
            }
            let contents = (try? fm.contentsOfDirectory(atPath: folder)) ?? []
            if !contents.isEmpty {
                throw ScaffoldError("\(folder) is not empty; lantern new never overwrites files. "
                    + "Choose a new folder for the site")
            }
        }
        let day = isoDay(today)
        var files: [(String, [UInt8])] = [
            ("site.yaml", Array(config(title: title ?? "My health information site").utf8)),
            ("Content/_index.md", Array(home(date: day).utf8)),
            ("Content/about.md", Array(about(date: day).utf8)),
        ]
        for theme in try BuiltInTheme.all() {
            files.append(("Templates/" + theme.path, theme.bytes))
        }
        for (path, bytes) in files {
            try FileWriting.createNew(folder + "/" + path, bytes: bytes, display: folder + "/" + path,
                existsMessage: "\(folder)/\(path) already exists; lantern new never overwrites files")
        }
        return files.map(\.0)
    }

    static func config(title: String) -> String {
        """
        # Site configuration for Lantern. Every key is available to templates as `site.<key>`.
        title: \(YAMLText.scalar(title))
        description: "TODO: one plain sentence about what this site is for"
        # The site's address, for canonical links and the sitemap.
        base_url: https://example.org
        language: en

        # Shown at the foot of every page.
        disclaimer: This site gives general information, not medical advice. It does not replace care from a qualified professional who knows your situation.

        # The crisis line at the top of every page. These are United States numbers: use
        # the ones where your readers live.
        crisis:
          summary: In crisis? Free, confidential help, any time.
          links:
            - label: Call 988
              href: "tel:988"
            - label: Emergency? Call 911
              href: "tel:911"

        """
    }

    static func home(date: String) -> String {
        """
        ---
        title: Welcome
        description: "TODO: one plain sentence about what readers find on this site"
        last_reviewed: \(date)
        ---

        This is the home page, from `Content/_index.md`. Every Markdown file in `Content/` is a
        page, and every folder is a section.

        Read [about this site](about.md), or add a page with `lantern new page NAME`.

        """
    }

    static func about(date: String) -> String {
        """
        ---
        title: About this site
        description: Who writes this site, and how its pages are reviewed.
        date: \(date)
        last_reviewed: \(date)
        reviewed_by: Clinical team
        ---

        An example page, from `Content/about.md`. Change it or delete it.

        ## Who we are

        Say who writes these pages and who reviews them.

        ## How we review pages

        Each page shows when it was last reviewed, from `last_reviewed` in its front matter.

        """
    }
}
