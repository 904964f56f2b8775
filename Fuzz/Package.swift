// swift-tools-version: 6.0
// libFuzzer targets for smtp-doctor's parsers. Built only by scripts/fuzz.sh, which compiles every module with address
// sanitizer and libFuzzer's coverage instrumentation; each target's `main` hands `LLVMFuzzerTestOneInput` to libFuzzer.
import PackageDescription

/// One fuzz target: an executable named `fuzz-<name>` in `Sources/fuzz-<name>`.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: "fuzz-\(name)",
        dependencies: ["FuzzSupport"] + dependencies,
        // libFuzzer is linked into the targets alone: the build plugins' tools of the main package are compiled with
        // the same instrumentation (scripts/fuzz.sh passes it to every module) but keep their own `main`.
        linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
    )
}

let core: Target.Dependency = .product(name: "SMTPDoctorCore", package: "smtp-doctor")

let package = Package(
    name: "smtp-doctor-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "smtp-doctor", path: ".."),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"]),
        .target(name: "FuzzLogLines", dependencies: ["FuzzSupport", core]),
        fuzzTarget("error-text", [core]),
        fuzzTarget("reply-decoder", []),
        fuzzTarget("syslog", ["FuzzLogLines"]),
        fuzzTarget("exim", ["FuzzLogLines"]),
        fuzzTarget("exchange", ["FuzzLogLines"]),
        fuzzTarget("message-trace", ["FuzzLogLines"]),
        fuzzTarget("bounce", [core]),
        fuzzTarget("gzip", [core]),
        fuzzTarget("knowledge", [core]),
        fuzzTarget("template", [.product(name: "Mustache", package: "swift-mustache")]),
    ]
)

// Every Swift target (all but the C driver) spells existential types `any P`, as in the main package.
for target in package.targets where target.name != "CFuzzerDriver" {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("ExistentialAny")]
}
