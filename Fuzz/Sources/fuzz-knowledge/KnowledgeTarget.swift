import FuzzSupport
import SMTPDoctorCore

/// Where a user's rule file may sit in a `--rules` folder; the folder decides how the file is read.
let rulePaths = [
    "facts.yaml", "categories.yaml", "questions.yaml", "symptoms.yaml", "codes/basic.yaml", "codes/enhanced.yaml",
    "providers/fuzz.yaml", "rules/fuzz.yaml", "diagnoses/fuzz.yaml", "remediations/fuzz.yaml",
    "vocabulary/fuzz.yaml", "situations/fuzz.yaml", "stage-phrases.yaml", "priors.yaml",
]

/// A rule file from `--rules` or `rules lint`: the first byte chooses its place in the folder, the rest is its YAML.
/// Loading must end with a knowledge base or `file:line` problems, never a crash or runaway growth.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKnowledge(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)
    guard let selector = input.bytes.first else { return 0 }
    let path = rulePaths[Int(selector) % rulePaths.count]
    let text = String(decoding: input.bytes.dropFirst(), as: UTF8.self)
    let file = RuleFile(relativePath: path, displayPath: "fuzz/\(path)", text: text)
    do {
        _ = try KnowledgeBase.load([RuleLayer(files: [file])]).diagnoses.count
    } catch {
        _ = error.problems.count
    }
    return 0
}

/// The program: libFuzzer running `fuzzKnowledge`.
@main
enum KnowledgeFuzzer {
    static func main() {
        FuzzDriver.run { fuzzKnowledge($0, $1) }
    }
}
