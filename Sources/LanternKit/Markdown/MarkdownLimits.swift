import Foundation

/// Sizes no page a writer means to write comes near, checked in one pass over the bytes
/// before cmark sees them (as markdown-it's `maxNesting` is).
///
/// Debian's libcmark-gfm (0.29.0.gfm.6) takes minutes on some inputs that later versions
/// fixed (deep blockquotes and lists with emphasis, `![[]()` repeated, …), and inputs that
/// nobody has reported yet surely exist. Each limit bounds one dimension such inputs grow in,
/// whatever the exact pattern: how deep blocks nest, how many delimiters, brackets, backtick
/// runs and `<` one paragraph holds, how many cells a table has, how many definitions a page
/// has, and the page's size. What is left, a page within every limit that is still slow, is
/// bounded in time by `ParseDeadline`.
public struct MarkdownLimits: Sendable {
    public var pageBytes = 64 * 1024 * 1024
    /// Blockquotes and list items, one inside another.
    public var nesting = 100
    /// Runs of `*`, `_` or `~` that could open or close emphasis or strikethrough.
    public var delimiterRunsPerParagraph = 5_000
    /// `[` (links, images, footnote references).
    public var bracketsPerParagraph = 5_000
    public var backtickRunsPerParagraph = 2_000
    /// `<` (raw HTML, autolinks, comments).
    public var anglesPerParagraph = 10_000
    /// `@`: the autolink extension looks back from each one for an address.
    public var atSignsPerParagraph = 5_000
    /// Columns × rows: cmark-gfm fills short rows up to the header's width.
    public var tableCells = 500_000
    /// Link reference and footnote definitions.
    public var definitionsPerPage = 10_000

    public init() {}

    public struct Violation: Sendable, Equatable {
        /// The line in the text given to `violation(in:)`, from 1.
        public var line: Int
        public var message: String
    }

    /// The first limit the text goes past, or nil.
    public func violation(in markdown: String) -> Violation? {
        var text = markdown
        return text.withUTF8 { bytes in
            if bytes.count > pageBytes {
                return Violation(line: 1, message: "the page is \(bytes.count / 1024) KB of Markdown; at most "
                    + "\(pageBytes / 1024 / 1024) MB are allowed: split it into several pages")
            }
            var scan = LimitScan(limits: self)
            var start = 0
            var line = 1
            while start < bytes.count, let base = bytes.baseAddress {
                // memchr rather than a loop: this pass must cost next to nothing on every page.
                let end = memchr(base + start, 0x0A, bytes.count - start)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
                if let violation = scan.line(bytes, from: start, to: end, number: line) { return violation }
                start = end + 1
                line += 1
            }
            return nil
        }
    }
}

/// The state of `MarkdownLimits.violation(in:)` between lines.
private struct LimitScan {
    let limits: MarkdownLimits

    /// The open fenced code block's character and length: its lines are not Markdown.
    var fence: (byte: UInt8, length: Int)?
    /// The columns at which the open list items' content starts, outermost first.
    var listIndents: [Int] = []
    var previousBlank = true
    var definitions = 0
    var firstDefinitionLine = 0

    // The paragraph (or table row, or heading) being read: its inlines are parsed together.
    var unitLine = 0
    var unitIsHTML = false
    var delimiterRuns = 0
    var brackets = 0
    var backtickRuns = 0
    var angles = 0
    var atSigns = 0

    // The table being read: its header's cell count and rows so far.
    var tableColumns = 0
    var tableRows = 0
    var tableLine = 0
    /// The previous line's cell count if it could be a table's header (it has a `|`).
    var previousCells = 0

    init(limits: MarkdownLimits) { self.limits = limits }

    mutating func line(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, number: Int) -> MarkdownLimits.Violation? {
        var i = start
        var quotes = 0
        var markers = 0
        var footnotes = 0
        var firstMarkerColumn = -1
        var firstMarkerContent = 0
        // Container markers: `>` and list markers, as many as the line starts with.
        while true {
            var j = i
            while j < end && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
            guard j < end else { i = j; break }
            let c = b[j]
            if c == 0x3E {  // >
                quotes += 1
                i = j + 1
                continue
            }
            var k = j
            if c == 0x2D || c == 0x2B || c == 0x2A {  // - + *
                k = j + 1
            } else if c == 0x5B, let labelEnd = footnoteLabelEnd(b, at: j, end: end) {
                // `[^note]:` opens a container as a list item does; its content nests deeper.
                footnotes += 1
                k = labelEnd
            } else if c >= 0x30 && c <= 0x39 {
                while k < end && k - j < 9 && b[k] >= 0x30 && b[k] <= 0x39 { k += 1 }
                if k < end && (b[k] == 0x2E || b[k] == 0x29) { k += 1 } else { i = j; break }
            } else {
                i = j
                break
            }
            guard k == end || b[k] == 0x20 || b[k] == 0x09 || b[j] == 0x5B else { i = j; break }
            if markers == 0 {
                firstMarkerColumn = j - start
                // A footnote's text goes on in lines indented four columns past its `[`.
                firstMarkerContent = b[j] == 0x5B ? j - start + 4 : k - start + 1
            }
            markers += 1
            i = k
        }
        let blank = i >= end || (i..<end).allSatisfy { b[$0] == 0x20 || b[$0] == 0x09 }

        if let open = fence {
            if let run = fenceRun(b, at: i, end: end), run.byte == open.byte, run.length >= open.length {
                fence = nil
            }
            return nil
        }

        // List nesting: an item starts inside the open items whose content starts at or before it.
        if markers > 0 {
            while let last = listIndents.last, last > firstMarkerColumn { listIndents.removeLast() }
            listIndents.append(firstMarkerContent)
        } else if !blank && previousBlank {
            let indent = i - start
            while let last = listIndents.last, last > indent { listIndents.removeLast() }
        }
        let lists = listIndents.count + max(0, markers - 1)
        if quotes > limits.nesting || lists > limits.nesting || quotes + lists > limits.nesting {
            let listsName = footnotes > 0 ? "lists and footnotes" : "lists"
            let what = quotes > limits.nesting ? "blockquotes" : lists > limits.nesting ? listsName
                : "blockquotes and \(listsName)"
            let depth = quotes > limits.nesting ? quotes : lists > limits.nesting ? lists : quotes + lists
            return .init(line: number, message: "\(what) nested \(depth) deep; at most \(limits.nesting) "
                + "are allowed: flatten the nesting")
        }

        if blank {
            endTable()
            endUnit()
            previousBlank = true
            previousCells = 0
            return nil
        }
        previousBlank = false

        if let run = fenceRun(b, at: i, end: end) {
            endTable()
            endUnit()
            fence = run
            return nil
        }

        // Tables: a delimiter row under a header starts one; each row's cells are parsed apart.
        let hasPipe = memchr(b.baseAddress! + i, 0x7C, end - i) != nil
        let cells = hasPipe ? cellCount(b, from: i, to: end) : 1
        if tableColumns > 0 {
            tableRows += 1
            if tableColumns * tableRows > limits.tableCells {
                return .init(line: tableLine, message: "a table of \(tableColumns) columns and more than "
                    + "\(tableRows) rows; at most \(limits.tableCells) cells are allowed: split the table")
            }
            endUnit()
        } else if previousCells > 0, isDelimiterRow(b, from: i, to: end) {
            tableColumns = max(previousCells, cells)
            tableRows = 1
            tableLine = number - 1
            endUnit()
            previousCells = 0
            return nil
        }
        previousCells = hasPipe ? cells : 0

        if markers > 0 || b[i] == 0x23 || unitLine == 0 {  // a list item or a heading starts a block
            endUnit()
            unitLine = number
            unitIsHTML = startsHTMLBlock(b, at: i, end: end)
        }
        var inlinesStart = i
        var lineDefinitions = footnotes
        if b[i] == 0x5B, let labelEnd = definitionLabelEnd(b, at: i, end: end) {
            lineDefinitions += 1
            inlinesStart = labelEnd
        }
        if lineDefinitions > 0 {
            if definitions == 0 { firstDefinitionLine = number }
            definitions += lineDefinitions
            if definitions > limits.definitionsPerPage {
                return .init(line: firstDefinitionLine, message: "more than \(limits.definitionsPerPage) link "
                    + "reference or footnote definitions; at most \(limits.definitionsPerPage) are allowed in one "
                    + "page: split it into several pages")
            }
        }
        if unitIsHTML { return nil }
        // What follows a definition's label is parsed too: a footnote's text, or a paragraph
        // when the definition turns out not to be one.
        countInlines(b, from: inlinesStart, to: end)
        return unitViolation()
    }

    private mutating func endTable() {
        tableColumns = 0
        tableRows = 0
    }

    private mutating func endUnit() {
        unitLine = 0
        unitIsHTML = false
        delimiterRuns = 0
        brackets = 0
        backtickRuns = 0
        angles = 0
        atSigns = 0
    }

    private func unitViolation() -> MarkdownLimits.Violation? {
        func tooMany(_ count: Int, _ limit: Int, _ what: String, _ advice: String) -> MarkdownLimits.Violation? {
            guard count > limit else { return nil }
            return .init(line: unitLine, message: "a paragraph with more than \(limit) \(what); at most \(limit) "
                + "are allowed in one paragraph: \(advice)")
        }
        return tooMany(delimiterRuns, limits.delimiterRunsPerParagraph, "emphasis or strikethrough marks (*, _, ~)",
                "split it, or escape the marks (\\*)")
            ?? tooMany(brackets, limits.bracketsPerParagraph, "brackets ([)", "split it, or escape them (\\[)")
            ?? tooMany(backtickRuns, limits.backtickRunsPerParagraph, "runs of backticks",
                "split it, or put the code in a fenced block")
            ?? tooMany(angles, limits.anglesPerParagraph, "< signs", "split it, or write them as &lt;")
            ?? tooMany(atSigns, limits.atSignsPerParagraph, "@ signs", "split it")
    }

    private mutating func countInlines(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        var i = start
        while i < end {
            let c = b[i]
            switch c {
            case 0x5C: i += 2; continue  // backslash escape
            case 0x5B: brackets += 1
            case 0x3C: angles += 1
            case 0x40: atSigns += 1
            case 0x60:
                backtickRuns += 1
                while i + 1 < end && b[i + 1] == 0x60 { i += 1 }
            case 0x2A, 0x5F, 0x7E:  // * _ ~
                let runStart = i
                while i + 1 < end && b[i + 1] == c { i += 1 }
                let before: UInt8 = runStart > start ? b[runStart - 1] : 0x20
                let after: UInt8 = i + 1 < end ? b[i + 1] : 0x20
                let leftFlanking = !isSpace(after)
                let rightFlanking = !isSpace(before)
                let intraword = c == 0x5F && isAlphanumeric(before) && isAlphanumeric(after)
                if (leftFlanking || rightFlanking) && !intraword { delimiterRuns += 1 }
            default: break
            }
            i += 1
        }
    }

    private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C }

    private func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c >= 0x80
    }

    /// A code fence: three or more backticks or tildes.
    private func fenceRun(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (byte: UInt8, length: Int)? {
        guard i < end, b[i] == 0x60 || b[i] == 0x7E else { return nil }
        var k = i
        while k < end && b[k] == b[i] { k += 1 }
        return k - i >= 3 ? (b[i], k - i) : nil
    }

    /// Cells in a line, counted by its unescaped `|`: `|a|b|` and `a|b` both have two.
    private func cellCount(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var pipes = 0
        var i = start
        while i < end {
            if b[i] == 0x5C { i += 2; continue }
            if b[i] == 0x7C { pipes += 1 }
            i += 1
        }
        guard pipes > 0 else { return 1 }
        var last = end - 1
        while last > start && (b[last] == 0x20 || b[last] == 0x09) { last -= 1 }
        let leading = b[start] == 0x7C ? 1 : 0
        let trailing = last > start && b[last] == 0x7C ? 1 : 0
        return max(1, pipes + 1 - leading - trailing)
    }

    /// `| --- | :-: |`: only pipes, dashes, colons and spaces, with a dash.
    private func isDelimiterRow(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var dash = false
        for k in start..<end {
            switch b[k] {
            case 0x2D: dash = true
            case 0x7C, 0x3A, 0x20, 0x09: break
            default: return false
            }
        }
        return dash
    }

    /// `<div`, `</p`, `<!--`, `<?`: an HTML block, whose text cmark does not parse as inlines.
    private func startsHTMLBlock(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Bool {
        guard i + 1 < end, b[i] == 0x3C else { return false }
        var next = b[i + 1]
        if next == 0x21 || next == 0x3F { return true }
        if next == 0x2F, i + 2 < end { next = b[i + 2] }
        return (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A)
    }

    /// Where `[label]: destination` continues after its `:`, or nil if the line is no definition.
    private func definitionLabelEnd(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        var k = i + 1
        while k < end && b[k] != 0x5D {
            if b[k] == 0x5C { k += 1 }
            k += 1
        }
        return k + 1 < end && b[k + 1] == 0x3A ? k + 2 : nil
    }

    /// Where `[^note]:` continues after its `:`, or nil. A footnote label holds no space.
    private func footnoteLabelEnd(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        guard i + 1 < end, b[i + 1] == 0x5E else { return nil }
        var k = i + 2
        while k < end && b[k] != 0x5D && b[k] != 0x20 && b[k] != 0x09 {
            if b[k] == 0x5C { k += 1 }
            k += 1
        }
        return k > i + 2 && k + 1 < end && b[k] == 0x5D && b[k + 1] == 0x3A ? k + 2 : nil
    }
}
