import ArgumentParser

/// Runs a command body, turning a `CommandFailure` into its message on standard error and its exit status.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as CommandFailure {
        throw failure.report()
    }
}
