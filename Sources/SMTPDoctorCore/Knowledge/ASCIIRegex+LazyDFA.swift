import Synchronization

extension ASCIIRegex {
    /// The automaton made deterministic as texts need it: a search reads each byte with one table lookup instead of
    /// following every live state of the automaton.
    ///
    /// Following the automaton state by state costs, at each byte, a pass over every state the search may be in —
    /// for a pattern of many alternatives that is dozens of states, at every position of the text, because a match
    /// may start anywhere. Here a state of the search is the set of automaton states it is about to enter (with
    /// whether the last byte was a word character, for `\b`, and whether nothing was read yet, for `^`); its move on
    /// each class of bytes is worked out the first time a text takes it and then looked up. `$` depends on what
    /// follows, so the last two bytes and the end are followed state by state, as are the rest of a text once the
    /// tables hold ``maximumStates`` states. A look-ahead right after a leading `^` (`^(?!.*gsmtp).*postfix/`) is
    /// decided once per text, by its own deterministic automaton, and the first move is then not kept. Any other
    /// look-ahead or look-behind depends on the bytes around a position, which a class does not tell: the automaton
    /// of a pattern with one takes every look-around as holding, so that it finds a match wherever the pattern has
    /// one and maybe elsewhere (``isExact`` is false), and a text it finds a match in must be searched again by the
    /// pattern's own automaton.
    ///
    /// The tables are shared by every thread under a mutex, held for one search.
    final class LazyDFA: Sendable {
        /// The most states the tables hold.
        static let maximumStates = 512

        /// Whether a match found is a match of the pattern: false when the pattern has a look-around, which is taken
        /// as holding.
        let isExact: Bool
        private let program: [Instruction]
        private let start: Int
        private let restartsAnywhere: Bool
        /// The automatons of the pattern's look-aheads, when the one look-ahead is right after a leading `^`.
        private let lookaheadsAtStart: [ASCIIRegex]?
        /// Nil until the first search.
        private let tables = Mutex<Tables?>(nil)

        /// The deterministic automaton of a program. Nothing is worked out before the first search.
        /// - Parameters:
        ///   - program: the automaton's states.
        ///   - start: the state a match starts in.
        ///   - restartsAnywhere: whether a match may start at any position, not only at the first.
        ///   - lookaheads: the automatons of the program's look-aheads.
        ///   - looksAheadAtStartOnly: whether the program's only look-around is a look-ahead right after a leading
        ///     `^`.
        init(
            program: [Instruction], start: Int, restartsAnywhere: Bool, lookaheads: [ASCIIRegex],
            looksAheadAtStartOnly: Bool
        ) {
            let looksAround = program.contains { instruction in
                switch instruction {
                case .assertion(.lookahead, _), .assertion(.lookbehind, _): true
                default: false
                }
            }
            isExact = !looksAround || looksAheadAtStartOnly
            lookaheadsAtStart = looksAround && looksAheadAtStartOnly ? lookaheads : nil
            self.program = program
            self.start = start
            self.restartsAnywhere = restartsAnywhere
        }

        /// Whether the automaton finds a match anywhere in the bytes: whether the pattern does, when ``isExact``.
        func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            tables.withLock { tables in
                // Taken out and put back, so that the tables are never shared while they grow.
                var current =
                    tables.take() ?? Tables(program: program, start: start, restartsAnywhere: restartsAnywhere)
                defer { tables = current }
                guard let lookaheadsAtStart else { return current.matches(bytes, decidingAtStart: nil) }
                return current.matches(bytes) { lookaheadsAtStart[$0].matchesAtStart(bytes) }
            }
        }
    }
}

extension ASCIIRegex.LazyDFA {
    /// The deterministic states worked out so far and their moves.
    private struct Tables {
        private let program: [ASCIIRegex.Instruction]
        private let start: Int32
        /// Whether a match may start at any position, so that every state also enters the start.
        private let restartsAnywhere: Bool
        /// Whether `$` occurs: the tables are then left two bytes before the end.
        private let readsEnd: Bool
        /// Whether `\b` or `\B` occurs: states then remember whether the last byte was a word character.
        private let readsWordBoundaries: Bool

        /// The class of each byte: bytes that every set of the program (and `\w`, for `\b`) treats alike share one.
        private let classOf: [UInt8]
        /// A byte of each class.
        private let member: [UInt8]

        /// For each state, the automaton states it is about to enter.
        private var pending: [[Int32]] = []
        /// For each state, whether the byte before was a word character.
        private var afterWord: [Bool] = []
        private var index: [Key: Int32] = [:]
        /// The move of each state on each class: a state, ``unknown`` or ``match``.
        private var moves: [Int32] = []

        /// Scratch space of a closure: the closure that last visited each automaton state, and the states to visit.
        private var visited: [Int]
        private var closures = 0
        private var stack: [Int32] = []

        private static let unknown: Int32 = -1
        private static let match: Int32 = -2
        /// The state a search starts in: before the first byte, where `^` holds.
        private static let initial: Int32 = 0

        private struct Key: Hashable {
            var pending: [Int32]
            var afterWord: Bool
        }

        init(program: [ASCIIRegex.Instruction], start: Int, restartsAnywhere: Bool) {
            self.program = program
            self.start = Int32(start)
            self.restartsAnywhere = restartsAnywhere
            var sets = Set<ASCIIRegex.ByteSet>()
            var readsEnd = false
            var readsWordBoundaries = false
            for instruction in program {
                switch instruction {
                case .byte(let set, _): sets.insert(set)
                case .assertion(.end, _): readsEnd = true
                case .assertion(.wordBoundary, _), .assertion(.notWordBoundary, _): readsWordBoundaries = true
                default: break
                }
            }
            if readsWordBoundaries { sets.insert(.word) }
            self.readsEnd = readsEnd
            self.readsWordBoundaries = readsWordBoundaries
            (classOf, member) = Self.classes(of: sets)
            visited = Array(repeating: 0, count: program.count)
            // The initial state is entered only at the start; it is never looked up by its key.
            pending.append([self.start])
            afterWord.append(false)
            moves += Array(repeating: Self.unknown, count: member.count)
        }

        /// Splits the 256 byte values into classes, set by set, so that the bytes of a class are in the same sets.
        private static func classes(of sets: Set<ASCIIRegex.ByteSet>) -> (classOf: [UInt8], member: [UInt8]) {
            var classOf = [UInt8](repeating: 0, count: 256)
            var count = 1
            for set in sets {
                // Each class becomes two: its bytes in the set and those outside (renumbered in byte order).
                var renumbered = [Int](repeating: -1, count: 2 * count)
                var next = 0
                for byte in 0...255 {
                    let key = 2 * Int(classOf[byte]) + (set.contains(UInt8(byte)) ? 1 : 0)
                    if renumbered[key] < 0 {
                        renumbered[key] = next
                        next += 1
                    }
                    classOf[byte] = UInt8(renumbered[key])
                }
                count = next
            }
            var member = [UInt8](repeating: 0, count: count)
            for byte in (0...255).reversed() { member[Int(classOf[byte])] = UInt8(byte) }
            return (classOf, member)
        }

        /// Whether the automaton finds a match in the bytes; `decidingAtStart` tells whether the look-ahead of that
        /// index holds at the start of these bytes, when the pattern's look-ahead comes right after its leading `^`.
        mutating func matches(_ bytes: UnsafeBufferPointer<UInt8>, decidingAtStart: ((Int) -> Bool)?) -> Bool {
            let stop = readsEnd ? max(0, bytes.count - 2) : bytes.count
            let classCount = member.count
            var state = Self.initial
            var position = 0
            if let decidingAtStart {
                // The first move depends on this text's look-aheads: it is made here and not kept.
                guard position < stop else { return finish(from: pending[0], bytes, at: 0, decidingAtStart) }
                let isWord = ASCIIRegex.ByteSet.word.contains(bytes[0])
                guard
                    let entered = step(
                        pending[0], byte: bytes[0], atStart: true, wordBefore: false, wordAfter: isWord, atEnd: false,
                        decidingAtStart)
                else { return true }
                guard let next = self.state(entering: entered, afterWord: isWord) else {
                    return finish(from: entered + (restartsAnywhere ? [start] : []), bytes, at: 1, nil)
                }
                state = next
                if pending[Int(state)].isEmpty { return false }
                position = 1
            }
            while position < stop {
                let kind = Int(classOf[Int(bytes[position])])
                var next = moves[Int(state) * classCount + kind]
                if next == Self.unknown {
                    guard let made = move(from: state, on: kind) else { break }
                    next = made
                    moves[Int(state) * classCount + kind] = made
                }
                if next == Self.match { return true }
                state = next
                // A state that enters nothing stays so: no match can follow.
                if pending[Int(state)].isEmpty { return false }
                position += 1
            }
            return finish(from: pending[Int(state)], bytes, at: position, nil)
        }

        /// The state after reading a byte of class `kind` in `state`, or ``match`` when a match ends before that
        /// byte; `nil` when the tables are full.
        private mutating func move(from state: Int32, on kind: Int) -> Int32? {
            let byte = member[kind]
            let isWord = ASCIIRegex.ByteSet.word.contains(byte)
            guard
                let entered = step(
                    pending[Int(state)], byte: byte, atStart: state == Self.initial,
                    wordBefore: afterWord[Int(state)], wordAfter: isWord, atEnd: false, nil)
            else { return Self.match }
            return self.state(entering: entered, afterWord: isWord)
        }

        /// The state that enters the automaton states `entered` (and the start, when a match may start anywhere)
        /// after a byte that is a word character or not; `nil` when it is new and the tables are full.
        private mutating func state(entering entered: [Int32], afterWord isWord: Bool) -> Int32? {
            var entered = entered
            if restartsAnywhere { entered.append(start) }
            let key = Key(pending: Array(Set(entered)).sorted(), afterWord: readsWordBoundaries && isWord)
            if let known = index[key] { return known }
            guard pending.count < ASCIIRegex.LazyDFA.maximumStates else { return nil }
            let made = Int32(pending.count)
            pending.append(key.pending)
            afterWord.append(key.afterWord)
            moves += Array(repeating: Self.unknown, count: member.count)
            index[key] = made
            return made
        }

        /// Follows the automaton state by state from `position` to the end, with every assertion decided on the
        /// bytes themselves.
        private mutating func finish(
            from pending: [Int32], _ bytes: UnsafeBufferPointer<UInt8>, at position: Int,
            _ decidingAtStart: ((Int) -> Bool)?
        ) -> Bool {
            var current = pending
            for position in position...bytes.count {
                let byte = position < bytes.count ? bytes[position] : nil
                guard
                    var entered = step(
                        current, byte: byte, atStart: position == 0,
                        wordBefore: position > 0 && ASCIIRegex.ByteSet.word.contains(bytes[position - 1]),
                        wordAfter: byte.map(ASCIIRegex.ByteSet.word.contains) ?? false,
                        atEnd: ASCIIRegex.endsText(bytes, at: position), position == 0 ? decidingAtStart : nil)
                else { return true }
                if restartsAnywhere { entered.append(start) }
                if entered.isEmpty { return false }
                current = entered
            }
            return false
        }

        /// The automaton states entered by reading `byte` (none at the end of the text, `nil`) from the closure of
        /// `states`, with the assertions decided as given — look-aheads by `decidingAtStart` at the start, any other
        /// look-around taken as holding; `nil` when the closure reaches the match state.
        private mutating func step(
            _ states: [Int32], byte: UInt8?, atStart: Bool, wordBefore: Bool, wordAfter: Bool, atEnd: Bool,
            _ decidingAtStart: ((Int) -> Bool)?
        ) -> [Int32]? {
            closures += 1
            var entered: [Int32] = []
            stack = states
            while let current = stack.popLast() {
                let at = Int(current)
                guard visited[at] != closures else { continue }
                visited[at] = closures
                switch program[at] {
                case .byte(let set, let next):
                    if let byte, set.contains(byte) { entered.append(Int32(next)) }
                case .split(let first, let second):
                    stack.append(Int32(second))
                    stack.append(Int32(first))
                case .assertion(let assertion, let next):
                    let holds: Bool
                    switch assertion {
                    case .start: holds = atStart
                    case .end: holds = atEnd
                    case .wordBoundary: holds = wordBefore != wordAfter
                    case .notWordBoundary: holds = wordBefore == wordAfter
                    case .lookahead(let index, let negated):
                        // Decided at the start; otherwise taken as holding, and a match found is checked.
                        holds = decidingAtStart.map { atStart && $0(index) != negated } ?? true
                    case .lookbehind: holds = true
                    }
                    if holds { stack.append(Int32(next)) }
                case .match:
                    return nil
                }
            }
            return entered
        }
    }
}
