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
        .target(
            name: "MutasiGraph",
            dependencies: ["CGraphviz", "CPlatform", "CSQLite", "Yams", .product(name: "Crypto", package: "swift-crypto"),
                           // scrypt, the slow key derivation that makes a weak pseudonymisation key costly to guess
                           .product(name: "_CryptoExtras", package: "swift-crypto"),
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            // the built-in rule packs (RulePack.BuiltIn), read through Bundle.module
            resources: [.copy("Resources/rules")]
        ),
        .executableTarget(
            name: "mutasi",
            dependencies: [
                "MutasiGraph",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "MutasiGraphTests",
            dependencies: ["MutasiGraph", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
    ]
)
