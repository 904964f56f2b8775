/// MYCIN certainty-factor arithmetic: how evidence for and against a hypothesis adds up.
///
/// A certainty is in −1…1: 1 is certain, −1 rules out, 0 says nothing. Combination is commutative; with evidence
/// of mixed signs it is not associative, so the engine always combines in the order the evidence is written.
public enum CertaintyFactor {
    /// Combines two certainties.
    ///
    /// Both positive: `a + b(1 − a)`; both negative: `a + b(1 + a)`; mixed: `(a + b) / (1 − min(|a|, |b|))`.
    /// - Returns: the combined certainty, clamped to −1…1.
    public static func combine(_ a: Double, _ b: Double) -> Double {
        let result: Double
        if a >= 0 && b >= 0 {
            result = a + b * (1 - a)
        } else if a <= 0 && b <= 0 {
            result = a + b * (1 + a)
        } else {
            let denominator = 1 - min(abs(a), abs(b))
            result = denominator == 0 ? 0 : (a + b) / denominator
        }
        return min(1, max(-1, result))
    }

    /// Combines any number of certainties, starting from 0 (no evidence).
    public static func combine<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        values.reduce(0, combine)
    }
}
