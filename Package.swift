// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MutasiGraph",
    products: [
        .library(name: "MutasiGraph", targets: ["MutasiGraph"]),
        .executable(name: "mutasi", targets: ["mutasi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // HMAC-SHA256 for keyed pseudonyms (not on a hot path; adds ~75 s to a clean build).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // the container of an .xlsx workbook (its sheets' XML is read by our own scanner); on Linux
        // its module CZlib (the system's zlib) also inflates .gz transfer files
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // the case database (`mutasi export --format sqlite`): SQLite's C API from the system, which
        // adds nothing to a clean build (GRDB.swift 7.10.0 would add its own compile, see the commit)
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // what Swift cannot say by itself: a cache prefetch hint, the cores a process may use
        .target(name: "CPlatform"),
        // parallel work, pages, the hash tables, byte helpers, errors and atomic output files
        .target(name: "MutasiSupport", dependencies: ["CPlatform"]),
        // what a transfer, a decree, an election, a tie and a day are
        .target(name: "MutasiModel", dependencies: ["MutasiSupport"]),
        // reading the inputs: CSV, XLSX and .gz transfer files, the calendar, the side tables
        .target(name: "MutasiIngest", dependencies: ["MutasiModel", "CPlatform", "Yams",
                                                     .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // the network of people, signers and posts, and graph metrics on it (PageRank, Louvain,
        // betweenness: a small graph library that needs nothing of the rest)
        .target(name: "MutasiNetwork", dependencies: ["MutasiModel"]),
        // the detectors: rule windows, waves, loyalty and retaliation, sanctions, careers, panels
        .target(name: "MutasiAnalysis", dependencies: ["MutasiIngest", "MutasiNetwork", "Yams"],
                // the built-in rule packs (RulePack.BuiltIn), read through Bundle.module
                resources: [.copy("Resources/rules")]),
        // invented transfer files of any size, calibrated to the wave detector
        .target(name: "MutasiSynth", dependencies: ["MutasiAnalysis"]),
        // pictures and files of the network and the findings: DOT, SVG through libgvc, GraphML,
        // GEXF, the timeline, evidence sheets; HTML building blocks and the report's two languages
        .target(name: "MutasiRender", dependencies: ["MutasiAnalysis", "CGraphviz", "CPlatform"]),
        // what a run found (Investigation.Findings) and how it is handed over: report.html, evidence
        // pages, the case database, pseudonyms, the output folder that is replaced whole
        .target(name: "MutasiReport", dependencies: ["MutasiRender", "CSQLite", "CPlatform",
                                                     .product(name: "Crypto", package: "swift-crypto"),
                                                     // scrypt, the slow key derivation that makes a weak pseudonymisation key costly to guess
                                                     .product(name: "_CryptoExtras", package: "swift-crypto")]),
        // the stages run in order: read, resolve, pseudonymise, detect, build the network, write
        .target(name: "MutasiPipeline", dependencies: ["MutasiReport", .product(name: "Crypto", package: "swift-crypto")]),
        // the library users import: it re-exports the targets it is built on
        .target(name: "MutasiGraph", dependencies: ["MutasiPipeline", "MutasiSynth"]),
        .executableTarget(
            name: "mutasi",
            dependencies: [
                "MutasiGraph",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "MutasiGraphTests",
            dependencies: ["MutasiGraph", "MutasiSupport", "MutasiModel", "MutasiIngest", "MutasiNetwork", "MutasiAnalysis", "MutasiSynth", "MutasiRender", "MutasiReport", "MutasiPipeline", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
    ]
)
