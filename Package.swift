// swift-tools-version:6.1
import PackageDescription

// Stages import only earlier ones: Machinery ← RiskModel ← Ingest ← Normalize ← Screen ← Lifecycle ← Emit ← Pipeline,
// and each target declares exactly the modules it imports (`scripts/check-imports.py` fails otherwise), so an
// import against the flow does not build.
let package = Package(
    name: "riskscreen",
    products: [
        .executable(name: "riskscreen", targets: ["riskscreen"]),
        .executable(name: "riskscreen-bench", targets: ["riskscreen-bench"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
        // For the fuzz targets in Fuzz/, a package of their own that depends on this one by path.
        .library(name: "Ingest", targets: ["Ingest"]),
        .library(name: "Normalize", targets: ["Normalize"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // C libraries from Debian packages, one shim each.
        .systemLibrary(name: "CCSV", path: "Sources/CCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CPangoCairo", path: "Sources/CPangoCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CQREncode", path: "Sources/CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CXLSXWriter", path: "Sources/CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CCUPS", path: "Sources/CCUPS", providers: [.apt(["libcups2-dev"])]),
        .systemLibrary(name: "CQPDF", path: "Sources/CQPDF", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),
        .systemLibrary(name: "CXML", path: "Sources/CXML", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // The checksum of the store's packed files (XXH3): it runs over the best part of a gigabyte at province scale.
        .systemLibrary(name: "CXXHash", path: "Sources/CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        // A compiler builtin Swift does not expose (cache prefetch), header-only.
        .target(name: "CPrefetch"),
        // libcsv's per-field callback, in C: it runs a hundred million times at province scale.
        .target(name: "CRecordSink"),

        // The fast machinery every stage shares: flat hash tables, mapped files, parallel loops, background tasks.
        // The only home of `@unchecked Sendable` and `nonisolated(unsafe)`.
        .target(name: "Machinery", dependencies: ["CPrefetch"]),

        // The pipeline, one module per stage.
        .target(name: "RiskModel", dependencies: ["Machinery"]),
        .target(name: "Ingest", dependencies: ["RiskModel", "Machinery", "CCSV", "CCrypto", "CRecordSink", "CXML", "ZIPFoundation"]),
        .target(name: "Normalize", dependencies: ["RiskModel", "Ingest", "Machinery", "TOMLKit"],
                resources: [.copy("Resources/gazetteer.csv"), .copy("Resources/gazetteer-NOTICE.txt")]),
        .target(name: "Screen", dependencies: ["RiskModel", "Machinery"]),
        .target(name: "Lifecycle", dependencies: [
            "RiskModel", "Screen", "Machinery", "CXXHash", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "Emit", dependencies: [
            "RiskModel", "Machinery", "Normalize", "Lifecycle", "CPangoCairo", "CQREncode", "CXLSXWriter", "CCUPS", "CQPDF",
            .product(name: "Mustache", package: "swift-mustache"),
        ], resources: [.copy("Templates/default")]),
        .target(name: "Pipeline", dependencies: [
            "RiskModel", "Machinery", "Ingest", "Normalize", "Screen", "Lifecycle", "Emit", "TOMLKit",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Synthetic feeds of any size, for the demo, the tests and the benchmarks.
        .target(name: "Generate", dependencies: ["RiskModel", "Machinery", "Normalize", "Emit"]),
        .executableTarget(name: "riskscreen", dependencies: [
            "Pipeline", "Generate", "RiskModel", "Ingest", "Machinery",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Benchmarks kept out of the program: notice rendering (`scripts/bench.sh`), the XLSX reader (`scripts/bench-xlsx.sh`).
        .executableTarget(name: "riskscreen-bench", dependencies: [
            "RiskModel", "Machinery", "Ingest", "Lifecycle", "Emit", "ZIPFoundation",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/Benchmarks"),


        // Tests mirror the modules; TestSupport holds shared helpers.
        .target(name: "TestSupport", dependencies: ["RiskModel", "Machinery", "CCSV"], path: "Sources/TestSupport"),
        .testTarget(name: "MachineryTests", dependencies: ["Machinery"]),
        .testTarget(name: "RiskModelTests", dependencies: ["RiskModel", "Machinery", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "RiskModel", "Machinery", "TestSupport"]),
        .testTarget(name: "NormalizeTests", dependencies: ["Normalize", "Ingest", "RiskModel", "Machinery", "TestSupport"]),
        .testTarget(name: "ScreenTests", dependencies: ["Screen", "RiskModel", "Machinery", "TestSupport"]),
        .testTarget(name: "LifecycleTests", dependencies: [
            "Lifecycle", "Screen", "RiskModel", "Machinery", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "EmitTests", dependencies: ["Emit", "RiskModel", "Lifecycle", "Machinery", "CPangoCairo", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "TestSupport"]),
        .testTarget(name: "GenerateTests", dependencies: ["Generate", "RiskModel", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "Machinery"]),
    ],
    swiftLanguageModes: [.v6]
)
