import Hummingbird
import SMTPDoctorProbes
import SMTPDoctorReports

extension ServeHandlers {
    /// The result page of a probe, sent as the probe runs (``ProbePageStream``): each step's row as soon as the step
    /// completes, then the verdict, the likely cause and the download links.
    ///
    /// The request was checked and admitted before (``ProbeOperation/prepare(_:admit:)``): once the page has begun,
    /// its status can no longer change.
    func streamedProbePage(_ configuration: ProbeConfiguration) -> Response {
        let operation = probe
        let handlers = self
        let page = ProbePageStream(
            host: configuration.host, port: configuration.port,
            run: { onStep in await operation.run(configuration, onStep: onStep) },
            end: { outcome in
                let kept = try await handlers.keep(
                    outcome.report, json: try operation.json(outcome), baseName: "smtp-doctor-probe")
                return ProbePageRenderer.end(outcome.probe, result: outcome.result, downloads: kept)
            })
        let body = ResponseBody { writer in try await page.write(to: &writer) }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: body)
    }
}
