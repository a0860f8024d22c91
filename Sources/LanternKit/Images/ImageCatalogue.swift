import Foundation

/// Every picture of the content folder, read and made into its variants, which are kept in
/// the cache folder (`.lantern-cache/images/`) between builds.
///
/// A picture is read once: its size, format and content hash are remembered in the cache's
/// manifest by its path, size and modification time, so a rebuild with unchanged pictures
/// reads none of them. Variants are named by the content hash and the encoding settings, so a
/// changed picture or setting makes new ones; files no picture uses any more are deleted.
struct ImageCatalogue: Sendable {
    /// By content path.
    private(set) var pictures: [String: Picture] = [:]
    /// Pictures that cannot be used, by content path, with the reason (pages that show one
    /// are told at their line).
    private(set) var problems: [String: String] = [:]

    static let empty = ImageCatalogue()

    func picture(at sourcePath: String) -> Picture? { pictures[sourcePath] }

    /// Credits from the files beside pictures (`PictureCredit`), by the picture's content path.
    private(set) var credits: [String: PictureCredit] = [:]
    private var defaultLanguage = "en"

    /// The credit a picture's credit file gives it in `language`; nil when it has none.
    func credit(of sourcePath: String, in language: String) -> String? {
        credits[sourcePath]?.text(in: language, defaultLanguage: defaultLanguage)
    }

    /// How many variants were made (not found in the cache) by `make`.
    private(set) var variantsMade = 0

    /// Reads the site's pictures and makes every variant missing from the cache, on every core.
    /// Every problem is a diagnostic at the picture's file.
    /// - Parameters:
    ///   - cacheFolder: the cache's `images` folder; created when there is a picture to keep.
    ///   - displayRoot: how the content folder is written in messages.
    ///   - credits: the pictures' credit files (`PictureCredit`).
    ///   - languages: the site's language codes, its default first (credit files may have a
    ///     credit for each).
    static func make(_ files: [StaticFile], credits: [StaticFile], settings: ImageSettings, cacheFolder: String,
                     displayRoot: String, languages: [String]) -> (ImageCatalogue, [Diagnostic])
    {
        let candidates = files.filter {
            ImageFormat(fileName: $0.sourcePath) != nil
                || ImageFormat.unsupportedExtensions.contains(ImageFormat.lowercasedExtension(of: $0.sourcePath))
        }
        var catalogue = ImageCatalogue()
        catalogue.defaultLanguage = languages.first ?? "en"
        let creditProblems = catalogue.readCredits(credits, of: files, languages: languages, displayRoot: displayRoot)
        guard !candidates.isEmpty else { return (catalogue, creditProblems) }
        try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
        let manifest = Manifest(folder: cacheFolder)
        let known = manifest.read()

        // Headers (from the manifest when the file is unchanged), then the missing variants.
        let readings = candidates.parallelMap { file -> Reading in
            Reading.of(file, known: known, settings: settings, cacheFolder: cacheFolder)
        }
        let allPaths = Set(files.map(\.sourcePath))
        var diagnostics: [Diagnostic] = []
        var entries: [Manifest.Entry] = []
        var work: [(StaticFile, Picture)] = []
        for (file, reading) in zip(candidates, readings) {
            switch reading {
            case .problem(let message, let line):
                catalogue.problems[file.sourcePath] = message
                diagnostics.append(.error(SourceLocation(file: displayRoot + "/" + file.sourcePath, line: line), message))
            case .read(let picture, let entry):
                if let taken = picture.variants.first(where: { $0.outputPath != file.sourcePath && allPaths.contains($0.outputPath) }) {
                    let message = "this picture's variant \(taken.outputPath) would replace the file of that name; "
                        + "rename one of the two"
                    catalogue.problems[file.sourcePath] = message
                    diagnostics.append(.error(SourceLocation(file: displayRoot + "/" + file.sourcePath), message))
                    continue
                }
                catalogue.pictures[file.sourcePath] = picture
                if let entry { entries.append(entry) }
                if picture.variants.contains(where: { !FileManager.default.fileExists(atPath: $0.cacheFile) }) {
                    work.append((file, picture))
                }
            }
        }
        let made = work.parallelMap { item -> (Int, String?) in
            ImageCatalogue.makeVariants(of: item.1, from: item.0, quality: settings.quality)
        }
        for ((file, _), (count, problem)) in zip(work, made) {
            catalogue.variantsMade += count
            if let problem {
                catalogue.pictures[file.sourcePath] = nil
                catalogue.problems[file.sourcePath] = problem
                diagnostics.append(.error(SourceLocation(file: displayRoot + "/" + file.sourcePath), problem))
            }
        }
        manifest.write(entries.filter { catalogue.pictures[$0.path] != nil })
        let kept = Set(catalogue.pictures.values.flatMap { $0.variants.map { ($0.cacheFile as NSString).lastPathComponent } })
        manifest.prune(keeping: kept)
        return (catalogue, creditProblems + diagnostics)
    }

    /// Reads every credit file; one for none of `files` is an error.
    private mutating func readCredits(_ creditFiles: [StaticFile], of files: [StaticFile], languages: [String],
                                      displayRoot: String) -> [Diagnostic] {
        let paths = Set(files.map(\.sourcePath))
        var diagnostics: [Diagnostic] = []
        for file in creditFiles {
            guard let picture = PictureCredit.picturePath(ofCreditFile: file.sourcePath) else { continue }
            let display = displayRoot + "/" + file.sourcePath
            guard paths.contains(picture) else {
                diagnostics.append(.error(SourceLocation(file: display), "this is the credit file of "
                    + "'\((picture as NSString).lastPathComponent)', which is not in its folder: name it after "
                    + "its picture's file, with .yaml added"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: file.absolutePath) else {
                diagnostics.append(.error(SourceLocation(file: display), "cannot read this file (check its permissions)"))
                continue
            }
            switch PictureCredit.read(String(decoding: data, as: UTF8.self), display: display, languages: languages) {
            case .success(let credit): credits[picture] = credit
            case .failure(let failure): diagnostics += failure.diagnostics
            }
        }
        return diagnostics
    }

    /// One picture's header, or why it cannot be used.
    private enum Reading: Sendable {
        case read(Picture, Manifest.Entry?)
        case problem(String, line: Int = 0)

        static func of(_ file: StaticFile, known: [String: Manifest.Entry], settings: ImageSettings,
                       cacheFolder: String) -> Reading {
            let stamp = Manifest.Stamp(path: file.absolutePath)
            let named = ImageFormat(fileName: file.sourcePath)
            if let stamp, let entry = known[file.sourcePath], entry.stamp == stamp, entry.format == named {
                if let tooLarge = ImageCatalogue.tooManyPixels(entry.width, entry.height, settings) { return .problem(tooLarge) }
                return .read(entry.picture(sourcePath: file.sourcePath, settings: settings, cacheFolder: cacheFolder),
                    entry)
            }
            guard let data = FileManager.default.contents(atPath: file.absolutePath) else {
                return .problem("cannot read this picture (check its permissions)")
            }
            let bytes = [UInt8](data)
            let fileExtension = ImageFormat.lowercasedExtension(of: file.sourcePath)
            guard let named else {
                let what = ImageFormat.sniffUnsupported(bytes) ?? fileExtension.uppercased()
                return .problem("this picture is \(what), which web browsers do not all show: "
                    + "save it as JPEG (photos) or PNG (drawings), or WebP")
            }
            if named == .svg {
                switch SVGSafety.inspect(bytes) {
                case .failure(let unsafe):
                    return .problem(unsafe.message, line: unsafe.line)
                case .success(let size):
                    return .read(Picture(sourcePath: file.sourcePath, format: .svg, width: size?.width ?? 0,
                        height: size?.height ?? 0, sourceBytes: bytes.count, variants: []), nil)
                }
            }
            guard let sniffed = ImageFormat.sniff(bytes) else {
                if let other = ImageFormat.sniffUnsupported(bytes) {
                    return .problem("this file is named .\(fileExtension) but holds a \(other) picture, "
                        + "which web browsers do not all show: save it as \(named.displayName)")
                }
                return .problem(bytes.isEmpty ? "this picture is an empty file"
                    : "this file is named .\(fileExtension) but does not hold a \(named.displayName) picture "
                        + "(nor any picture Lantern reads): it may be damaged, or not a picture at all")
            }
            guard sniffed == named else {
                return .problem("this file is named .\(fileExtension) but holds a \(sniffed.displayName) picture: "
                    + "rename it to .\(sniffed.fileExtension)")
            }
            if let claimed = ImageFormat.claimedSize(of: bytes, as: named),
                let tooLarge = ImageCatalogue.tooManyPixels(claimed.width, claimed.height, settings)
            {
                return .problem(tooLarge)
            }
            let header: Vips.Header
            switch Vips.header(of: bytes) {
            case .success(let read): header = read
            case .failure(let error):
                return .problem("cannot read this \(named.displayName) picture: it is damaged or cut short"
                    + (error.detail.isEmpty ? "" : " (libvips: \(error.detail))"))
            }
            if let tooLarge = ImageCatalogue.tooManyPixels(header.width, header.height, settings) { return .problem(tooLarge) }
            let entry = Manifest.Entry(path: file.sourcePath, stamp: stamp ?? Manifest.Stamp(size: bytes.count, modified: 0),
                hash: Vips.sha256(bytes), format: named, width: header.width, height: header.height)
            return .read(entry.picture(sourcePath: file.sourcePath, settings: settings, cacheFolder: cacheFolder), entry)
        }
    }

    /// A decompression bomb (a small file claiming a huge size) is refused from its header alone.
    fileprivate static func tooManyPixels(_ width: Int, _ height: Int, _ settings: ImageSettings) -> String? {
        guard Double(width) * Double(height) > Double(settings.maxMegapixels) * 1_000_000 else { return nil }
        return "this picture claims \(width) × \(height) pixels, more than images.max_megapixels "
            + "(\(settings.maxMegapixels) million): it was not opened. Make it smaller, or raise the limit "
            + "in site.yaml if it is genuine"
    }

    /// Makes a picture's variants that the cache lacks; returns how many, and the problem that
    /// stopped it.
    fileprivate static func makeVariants(of picture: Picture, from file: StaticFile, quality: Int) -> (Int, String?) {
        guard let data = FileManager.default.contents(atPath: file.absolutePath) else {
            return (0, "cannot read this picture (check its permissions)")
        }
        let bytes = [UInt8](data)
        var made = 0
        let widths = Array(Set(picture.variants.map(\.width))).sorted()
        for width in widths {
            let missing = picture.variants.filter { $0.width == width && !FileManager.default.fileExists(atPath: $0.cacheFile) }
            guard !missing.isEmpty else { continue }
            switch Vips.encode(bytes, width: width, formats: missing.map(\.format), quality: quality) {
            case .failure(let error):
                return (made, "cannot read this \(picture.format.displayName) picture: it is damaged or cut short"
                    + (error.detail.isEmpty ? "" : " (libvips: \(error.detail))"))
            case .success(let encoded):
                for (variant, bytes) in zip(missing, encoded) {
                    guard CacheFile.write(bytes, to: variant.cacheFile) else {
                        return (made, "cannot write this picture's variants into the cache folder "
                            + ((variant.cacheFile as NSString).deletingLastPathComponent))
                    }
                    made += 1
                }
            }
        }
        return (made, nil)
    }
}

/// The cache's record of pictures already read: path, size and modification time → format,
/// size in pixels and content hash. One line a picture, tab-separated.
struct Manifest: Sendable {
    let folder: String
    var path: String { folder + "/manifest.tsv" }

    /// What says a file is unchanged without reading it.
    struct Stamp: Sendable, Equatable {
        var size: Int
        /// Nanoseconds since 1970.
        var modified: Int

        init(size: Int, modified: Int) {
            self.size = size
            self.modified = modified
        }

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            size = Int(info.st_size)
            modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
        }
    }

    struct Entry: Sendable {
        var path: String
        var stamp: Stamp
        var hash: String
        var format: ImageFormat
        var width: Int
        var height: Int

        func picture(sourcePath: String, settings: ImageSettings, cacheFolder: String) -> Picture {
            Picture(sourcePath: sourcePath, format: format, width: width, height: height, sourceBytes: stamp.size,
                variants: PictureVariant.plan(sourcePath: sourcePath, format: format, width: width, height: height,
                    contentHash: hash, settings: settings, cacheFolder: cacheFolder))
        }
    }

    func read() -> [String: Entry] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var entries: [String: Entry] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 7, let size = Int(fields[1]), let modified = Int(fields[2]),
                let format = ImageFormat(rawValue: fields[4]), let width = Int(fields[5]), let height = Int(fields[6])
            else { continue }
            entries[fields[0]] = Entry(path: fields[0], stamp: Stamp(size: size, modified: modified), hash: fields[3],
                format: format, width: width, height: height)
        }
        return entries
    }

    func write(_ entries: [Entry]) {
        let lines = entries.sorted { $0.path < $1.path }.map { entry in
            [entry.path, String(entry.stamp.size), String(entry.stamp.modified), entry.hash, entry.format.rawValue,
                String(entry.width), String(entry.height)].joined(separator: "\t") + "\n"
        }
        _ = CacheFile.write(Array(lines.joined().utf8), to: path)
    }

    /// Deletes the variants no picture uses any more (and parts a killed build left).
    func prune(keeping names: Set<String>) {
        guard let present = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in present where name != "manifest.tsv" && !names.contains(name) {
            unlink(folder + "/" + name)
        }
    }
}
