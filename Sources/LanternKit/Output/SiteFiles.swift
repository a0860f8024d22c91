/// The files every site gets besides its pages: sitemap, robots.txt and redirect pages.
enum SiteFiles {
    /// Absolute URLs of every page, sorted, with the review (or publication) date as lastmod,
    /// and for a page in several languages every translation (itself included) as an
    /// `xhtml:link` alternate, as Google reads them.
    static func sitemap(_ site: Site) -> String {
        let multilingual = site.config.languages.count > 1
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += multilingual
            ? "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
            : "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in site.pages {
            xml += "  <url><loc>\(HTMLEscaping.escape(site.config.baseURL + page.url))</loc>"
            if let date = page.frontMatter.lastReviewed ?? page.frontMatter.date {
                xml += "<lastmod>\(date.iso)</lastmod>"
            }
            let translations = multilingual ? site.translations(of: page) : []
            if translations.count > 1 {
                for translation in translations {
                    xml += "<xhtml:link rel=\"alternate\" hreflang=\"\(HTMLEscaping.escape(translation.language))\" "
                        + "href=\"\(HTMLEscaping.escape(site.config.baseURL + translation.url))\"/>"
                }
            }
            xml += "</url>\n"
        }
        for url in site.taxonomyPages.map(\.place.url).sorted() {
            xml += "  <url><loc>\(HTMLEscaping.escape(site.config.baseURL + url))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    static func robots(_ site: Site) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(site.config.baseURL)/sitemap.xml\n"
    }

    /// A page at an old URL that sends the visitor (and search engines) to the new one.
    /// - Parameter strings: the theme's words (its `redirect.moved` sentence).
    static func redirect(_ alias: Site.Alias, site: Site, strings: ThemeStrings) -> String {
        let target = HTMLEscaping.escape(alias.target)
        let absolute = HTMLEscaping.escape(site.config.baseURL + alias.target)
        let title = HTMLEscaping.escape(alias.targetTitle)
        return """
            <!DOCTYPE html>
            <html lang="\(HTMLEscaping.escape(alias.language))">
            <head>
            <meta charset="utf-8">
            <title>\(title)</title>
            <link rel="canonical" href="\(absolute)">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url=\(target)">
            </head>
            <body>
            <p>\(strings.fill(strings.text("redirect.moved"), ["url": alias.target, "title": alias.targetTitle]))</p>
            </body>
            </html>

            """
    }
}
