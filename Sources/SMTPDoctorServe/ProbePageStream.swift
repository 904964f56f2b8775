import Hummingbird
import NIOCore
import SMTPDoctorProbes
import SMTPDoctorReports

/// The result page of a probe, written as the probe runs: the page's start at once, each step's row as soon as the
/// step completes, then the end that ``end`` renders from the outcome.
///
/// The status (200) is sent with the start and can no longer change. When the end cannot be rendered, the page ends
/// with a block that says what failed instead, after closing the steps table, so that the browser still shows a whole
/// page. A failure to write (the browser went away) ends the stream.
struct ProbePageStream: Sendable {
    /// The server tested, for the page's title.
    var host: String
    var port: Int
    /// Runs the probe, calling its argument with each step as it completes.
    var run: @Sendable (_ onStep: @escaping @Sendable (ProbeStep) -> Void) async -> ProbeOperation.Outcome
    /// The rest of the page once the probe has run: the verdict, the causes, the transcript and the downloads.
    var end: @Sendable (ProbeOperation.Outcome) async throws -> String

    /// Writes the whole page to `writer` and finishes it.
    ///
    /// - Throws: the error of `writer`, or `CancellationError` when the request was cancelled.
    func write(to writer: inout any ResponseBodyWriter) async throws {
        try await writer.write(ByteBuffer(string: ProbePageRenderer.start(host: host, port: port)))
        let (steps, continuation) = AsyncStream.makeStream(of: ProbeStep.self)
        let run = self.run
        let probe = Task {
            let outcome = await run { continuation.yield($0) }
            continuation.finish()
            return outcome
        }
        do {
            for await step in steps { try await writer.write(ByteBuffer(string: ProbePageRenderer.row(step))) }
        } catch {
            probe.cancel()
            throw error
        }
        let outcome = await probe.value
        try await writer.write(ByteBuffer(string: try await ending(outcome)))
        try await writer.finish(nil)
    }

    /// The end of the page, or the failure block when the end cannot be rendered.
    private func ending(_ outcome: ProbeOperation.Outcome) async throws -> String {
        do {
            return try await end(outcome)
        } catch is CancellationError {
            throw CancellationError()
        } catch let failure as ServeFailure {
            return ProbePageRenderer.failure(failure.message)
        } catch let failure as RenderError {
            return ProbePageRenderer.failure(
                "The result could not be written out (\(failure.message)); this is a fault in smtp-doctor.")
        } catch {
            return ProbePageRenderer.failure(ServeFailure.unrenderable.message)
        }
    }
}
