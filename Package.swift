// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "MetaRecSim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "metarec", targets: ["metarec"]),
        .library(name: "Learning", targets: ["Learning"]),
        .library(name: "MetaRecSim", targets: ["MetaRecSim"]),
        // For packages that measure the modules from outside, such as Benchmarks/Baselines.
        .library(name: "MetaRecSimCore", targets: ["RecData", "Simulation", "Learning", "Recommenders", "Evaluation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: - System libraries

        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"]), .brew(["libxlsxwriter"])]
        ),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
        ),

        // zlib: a cached re-run re-zips the stored workbook with its own timings (see ZipArchive).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // A header-only module: vector square roots (see its header), linked to nothing.
        .systemLibrary(name: "CVectorMath"),

        // MARK: - Modules, in dependency order (each lists every module it imports)

        .target(name: "RecData"),
        .target(name: "Learning", dependencies: ["COpenBLAS", "CVectorMath"]),
        .target(name: "Simulation", dependencies: ["RecData"]),
        .target(name: "Calibration", dependencies: ["RecData", "Simulation", "Learning"]),
        .target(name: "Recommenders", dependencies: ["RecData", "Learning"]),
        .target(name: "Evaluation", dependencies: ["RecData", "Recommenders"]),
        .target(
            name: "Reporting",
            dependencies: [
                "RecData", "Evaluation", "Calibration", "CXlsxWriter", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Experiments",
            dependencies: [
                "RecData", "Simulation", "Learning", "Calibration", "Recommenders", "Evaluation", "Reporting",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "MetaRecSim",
            dependencies: ["RecData", "Learning", "Recommenders", "Evaluation", "Reporting", "Experiments"]
        ),
        .executableTarget(
            name: "metarec",
            dependencies: [
                "RecData", "Simulation", "Calibration", "Recommenders", "Evaluation", "Reporting", "Experiments",
                "MetaRecSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests

        .target(name: "TestSupport", dependencies: ["Simulation", "Reporting"], path: "Tests/TestSupport"),
        .testTarget(name: "RecDataTests", dependencies: ["RecData", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning"]),
        .testTarget(name: "SimulationTests", dependencies: ["RecData", "Simulation", "TestSupport"]),
        .testTarget(
            name: "CalibrationTests",
            dependencies: ["RecData", "Simulation", "Calibration", "Experiments", "TestSupport"]
        ),
        .testTarget(name: "RecommendersTests", dependencies: ["RecData", "Learning", "Recommenders", "TestSupport"]),
        .testTarget(name: "EvaluationTests", dependencies: ["RecData", "Recommenders", "Evaluation"]),
        .testTarget(
            name: "ReportingTests", dependencies: ["RecData", "Evaluation", "Reporting", "TestSupport"], exclude: ["Golden"]
        ),
        .testTarget(
            name: "ExperimentsTests",
            dependencies: [
                "RecData", "Simulation", "Recommenders", "Evaluation", "Reporting", "Experiments", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "MetaRecSimTests", dependencies: ["MetaRecSim", "TestSupport"]),
        .testTarget(name: "metarecEndToEndTests", dependencies: ["metarec", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
