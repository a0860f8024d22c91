/// What `lantern serve` adds to the HTML it sends, and never writes to disk: the live-reload
/// script, and on draft pages a banner. Both are same-origin files (no inline script or style),
/// so a strict Content-Security-Policy (`script-src 'self'; style-src 'self'`) allows them.
enum ServeInjection {
    static let prefix = "/__lantern/"
    static let scriptPath = "/__lantern/reload.js"
    static let stylesheetPath = "/__lantern/serve.css"
    static let eventsPath = "/__lantern/events"

    static let scriptTag = "<script src=\"\(scriptPath)\"></script>"
    static let stylesheetTag = "<link rel=\"stylesheet\" href=\"\(stylesheetPath)\">"
    /// In the built-in strings' words (`serve.draft_banner`), like serve's error page.
    static let draftBanner = "<div class=\"lantern-draft-banner\" role=\"note\">"
        + HTMLEscaping.escape(ThemeStrings.builtIn().text("serve.draft_banner")) + "</div>"

    /// Reloads the page when the server says the site changed. After a dropped connection
    /// (server restarted, laptop asleep) EventSource reconnects by itself.
    static let reloadScript = """
        (function () {
          "use strict";
          if (!window.EventSource) return;
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("reload", function () {
            source.close();
            window.location.reload();
          });
        })();

        """

    static let stylesheet = """
        .lantern-draft-banner {
          position: fixed; z-index: 2147483647; left: 50%; bottom: 1rem;
          transform: translateX(-50%); padding: .4rem 1rem; border-radius: 999px;
          background: #8a1c00; color: #fff; font: 600 .9rem/1.3 system-ui, sans-serif;
          box-shadow: 0 2px 8px rgba(0, 0, 0, .35); pointer-events: none;
        }
        @media print { .lantern-draft-banner { display: none; } }

        """

    /// The reload script before `</body>`, and for a draft the stylesheet before `</head>` and
    /// the banner right after `<body …>`. A document without those tags gets them at its end.
    static func inject(into html: [UInt8], draft: Bool) -> [UInt8] {
        var out = html
        if let body = lastRange(of: "</body", in: out) {
            out.replaceSubrange(body.lowerBound..<body.lowerBound, with: Array(scriptTag.utf8))
        } else {
            out += Array(scriptTag.utf8)
        }
        guard draft else { return out }
        if let bodyOpen = firstRange(of: "<body", in: out), let close = out[bodyOpen.upperBound...]
            .firstIndex(of: UInt8(ascii: ">"))
        {
            out.insert(contentsOf: Array(draftBanner.utf8), at: close + 1)
        } else {
            out += Array(draftBanner.utf8)
        }
        if let head = firstRange(of: "</head", in: out) {
            out.insert(contentsOf: Array(stylesheetTag.utf8), at: head.lowerBound)
        } else {
            out.insert(contentsOf: Array(stylesheetTag.utf8), at: 0)
        }
        return out
    }

    /// Case-insensitive search for an ASCII tag.
    private static func firstRange(of tag: String, in bytes: [UInt8]) -> Range<Int>? {
        let needle = Array(tag.utf8)
        guard bytes.count >= needle.count else { return nil }
        var i = 0
        while i <= bytes.count - needle.count {
            if matches(needle, in: bytes, at: i) { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }

    private static func lastRange(of tag: String, in bytes: [UInt8]) -> Range<Int>? {
        let needle = Array(tag.utf8)
        guard bytes.count >= needle.count else { return nil }
        var i = bytes.count - needle.count
        while i >= 0 {
            if matches(needle, in: bytes, at: i) { return i..<(i + needle.count) }
            i -= 1
        }
        return nil
    }

    private static func matches(_ needle: [UInt8], in bytes: [UInt8], at start: Int) -> Bool {
        for (offset, expected) in needle.enumerated() {
            var byte = bytes[start + offset]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != expected { return false }
        }
        return true
    }
}
