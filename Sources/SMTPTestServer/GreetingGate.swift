import NIOConcurrencyHelpers

/// Holds greetings back until it opens.
final class GreetingGate: Sendable {
    private struct State {
        var isOpen: Bool
        var waiting: [@Sendable () -> Void] = []
    }

    private let state: NIOLockedValueBox<State>

    init(open: Bool) {
        state = NIOLockedValueBox(State(isOpen: open))
    }

    /// Keeps `greet` to run once the gate opens and returns true; returns false, keeping nothing, when it is open.
    func hold(_ greet: @escaping @Sendable () -> Void) -> Bool {
        state.withLockedValue { state in
            if !state.isOpen { state.waiting.append(greet) }
            return !state.isOpen
        }
    }

    /// Opens the gate and runs what waited for it.
    func open() {
        let waiting = state.withLockedValue { state in
            state.isOpen = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for greet in waiting { greet() }
    }
}
