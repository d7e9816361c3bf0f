// swift-tools-version:6.0
// libFuzzer targets, kept in their own package so the library's users never build them.
// Build and run with ../scripts/fuzz.sh TARGET SECONDS.
import PackageDescription

let fuzzTargets = ["FuzzCalendar", "FuzzTransfers", "FuzzSideTables", "FuzzDOT"]

let package = Package(
    name: "MutasiGraphFuzz",
    dependencies: [.package(name: "MutasiGraph", path: "..")],
    targets: fuzzTargets.map {
        .executableTarget(name: $0, dependencies: [.product(name: "MutasiGraph", package: "MutasiGraph")])
    }
)
