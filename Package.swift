// swift-tools-version:6.1
import PackageDescription

/// Stages import only earlier stages: RiskModel ← Ingest ← Normalize ← Screen ← Lifecycle ← Emit ← Pipeline.
let package = Package(
    name: "riskscreen",
    products: [
        .executable(name: "riskscreen", targets: ["riskscreen"]),
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
        // A compiler builtin Swift does not expose (cache prefetch), header-only.
        .target(name: "CPrefetch"),
        // libcsv's per-field callback, in C: it runs a hundred million times at province scale.
        .target(name: "CRecordSink"),

        // The pipeline, one module per stage.
        .target(name: "RiskModel", dependencies: ["CPrefetch"]),
        .target(name: "Ingest", dependencies: ["RiskModel", "CCSV", "CCrypto", "CRecordSink"]),
        .target(name: "Normalize", dependencies: ["RiskModel", "Ingest", "CPrefetch", "TOMLKit"]),
        .target(name: "Screen", dependencies: ["RiskModel"]),
        .target(name: "Lifecycle", dependencies: [
            "RiskModel", "Screen", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Emit", dependencies: [
            "RiskModel", "Lifecycle", "CPangoCairo", "CQREncode", "CXLSXWriter", "CCUPS", "CQPDF",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "Pipeline", dependencies: [
            "RiskModel", "Ingest", "Normalize", "Screen", "Lifecycle", "Emit", "TOMLKit",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "riskscreen", dependencies: [
            "Pipeline", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Tests mirror the modules; TestSupport holds shared helpers.
        .target(name: "TestSupport", dependencies: ["RiskModel", "CCSV"], path: "Sources/TestSupport"),
        .testTarget(name: "RiskModelTests", dependencies: ["RiskModel", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "TestSupport"]),
        .testTarget(name: "NormalizeTests", dependencies: ["Normalize", "TestSupport"]),
        .testTarget(name: "ScreenTests", dependencies: ["Screen", "TestSupport"]),
        .testTarget(name: "LifecycleTests", dependencies: ["Lifecycle", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "EmitTests", dependencies: ["Emit", "CPangoCairo", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "RiskModel", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
