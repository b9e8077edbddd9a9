// swift-tools-version:6.0
import PackageDescription

// Benchmarks live in their own package so that the toolkit's build and tests never
// compile them; it depends on the toolkit by path.
let package = Package(
    name: "MetaRecSimBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "MetaRecSim", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "MetaTrainingThroughput",
            dependencies: [.product(name: "Learning", package: "MetaRecSim")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
