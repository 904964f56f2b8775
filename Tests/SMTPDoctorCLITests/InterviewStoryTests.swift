import Foundation
import Testing

/// Customer stories in plain words, without an error text, each written from a public support thread (cited in the
/// file) and each naming the cause the interview must conclude with first.
@Suite struct InterviewStoryTests {
    static let folder = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/interview-stories")

    static var stories: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }
            .sorted()
    }

    @Test func thereAreStoriesToPlay() {
        #expect(Self.stories.count >= 30)
    }

    @Test(arguments: stories)
    func aStoryReachesItsCause(_ name: String) async throws {
        let path = Self.folder.appendingPathComponent(name).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expected = try #require(
            text.split(separator: "\n").first { $0.hasPrefix("# expect: ") }.map { String($0.dropFirst(10)) })
        #expect(text.contains("# Source: http"), "\(name) cites no thread")
        #expect(!text.contains("error:"), "\(name) gives an error text")
        let output = try await CommandRunner.run(["interview", "--answers", path, "--format", "json"])
        #expect(output.status == 0, "\(name): \(output.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let diagnoses = try #require(object["diagnoses"] as? [[String: Any]])
        #expect(diagnoses.first?["id"] as? String == expected, "\(name)")
    }
}
