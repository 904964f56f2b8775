// Simulates `smtp-doctor interview` for every diagnosis of the built-in knowledge base: an oracle answers each
// question as the diagnosis implies ("unknown" where the rules say nothing). Prints the share of interviews whose
// leading diagnosis at the end is the right one and the mean number of questions asked, for the information-gain
// choice and for asking in file order.
//
// Usage: interview-simulation [--verbose] [--without-errors] [--confidence N] [--margin N]
import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules

let verbose = CommandLine.arguments.contains("--verbose")
let knowledgeBase: KnowledgeBase
do {
    knowledgeBase = try KnowledgeBase.load([.builtIn])
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(65)
}
func option(_ name: String) -> Double? {
    guard let index = CommandLine.arguments.firstIndex(of: name), index + 1 < CommandLine.arguments.count else {
        return nil
    }
    return Double(CommandLine.arguments[index + 1])
}
let started = Date()
var settings = QuestionChooser.Settings()
settings.confidence = option("--confidence") ?? settings.confidence
settings.margin = option("--margin") ?? settings.margin
let withholdsErrors = CommandLine.arguments.contains("--without-errors")
let chooser = QuestionChooser(
    model: AnswerModel(engine: InferenceEngine(knowledgeBase: knowledgeBase)), settings: settings)
let simulation = InterviewSimulation(chooser: chooser, withholdsErrors: withholdsErrors)

/// Interviews that begin with the same answers ask the same next question: computed once.
final class ChoiceCache: @unchecked Sendable {
    private var choices: [String: QuestionChooser.Outcome] = [:]
    private let lock = NSLock()
    func next(_ answers: [InterviewAnswer]) -> QuestionChooser.Outcome {
        let key = answers.map { "\($0.questionID)=\($0.words)" }.joined(separator: "\u{1}")
        lock.lock()
        let known = choices[key]
        lock.unlock()
        if let known { return known }
        let outcome = chooser.next(answers: answers)
        lock.lock()
        choices[key] = outcome
        lock.unlock()
        return outcome
    }
}
let cache = ChoiceCache()

/// The outcomes of the interviews run in parallel.
final class Outcomes: @unchecked Sendable {
    private var items: [InterviewSimulation.Outcome?]
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ outcome: InterviewSimulation.Outcome) {
        lock.lock()
        items[index] = outcome
        lock.unlock()
    }
    var all: [InterviewSimulation.Outcome] { items.compactMap { $0 } }
}

let count = knowledgeBase.diagnoses.count
print(
    "knowledge base: \(count) diagnoses, \(knowledgeBase.questions.count) questions; stop at confidence "
        + "\(settings.confidence), margin \(settings.margin)"
        + (withholdsErrors ? "; the oracle withholds the error text" : ""))
for strategy in InterviewSimulation.Strategy.allCases {
    let outcomes = Outcomes(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        let outcome =
            strategy == .informationGain
            ? simulation.run(diagnosis: index, strategy: strategy, next: cache.next)
            : simulation.run(diagnosis: index, strategy: strategy)
        outcomes.set(index, outcome)
    }
    let done = outcomes.all
    let right = done.filter(\.isRight).count
    let asked = done.reduce(0) { $0 + $1.asked.count }
    print(
        String(
            format: "%-17@ right first: %3d/%d (%.1f%%)  mean questions: %.2f", strategy.rawValue as NSString, right,
            count, 100 * Double(right) / Double(count), Double(asked) / Double(count)))
    if verbose {
        for outcome in done where !outcome.isRight {
            let path = outcome.asked.map { "\($0.questionID)=\($0.words.prefix(40))" }.joined(separator: "; ")
            print("  miss \(outcome.diagnosisID) -> \(outcome.leadingID ?? "nothing"): \(path)")
        }
    }
}
print(String(format: "time: %.1f s", Date().timeIntervalSince(started)))
