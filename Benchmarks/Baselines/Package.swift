// swift-tools-version:6.0
import PackageDescription

// Measures fit time and per-user adaptation time of every baseline on a large simulated
// world. Run from this folder: swift run -c release baselines-benchmark --help
let package = Package(
    name: "BaselinesBenchmark",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "MetaRecSim", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "baselines-benchmark",
            dependencies: [.product(name: "MetaRecSimCore", package: "MetaRecSim")],
            path: "Sources/BaselinesBenchmark"
        ),
    ],
    swiftLanguageModes: [.v6]
)
