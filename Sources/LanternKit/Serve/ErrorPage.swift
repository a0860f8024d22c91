/// The page `lantern serve` shows instead of the site while the last build failed: every
/// diagnostic with its file, line and message, as the terminal prints them. It loads the
/// reload script, so the browser recovers by itself once the file is fixed.
enum ErrorPage {
    /// - Parameter strings: its words; the built-in English ones, since the site's own may be
    ///   what does not build.
    static func html(for diagnostics: [Diagnostic], strings: ThemeStrings = .builtIn()) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let heading = strings.fill(strings.plural("serve.failed_heading", count: errors), ["count": String(errors)])
        var items = ""
        for diagnostic in diagnostics {
            let location = diagnostic.location
            var place = "<span class=\"file\">\(HTMLEscaping.escape(location.file))</span>"
            if location.line > 0 { place += ":<span class=\"line\">\(location.line)</span>" }
            if location.column > 0 { place += ":\(location.column)" }
            items += """
                <li class="\(diagnostic.severity.rawValue)"><code>\(place)</code> \
                <strong>\(diagnostic.severity.rawValue):</strong> \
                <span class="message">\(HTMLEscaping.escape(diagnostic.message))</span></li>

                """
        }
        return """
            <!DOCTYPE html>
            <html lang="\(strings.language)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscaping.escape(strings.text("serve.failed_title")))</title>
            <link rel="stylesheet" href="\(ServeInjection.stylesheetPath)">
            </head>
            <body class="lantern-build-error">
            <main>
            <h1>\(heading)</h1>
            <p>\(strings.text("serve.failed_advice"))</p>
            <ul>
            \(items)</ul>
            </main>
            </body>
            </html>

            """
    }

    static let stylesheet = """
        .lantern-build-error { margin: 2rem; font: 1rem/1.5 system-ui, sans-serif; color: #1a1a1a; }
        .lantern-build-error h1 { color: #8a1c00; font-size: 1.5rem; }
        .lantern-build-error ul { padding: 0; list-style: none; }
        .lantern-build-error li { margin: .6rem 0; padding: .6rem .8rem; border-left: 4px solid #8a1c00;
          background: #fbeee9; overflow-wrap: anywhere; }
        .lantern-build-error li.warning { border-color: #8a6d00; background: #fbf6e4; }
        .lantern-build-error code { font: .95rem/1.4 ui-monospace, monospace; }

        """
}
