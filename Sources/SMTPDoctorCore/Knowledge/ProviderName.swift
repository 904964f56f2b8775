import Foundation

/// How provider names typed by people are compared with provider ids and aliases.
enum ProviderName {
    /// The name as ids and aliases are written: lower case, without surrounding spaces.
    static func normalised(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The name reduced to letters and digits, for finding a near miss (`Exchange_Online` ~ `exchange-online`).
    static func comparable(_ name: String) -> [Character] {
        normalised(name).filter { $0.isLetter || $0.isNumber }.map { $0 }
    }

    /// The number of single-character insertions, deletions, substitutions and swaps of neighbours that turn one
    /// name into the other (optimal string alignment distance).
    static func editDistance(_ first: [Character], _ second: [Character]) -> Int {
        if first.isEmpty { return second.count }
        if second.isEmpty { return first.count }
        var twoBack = [Int](repeating: 0, count: second.count + 1)
        var previous = Array(0...second.count)
        for i in 1...first.count {
            var current = [i] + [Int](repeating: 0, count: second.count)
            for j in 1...second.count {
                let cost = first[i - 1] == second[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, first[i - 1] == second[j - 2], first[i - 2] == second[j - 1] {
                    current[j] = min(current[j], twoBack[j - 2] + 1)
                }
            }
            twoBack = previous
            previous = current
        }
        return previous[second.count]
    }
}
