import Foundation

/// The diagnoses as a probability distribution: each diagnosis's prior weight (`Rules/priors.yaml`) times the
/// likelihood ratio its certainty stands for, normalised.
///
/// A certainty factor `c` is read as the likelihood ratio `((1 + c) / (1 - c))^k` with `k` = `sharpness`: untouched
/// diagnoses keep their prior, positive evidence multiplies it, negative evidence divides it. So when nothing is
/// known yet the most common causes lead, and between causes the evidence cannot tell apart the commoner one stays
/// ahead. The exponent makes a certainty of 0.5 worth a factor of 27, so that a few answers that point at a cause
/// outweigh the hundreds of causes nothing pointed at. What counts against a diagnosis besides its evidence — an
/// answer it did not expect (`AnswerModel.contradiction(_:)`) — divides its weight the same way.
public struct HypothesisDistribution: Sendable {
    /// The probability of each diagnosis, indexed like `KnowledgeBase.diagnoses`.
    public let probabilities: [Double]
    /// The certainty of each diagnosis (0 when no evidence touched it).
    public let certainties: [Double]

    /// The largest certainty read as a likelihood ratio: a certainty of 1 would make every other cause impossible.
    static let certaintyCeiling = 0.98
    /// The exponent of the likelihood ratio.
    static let sharpness = 3.0

    /// The distribution of a result.
    ///
    /// - Parameters:
    ///   - result: what the engine concluded.
    ///   - index: diagnosis id → its index in the knowledge base.
    ///   - priors: the prior weight of each diagnosis, indexed like the knowledge base's diagnoses.
    ///   - against: how strongly other observations count against each diagnosis (none when empty).
    public init(_ result: DiagnosisResult, index: [String: Int], priors: [Double], against: [Double] = []) {
        var certainties = Array(repeating: 0.0, count: index.count)
        for diagnosis in result.diagnoses + result.ruledOut {
            if let position = index[diagnosis.definition.id] { certainties[position] = diagnosis.confidence }
        }
        self.init(certainties: certainties, priors: priors, against: against)
    }

    /// The distribution of certainties, one per diagnosis, over prior weights of the same length.
    ///
    /// - Parameter against: a certainty from 0 to 1 per diagnosis that counts against it (none when empty).
    public init(certainties: [Double], priors: [Double], against: [Double] = []) {
        self.certainties = certainties
        let weights = certainties.indices.map { index in
            let weight = priors[index] * Self.ratio(certainties[index])
            return index < against.count ? weight * Self.ratio(-against[index]) : weight
        }
        let total = weights.reduce(0, +)
        probabilities = total > 0 ? weights.map { $0 / total } : weights
    }

    /// The likelihood ratio a certainty stands for.
    private static func ratio(_ certainty: Double) -> Double {
        let clamped = min(max(certainty, -certaintyCeiling), certaintyCeiling)
        return pow((1 + clamped) / (1 - clamped), sharpness)
    }

    /// The Shannon entropy in bits.
    public var entropy: Double {
        probabilities.reduce(0) { $1 > 0 ? $0 - $1 * log2($1) : $0 }
    }

    /// The diagnosis indices from the most to the least likely; ties keep the knowledge base's order.
    public var ranking: [Int] {
        probabilities.indices.sorted { (probabilities[$0], $1) > (probabilities[$1], $0) }
    }
}
