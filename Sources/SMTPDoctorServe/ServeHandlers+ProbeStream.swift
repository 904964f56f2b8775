import Hummingbird
import NIOCore
import SMTPDoctorProbes

extension ServeHandlers {
    /// The result page of a probe, sent as the probe runs: each step's row as soon as the step completes, then the
    /// verdict, the likely cause and the download links.
    ///
    /// The request was checked and admitted before (``ProbeOperation/prepare(_:admit:)``): once the page has begun,
    /// its status can no longer change.
    func streamedProbePage(_ configuration: ProbeConfiguration) -> Response {
        let operation = probe
        let handlers = self
        let body = ResponseBody { writer in
            try await writer.write(
                ByteBuffer(string: ProbePage.start(host: configuration.host, port: configuration.port)))
            let (steps, continuation) = AsyncStream.makeStream(of: ProbeStep.self)
            let run = Task {
                let outcome = await operation.run(configuration) { continuation.yield($0) }
                continuation.finish()
                return outcome
            }
            do {
                for await step in steps { try await writer.write(ByteBuffer(string: ProbePage.row(step))) }
                let outcome = await run.value
                let kept = try await handlers.keep(
                    outcome.report, json: try operation.json(outcome), baseName: "smtp-doctor-probe")
                try await writer.write(
                    ByteBuffer(string: ProbePage.end(outcome, downloads: PageLayout.downloads(kept))))
                try await writer.finish(nil)
            } catch {
                run.cancel()
                throw error
            }
        }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: body)
    }
}
