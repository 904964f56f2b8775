/// Collects the problems found while loading, so that `rules lint` can report all of them at once.
final class ProblemLog {
    private(set) var problems: [RuleProblem] = []

    func report(_ location: SourceLocation, _ message: String) {
        problems.append(RuleProblem(location, message))
    }

    var isEmpty: Bool { problems.isEmpty }

    /// The problems in file and line order.
    var sorted: [RuleProblem] {
        problems.sorted { ($0.location.file, $0.location.line) < ($1.location.file, $1.location.line) }
    }
}
