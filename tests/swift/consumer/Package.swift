// swift-tools-version:5.9
// A tiny consumer of the generated Swift package, to prove it works as a SwiftPM dependency.
// Build and run: scripts/test-swift.sh (swift build/run inside the Swift chroot, with
// `-Xlinker -L<dir of libgreet.so>` and LD_LIBRARY_PATH set).
import PackageDescription

let package = Package(
    name: "Consumer",
    dependencies: [
        // A path dependency's identity is its directory's name: "swift".
        .package(path: "../../../generated/swift"),
    ],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: [.product(name: "Greet", package: "swift")],
            path: "Sources/Consumer"
        ),
    ]
)
