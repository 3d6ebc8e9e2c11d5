// swift-tools-version:5.9
// A tiny consumer of the Swift package that scripts/dist.sh puts in dist/swift/Greet, as someone
// without this repository would write it. tests/packaging/test-swift.sh copies this folder into
// a temporary directory next to a link `dist` -> the repository's dist/, then runs `swift build`
// and `swift run` with no linker flags and no LD_LIBRARY_PATH.
import PackageDescription

let package = Package(
    name: "Consumer",
    dependencies: [
        .package(path: "../dist/swift/Greet"),
    ],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [.product(name: "Greet", package: "Greet")],
            path: "Sources/Consumer"
        ),
    ]
)
