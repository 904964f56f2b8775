import Foundation

/// The diagnoses as a probability distribution: their positive certainties, normalised, over a small uniform prior.
///
/// The prior keeps every diagnosis that has not been ruled out in play, so that an early answer that fires only a
/// few weak diagnoses does not hide the others from the question choice; a negative certainty rules a diagnosis out.
public struct HypothesisDistribution: Sendable {
    /// The probability of each diagnosis, indexed like `KnowledgeBase.diagnoses`.
    public let probabilities: [Double]
    /// The certainty of each diagnosis (0 when no evidence touched it).
    public let certainties: [Double]

    /// The distribution of a result.
    ///
    /// - Parameters:
    ///   - result: what the engine concluded.
    ///   - index: diagnosis id → its index in the knowledge base.
    ///   - priorMass: the share of the mass spread evenly over every diagnosis not ruled out.
    public init(_ result: DiagnosisResult, index: [String: Int], priorMass: Double) {
        var certainties = Array(repeating: 0.0, count: index.count)
        for diagnosis in result.diagnoses + result.ruledOut {
            if let position = index[diagnosis.definition.id] { certainties[position] = diagnosis.confidence }
        }
        self.init(certainties: certainties, priorMass: priorMass)
    }

    /// The distribution of certainties, one per diagnosis.
    public init(certainties: [Double], priorMass: Double) {
        self.certainties = certainties
        let open = certainties.filter { $0 >= 0 }.count
        let positive = certainties.reduce(0) { $0 + max($1, 0) }
        let prior = open == 0 ? 0 : (positive > 0 ? positive * priorMass / (1 - priorMass) : 1) / Double(open)
        let weights = certainties.map { $0 < 0 ? 0 : $0 + prior }
        let total = weights.reduce(0, +)
        probabilities = total > 0 ? weights.map { $0 / total } : weights
    }

    /// The Shannon entropy in bits.
    public var entropy: Double {
        probabilities.reduce(0) { $1 > 0 ? $0 - $1 * log2($1) : $0 }
    }
}
