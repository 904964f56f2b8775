// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "smtp-doctor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "smtp-doctor", targets: ["smtp-doctor"]),
        .library(name: "SMTPDoctorCore", targets: ["SMTPDoctorCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "SMTPDoctorCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(name: "RulesEmbedder", dependencies: ["SMTPDoctorCore"]),
        .plugin(
            name: "EmbedRules",
            capability: .buildTool(),
            dependencies: ["RulesEmbedder"],
            path: "Plugins/EmbedRules"
        ),
        .target(
            name: "SMTPDoctorDefaultRules",
            dependencies: ["SMTPDoctorCore"],
            plugins: ["EmbedRules"]
        ),
        .target(
            name: "SMTPDoctorReports",
            dependencies: ["SMTPDoctorCore"]
        ),
        .executableTarget(
            name: "smtp-doctor",
            dependencies: [
                "SMTPDoctorCore",
                "SMTPDoctorDefaultRules",
                "SMTPDoctorReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "diagnose-benchmark",
            dependencies: ["SMTPDoctorCore", "SMTPDoctorDefaultRules"]
        ),
        .executableTarget(
            name: "interview-simulation",
            dependencies: ["SMTPDoctorCore", "SMTPDoctorDefaultRules"]
        ),
        .testTarget(
            name: "SMTPDoctorCoreTests",
            dependencies: ["SMTPDoctorCore"]
        ),
        .testTarget(
            name: "KnowledgeBaseTests",
            dependencies: ["SMTPDoctorCore", "SMTPDoctorDefaultRules", .product(name: "Yams", package: "Yams")],
            exclude: ["Cases"]
        ),
        .testTarget(
            name: "SMTPDoctorCLITests",
            dependencies: ["SMTPDoctorCore"]
        ),
    ]
)
