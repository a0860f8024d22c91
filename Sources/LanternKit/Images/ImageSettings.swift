/// `images:` in `site.yaml`: which variants Lantern makes of every picture, and the limits
/// `lantern build` and `lantern check` hold pictures to.
public struct ImageSettings: Sendable, Equatable {
    /// The widths of the variants, in pixels; a picture is never made wider than it is.
    public var widths: [Int] = [480, 800, 1200, 1600]
    /// The formats made besides the picture's own (`formats: [webp, avif]`). AVIF's encoder is
    /// slow, so it is only made when asked for.
    public var formats: [ImageFormat] = [.webp]
    /// JPEG, WebP and AVIF quality, 1 to 100.
    public var quality = 78
    /// `lantern check` reports a source picture heavier than this.
    public var maxSourceKB = 1500
    /// A picture with more pixels than this (millions) is refused before it is decoded: a
    /// tiny file can claim 100,000 × 100,000 pixels and ask for 30 GB.
    public var maxMegapixels = 100

    public init() {}

    /// The widest variant: the file at the picture's own name is this wide (or narrower).
    var largestWidth: Int { widths.max() ?? 1600 }

    /// Everything besides the source and the width that decides a variant's bytes, for cache
    /// keys: a change here makes every variant again. Its `r` number counts changes to how
    /// Lantern encodes (r3: converted to sRGB from a picture's own colour profile).
    var encodingKey: String { "r3-q\(quality)" }

    static func read(_ map: YAMLValue, fields: inout YAMLFields) -> ImageSettings {
        var images = YAMLFields(map)
        var settings = ImageSettings()
        if let value = map["widths"] {
            let widths: [Int]
            if case .list(let items) = value.kind {
                widths = items.compactMap { item -> Int? in
                    if case .int(let width) = item.kind, (16...8000).contains(width) { return width }
                    images.error(item.location, "each of 'images.widths' must be a width in pixels from 16 to 8000")
                    return nil
                }
            } else {
                widths = []
            }
            if widths.isEmpty {
                images.error(value.location, "'images.widths' must be a list of widths in pixels, like [480, 800, 1200]")
            } else {
                settings.widths = Array(Set(widths)).sorted()
            }
        }
        if let names = images.stringList("formats") {
            var formats: [ImageFormat] = []
            for name in names {
                guard let format = ImageFormat(rawValue: name.lowercased()), format == .webp || format == .avif else {
                    images.error(images.location(of: "formats"),
                        "'images.formats' can hold webp and avif (the picture's own format is always made); found '\(name)'")
                    continue
                }
                if !formats.contains(format) { formats.append(format) }
            }
            // AVIF first: a browser takes the first source it can show.
            settings.formats = formats.sorted { $0 == .avif && $1 != .avif }
        }
        if let quality = images.int("quality") {
            if (1...100).contains(quality) { settings.quality = quality } else {
                images.error(images.location(of: "quality"), "'images.quality' must be from 1 to 100")
            }
        }
        if let kilobytes = images.int("max_source_kb") { settings.maxSourceKB = max(1, kilobytes) }
        if let megapixels = images.int("max_megapixels") { settings.maxMegapixels = max(1, megapixels) }
        fields.absorb(images)
        return settings
    }
}
