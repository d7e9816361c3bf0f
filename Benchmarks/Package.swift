// swift-tools-version:6.0
// Benchmarks live in their own package, so the library's users never build them.
// Run with ../scripts/bench.sh; see ../BENCHMARKS.md.
import PackageDescription

let package = Package(
    name: "MutasiGraphBenchmarks",
    dependencies: [.package(name: "MutasiGraph", path: "..")],
    targets: [
        .executableTarget(name: "mutasi-bench", dependencies: [.product(name: "MutasiGraph", package: "MutasiGraph")]),
    ]
)
