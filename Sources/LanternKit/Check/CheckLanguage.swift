import Foundation

/// What `lantern check` knows of the language a page is written in: how hard its sentences may
/// be, how its readability is scored, and which link texts say nothing in it. A page's comes
/// from CheckContext.language(of:).
enum CheckLanguage: Equatable, Sendable {
    case english
    case spanish
    /// A language the checks know no rules for: no readability score, no vague link texts.
    case other

    init(code: String) {
        switch LanguageTag.primarySubtag(code) {
        case "en", "": self = .english
        case "es": self = .spanish
        default: self = .other
        }
    }

    /// Sentences longer than this many words are hard to follow. Spanish says the same in
    /// about a sixth more words than English (articles, "de" phrases), so it gets 35.
    var maximumSentenceWords: Int {
        switch self {
        case .spanish: return 35
        case .english, .other: return 30
        }
    }

    /// Link texts that do not say where the link goes, compared lower-cased, without accents
    /// and without surrounding punctuation ("Aquí." is "aqui").
    var vagueLinkTexts: Set<String> {
        switch self {
        case .english:
            return [
                "click here", "here", "click", "read more", "more", "learn more", "this", "this page",
                "link", "this link", "go", "details", "more info", "more information", "continue",
                "see more",
            ]
        case .spanish:
            return [
                "aqui", "haga clic aqui", "haz clic aqui", "clic aqui", "click aqui", "haga click aqui",
                "pulse aqui", "pulsa aqui", "presione aqui", "oprima aqui", "toque aqui", "aca",
                "mas", "mas informacion", "mas info", "leer mas", "lea mas", "ver mas", "saber mas",
                "seguir leyendo", "continuar", "este enlace", "enlace", "esta pagina", "detalles",
                "mas detalles", "informacion", "siga este enlace",
            ]
        case .other:
            return []
        }
    }

    /// A link text as it is compared with `vagueLinkTexts`.
    static func comparable(_ text: String) -> String {
        text.lowercased().trimmingWhitespace().trimmingCharacters(in: .punctuationCharacters)
            .folding(options: .diacriticInsensitive, locale: nil)
    }
}
