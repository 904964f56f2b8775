import ArgumentParser
import SMTPDoctorReports

/// Runs a command body, turning a `CommandFailure` or a `RenderError` into its message on standard error and its
/// exit status (an output that cannot be rendered is an unexpected failure).
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as CommandFailure {
        throw failure.report()
    } catch let failure as RenderError {
        throw CommandFailure(failure.message, status: .failure).report()
    }
}
