// swift-tools-version:6.0
import PackageDescription

// A model written in Swift, evaluated by MetaRecSim beside the built-in ones. The toolkit
// is a dependency by path here; elsewhere, depend on the repository by URL.
let package = Package(
    name: "CustomModel",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "MetaRecSim", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "CustomModel",
            dependencies: [.product(name: "MetaRecSim", package: "MetaRecSim")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
