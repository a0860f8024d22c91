/// `PageHead` in the state's binary layout (`ByteCoding`): every field of its front matter, so
/// that a page unchanged since the last build is made again without parsing YAML (most of
/// what an incremental build spent loading 10,000 pages). The round trip is tested field by
/// field against the parser's output (`IncrementalBuildTests`).
extension ByteWriter {
    mutating func head(_ head: PageHead) {
        text(head.text)
        int(head.bodyFirstLine)
        let matter = head.matter
        text(matter.title)
        text(matter.description)
        date(matter.date)
        date(matter.lastReviewed)
        optional(matter.reviewedBy)
        texts(matter.tags)
        int(matter.draft ? 1 : 0)
        int(matter.weight)
        optional(matter.slug)
        texts(matter.aliases)
        optional(matter.layout)
        optional(matter.language)
        optional(matter.translationKey)
        int(matter.params.count)
        for (key, param) in matter.params.sorted(by: { $0.key < $1.key }) {
            text(key)
            value(param)
        }
        int(matter.valueLocations.count)
        for (key, location) in matter.valueLocations.sorted(by: { $0.key < $1.key }) {
            text(key)
            int(location.line)
            int(location.column)
        }
        if let image = matter.image {
            int(1)
            text(image.path)
            optional(image.alt)
            optional(image.credit)
        } else {
            int(0)
        }
        texts(matter.related)
    }

    private mutating func optional(_ value: String?) {
        if let value {
            int(1)
            text(value)
        } else {
            int(0)
        }
    }

    private mutating func date(_ date: SiteDate?) {
        int(date.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? -1)
    }

    private mutating func value(_ value: TemplateValue) {
        switch value {
        case .text(let text):
            int(0)
            self.text(text)
        case .bool(let bool):
            int(1)
            int(bool ? 1 : 0)
        case .int(let number):
            int(2)
            int(number)
        case .double(let number):
            int(3)
            uint(number.bitPattern)
        case .list(let items):
            int(4)
            int(items.count)
            for item in items { self.value(item) }
        case .object(let fields):
            int(5)
            int(fields.count)
            for (key, field) in fields.sorted(by: { $0.key < $1.key }) {
                text(key)
                self.value(field)
            }
        }
    }
}

extension ByteReader {
    /// Values nested deeper than YAML front matter can be (`YAMLReader`'s budget) mean damage.
    private static let deepestValue = 256

    mutating func head() -> PageHead {
        let text = text()
        let bodyFirstLine = Int(int())
        var matter = FrontMatter(
            title: self.text(), description: self.text(), date: date(), lastReviewed: date(),
            reviewedBy: optional(), tags: texts(), draft: int() == 1, weight: Int(int()), slug: optional(),
            aliases: texts(), layout: optional(), language: optional(), params: [:], valueLocations: [:])
        matter.translationKey = optional()
        for _ in 0..<count() where isIntact {
            let key = self.text()
            matter.params[key] = value(depth: 0)
        }
        for _ in 0..<count() where isIntact {
            let key = self.text()
            matter.valueLocations[key] = SourceLocation(file: "", line: Int(int()), column: Int(int()))
        }
        if int() == 1 {
            matter.image = FrontMatter.PageImage(path: self.text(), alt: optional(), credit: optional())
        }
        matter.related = texts()
        return PageHead(text: text, matter: matter, bodyFirstLine: bodyFirstLine)
    }

    private mutating func optional() -> String? {
        int() == 1 ? text() : nil
    }

    private mutating func date() -> SiteDate? {
        let number = Int(int())
        guard number >= 0 else { return nil }
        return SiteDate(year: number / 10_000, month: number / 100 % 100, day: number % 100)
    }

    private mutating func value(depth: Int) -> TemplateValue {
        guard depth < ByteReader.deepestValue else {
            markDamaged()
            return .text("")
        }
        switch int() {
        case 0: return .text(text())
        case 1: return .bool(int() == 1)
        case 2: return .int(Int(int()))
        case 3: return .double(Double(bitPattern: uint()))
        case 4:
            var items: [TemplateValue] = []
            for _ in 0..<count() where isIntact { items.append(value(depth: depth + 1)) }
            return .list(items)
        case 5:
            var fields: [String: TemplateValue] = [:]
            for _ in 0..<count() where isIntact {
                let key = text()
                fields[key] = value(depth: depth + 1)
            }
            return .object(fields)
        default:
            markDamaged()
            return .text("")
        }
    }
}
