/// A regular expression of the common subset — literal characters, escaped punctuation, `\d \D \s \S \w \W`, `.`,
/// bracketed sets, groups, alternation, greedy `? * + {n} {n,} {n,m}`, `^`, `$`, `\b`, `\B`, look-ahead, look-behind
/// of a fixed run of characters and a leading `(?i)` — matched on an ASCII text by simulating its automaton over the
/// text's UTF-8 bytes.
///
/// Most patterns of the knowledge base are of this kind. The regular-expression engine would first copy each text
/// to UTF-16, which on the bounce corpus cost more than the matching; here nothing is copied or compiled by the
/// engine, and the automaton is made deterministic as texts need it (``LazyDFA``), so that a search reads most
/// bytes with one table lookup. Whether a pattern matches does not depend on the order in which a backtracking
/// engine tries its alternatives, so following every alternative at once (one pass over the text, at most one thread
/// per state) gives the engine's answer, in time linear in the text.
///
/// On an ASCII text, as ICU reads it: `.` is any character but a line terminator (line feed, vertical tab, form
/// feed, carriage return); `\s` is a space, tab, line feed, vertical tab, form feed or carriage return; `\w` is a
/// letter, digit or `_`; `\b` lies between a `\w` character and another character or an end; `^` matches at the
/// start only and `$` at the end or before a line terminator (or CR LF) that ends the text; `(?i)` folds ASCII
/// letters. A look-ahead `(?=…)` or `(?!…)` holds where its own automaton, started there, reaches a match (or does
/// not); it depends on the position alone, so following every alternative at once still gives the engine's answer.
/// A look-ahead that can read without bound must come right after a leading `^`, where it is tried once: anywhere else
/// each try could read the rest of the text. A look-behind `(?<=…)` or `(?<!…)` is a fixed run of single characters or
/// sets, compared with the bytes before the position. Anything else — other look-behinds, back references, lazy or
/// possessive quantifiers, other flags, nested or POSIX sets, non-ASCII characters, a negated set with letters under
/// `(?i)` — leaves the pattern to the engine.
struct ASCIIRegex: Sendable {
    /// One state of the automaton; `next` and the branches are indices of other states.
    enum Instruction: Sendable {
        case byte(ByteSet, next: Int)
        case split(Int, Int)
        case assertion(Assertion, next: Int)
        case match
    }

    enum Assertion: Sendable, Equatable {
        case start, end, wordBoundary, notWordBoundary
        /// The automaton `lookaheads[index]` matches from the position (or, `negated`, does not).
        case lookahead(Int, negated: Bool)
        /// The bytes before the position are in the sets `lookbehinds[index]` (or, `negated`, are not).
        case lookbehind(Int, negated: Bool)
    }

    /// The most states a pattern may have (bounded repetitions are written out); a larger one is left to the engine.
    private static let maximumStates = 4096

    private let program: [Instruction]
    /// The automatons of the pattern's look-aheads.
    private let lookaheads: [ASCIIRegex]
    /// The runs of sets of the pattern's look-behinds.
    private let lookbehinds: [[ByteSet]]
    /// The state the automaton starts in.
    private let start: Int
    /// Whether every match starts at the beginning of the text, so that the search can stop early.
    private let anchoredAtStart: Bool
    /// The bytes a match can start with, when the pattern cannot match an empty text: while no thread is alive,
    /// the search skips to the next of them.
    private let firstBytes: ByteSet?
    /// The automaton made deterministic as texts need it.
    private let deterministic: LazyDFA
    /// Whether the pattern starts with `(?i)`.
    let isCaseInsensitive: Bool

    /// The pattern's automaton, or `nil` when the pattern is outside the subset.
    init?(_ pattern: String) {
        var parser = Parser(Array(pattern.utf8))
        guard let tree = parser.parse(), Self.looksAheadBoundedly(tree) else { return nil }
        self.init(tree, caseInsensitive: parser.caseInsensitive)
    }

    /// The automaton of a tree; `nil` when it has too many states. The automaton of a look-ahead (`lookahead`) is
    /// searched from given positions only, never for a match anywhere.
    private init?(_ tree: Node, lookahead: Bool = false, caseInsensitive: Bool) {
        var builder = ProgramBuilder(caseInsensitive: caseInsensitive)
        let end = builder.add(.match)
        guard let start = builder.emit(tree, then: end), builder.program.count <= Self.maximumStates else { return nil }
        program = builder.program
        lookaheads = builder.lookaheads
        lookbehinds = builder.lookbehinds
        self.start = start
        firstBytes = Self.firstBytes(of: program, from: start)
        if case .sequence(let parts) = tree, case .assertion(.start) = parts.first {
            anchoredAtStart = true
        } else if case .assertion(.start) = tree {
            anchoredAtStart = true
        } else {
            anchoredAtStart = false
        }
        isCaseInsensitive = caseInsensitive
        deterministic = LazyDFA(
            program: program, start: start, restartsAnywhere: !(anchoredAtStart || lookahead),
            lookaheads: lookaheads, looksAheadAtStartOnly: Self.looksAheadAtStartOnly(tree))
    }

    /// Whether the pattern matches anywhere in the first `limit` bytes of an ASCII text.
    func matches(_ text: String, within limit: Int) -> Bool {
        var text = text
        return text.withUTF8 { all in matches(UnsafeBufferPointer(rebasing: all[..<min(all.count, limit)])) }
    }

    /// Whether the pattern matches anywhere in the bytes (all ASCII).
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // A look-around is taken as holding by the deterministic automaton: its matches are checked.
        deterministic.matches(bytes) && (deterministic.isExact || matches(bytes, from: 0, anchored: false))
    }

    /// Whether a match starts at the first byte, for the automaton of a look-ahead right after a leading `^`, which is
    /// tried there once.
    func matchesAtStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        deterministic.matches(bytes) && (deterministic.isExact || matches(bytes, from: 0, anchored: true))
    }

    /// Whether the pattern matches in the bytes (all ASCII) at or after `origin`, or, `anchored`, at `origin` itself.
    private func matches(_ bytes: UnsafeBufferPointer<UInt8>, from origin: Int, anchored: Bool) -> Bool {
        let count = program.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 5 * count + 2) { storage in
            guard let base = storage.baseAddress else { return false }
            // Two lists of threads (the byte states reached before and after the current byte), for each state the
            // last position it was added at, plus one, and the stack of the closure being followed (each state
            // pushes at most two others, once per position).
            var current = base
            var next = base + count
            let marks = base + 2 * count
            let stack = base + 3 * count
            marks.initialize(repeating: 0, count: count)
            var currentCount = 0
            var position = origin
            // Whether a match can start only where the search starts.
            let startsOnce = anchored || anchoredAtStart
            while true {
                if currentCount == 0, !anchored, let firstBytes {
                    while position < bytes.count && !firstBytes.contains(bytes[position]) { position += 1 }
                    if position == bytes.count || anchoredAtStart && position > 0 { return false }
                }
                // A match starting here must read this byte first (it cannot be empty when `firstBytes` is known).
                let mayStart = firstBytes.map { position < bytes.count && $0.contains(bytes[position]) } ?? true
                if mayStart && (!startsOnce || position == origin) {
                    if follow(start, at: position, bytes, into: current, &currentCount, stack, marks) { return true }
                }
                if position == bytes.count || currentCount == 0 && startsOnce { return false }
                let byte = bytes[position]
                position += 1
                var nextCount = 0
                for index in 0..<currentCount {
                    guard case .byte(let set, let target) = program[current[index]], set.contains(byte) else {
                        continue
                    }
                    if follow(target, at: position, bytes, into: next, &nextCount, stack, marks) { return true }
                }
                swap(&current, &next)
                currentCount = nextCount
            }
        }
    }

    /// The union of the byte states reachable from `start` without reading a byte, every assertion taken as holding;
    /// `nil` when the match state is reachable so.
    private static func firstBytes(of program: [Instruction], from start: Int) -> ByteSet? {
        var set = ByteSet()
        var seen = Set<Int>()
        var stack = [start]
        while let state = stack.popLast() {
            guard seen.insert(state).inserted else { continue }
            switch program[state] {
            case .byte(let bytes, _): set.formUnion(bytes)
            case .split(let first, let second): stack += [first, second]
            case .assertion(_, let next): stack.append(next)
            case .match: return nil
            }
        }
        return set
    }

    /// Adds the byte states reachable from `state` at `position` without reading a byte; returns whether the match
    /// state is reachable.
    private func follow(
        _ state: Int, at position: Int, _ bytes: UnsafeBufferPointer<UInt8>,
        into list: UnsafeMutablePointer<Int>, _ listCount: inout Int,
        _ stack: UnsafeMutablePointer<Int>, _ marks: UnsafeMutablePointer<Int>
    ) -> Bool {
        stack[0] = state
        var depth = 1
        while depth > 0 {
            depth -= 1
            let state = stack[depth]
            guard marks[state] != position + 1 else { continue }
            marks[state] = position + 1
            switch program[state] {
            case .byte:
                list[listCount] = state
                listCount += 1
            case .split(let first, let second):
                stack[depth] = second
                stack[depth + 1] = first
                depth += 2
            case .assertion(let assertion, let target):
                if holds(assertion, at: position, bytes) {
                    stack[depth] = target
                    depth += 1
                }
            case .match:
                return true
            }
        }
        return false
    }

    private func holds(_ assertion: Assertion, at position: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch assertion {
        case .lookahead(let index, let negated):
            return lookaheads[index].matches(bytes, from: position, anchored: true) != negated
        case .lookbehind(let index, let negated):
            let sets = lookbehinds[index]
            let start = position - sets.count
            let found = start >= 0 && sets.indices.allSatisfy { sets[$0].contains(bytes[start + $0]) }
            return found != negated
        case .start: return position == 0
        case .end: return Self.endsText(bytes, at: position)
        case .wordBoundary, .notWordBoundary:
            let before = position > 0 && ByteSet.word.contains(bytes[position - 1])
            let after = position < bytes.count && ByteSet.word.contains(bytes[position])
            return (before != after) == (assertion == .wordBoundary)
        }
    }

    /// Whether `$` matches at `position`: the end of the text, or before the line terminator that ends it (not
    /// between the carriage return and the line feed of a final CR LF).
    static func endsText(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        let isTerminator = { (byte: UInt8) in
            (UInt8(ascii: "\n")...UInt8(ascii: "\r")).contains(byte) || byte == ScalarClass.lineTerminator.byte
        }
        switch bytes.count - position {
        case 0: return true
        case 1:
            return isTerminator(bytes[position])
                && !(bytes[position] == UInt8(ascii: "\n") && position > 0 && bytes[position - 1] == UInt8(ascii: "\r"))
        case 2: return bytes[position] == UInt8(ascii: "\r") && bytes[position + 1] == UInt8(ascii: "\n")
        default: return false
        }
    }

    /// A pattern as a tree.
    private indirect enum Node {
        case set(ByteSet)
        case assertion(Assertion)
        case lookahead(Node, negated: Bool)
        case lookbehind([ByteSet], negated: Bool)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, minimum: Int, maximum: Int?)

        /// Whether the node can read an unbounded number of bytes.
        var isUnbounded: Bool {
            switch self {
            case .set, .assertion, .lookahead, .lookbehind: false
            case .sequence(let parts), .alternation(let parts): parts.contains { $0.isUnbounded }
            case .repetition(let inner, _, let maximum): maximum == nil || inner.isUnbounded
            }
        }

        /// Whether the node or a part of it is a look-ahead or look-behind.
        var looksAround: Bool {
            switch self {
            case .set, .assertion: false
            case .lookahead, .lookbehind: true
            case .sequence(let parts), .alternation(let parts): parts.contains { $0.looksAround }
            case .repetition(let inner, _, _): inner.looksAround
            }
        }

        /// Whether the node or a part of it is a look-ahead that can read without bound.
        var looksAheadUnboundedly: Bool {
            switch self {
            case .set, .assertion, .lookbehind: false
            case .lookahead(let inner, _): inner.isUnbounded || inner.looksAheadUnboundedly
            case .sequence(let parts), .alternation(let parts): parts.contains { $0.looksAheadUnboundedly }
            case .repetition(let inner, _, _): inner.looksAheadUnboundedly
            }
        }
    }

    /// Whether the tree's only look-around is a look-ahead right after a leading `^`, itself without look-arounds:
    /// it is then decided once per text, at the start.
    private static func looksAheadAtStartOnly(_ tree: Node) -> Bool {
        guard case .sequence(let parts) = tree, parts.count >= 2, case .assertion(.start) = parts[0],
            case .lookahead(let inner, _) = parts[1]
        else { return false }
        return !inner.looksAround && !parts.dropFirst(2).contains { $0.looksAround }
    }

    /// Whether every look-ahead of the tree reads a bounded number of bytes, but one right after a leading `^`, which
    /// is tried once only.
    private static func looksAheadBoundedly(_ tree: Node) -> Bool {
        guard case .sequence(let parts) = tree, parts.count >= 2, case .assertion(.start) = parts[0],
            case .lookahead(let inner, _) = parts[1]
        else { return !tree.looksAheadUnboundedly }
        return !inner.looksAheadUnboundedly && !parts.dropFirst(2).contains { $0.looksAheadUnboundedly }
    }

    /// Reads a pattern into a tree; `nil` for anything outside the subset.
    private struct Parser {
        private let bytes: [UInt8]
        private var index = 0
        /// Whether the pattern starts with `(?i)`.
        private(set) var caseInsensitive = false

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func parse() -> Node? {
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            if bytes.starts(with: "(?i)".utf8) {
                caseInsensitive = true
                index = 4
            }
            guard let tree = alternation(), index == bytes.count else { return nil }
            return tree
        }

        private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func alternation() -> Node? {
            var branches: [Node] = []
            while true {
                guard let branch = sequence() else { return nil }
                branches.append(branch)
                guard peek == UInt8(ascii: "|") else { break }
                index += 1
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        private mutating func sequence() -> Node? {
            var parts: [Node] = []
            while let byte = peek, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
                guard let atom = atom(), let quantified = quantified(atom) else { return nil }
                parts.append(quantified)
            }
            return parts.count == 1 ? parts[0] : .sequence(parts)
        }

        private mutating func atom() -> Node? {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "("):
                let kind = groupKind()
                guard let kind, let inner = alternation(), peek == UInt8(ascii: ")") else { return nil }
                index += 1
                switch kind {
                case .group: return inner
                case .lookahead(let negated): return .lookahead(inner, negated: negated)
                case .lookbehind(let negated): return Self.run(of: inner).map { .lookbehind($0, negated: negated) }
                }
            case UInt8(ascii: "["): return bracketed().map(Node.set)
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { return nil }
                index += 1
                if escaped == UInt8(ascii: "b") { return .assertion(.wordBoundary) }
                if escaped == UInt8(ascii: "B") { return .assertion(.notWordBoundary) }
                return escape(escaped).map { .set(fold($0)) }
            case UInt8(ascii: "."): return .set(.dot)
            case UInt8(ascii: "^"): return .assertion(.start)
            case UInt8(ascii: "$"): return .assertion(.end)
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                UInt8(ascii: "]"):
                return nil
            default: return .set(fold(ByteSet(byte)))
            }
        }

        private enum GroupKind {
            case group
            case lookahead(negated: Bool)
            case lookbehind(negated: Bool)
        }

        /// What the group after a `(` is, moving past `?:`, `?=`, `?!`, `?<=` or `?<!`; `nil` for any other `?`.
        private mutating func groupKind() -> GroupKind? {
            guard peek == UInt8(ascii: "?") else { return .group }
            let rest = bytes[(index + 1)...]
            for (prefix, kind) in [
                (":", GroupKind.group), ("=", .lookahead(negated: false)), ("!", .lookahead(negated: true)),
                ("<=", .lookbehind(negated: false)), ("<!", .lookbehind(negated: true)),
            ] where rest.starts(with: prefix.utf8) {
                index += 1 + prefix.utf8.count
                return kind
            }
            return nil
        }

        /// The sets of a tree that is a fixed run of single characters or sets, as a look-behind must be.
        private static func run(of tree: Node) -> [ByteSet]? {
            switch tree {
            case .set(let set): return [set]
            case .sequence(let parts):
                var sets: [ByteSet] = []
                for part in parts {
                    guard case .set(let set) = part else { return nil }
                    sets.append(set)
                }
                return sets
            default: return nil
            }
        }

        /// The set an escape outside or inside brackets stands for (the byte after the backslash given).
        private func escape(_ escaped: UInt8) -> ByteSet? {
            switch escaped {
            case UInt8(ascii: "d"): return .digit
            case UInt8(ascii: "D"): return ByteSet.digit.inverted
            case UInt8(ascii: "s"): return .space
            case UInt8(ascii: "S"): return ByteSet.space.inverted
            case UInt8(ascii: "w"): return .word
            case UInt8(ascii: "W"): return ByteSet.word.inverted
            case UInt8(ascii: "n"): return ByteSet(UInt8(ascii: "\n"))
            case UInt8(ascii: "t"): return ByteSet(UInt8(ascii: "\t"))
            case UInt8(ascii: "r"): return ByteSet(UInt8(ascii: "\r"))
            default: return ByteSet.isAlphanumeric(escaped) ? nil : ByteSet(escaped)
            }
        }

        private func fold(_ set: ByteSet) -> ByteSet { caseInsensitive ? set.caseFolded : set }

        /// A bracketed set after its `[`, up to and including its `]`.
        private mutating func bracketed() -> ByteSet? {
            let negated = peek == UInt8(ascii: "^")
            if negated { index += 1 }
            var set = ByteSet()
            var first = true
            var hasLetters = false
            while let byte = peek {
                index += 1
                switch byte {
                case UInt8(ascii: "]") where !first:
                    if negated && caseInsensitive && hasLetters { return nil }
                    return negated ? set.inverted : set
                case UInt8(ascii: "["), UInt8(ascii: "]"):
                    return nil
                case UInt8(ascii: "\\"):
                    guard let escaped = peek, let part = escape(escaped) else { return nil }
                    index += 1
                    if peek == UInt8(ascii: "-") && index + 1 < bytes.count && bytes[index + 1] != UInt8(ascii: "]") {
                        // A range from an escaped character: left to the engine.
                        return nil
                    }
                    hasLetters = hasLetters || part.hasLetters
                    set.formUnion(part)
                case UInt8(ascii: "$"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "^"):
                    return nil
                default:
                    var upper = byte
                    let rangeFollows =
                        peek == UInt8(ascii: "-") && index + 1 < bytes.count && bytes[index + 1] != UInt8(ascii: "]")
                    if byte == UInt8(ascii: "-") && (rangeFollows || !first && peek != UInt8(ascii: "]")) { return nil }
                    if rangeFollows {
                        let end = bytes[index + 1]
                        guard ![UInt8(ascii: "\\"), UInt8(ascii: "["), UInt8(ascii: "]")].contains(end), byte <= end
                        else { return nil }
                        upper = end
                        index += 2
                    }
                    var part = ByteSet()
                    part.insert(byte...upper)
                    hasLetters = hasLetters || part.hasLetters
                    set.formUnion(fold(part))
                }
                first = false
            }
            return nil
        }

        /// The atom with the quantifier that follows it, if any.
        private mutating func quantified(_ atom: Node) -> Node? {
            guard let byte = peek else { return atom }
            var minimum = 0
            var maximum: Int?
            switch byte {
            case UInt8(ascii: "?"): maximum = 1
            case UInt8(ascii: "*"): break
            case UInt8(ascii: "+"): minimum = 1
            case UInt8(ascii: "{"):
                guard let bounds = braces() else { return nil }
                (minimum, maximum) = bounds
            default: return atom
            }
            index += 1
            // A lazy or possessive quantifier, or a quantifier repeated: left to the engine.
            if let next = peek, "*+?{".utf8.contains(next) { return nil }
            switch atom {
            case .assertion, .lookahead, .lookbehind: return nil
            default: break
            }
            return .repetition(atom, minimum: minimum, maximum: maximum)
        }

        /// `{n}`, `{n,}` or `{n,m}` at the current index, leaving the index on its `}`.
        private mutating func braces() -> (Int, Int?)? {
            var cursor = index + 1
            func number() -> Int? {
                var value: Int?
                while cursor < bytes.count, ASCIIText.isDigit(bytes[cursor]), (value ?? 0) < 10_000 {
                    value = (value ?? 0) * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
                    cursor += 1
                }
                return value
            }
            guard let minimum = number() else { return nil }
            var maximum: Int? = minimum
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ",") {
                cursor += 1
                maximum = number()
                if let maximum, maximum < minimum { return nil }
            }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "}") else { return nil }
            index = cursor
            return (minimum, maximum)
        }
    }

    /// Writes a tree as states, back to front: each part is emitted with the state it continues to.
    private struct ProgramBuilder {
        var program: [Instruction] = []
        var lookaheads: [ASCIIRegex] = []
        var lookbehinds: [[ByteSet]] = []
        /// Whether the pattern starts with `(?i)`, which its look-aheads' automatons share.
        let caseInsensitive: Bool

        mutating func add(_ instruction: Instruction) -> Int {
            program.append(instruction)
            return program.count - 1
        }

        /// The entry state of `node` followed by `next`; `nil` when the program grows past its bound.
        mutating func emit(_ node: Node, then next: Int) -> Int? {
            guard program.count <= ASCIIRegex.maximumStates else { return nil }
            switch node {
            case .set(let set): return add(.byte(set, next: next))
            case .assertion(let assertion): return add(.assertion(assertion, next: next))
            case .lookahead(let inner, let negated):
                guard let automaton = ASCIIRegex(inner, lookahead: true, caseInsensitive: caseInsensitive) else {
                    return nil
                }
                lookaheads.append(automaton)
                return add(.assertion(.lookahead(lookaheads.count - 1, negated: negated), next: next))
            case .lookbehind(let sets, let negated):
                lookbehinds.append(sets)
                return add(.assertion(.lookbehind(lookbehinds.count - 1, negated: negated), next: next))
            case .sequence(let parts):
                var entry = next
                for part in parts.reversed() {
                    guard let emitted = emit(part, then: entry) else { return nil }
                    entry = emitted
                }
                return entry
            case .alternation(let branches):
                var entries: [Int] = []
                for branch in branches {
                    guard let entry = emit(branch, then: next) else { return nil }
                    entries.append(entry)
                }
                var entry = entries[entries.count - 1]
                for other in entries.dropLast().reversed() { entry = add(.split(other, entry)) }
                return entry
            case .repetition(let inner, let minimum, let maximum):
                var entry = next
                if let maximum {
                    for _ in 0..<(maximum - minimum) {
                        guard let body = emit(inner, then: entry) else { return nil }
                        entry = add(.split(body, entry))
                    }
                } else {
                    // A loop: a split state whose first branch is the body, which returns to the split.
                    let loop = add(.split(-1, entry))
                    guard let body = emit(inner, then: loop) else { return nil }
                    program[loop] = .split(body, entry)
                    entry = loop
                    if minimum > 0 {
                        guard let first = emit(inner, then: loop) else { return nil }
                        entry = first
                    }
                    for _ in 0..<max(0, minimum - 1) {
                        guard let body = emit(inner, then: entry) else { return nil }
                        entry = body
                    }
                    return entry
                }
                for _ in 0..<minimum {
                    guard let body = emit(inner, then: entry) else { return nil }
                    entry = body
                }
                return entry
            }
        }
    }
}

extension ASCIIRegex {
    /// A set of ASCII bytes and of the bytes that stand for the classes of other characters (``ScalarClass``).
    struct ByteSet: Sendable, Hashable {
        private var low: UInt64 = 0
        private var high: UInt64 = 0
        /// The classes of other characters, one bit each.
        private var classes: UInt8 = 0

        init() {}

        init(_ byte: UInt8) { insert(byte...byte) }

        private init(classes: [ScalarClass]) {
            for scalarClass in classes { self.classes |= 1 << scalarClass.rawValue }
        }

        static let digit: ByteSet = {
            var set = ByteSet(classes: [.digit])
            set.insert(UInt8(ascii: "0")...UInt8(ascii: "9"))
            return set
        }()

        static let space: ByteSet = {
            var set = ByteSet(classes: [.space, .lineTerminator])
            set.insert(UInt8(ascii: " ")...UInt8(ascii: " "))
            set.insert(UInt8(ascii: "\t")...UInt8(ascii: "\r"))
            return set
        }()

        static let word: ByteSet = {
            var set = ByteSet(classes: [.digit, .letter])
            set.insert(UInt8(ascii: "0")...UInt8(ascii: "9"))
            set.insert(UInt8(ascii: "a")...UInt8(ascii: "z"))
            set.insert(UInt8(ascii: "A")...UInt8(ascii: "Z"))
            set.insert(UInt8(ascii: "_")...UInt8(ascii: "_"))
            return set
        }()

        /// Any character but a line terminator.
        static let dot: ByteSet = {
            var set = ByteSet(classes: [.digit, .letter, .space, .other])
            set.insert(0...0x09)
            set.insert(0x0E...0x7F)
            return set
        }()

        static func isAlphanumeric(_ byte: UInt8) -> Bool { word.contains(byte) && byte != UInt8(ascii: "_") }

        var isEmpty: Bool { low == 0 && high == 0 }

        mutating func insert(_ range: ClosedRange<UInt8>) {
            for byte in range where byte < 0x80 {
                if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
            }
        }

        mutating func formUnion(_ other: ByteSet) {
            low |= other.low
            high |= other.high
            classes |= other.classes
        }

        func contains(_ byte: UInt8) -> Bool {
            if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
            if byte < 128 { return high & (1 << UInt64(byte - 64)) != 0 }
            return ScalarClass(byte: byte).map { classes & (1 << $0.rawValue) != 0 } ?? false
        }

        /// Every other ASCII byte and class.
        var inverted: ByteSet {
            var set = self
            set.low = ~low
            set.high = ~high
            set.classes = ~classes & ScalarClass.all
            return set
        }

        var hasLetters: Bool {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains { contains($0) || contains($0 | 0x20) }
        }

        /// The set with the other case of each of its letters.
        var caseFolded: ByteSet {
            var folded = self
            for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") where contains(byte) || contains(byte | 0x20) {
                folded.insert(byte...byte)
                folded.insert((byte | 0x20)...(byte | 0x20))
            }
            return folded
        }
    }
}
