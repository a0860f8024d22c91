/// schema.org JSON-LD for a page, ready to sit inside `<script type="application/ld+json">`:
/// `MedicalWebPage` for reviewed content, `MedicalClinic` on the home and contact pages,
/// `FAQPage` for a page with `layout: faq`. Keys are written in alphabetical order.
enum StructuredData {
    static func json(for page: Page, rendered: RenderedMarkdown, site: Site) -> String {
        let config = site.config.localized(to: page.language)
        let matter = page.frontMatter
        var json = JSONWriter(capacity: 512)
        json.raw("{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":")
        json.string(matter.lastReviewed != nil || matter.reviewedBy != nil ? "MedicalWebPage" : "WebPage")
        if !matter.description.isEmpty {
            json.field("description", matter.description)
        }
        json.field("inLanguage", page.language)
        if let reviewed = matter.lastReviewed {
            json.field("lastReviewed", reviewed.iso)
        }
        json.field("name", matter.title)
        if let reviewer = matter.reviewedBy {
            json.raw(",\"reviewedBy\":{\"@type\":\"Organization\",\"name\":")
            json.string(reviewer)
            json.raw("}")
        }
        json.field("url", config.baseURL + page.url)
        json.raw("}")
        if page.kind == .home || matter.layout == "contact" { clinic(config, into: &json) }
        if matter.layout == "faq" { questions(rendered.parts, into: &json) }
        json.raw("]}")
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// The clinic from `site.yaml`'s `clinic:` mapping (name, phone, address, opening_hours).
    private static func clinic(_ config: SiteConfig, into json: inout JSONWriter) {
        guard let clinic = config.templateValues["clinic"]?.object, let name = clinic["name"]?.scalarText
        else { return }
        json.raw(",{\"@type\":\"MedicalClinic\"")
        if let address = clinic["address"]?.object {
            json.raw(",\"address\":{\"@type\":\"PostalAddress\"")
            let fields: [(String, StaticString)] = [
                ("country", "addressCountry"), ("city", "addressLocality"), ("region", "addressRegion"),
                ("postal_code", "postalCode"), ("street", "streetAddress"),
            ]
            for (key, schemaKey) in fields {
                guard let value = address[key]?.scalarText else { continue }
                json.raw(",")
                json.key(schemaKey)
                json.string(value)
            }
            json.raw("}")
        }
        json.field("name", name)
        if let hours = clinic["opening_hours"]?.list {
            json.field("openingHours", hours.compactMap(\.scalarText))
        }
        if let phone = clinic["phone"]?.scalarText {
            json.field("telephone", phone)
        }
        json.field("url", config.baseURL + "/")
        json.raw("}")
    }

    /// Every h2 part whose heading is a question, with the text under it as the answer.
    private static func questions(_ parts: [TextPart], into json: inout JSONWriter) {
        let questions = parts.filter { $0.heading.hasSuffix("?") }
        guard !questions.isEmpty else { return }
        json.raw(",{\"@type\":\"FAQPage\",\"mainEntity\":[")
        for (i, part) in questions.enumerated() {
            if i > 0 { json.raw(",") }
            json.raw("{\"@type\":\"Question\",\"acceptedAnswer\":{\"@type\":\"Answer\",\"text\":")
            json.string(part.text)
            json.raw("},\"name\":")
            json.string(part.heading)
            json.raw("}")
        }
        json.raw("]}")
    }
}
