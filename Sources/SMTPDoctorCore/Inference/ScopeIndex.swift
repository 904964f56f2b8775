/// The scopes of a list of conditions filed under each fact and phrase that admits them, so that the conditions a
/// working memory can meet are found from the few facts it knows and phrases it found, instead of by testing every
/// scope in turn.
///
/// Gives exactly the conditions whose ``ConditionScope/admits(known:found:)`` holds.
struct ScopeIndex: Sendable, Equatable {
    /// How many scopes are filed.
    let count: Int
    /// The scopes that admit any working memory.
    private let open: [Int32]
    /// The scopes each fact slot admits: `factMembers[factStarts[slot]..<factStarts[slot + 1]]`.
    private let factStarts: [Int32]
    private let factMembers: [Int32]
    /// The scopes each phrase id admits, laid out the same way.
    private let phraseStarts: [Int32]
    private let phraseMembers: [Int32]

    /// The tables, in the order ``init(count:tables:)`` reads them: what a knowledge-base image stores.
    var tables: [[Int32]] { [open, factStarts, factMembers, phraseStarts, phraseMembers] }

    /// An index read back from the tables of an image (``tables``), or `nil` when they do not fit together: every
    /// member a scope number below `count`, and the starts of each key rising from zero to its members' count.
    init?(count: Int, tables: [[Int32]]) {
        guard tables.count == 5 else { return nil }
        let (open, factStarts, factMembers, phraseStarts, phraseMembers) =
            (tables[0], tables[1], tables[2], tables[3], tables[4])
        let numbers = Int32(0)..<Int32(clamping: count)
        func fits(_ starts: [Int32], _ members: [Int32]) -> Bool {
            starts.first == 0 && starts.last == Int32(clamping: members.count)
                && zip(starts, starts.dropFirst()).allSatisfy { $0 <= $1 } && members.allSatisfy(numbers.contains)
        }
        guard open.allSatisfy(numbers.contains), fits(factStarts, factMembers), fits(phraseStarts, phraseMembers)
        else { return nil }
        self.count = count
        self.open = open
        self.factStarts = factStarts
        self.factMembers = factMembers
        self.phraseStarts = phraseStarts
        self.phraseMembers = phraseMembers
    }

    /// Files the scopes, numbered in order from zero.
    init(_ scopes: [ConditionScope]) {
        count = scopes.count
        open = scopes.indices.filter { scopes[$0].isOpen }.map(Int32.init)
        (factStarts, factMembers) = Self.file(scopes, by: \.facts)
        (phraseStarts, phraseMembers) = Self.file(scopes, by: \.phrases)
    }

    /// For each key, the numbers of the scopes that list it, as start offsets into one array of members.
    private static func file(
        _ scopes: [ConditionScope], by keys: KeyPath<ConditionScope, ArraySlice<Int>>
    ) -> (starts: [Int32], members: [Int32]) {
        let keyCount = scopes.reduce(0) { max($0, ($1[keyPath: keys].last ?? -1) + 1) }
        var starts = [Int32](repeating: 0, count: keyCount + 1)
        for scope in scopes where !scope.isOpen {
            for key in scope[keyPath: keys] { starts[key + 1] += 1 }
        }
        for key in 0..<keyCount { starts[key + 1] += starts[key] }
        var next = starts
        var members = [Int32](repeating: 0, count: Int(starts[keyCount]))
        for (number, scope) in scopes.enumerated() where !scope.isOpen {
            for key in scope[keyPath: keys] {
                members[Int(next[key])] = Int32(number)
                next[key] += 1
            }
        }
        return (starts, members)
    }

    /// The numbers of the scopes that working memory meets.
    /// - Parameters:
    ///   - known: the slots of the facts known.
    ///   - found: the phrases found in string facts.
    func admitted(known: SlotSet, found: SlotSet) -> SlotSet {
        var admitted = SlotSet(capacity: count)
        for number in open { admitted.insert(Int(number)) }
        add(known, into: &admitted)
        addPhrases(found, into: &admitted)
        return admitted
    }

    /// Adds to `admitted` the numbers of the scopes that admit one of the fact slots.
    func add(_ facts: some Sequence<Int>, into admitted: inout SlotSet) {
        for fact in facts where fact + 1 < factStarts.count {
            for index in Int(factStarts[fact])..<Int(factStarts[fact + 1]) { admitted.insert(Int(factMembers[index])) }
        }
    }

    /// Adds to `admitted` the numbers of the scopes that admit one of the phrases.
    func addPhrases(_ phrases: some Sequence<Int>, into admitted: inout SlotSet) {
        for phrase in phrases where phrase + 1 < phraseStarts.count {
            for index in Int(phraseStarts[phrase])..<Int(phraseStarts[phrase + 1]) {
                admitted.insert(Int(phraseMembers[index]))
            }
        }
    }
}
