import Foundation
import Testing

/// The README's figures about the knowledge base are the ones `smtp-doctor rules lint Rules` prints.
@Suite struct ReadmeFiguresTests {
    /// `ok: 263 diagnoses, 160 remediations, …` as word → number.
    private func lintCounts() async throws -> [String: Int] {
        let output = try await CommandRunner.run([
            "rules", "lint", CommandRunner.packageRoot.appendingPathComponent("Rules").path,
        ])
        #expect(output.status == 0, "\(output.standardOutput)")
        let line = try #require(output.standardOutput.split(separator: "\n").first { $0.hasPrefix("ok: ") })
        var counts: [String: Int] = [:]
        for part in line.dropFirst(4).split(separator: ",") {
            let words = part.split(separator: " ")
            if words.count == 2, let number = Int(words[0]) { counts[String(words[1])] = number }
        }
        return counts
    }

    /// Every "N diagnoses", "N providers", … in the README (not "RFC 3463 codes", nor a rate such as "N diagnoses
    /// per CPU second").
    private func readmeFigures() throws -> [(number: Int, word: String, text: String)] {
        let readme = try String(
            contentsOf: CommandRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let pattern = try NSRegularExpression(
            pattern:
                "(?<!RFC )\\b([0-9][0-9,]*) (diagnoses|remediations|rules|facts|providers|codes|categories)\\b(?! per\\b)"
        )
        let range = NSRange(readme.startIndex..., in: readme)
        return pattern.matches(in: readme, range: range).compactMap { match in
            guard let numberRange = Range(match.range(at: 1), in: readme),
                let wordRange = Range(match.range(at: 2), in: readme), let whole = Range(match.range, in: readme),
                let number = Int(readme[numberRange].replacingOccurrences(of: ",", with: ""))
            else { return nil }
            return (number, String(readme[wordRange]), String(readme[whole]))
        }
    }

    @Test func readmeCountsMatchRulesLint() async throws {
        var counts = try await lintCounts()
        #expect(counts.keys.contains("diagnoses"), "rules lint prints the number of diagnoses")
        let categories = try String(
            contentsOf: CommandRunner.packageRoot.appendingPathComponent("Rules/categories.yaml"), encoding: .utf8)
        counts["categories"] = categories.split(separator: "\n").filter { $0.hasPrefix("- ") }.count
        let figures = try readmeFigures()
        for word in ["diagnoses", "remediations", "providers"] {
            #expect(figures.contains { $0.word == word }, "the README states the number of \(word)")
        }
        for figure in figures {
            let actual = try #require(counts[figure.word], "no count for \(figure.word)")
            #expect(figure.number == actual, "README says \"\(figure.text)\"; rules lint says \(actual) \(figure.word)")
        }
    }
}
