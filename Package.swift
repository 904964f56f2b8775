// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "smtp-doctor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "smtp-doctor", targets: ["smtp-doctor"]),
        .library(name: "SMTPDoctorCore", targets: ["SMTPDoctorCore"]),
        .library(name: "SMTPDoctorProbes", targets: ["SMTPDoctorProbes"]),
        .library(name: "SMTPTestServer", targets: ["SMTPTestServer"]),
        .library(name: "SMTPDoctorDNS", targets: ["SMTPDoctorDNS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "SMTPDoctorCore",
            dependencies: ["CZlib", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(name: "RulesEmbedder", dependencies: ["SMTPDoctorCore"]),
        .plugin(
            name: "EmbedRules",
            capability: .buildTool(),
            dependencies: ["RulesEmbedder"],
            path: "Plugins/EmbedRules"
        ),
        // `Rules` in the target's folder links to the package's `Rules/`, and is excluded from its sources: the
        // package manager plans the build again (and so asks the plugin for its list of files again) only when the
        // files in a target's folder change, and a new rule file must be embedded at the next build.
        .target(
            name: "SMTPDoctorDefaultRules",
            dependencies: ["SMTPDoctorCore"],
            exclude: ["Rules"],
            plugins: ["EmbedRules"]
        ),
        .executableTarget(name: "TemplatesEmbedder"),
        .plugin(
            name: "EmbedTemplates",
            capability: .buildTool(),
            dependencies: ["TemplatesEmbedder"],
            path: "Plugins/EmbedTemplates"
        ),
        // `Templates` in the target's folder links to the package's `Templates/`, as `Rules` does above.
        .target(
            name: "SMTPDoctorReports",
            dependencies: [
                "SMTPDoctorCore", "SMTPDoctorProbes", "SMTPDoctorDNS",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Templates"],
            plugins: ["EmbedTemplates"]
        ),
        .executableTarget(
            name: "smtp-doctor",
            dependencies: [
                "SMTPDoctorCore",
                "SMTPDoctorDefaultRules",
                "SMTPDoctorReports",
                "SMTPDoctorProbes",
                "SMTPDoctorDNS",
                "SMTPDoctorServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            // The compiler exports every symbol of an executable on Linux (`-export-dynamic`): 43,000 names here,
            // which nothing looks up, since the Swift runtime and its libraries are linked in. At start-up the runtime
            // asks `dladdr` for its own path, and `dladdr` walks that whole table: 1.5 million instructions and about
            // 80 page faults for every command. Exporting nothing makes the table empty.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-export-dynamic"])]
        ),
        .target(
            name: "SMTPDoctorServe",
            dependencies: [
                "SMTPDoctorCore", "SMTPDoctorReports", "SMTPDoctorProbes", "SMTPDoctorDNS",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "smtp-test-server", dependencies: ["SMTPTestServer"]),
        .testTarget(
            name: "SMTPDoctorServeTests",
            dependencies: [
                "SMTPDoctorServe", "SMTPDoctorCore", "SMTPDoctorDefaultRules", "SMTPTestServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "diagnose-benchmark",
            dependencies: ["SMTPDoctorCore", "SMTPDoctorDefaultRules"]
        ),
        .target(
            name: "SMTPDoctorProbes",
            dependencies: [
                "SMTPDoctorCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "SMTPDoctorDNS",
            dependencies: [
                "SMTPDoctorCore", "SMTPDoctorProbes",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(
            name: "SMTPDoctorDNSTests",
            dependencies: [
                "SMTPDoctorDNS", "SMTPDoctorCore", "SMTPDoctorDefaultRules", "SMTPTestServer",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "SMTPTestServer",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .testTarget(
            name: "SMTPDoctorProbesTests",
            dependencies: [
                "SMTPDoctorProbes", "SMTPTestServer", "SMTPDoctorCore", "SMTPDoctorDefaultRules",
                "SMTPDoctorReports",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ProbeIntegrationTests",
            dependencies: ["SMTPDoctorProbes", "SMTPDoctorCore", "SMTPDoctorDefaultRules"]
        ),
        .executableTarget(
            name: "interview-simulation",
            dependencies: ["SMTPDoctorCore", "SMTPDoctorDefaultRules"]
        ),
        .testTarget(
            name: "SMTPDoctorCoreTests",
            dependencies: [
                "SMTPDoctorCore", "SMTPDoctorDefaultRules",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "KnowledgeBaseTests",
            dependencies: ["SMTPDoctorCore", "SMTPDoctorDefaultRules", .product(name: "Yams", package: "Yams")],
            exclude: ["Cases", "External", "HeldOut", "Reference"]
        ),
        .testTarget(
            name: "SMTPDoctorCLITests",
            dependencies: ["SMTPDoctorCore", "SMTPTestServer"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "SMTPDoctorReportsTests",
            dependencies: [
                "SMTPDoctorReports", "SMTPDoctorCore", "SMTPDoctorDefaultRules", "SMTPDoctorProbes", "SMTPTestServer",
            ],
            exclude: ["Golden"]
        ),
    ]
)

// The program's own code asks the runtime for generic type metadata through the types' accessors instead of by
// mangled name: the runtime checks a name's protocol requirements by scanning every conformance record of the
// statically linked program, which costs more at start-up than the whole diagnosis (README, "What makes it fast").
for target in package.targets where ["smtp-doctor", "SMTPDoctorReports", "SMTPDoctorCore"].contains(target.name) {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .unsafeFlags(
                ["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"],
                .when(configuration: .release))
        ]
}

// Every Swift target of the package spells existential types `any P`.
for target in package.targets where [.regular, .executable, .test].contains(target.type) {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("ExistentialAny")]
}
