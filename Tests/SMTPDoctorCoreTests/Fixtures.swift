import Foundation

/// The sample logs and bounce messages under `Tests/Fixtures/analyze`, written with each product's field layout.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/analyze")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A new empty temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-doctor-tests-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
