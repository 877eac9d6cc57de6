// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for riskscreen's readers, kept out of the root package so `swift build` and
/// `swift test` never build or link them. Built only by `scripts/fuzz.sh` (see docs/fuzzing.md):
///
///     swift build --package-path Fuzz --scratch-path .build-fuzz -c release \
///         --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address
///
/// (swiftc keeps only the last `-sanitize=`: the combined one must come last, or the Swift code gets no
/// coverage.) Each target is an executable whose only entry is `LLVMFuzzerTestOneInput` (libFuzzer brings
/// `main`).
let package = Package(
    name: "riskscreen-fuzz",
    products: [
        .executable(name: "fuzz-travel", targets: ["FuzzTravel"]),
        .executable(name: "fuzz-residents", targets: ["FuzzResidents"]),
        .executable(name: "fuzz-policy", targets: ["FuzzPolicy"]),
        .executable(name: "fuzz-rules", targets: ["FuzzRules"]),
        .executable(name: "fuzz-chunks", targets: ["FuzzChunks"]),
        .executable(name: "fuzz-xlsx", targets: ["FuzzXLSX"]),
    ],
    dependencies: [
        .package(name: "riskscreen", path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "Ingest", package: "riskscreen")]),
        .executableTarget(name: "FuzzTravel", dependencies: [
            "FuzzSupport", .product(name: "Normalize", package: "riskscreen"),
        ]),
        .executableTarget(name: "FuzzResidents", dependencies: [
            "FuzzSupport", .product(name: "Normalize", package: "riskscreen"),
        ]),
        .executableTarget(name: "FuzzPolicy", dependencies: [
            "FuzzSupport", .product(name: "Normalize", package: "riskscreen"),
        ]),
        .executableTarget(name: "FuzzRules", dependencies: [
            "FuzzSupport", .product(name: "Normalize", package: "riskscreen"),
        ]),
        .executableTarget(name: "FuzzChunks", dependencies: [
            "FuzzSupport", .product(name: "Ingest", package: "riskscreen"),
        ]),
        .executableTarget(name: "FuzzXLSX", dependencies: [
            "FuzzSupport", .product(name: "Normalize", package: "riskscreen"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
