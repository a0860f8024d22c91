// swift-tools-version: 6.1
import PackageDescription

/// `make fuzz` sets LANTERN_FUZZ=1: LanternKit is then compiled with libFuzzer's coverage
/// instrumentation and AddressSanitizer, and the `lantern-fuzz` target is added. Ordinary
/// builds leave both out (a fuzzer entry point has no `main`).
let fuzzing = Context.environment["LANTERN_FUZZ"] != nil
let fuzzFlags = ["-sanitize=fuzzer,address"]

/// Lets LanternKit's `cmark_manage_extensions_special_characters` stand in for cmark-gfm's, so
/// that pages can be parsed in parallel (see SpecialCharacters.swift).
let keepExtensionsSpecialCharacters = LinkerSetting.unsafeFlags(
    ["-Xlinker", "--export-dynamic-symbol=cmark_manage_extensions_special_characters"], .when(platforms: [.linux]))

let package = Package(
    name: "Lantern",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lantern", targets: ["lantern"]),
        .library(name: "LanternKit", targets: ["LanternKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // libvips (Debian's libvips-dev) for pictures, through CLanternVips, a C shim of ours:
        // libvips's API is variadic, which Swift cannot call. Swift sees only the shim.
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(
            name: "CLanternVips",
            dependencies: ["CVips"]
        ),
        // libdeflate (Debian's libdeflate-dev) compresses the search index's text files, which
        // the browser reads back with DecompressionStream. Swift sees it through Gzip.swift.
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .target(
            name: "LanternKit",
            dependencies: [
                "CCmarkGFM",
                "CLanternVips",
                "CDeflate",
                "Yams",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            swiftSettings: fuzzing ? [.unsafeFlags(fuzzFlags)] : [],
            plugins: ["EmbedDefaultTheme"]
        ),
        // `lantern new site` writes the default theme from inside the binary: this plugin
        // compiles Templates/ into LanternKit at build time, so the repository keeps one copy.
        .plugin(
            name: "EmbedDefaultTheme",
            capability: .buildTool(),
            dependencies: ["embed-theme"]
        ),
        .executableTarget(
            name: "embed-theme",
            path: "Plugins/EmbedThemeTool"
        ),
        // jemalloc (Debian's libjemalloc-dev) replaces glibc's malloc in the command: a build
        // makes and frees millions of small objects on every core, and it spends about a sixth
        // less processor time with jemalloc.
        .executableTarget(
            name: "lantern",
            dependencies: [
                "LanternKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [
                .linkedLibrary("jemalloc", .when(platforms: [.linux])),
                keepExtensionsSpecialCharacters,
            ]
        ),
        // swift-mustache is the reference our template engine is tested against.
        .testTarget(
            name: "LanternKitTests",
            dependencies: ["LanternKit", .product(name: "Mustache", package: "swift-mustache")],
            linkerSettings: [keepExtensionsSpecialCharacters]
        ),
    ],
    swiftLanguageModes: [.v6]
)

if fuzzing {
    package.targets.append(.executableTarget(
        name: "lantern-fuzz", dependencies: ["LanternKit"],
        swiftSettings: [.unsafeFlags(fuzzFlags)],
        linkerSettings: [.unsafeFlags(fuzzFlags + ["-use-ld=lld"])]))
}
