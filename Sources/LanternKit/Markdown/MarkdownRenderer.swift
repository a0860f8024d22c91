import CCmarkGFM
import Foundation

/// What a link destination becomes once the page it names is known.
public enum LinkResolution: Sendable, Equatable {
    case keep
    case rewrite(String)
    /// To a page in another language than the page the link is in (there is no translation):
    /// the link gets `hreflang` and, inside it, `note` ("(en inglés)").
    case rewriteInOtherLanguage(String, language: String, note: String)
    /// The link cannot work; the message says why and what to do.
    case broken(String)
}

/// An image written in Markdown, as the page's renderer is asked to show it.
public struct ImageRequest: Sendable {
    /// The destination as written (`photo.jpg`).
    public var destination: String
    public var alt: String
    /// The title attribute (`![alt](photo.jpg "title")`), empty when there is none.
    public var title: String
    /// 0 for the page's first image, then 1, 2…
    public var position: Int
    public var line: Int
    public var column: Int
}

extension ImageRequest {
    /// `![""](divider.svg)`: alt text written as an empty pair of quotes marks a picture as
    /// decoration, shown with `alt=""` (as `image_alt: ""` does for a page's own picture). An alt
    /// left out is not decoration: it is forgotten, and `lantern check` says so.
    static func marksDecoration(_ alt: String) -> Bool { alt == "\"\"" || alt == "“”" }
}

/// What an image of the Markdown becomes.
public enum ImageRendering: Sendable, Equatable {
    /// cmark's `<img>`, with the destination as `resolveLink` made it.
    case asWritten
    /// This HTML in place of the image; `figure` instead when the image is alone in its
    /// paragraph (a picture with its caption is a block of its own).
    case html(inline: String, figure: String?)
    /// The image cannot be shown; the message says why.
    case broken(String)
}

/// A page body rendered to HTML, with everything later stages need from its syntax tree.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var headings: [Heading]
    public var parts: [TextPart]
    public var links: [LinkReference]
    /// Paragraphs, table cells and code blocks with their lines, for readability checks.
    public var blocks: [TextBlock]
    /// Broken links, with their lines in the page's file.
    public var diagnostics: [Diagnostic]

    /// A page whose Markdown is not rendered: only the error.
    static func failed(_ location: SourceLocation, _ message: String) -> RenderedMarkdown {
        RenderedMarkdown(html: "", headings: [], parts: [], links: [], blocks: [],
            diagnostics: [.error(location, message)])
    }
}

/// Renders GitHub-flavored Markdown with libcmark-gfm.
///
/// All C lives here: the document is parsed, walked once (heading ids, link rewriting, plain
/// text), rendered, and every cmark object is freed before `render` returns.
public struct MarkdownRenderer: Sendable {
    /// Passes raw HTML through; otherwise cmark's safe mode drops it and neutralises
    /// `javascript:` and similar URLs.
    public var allowRawHTML: Bool

    /// Whether `links` and `blocks` are collected: only checks read them.
    public var collectsCheckText: Bool

    /// Checked before cmark sees the text: see `MarkdownLimits`.
    public var limits = MarkdownLimits()
    /// How long cmark may take over one large page: see `ParseDeadline`.
    public var deadlineSeconds = ParseDeadline.standardSeconds

    /// The scrolling wrapper's opening around each Markdown table, with the theme's name for
    /// a table as its label.
    let tableOpening: [UInt8]

    /// - Parameter tableLabel: the theme's word for a table (its strings' `table.label`).
    public init(allowRawHTML: Bool = false, collectsCheckText: Bool = true, tableLabel: String = "Table") {
        self.allowRawHTML = allowRawHTML
        self.collectsCheckText = collectsCheckText
        tableOpening = HTMLFinishing.tableOpening(label: tableLabel)
    }

    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// - Parameters:
    ///   - firstLine: the file line on which `markdown` starts (after front matter).
    ///   - resolveLink: maps a destination as written to what the HTML should contain.
    ///   - showImage: what each image whose destination resolved becomes.
    public func render(
        _ markdown: String, file: String, firstLine: Int = 1,
        resolveLink: (String) -> LinkResolution = { _ in .keep },
        showImage: (ImageRequest) -> ImageRendering = { _ in .asWritten }
    ) -> RenderedMarkdown {
        if let violation = limits.violation(in: markdown) {
            return .failed(SourceLocation(file: file, line: violation.line + firstLine - 1, column: 1),
                violation.message)
        }
        // Its first reading registers the extensions (global state, once, before any parser).
        let takeTurns = SpecialCharacters.parsesTakeTurns
        var options = CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
        if allowRawHTML { options |= CMARK_OPT_UNSAFE }
        guard let parser = cmark_parser_new(options) else { fatalError("cmark: out of memory") }
        for name in MarkdownRenderer.extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        let parsed = ParseDeadline.parse(markdown, with: parser, takeTurns: takeTurns, seconds: deadlineSeconds)
        guard let document = parsed else {
            return .failed(SourceLocation(file: file, line: firstLine, column: 1),
                "cmark took too long (over \(ParseDeadline.deadline(deadlineSeconds, forBytes: markdown.utf8.count)) s) to read this page's Markdown and was stopped: "
                + "simplify it (deep nesting, long runs of brackets or emphasis marks) or split it")
        }
        defer { cmark_parser_free(parser) }
        defer { cmark_node_free(document) }

        var walker = TreeWalker(file: file, lineOffset: firstLine - 1, allowRawHTML: allowRawHTML,
            collectsCheckText: collectsCheckText)
        walker.walk(document, resolveLink: resolveLink)
        walker.markOtherLanguageLinks()
        walker.replaceImages(showImage: showImage)

        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser))
        else { fatalError("cmark: out of memory") }
        defer { free(rendered) }
        let html = HTMLFinishing.finish(
            UnsafeBufferPointer(start: UnsafeRawPointer(rendered).assumingMemoryBound(to: UInt8.self),
                count: strlen(rendered)),
            headingIDs: walker.headingIDsInRenderOrder, tables: walker.tablesInRenderOrder,
            tableOpening: tableOpening)

        return RenderedMarkdown(
            html: html,
            headings: walker.headings, parts: walker.finishedParts(), links: walker.links,
            blocks: walker.blocks, diagnostics: walker.diagnostics)
    }
}

/// One pass over the syntax tree.
private struct TreeWalker {
    let file: String
    let lineOffset: Int
    let allowRawHTML: Bool
    let collectsCheckText: Bool

    var headings: [Heading] = []
    /// One entry per `<hN>` tag the HTML will contain, in order; nil for a heading written as
    /// raw HTML, which keeps its own attributes.
    var headingIDsInRenderOrder: [String?] = []
    /// One entry per `<table>` tag the HTML will contain: true for a Markdown table (to be
    /// wrapped for scrolling), false for one written as raw HTML.
    var tablesInRenderOrder: [Bool] = []
    var links: [LinkReference] = []
    var blocks: [TextBlock] = []
    var diagnostics: [Diagnostic] = []
    /// Links to pages in another language, marked once the walk is over (the tree may not
    /// change under the iterator).
    private var otherLanguageLinks: [(node: OpaquePointer, url: String, language: String, note: String)] = []
    /// Image nodes whose destination resolved, in document order, replaced after the walk.
    private var images: [(node: OpaquePointer, destination: String)] = []
    private var openBlock: TextBlock?
    private var parts: [TextPart] = [TextPart(anchor: "", heading: "", text: "")]
    private var slugger = HeadingSlugger()

    init(file: String, lineOffset: Int, allowRawHTML: Bool, collectsCheckText: Bool) {
        self.file = file
        self.lineOffset = lineOffset
        self.allowRawHTML = allowRawHTML
        self.collectsCheckText = collectsCheckText
    }

    mutating func finishedParts() -> [TextPart] {
        parts.map { part in
            var part = part
            part.text = part.text.trimmingWhitespace()
            return part
        }.filter { !$0.text.isEmpty || !$0.anchor.isEmpty }
    }

    mutating func walk(_ document: OpaquePointer, resolveLink: (String) -> LinkResolution) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        var skipDepth = 0  // inside a heading or image: their text is taken as a whole
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER

            if type == CMARK_NODE_HEADING || type == CMARK_NODE_IMAGE {
                if entering {
                    if skipDepth == 0 { type == CMARK_NODE_HEADING ? enterHeading(node) : () }
                    skipDepth += 1
                } else {
                    skipDepth -= 1
                }
            }
            if entering, type != CMARK_NODE_TEXT, let name = cmark_node_get_type_string(node),
                strcmp(name, "table") == 0
            {
                tablesInRenderOrder.append(true)
            }
            if entering, type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                rewriteLink(node, isImage: type == CMARK_NODE_IMAGE, resolveLink: resolveLink)
            }
            if entering, allowRawHTML, type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE {
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                let counts = HTMLFinishing.tagCounts(in: literal)
                headingIDsInRenderOrder += Array(repeating: nil, count: counts.headings)
                tablesInRenderOrder += Array(repeating: false, count: counts.tables)
            }
            guard skipDepth == 0 else { continue }
            if entering, collectsCheckText, isTextBlock(node, type), type != CMARK_NODE_ITEM {
                openBlock = TextBlock(line: Int(cmark_node_get_start_line(node)) + lineOffset, text: "",
                    isCode: type == CMARK_NODE_CODE_BLOCK)
            }
            if entering {
                switch type {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                    appendText(cmark_node_get_literal(node).map { String(cString: $0) } ?? "")
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    appendText(" ", inBlock: "\n")  // the block keeps its lines, to place sentences
                default: break
                }
            } else if isTextBlock(node, type) {
                appendText("\n", inBlock: "")
                if let block = openBlock, type != CMARK_NODE_ITEM {
                    if !block.text.allSatisfy(\.isWhitespace) { blocks.append(block) }
                    openBlock = nil
                }
            }
        }
    }

    private func isTextBlock(_ node: OpaquePointer, _ type: cmark_node_type) -> Bool {
        if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_ITEM {
            return true
        }
        // Table cells come from the table extension; its node types are not in the headers.
        guard let name = cmark_node_get_type_string(node) else { return false }
        return strcmp(name, "table_cell") == 0
    }

    /// Adds text to the current part and, as `inBlock` when given, to the open block.
    private mutating func appendText(_ text: String, inBlock: String? = nil) {
        parts[parts.count - 1].text += text
        openBlock?.text += inBlock ?? text
    }

    private mutating func enterHeading(_ node: OpaquePointer) {
        let level = Int(cmark_node_get_heading_level(node))
        let text = TreeWalker.plainText(of: node).trimmingWhitespace()
        let id = slugger.uniqueID(for: text)
        let line = Int(cmark_node_get_start_line(node)) + lineOffset
        headings.append(Heading(level: level, text: text, id: id, line: line))
        headingIDsInRenderOrder.append(id)
        if level == 2 || level == 3 {
            parts.append(TextPart(anchor: id, heading: text, text: ""))
        }
    }

    private mutating func rewriteLink(
        _ node: OpaquePointer, isImage: Bool, resolveLink: (String) -> LinkResolution
    ) {
        let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        let line = Int(cmark_node_get_start_line(node)) + lineOffset
        let column = Int(cmark_node_get_start_column(node))
        var resolved = destination
        var resolvedLanguage: String?
        switch resolveLink(destination) {
        case .keep:
            if isImage { images.append((node, destination)) }
        case .rewrite(let url):
            resolved = url
            cmark_node_set_url(node, url)
            if isImage { images.append((node, destination)) }
        case .rewriteInOtherLanguage(let url, let language, let note):
            resolved = url
            resolvedLanguage = language
            cmark_node_set_url(node, url)
            if !isImage { otherLanguageLinks.append((node, url, language, note)) }
        case .broken(let message):
            diagnostics.append(.error(SourceLocation(file: file, line: line, column: column), message))
        }
        guard collectsCheckText else { return }
        links.append(LinkReference(
            destination: destination, resolved: resolved, isImage: isImage,
            text: TreeWalker.plainText(of: node).trimmingWhitespace(), line: line, column: column,
            language: resolvedLanguage))
    }

    /// Each link to a page in another language becomes `<a href hreflang>`, its text and the
    /// note: cmark writes no attributes of its own, so the link is replaced by a node whose
    /// opening and closing HTML are given (written as they are, in safe mode too).
    mutating func markOtherLanguageLinks() {
        for link in otherLanguageLinks {
            guard let marked = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            let title = cmark_node_get_title(link.node).map { String(cString: $0) } ?? ""
            var opening = "<a href=\"\(HTMLEscaping.escape(link.url))\" hreflang=\"\(HTMLEscaping.escape(link.language))\""
            if !title.isEmpty { opening += " title=\"\(HTMLEscaping.escape(title))\"" }
            cmark_node_set_on_enter(marked, opening + ">")
            cmark_node_set_on_exit(marked, link.note.isEmpty ? "</a>"
                : " <span class=\"in-language\">\(HTMLEscaping.escape(link.note))</span></a>")
            while let child = cmark_node_first_child(link.node) { cmark_node_append_child(marked, child) }
            cmark_node_insert_before(link.node, marked)
            cmark_node_free(link.node)
        }
        otherLanguageLinks = []
    }

    /// Puts what `showImage` makes of each image in its place: inline HTML, or a block for a
    /// figure alone in its paragraph. cmark writes custom nodes as they are, in safe mode too.
    mutating func replaceImages(showImage: (ImageRequest) -> ImageRendering) {
        for (position, (node, destination)) in images.enumerated() {
            var alt = TreeWalker.plainText(of: node).trimmingWhitespace()
            if ImageRequest.marksDecoration(alt) {
                alt = ""
                while let child = cmark_node_first_child(node) {  // cmark's own <img> then has alt=""
                    cmark_node_unlink(child)
                    cmark_node_free(child)
                }
            }
            let request = ImageRequest(
                destination: destination,
                alt: alt,
                title: cmark_node_get_title(node).map { String(cString: $0) } ?? "",
                position: position, line: Int(cmark_node_get_start_line(node)) + lineOffset,
                column: Int(cmark_node_get_start_column(node)))
            switch showImage(request) {
            case .asWritten:
                continue
            case .broken(let message):
                diagnostics.append(.error(SourceLocation(file: file, line: request.line, column: request.column), message))
            case .html(let inline, let figure):
                let parent = cmark_node_parent(node)
                let alone = parent.map { cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH
                    && cmark_node_first_child($0) == node && cmark_node_last_child($0) == node } ?? false
                if let figure, alone, let paragraph = parent, let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) {
                    cmark_node_set_on_enter(block, figure)
                    cmark_node_replace(paragraph, block)
                    cmark_node_free(paragraph)
                } else if let replacement = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) {
                    cmark_node_set_on_enter(replacement, inline)
                    cmark_node_replace(node, replacement)
                    cmark_node_free(node)
                }
            }
        }
        images = []
    }

    /// The text inside a node: its text and code spans, with line breaks as spaces. Iterative,
    /// because writers' nesting (or a hostile file's) can be far deeper than the stack.
    static func plainText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }
}
