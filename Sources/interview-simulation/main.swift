// Simulates `smtp-doctor interview` for every diagnosis of the built-in knowledge base: an oracle answers each
// question as the diagnosis implies ("unknown" where the rules say nothing). Prints, for the information-gain
// choice and for asking in file order, the share of interviews whose leading cause at the end is the right one,
// the share with the right cause among the first three, and the mean number of questions asked — for all causes
// and for the 40 most common ones by their prior (Rules/priors.yaml).
//
// With --per-cause it prints one line per cause: where each order ranked it at the end and after how many
// questions; with --alike it prints the groups of causes that give the same answer to every question (no interview
// tells them apart; only the likeliest of each group can come first); with --rules DIR it reads the knowledge base
// from that folder instead of the built-in one.
//
// The simulated customer lets the program probe the server and look up the sending domain where a probe or the DNS
// checks can observe the cause; --without-probes plays a customer who does not. --forgetting N plays a customer who
// answers "unknown" to a share N of the questions their cause shows an answer to (the same questions in every run).
// --strategy NAME (repeatable: information-gain, file-order, every-question) plays only those orders.
import Foundation
import SMTPDoctorCore
import SMTPDoctorDefaultRules
import Synchronization

let usage = """
    usage: interview-simulation [--verbose] [--per-cause] [--alike] [--without-errors] [--without-probes]
      [--rules DIR] [--strategy NAME]… [--confidence N] [--margin N] [--lookahead N] [--leader-change N]
      [--minimum-gain N] [--contradiction N] [--unknown N] [--forgetting N]

    """
/// Reports a mistake in the command line, with the usage, and exits 64.
func refuse(_ problem: String) -> Never {
    FileHandle.standardError.write(Data("interview-simulation: \(problem)\n\(usage)".utf8))
    exit(64)
}
/// The options that stand alone, and those followed by a value.
let flags: Set = ["--verbose", "--per-cause", "--alike", "--without-errors", "--without-probes"]
let valued: Set = [
    "--rules", "--strategy", "--confidence", "--margin", "--lookahead", "--leader-change", "--minimum-gain",
    "--contradiction", "--unknown", "--forgetting",
]
if CommandLine.arguments.contains(where: { ["--help", "-h"].contains($0) }) {
    print(usage, terminator: "")
    exit(0)
}
var position = 1
while position < CommandLine.arguments.count {
    let argument = CommandLine.arguments[position]
    if valued.contains(argument), position + 1 < CommandLine.arguments.count {
        position += 2
    } else if flags.contains(argument) {
        position += 1
    } else {
        refuse(valued.contains(argument) ? "\(argument) needs a value" : "unknown option \(argument)")
    }
}

let verbose = CommandLine.arguments.contains("--verbose")
let perCause = CommandLine.arguments.contains("--per-cause")
let alike = CommandLine.arguments.contains("--alike")
let knowledgeBase: KnowledgeBase
do {
    let folder = CommandLine.arguments.firstIndex(of: "--rules").flatMap {
        $0 + 1 < CommandLine.arguments.count ? CommandLine.arguments[$0 + 1] : nil
    }
    knowledgeBase = try KnowledgeBase.load([try folder.map { try RuleLayer(directory: $0) } ?? .builtIn])
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(65)
}
func option(_ name: String) -> Double? {
    guard let index = CommandLine.arguments.firstIndex(of: name), index + 1 < CommandLine.arguments.count else {
        return nil
    }
    guard let value = Double(CommandLine.arguments[index + 1]) else { refuse("\(name) needs a number") }
    return value
}
let started = Date()
var settings = QuestionChooser.Settings()
settings.confidence = option("--confidence") ?? settings.confidence
settings.margin = option("--margin") ?? settings.margin
settings.lookahead = option("--lookahead").map { Int($0) } ?? settings.lookahead
settings.leaderChange = option("--leader-change") ?? settings.leaderChange
settings.minimumGain = option("--minimum-gain") ?? settings.minimumGain
let withholdsErrors = CommandLine.arguments.contains("--without-errors")
let probes = !CommandLine.arguments.contains("--without-probes")
/// The orders played: those named by --strategy, else all.
let strategies: [InterviewSimulation.Strategy] = {
    let named = CommandLine.arguments.indices.dropLast().filter { CommandLine.arguments[$0] == "--strategy" }.map {
        CommandLine.arguments[$0 + 1]
    }
    guard !named.isEmpty else { return InterviewSimulation.Strategy.allCases }
    return named.map { name in
        guard let strategy = InterviewSimulation.Strategy(rawValue: name) else {
            let known = InterviewSimulation.Strategy.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("unknown strategy \(name); known: \(known)\n".utf8))
            exit(64)
        }
        return strategy
    }
}()
var model = AnswerModel(engine: InferenceEngine(knowledgeBase: knowledgeBase, weighingSources: true))
model.contradictionWeight = option("--contradiction") ?? model.contradictionWeight
model.unknownWeight = option("--unknown") ?? model.unknownWeight
let chooser = QuestionChooser(model: model, settings: settings)
let simulation = InterviewSimulation(
    chooser: chooser, withholdsErrors: withholdsErrors, probes: probes, forgetting: option("--forgetting") ?? 0)

/// What an interview has heard: its answers in order and what the probe or the lookup observed.
struct Heard: Hashable {
    var answers: [String]
    var observations: [Observation]
}

/// Interviews that begin with the same answers ask the same next question: computed once.
final class ChoiceCache: Sendable {
    private let choices = Mutex<[Heard: QuestionChooser.Outcome]>([:])
    func next(_ answers: [InterviewAnswer], _ observations: [Observation]) -> QuestionChooser.Outcome {
        let key = Heard(answers: answers.map { "\($0.questionID)=\($0.words)" }, observations: observations)
        if let known = choices.withLock({ $0[key] }) { return known }
        let outcome = chooser.next(answers: answers, observations: observations)
        choices.withLock { $0[key] = outcome }
        return outcome
    }
}
let cache = ChoiceCache()

/// The outcomes of the interviews run in parallel.
final class Outcomes: Sendable {
    private let items: Mutex<[InterviewSimulation.Outcome?]>
    init(count: Int) { items = Mutex(Array(repeating: nil, count: count)) }
    func set(_ index: Int, _ outcome: InterviewSimulation.Outcome) {
        items.withLock { $0[index] = outcome }
    }
    var all: [InterviewSimulation.Outcome] { items.withLock { $0.compactMap { $0 } } }
}

let count = knowledgeBase.diagnoses.count
/// The 40 most common causes by prior weight (ties in file order).
let mostCommon = Set(
    knowledgeBase.diagnoses.indices.sorted {
        (knowledgeBase.diagnoses[$0].prior, $1) > (knowledgeBase.diagnoses[$1].prior, $0)
    }.prefix(40).map { knowledgeBase.diagnoses[$0].id })

/// One line of figures for a set of outcomes.
func figures(_ label: String, _ outcomes: [InterviewSimulation.Outcome]) -> String {
    let total = Double(outcomes.count)
    let right = outcomes.filter(\.isRight).count
    let topThree = outcomes.filter(\.isInTopThree).count
    let asked = outcomes.reduce(0) { $0 + $1.asked.count }
    return String(
        format: "  %-13@ right first: %3d/%d (%.1f%%)  top 3: %3d/%d (%.1f%%)  mean questions: %.2f",
        label as NSString, right, outcomes.count, 100 * Double(right) / total, topThree, outcomes.count,
        100 * Double(topThree) / total, Double(asked) / total)
}
print(
    "knowledge base: \(count) diagnoses, \(knowledgeBase.questions.count) questions; stop at confidence "
        + "\(settings.confidence) of the probability leading by \(settings.margin), or when no answer changes the "
        + "leader (or, when no question gains, until no answer changes it with a chance of \(settings.leaderChange) per "
        + "unit of cost, or while no cause is clearly ahead, until no question gains \(settings.minimumGain) bits per "
        + "unit of cost); the \(settings.lookahead) best questions weighed two answers ahead; an unexpected answer counts "
        + "\(model.contradictionWeight) of the evidence against a cause, \"unknown\" \(model.unknownWeight) of that"
        + (withholdsErrors ? "; the oracle withholds the error text" : "")
        + (simulation.forgetting > 0
            ? "; the customer answers \"unknown\" to \(simulation.forgetting) of what the cause shows" : "")
        + (probes
            ? "; the server is probed for the \(simulation.observableCounts.probe) causes a probe observes, the domain "
                + "looked up for the \(simulation.observableCounts.dns) the DNS checks observe" : ""))
var byStrategy: [InterviewSimulation.Strategy: [InterviewSimulation.Outcome]] = [:]
for strategy in strategies {
    let outcomes = Outcomes(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
        let outcome =
            strategy == .informationGain
            ? simulation.run(diagnosis: index, strategy: strategy, next: cache.next)
            : simulation.run(diagnosis: index, strategy: strategy)
        outcomes.set(index, outcome)
    }
    let done = outcomes.all
    byStrategy[strategy] = done
    print(strategy.rawValue)
    print(figures("all causes", done))
    print(figures("40 most common", done.filter { mostCommon.contains($0.diagnosisID) }))
    if verbose {
        for outcome in done where !outcome.isRight {
            let path = outcome.asked.map { "\($0.questionID)=\($0.words.prefix(40))" }.joined(separator: "; ")
            print("  miss \(outcome.diagnosisID) -> \(outcome.leadingID ?? "nothing"): \(path)")
        }
    }
}
/// Where an outcome ranked the cause it played ("-" when not among the concluded), with the questions asked.
func placing(_ outcome: InterviewSimulation.Outcome) -> String {
    let rank = outcome.concludedIDs.firstIndex(of: outcome.diagnosisID).map { String($0 + 1) } ?? "-"
    let path =
        verbose
        ? " [" + outcome.asked.map { "\($0.questionID)=\($0.words.prefix(24))" }.joined(separator: " ") + "]" : ""
    return "\(rank)/\(outcome.asked.count)q -> \(outcome.leadingID ?? "nothing")\(path)"
}
if perCause {
    print("per cause (rank at the end / questions -> leader): information gain | file order")
    let gain = byStrategy[.informationGain] ?? []
    let order = Dictionary(
        (byStrategy[.fileOrder] ?? []).map { ($0.diagnosisID, $0) }, uniquingKeysWith: { first, _ in first })
    for outcome in gain {
        let other = order[outcome.diagnosisID].map(placing) ?? "-"
        print("  \(outcome.diagnosisID): \(placing(outcome)) | \(other)")
    }
}
if alike {
    let questionCount = knowledgeBase.questions.count
    let groups = Dictionary(grouping: 0..<count) { diagnosis in
        Heard(
            answers: (0..<questionCount).map {
                simulation.oracleAnswer(question: $0, diagnosis: diagnosis)?.id ?? "unknown"
            },
            observations: simulation.observations(diagnosis: diagnosis))
    }.values.filter { $0.count > 1 }.sorted { ($0.count, $1.first ?? 0) > ($1.count, $0.first ?? 0) }
    let hidden = groups.reduce(0) { $0 + $1.count - 1 }
    print("causes alike in every answer: \(groups.count) groups; at most \(count - hidden)/\(count) can come first")
    for group in groups {
        print("  " + group.map { knowledgeBase.diagnoses[$0].id }.joined(separator: " "))
    }
}
print(String(format: "time: %.1f s", Date().timeIntervalSince(started)))
