/// A picture of the content folder, read: the size it is shown at and the files that show it.
struct Picture: Sendable, Equatable {
    /// `therapies/cbt/group.jpg`
    var sourcePath: String
    var format: ImageFormat
    /// As shown: EXIF orientation applied. 0 when unknown (an SVG without a size).
    var width: Int
    var height: Int
    /// Bytes of the source file (`lantern check` compares them with `images.max_source_kb`).
    var sourceBytes: Int
    /// The variants, every format's widths ascending, the extra formats first (AVIF, WebP) and
    /// the picture's own format last: the order of `<source>` elements, then `<img>`. Empty for
    /// GIF and SVG, which are copied as they are.
    var variants: [PictureVariant]

    /// The variants in one format, narrowest first.
    func variants(in format: ImageFormat) -> [PictureVariant] {
        variants.filter { $0.format == format }
    }

    /// The formats of `variants`, in `<source>` order, the picture's own last.
    var formats: [ImageFormat] {
        var seen: [ImageFormat] = []
        for variant in variants where !seen.contains(variant.format) { seen.append(variant.format) }
        return seen
    }

    /// The size of the widest variant (the picture's own when it has none).
    var shownSize: (width: Int, height: Int) {
        guard let widest = variants.last else { return (width, height) }
        return (widest.width, widest.height)
    }
}

/// One file made from a picture: a width in a format, stripped of metadata.
struct PictureVariant: Sendable, Hashable {
    /// In the output: `therapies/cbt/group.800w.webp`, or the picture's own path for the widest
    /// variant in its own format.
    var outputPath: String
    var format: ImageFormat
    var width: Int
    var height: Int
    /// The file in the cache folder that holds its bytes.
    var cacheFile: String

    var url: String { PagePath.url(of: outputPath) }

    /// The variants of a picture `width` × `height` in its own `format`, and their places.
    static func plan(sourcePath: String, format: ImageFormat, width: Int, height: Int, contentHash: String,
                     settings: ImageSettings, cacheFolder: String) -> [PictureVariant] {
        guard format.isProcessed, width > 0, height > 0 else { return [] }
        let largest = min(width, settings.largestWidth)
        let widths = settings.widths.filter { $0 < largest } + [largest]
        let stem = PictureVariant.stem(of: sourcePath)
        var variants: [PictureVariant] = []
        for variantFormat in settings.formats.filter({ $0 != format }) + [format] {
            for w in widths {
                let h = max(1, Int((Double(height) * Double(w) / Double(width)).rounded()))
                let isOwn = variantFormat == format && w == largest
                let name = "\(contentHash.prefix(32))-\(settings.encodingKey)-\(w).\(variantFormat.fileExtension)"
                variants.append(PictureVariant(
                    outputPath: isOwn ? sourcePath : "\(stem).\(w)w.\(variantFormat.fileExtension)",
                    format: variantFormat, width: w, height: h, cacheFile: cacheFolder + "/" + name))
            }
        }
        return variants
    }

    /// The path without its extension: `a/b.photo.JPG` → `a/b.photo`.
    static func stem(of path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path }
        return String(path[..<dot])
    }
}
