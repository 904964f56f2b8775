import Foundation

@testable import SMTPDoctorCore

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

    /// The failures the log reader finds in one message, written to a file of its own, read with the given
    /// stage phrases and bounce wording.
    static func events(
        ofMessage message: String, stagePhrases: [StagePhrase] = [], bounceWording: BounceWording = BounceWording()
    ) throws -> [FailureEvent] {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("message.eml")
        try Data(message.utf8).write(to: url)
        var reader = LogReader()
        reader.stagePhrases = stagePhrases
        reader.bounceWording = bounceWording
        var events: [FailureEvent] = []
        reader.read(url.path) { events.append($0) }
        return events
    }
}
