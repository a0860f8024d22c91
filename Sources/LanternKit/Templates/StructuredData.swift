import Foundation

/// schema.org JSON-LD for a page, ready to sit inside `<script type="application/ld+json">`:
/// `MedicalWebPage` for reviewed content, `MedicalClinic` on the home and contact pages,
/// `FAQPage` for a page with `layout: faq`.
enum StructuredData {
    static func json(for page: Page, rendered: RenderedMarkdown, site: Site) -> String {
        let config = site.config
        let matter = page.frontMatter
        var graph: [[String: Any]] = []
        var webPage: [String: Any] = [
            "@type": matter.lastReviewed != nil || matter.reviewedBy != nil ? "MedicalWebPage" : "WebPage",
            "name": matter.title,
            "url": config.baseURL + page.url,
            "inLanguage": matter.language ?? config.language,
        ]
        if !matter.description.isEmpty { webPage["description"] = matter.description }
        if let reviewed = matter.lastReviewed { webPage["lastReviewed"] = reviewed.iso }
        if let reviewer = matter.reviewedBy {
            webPage["reviewedBy"] = ["@type": "Organization", "name": reviewer]
        }
        graph.append(webPage)
        if page.kind == .home || matter.layout == "contact", let clinic = clinic(config) {
            graph.append(clinic)
        }
        if matter.layout == "faq" {
            let questions = rendered.parts.filter { $0.heading.hasSuffix("?") }.map { part -> [String: Any] in
                ["@type": "Question", "name": part.heading,
                 "acceptedAnswer": ["@type": "Answer", "text": part.text]]
            }
            if !questions.isEmpty { graph.append(["@type": "FAQPage", "mainEntity": questions]) }
        }
        let document: [String: Any] = ["@context": "https://schema.org", "@graph": graph]
        guard let data = try? JSONSerialization.data(
            withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return HTMLEscaping.scriptSafeJSON(String(decoding: data, as: UTF8.self))
    }

    /// The clinic from `site.yaml`'s `clinic:` mapping (name, phone, address, hours).
    private static func clinic(_ config: SiteConfig) -> [String: Any]? {
        guard let clinic = config.templateValues["clinic"] as? [String: Any],
            let name = clinic["name"] as? String
        else { return nil }
        var value: [String: Any] = ["@type": "MedicalClinic", "name": name, "url": config.baseURL + "/"]
        if let phone = clinic["phone"] as? String { value["telephone"] = phone }
        if let address = clinic["address"] as? [String: Any] {
            var postal: [String: Any] = ["@type": "PostalAddress"]
            let keys = ["street": "streetAddress", "city": "addressLocality", "region": "addressRegion",
                        "postal_code": "postalCode", "country": "addressCountry"]
            for (key, schemaKey) in keys { if let v = address[key] { postal[schemaKey] = "\(v)" } }
            value["address"] = postal
        }
        if let hours = clinic["opening_hours"] as? [Any] { value["openingHours"] = hours.map { "\($0)" } }
        return value
    }
}
