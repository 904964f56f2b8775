import Hummingbird
import NIOPosix

extension ServeHandlers {
    /// The body of `POST /api/diagnose`.
    struct DiagnoseBody: Decodable {
        var errors: [String]
        var provider: String?
    }

    /// The JSON API: the command line's JSON contracts over HTTP.
    func addAPI(to router: Router<ServeRequestContext>) {
        router.get("/healthz") { _, _ in ServeResponses.json("{\"status\":\"ok\"}\n") }
        router.get("/openapi.json") { _, _ in ServeResponses.json(OpenAPIDocument.text) }
        router.post("/api/diagnose") { request, _ in
            try await api {
                let body = try await decodeJSON(DiagnoseBody.self, from: request)
                let outcome = try diagnose.run(errors: body.errors, provider: body.provider)
                return ServeResponses.json(try diagnose.json(outcome))
            }
        }
        router.post("/api/probe") { request, context in
            try await api {
                let probeRequest = try await decodeJSON(ProbeRequest.self, from: request)
                let operation = probe
                let outcome = try await operation.run(probeRequest) { () throws(ServeFailure) in
                    try await admitProbe(context)
                }
                return ServeResponses.json(try operation.json(outcome))
            }
        }
        router.post("/api/check-domain") { request, _ in
            try await api {
                let body = try await decodeJSON(CheckDomainOperation.Request.self, from: request)
                let operation = checkDomain
                return ServeResponses.json(try operation.json(try await operation.run(body)))
            }
        }
        router.post("/api/analyze") { request, _ in
            try await api {
                let upload = try await UploadFile.receive(request.body, limit: settings.maximumUploadBytes)
                defer { upload.remove() }
                let operation = analyze
                let analysis = try await NIOThreadPool.singleton.runIfActive { operation.run(path: upload.path) }
                return ServeResponses.json(try operation.json(analysis))
            }
        }
    }
}
