// swift-tools-version:5.9
// Greet @VERSION@: the Swift bindings of the greet Rust library, with the library prebuilt for
// Linux x86_64 in lib/. Depend on it by path, then `import Greet`:
//     .package(path: "path/to/Greet")
//     .product(name: "Greet", package: "Greet")
// No -Xlinker flags and no LD_LIBRARY_PATH are needed: the Greet target links lib/libgreet.so
// and records lib/ (absolute) and $ORIGIN as run paths of whatever links it. To ship an app,
// put libgreet.so next to its executable. Apple platforms need an XCFramework instead: see
// README.md.
import Foundation
import PackageDescription

let libDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("lib").path

let package = Package(
    name: "Greet",
    products: [
        .library(name: "Greet", targets: ["Greet"]),
    ],
    targets: [
        // The C side: GreetFFI.h and a module map that links libgreet.
        .systemLibrary(name: "GreetFFI", path: "Sources/GreetFFI"),
        .target(
            name: "Greet",
            dependencies: ["GreetFFI"],
            path: "Sources/Greet",
            linkerSettings: [
                .unsafeFlags(["-L\(libDir)", "-Xlinker", "-rpath", "-Xlinker", libDir,
                              "-Xlinker", "-rpath", "-Xlinker", "$ORIGIN"]),
            ]
        ),
    ]
)
