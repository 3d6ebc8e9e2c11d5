// swift-tools-version:5.9
// A Swift package for the {{ module }} bindings: `.package(path: ...)`, then `import {{ module }}`.
// Linking needs lib{{ cdylib }} on the library search path (e.g. `swift build -Xlinker -L<dir>`).
import PackageDescription

let package = Package(
    name: "{{ module }}",
    products: [
        .library(name: "{{ module }}", targets: ["{{ module }}"]),
    ],
    targets: [
        .systemLibrary(name: "{{ ffi_module }}", path: "Sources/{{ ffi_module }}"),
        .target(name: "{{ module }}", dependencies: ["{{ ffi_module }}"], path: "Sources/{{ module }}"),
    ]
)
