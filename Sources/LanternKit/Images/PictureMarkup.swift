/// The HTML that shows a picture: a `<picture>` with a `<source>` per extra format and an
/// `<img>` in the picture's own format, each with every width for the browser to choose from,
/// and the picture's size so the page keeps its place while it loads.
enum PictureMarkup {
    /// How wide the picture is shown, for the browser's choice of width before any CSS has
    /// loaded: the content column (`ThemeSettings.contentWidth`), or the screen less the page's
    /// margins when that is narrower.
    static var sizes: String {
        let column = ThemeSettings.contentWidth
        return "(min-width: \(column + 32)px) \(column)px, calc(100vw - 2rem)"
    }

    /// How wide a picture on a page's card in a list is shown: a column of the theme's grid of
    /// cards (at least 18rem, two in the content column), or the screen less the card's margins.
    static let cardSizes = "(min-width: 40em) 22rem, calc(100vw - 4.5rem)"

    /// - Parameters:
    ///   - alt: the text shown instead of the picture (empty for a decorative one).
    ///   - isFirst: the page's first picture is fetched at once, the rest when they near the screen.
    ///   - sizes: how wide it is shown (`sizes`, or `cardSizes` on a list's card).
    static func html(_ picture: Picture, alt: String, isFirst: Bool, sizes: String = PictureMarkup.sizes) -> String {
        let (width, height) = picture.shownSize
        let loading = isFirst ? "" : " loading=\"lazy\" decoding=\"async\""
        let size = width > 0 && height > 0 ? " width=\"\(width)\" height=\"\(height)\"" : ""
        let altText = HTMLEscaping.escape(alt)
        guard !picture.variants.isEmpty else {
            return "<img src=\"\(HTMLEscaping.escape(PagePath.url(of: picture.sourcePath)))\" alt=\"\(altText)\"\(size)\(loading)>"
        }
        var html = "<picture>"
        let formats = picture.formats
        for format in formats.dropLast() {
            html += "<source type=\"\(format.mediaType)\" srcset=\"\(srcset(picture.variants(in: format)))\" sizes=\"\(sizes)\">"
        }
        let own = picture.variants(in: formats.last ?? picture.format)
        let source = own.last.map(\.url) ?? PagePath.url(of: picture.sourcePath)
        html += "<img src=\"\(HTMLEscaping.escape(source))\" srcset=\"\(srcset(own))\" sizes=\"\(sizes)\""
            + " alt=\"\(altText)\"\(size)\(loading)></picture>"
        return html
    }

    /// A picture on its own with its credit below it.
    static func figure(_ pictureHTML: String, credit: String) -> String {
        "<figure class=\"picture\">\(pictureHTML)<figcaption>\(HTMLEscaping.escape(credit))</figcaption></figure>"
    }

    private static func srcset(_ variants: [PictureVariant]) -> String {
        variants.map { HTMLEscaping.escape($0.url) + " \($0.width)w" }.joined(separator: ", ")
    }
}
