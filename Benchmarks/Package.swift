// swift-tools-version: 6.1
// Micro-benchmarks of Lantern's hot stages (ordo-one/package-benchmark). A package of its own,
// so that the main package's build and tests never compile the benchmark framework.
//   cd Benchmarks && swift package benchmark          (or: make bench-micro)
import PackageDescription

let package = Package(
    name: "LanternBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Lantern", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "LanternBenchmarks",
            dependencies: [
                .product(name: "LanternKit", package: "Lantern"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/LanternBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
