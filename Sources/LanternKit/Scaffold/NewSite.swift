import Foundation

/// `lantern new site`: a small site that builds as it is, with the pages the built-in theme
/// links to (get help now, contact, glossary) and no copy of the theme: the site is built with
/// the theme compiled into Lantern, and `lantern theme eject` copies a file to change it.
/// What a writer must fill in is marked `TODO`, which `lantern check` lists.
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
        let files: [(String, [UInt8])] = [
            ("site.yaml", Array(config(title: title ?? "My health information site").utf8)),
            ("Content/_index.md", Array(home(date: day).utf8)),
            ("Content/about.md", Array(about(date: day).utf8)),
            ("Content/get-help-now.md", Array(getHelpNow(date: day).utf8)),
            ("Content/contact.md", Array(contact(date: day).utf8)),
            ("Content/glossary.md", Array(glossary(date: day).utf8)),
        ]
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

        # The crisis line at the top of every page, and the services listed in full on the
        # get help now page. These are United States numbers: use the ones where your readers live.
        crisis:
          summary: In crisis? Free, confidential help, any time.
          links:
            - label: Call 988
              href: "tel:988"
            - label: Emergency? Call 911
              href: "tel:911"
          services:
            - name: 988 Suicide & Crisis Lifeline
              details: Call or text 988. Free and confidential, 24 hours a day, 7 days a week.
              links:
                - label: Call 988
                  href: "tel:988"
                - label: Text 988
                  href: "sms:988"
            - name: Emergency services
              details: If someone is in immediate danger, call 911 or go to the nearest emergency room.
              links:
                - label: Call 911
                  href: "tel:911"

        # Your clinic, shown on the contact page and at the foot of every page. Remove the #
        # at the start of each line and fill in your own details.
        # clinic:
        #   name: Your clinic's name
        #   phone: (555) 010-0199
        #   phone_link: "+15550100199"
        #   email: hello@clinic.example
        #   address:
        #     street: 100 Example Street
        #     city: Springfield
        #     region: ST
        #     postal_code: "00000"
        #   hours:
        #     - Monday to Friday, 9 a.m. to 5 p.m.

        # The look of the built-in theme (see the README): colours in quotes, checked for contrast.
        # theme:
        #   brand: "#1d4e5f"
        #   accent: "#1a5a73"
        #   logo: /logo.svg
        #   footer_links: [contact, get-help-now, glossary, site-index]

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

    static func getHelpNow(date: String) -> String {
        """
        ---
        title: Get help now
        description: Where to get help right away in a mental health crisis.
        date: \(date)
        last_reviewed: \(date)
        layout: crisis
        ---

        If you are struggling right now, you are not alone. Help is free, and it is there day and
        night. The services above come from `crisis:` in `site.yaml`.

        TODO: add the crisis services where your readers live, and check every number. Then
        remove this line.

        ## If someone is in danger

        Call emergency services now. Stay with the person if it is safe to do so.

        """
    }

    static func contact(date: String) -> String {
        """
        ---
        title: Contact us
        description: How to reach us.
        date: \(date)
        last_reviewed: \(date)
        layout: contact
        ---

        TODO: say how to reach you. Put your phone number, email, address and hours under
        `clinic:` in `site.yaml`: they then show on this page and at the foot of every page.

        **Our phone line is not a crisis line.** Is someone in danger? Then go to
        [get help now](get-help-now.md).

        """
    }

    static func glossary(date: String) -> String {
        """
        ---
        title: Glossary
        description: The meaning of words you may read on this site.
        date: \(date)
        last_reviewed: \(date)
        ---

        The words you may read on this site, in plain language.

        TODO: add the words your readers ask about, each as a heading with a short meaning.

        ## Outpatient care

        Care you get while you live at home. You come in for visits, then go home.

        """
    }
}
