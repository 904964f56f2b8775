/// A certainty shown as a whole percentage: 0.823 → "82%".
func percent(_ value: Double) -> String {
    "\(Int((value * 100).rounded()))%"
}

/// A certainty factor with its sign, two decimals: 0.6 → "+0.60".
func signed(_ value: Double) -> String {
    let magnitude = Int((abs(value) * 100).rounded())
    let digits = magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
    let whole = magnitude >= 100 ? "1.00" : "0.\(digits)"
    return (value < 0 ? "-" : "+") + whole
}
