/// BCP 47 language tags as Lantern reads them: only the primary subtag (`es` of `es-MX`)
/// decides which analyzer, rules, dates and plurals apply.
enum LanguageTag {
    /// The primary subtag, lower-cased: `es` for `es-MX`, `es_mx` or `ES`; "" for "".
    static func primarySubtag(_ tag: some StringProtocol) -> String {
        String(tag.prefix { $0 != "-" && $0 != "_" }).lowercased()
    }
}
