import Hummingbird
import NIOPosix
import SMTPDoctorReports

extension ServeHandlers {
    /// The HTML pages: forms, results, downloads and the stylesheet.
    func addPages(to router: Router<ServeRequestContext>) {
        router.get("/") { request, _ in formPage(request) { _ in HomePageRenderer.render() } }
        router.get("/static/style.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                body: .init(byteBuffer: .init(string: WebPageLayout.stylesheet)))
        }
        router.get("/diagnose") { request, _ in
            let providers = knowledgeBase.providers.map { (id: $0.id, name: $0.name) }
            return formPage(request) { DiagnosePageRenderer.form(csrf: $0, providers: providers) }
        }
        router.post("/diagnose") { request, _ in
            try await page {
                let form = try await verifiedForm(request)
                let outcome = try diagnose.run(errors: form.values("error"), provider: form["provider"])
                let kept = try await keep(
                    outcome.report, json: try diagnose.json(outcome), baseName: "smtp-doctor-diagnosis")
                return ServeResponses.html(DiagnosePageRenderer.result(outcome.result, downloads: kept))
            }
        }
        router.get("/probe") { request, _ in formPage(request) { ProbePageRenderer.form(csrf: $0) } }
        router.post("/probe") { request, context in
            try await page {
                let form = try await verifiedForm(request)
                let probeRequest = try ProbeRequest(form: form)
                let configuration = try await probe.prepare(probeRequest) { () throws(ServeFailure) in
                    try await admitProbe(context)
                }
                return streamedProbePage(configuration)
            }
        }
        router.get("/analyze") { request, _ in
            formPage(request) { AnalyzePageRenderer.form(csrf: $0, limitMiB: settings.maximumUploadBytes >> 20) }
        }
        router.post("/analyze") { request, _ in
            try await page {
                guard let boundary = MultipartUpload.boundary(of: request.headers[.contentType]) else {
                    throw ServeFailure(.unsupportedMediaType, "Send the file from the upload form.")
                }
                let upload = try await UploadFile.receive(request.body, limit: settings.maximumUploadBytes + 65_536)
                defer { upload.remove() }
                let parts = try MultipartUpload(upload: upload, boundary: boundary)
                defer { parts.file?.remove() }
                guard CSRFToken.verify(field: parts.fields[CSRFToken.fieldName], headers: request.headers) else {
                    throw ServeFailure(
                        .forbidden, "The form has expired or came from another site; open the page again.")
                }
                guard let file = parts.file else { throw ServeFailure(.badRequest, "Choose a file to upload.") }
                let operation = analyze
                let analysis = try await NIOThreadPool.singleton.runIfActive { operation.run(path: file.path) }
                let kept = try await keep(operation.document(analysis), json: try operation.json(analysis))
                return ServeResponses.html(
                    AnalyzePageRenderer.result(text: operation.text(analysis), downloads: kept))
            }
        }
        router.get("/check-domain") { request, _ in formPage(request) { CheckDomainPageRenderer.form(csrf: $0) } }
        router.post("/check-domain") { request, _ in
            try await page {
                let form = try await verifiedForm(request)
                let operation = checkDomain
                let outcome = try await operation.run(
                    .init(domain: form["domain"] ?? "", ip: form["ip"], selectors: form.values("selector")))
                let kept = await keep(
                    .init(
                        documents: [.text(operation.text(outcome)), .json(try operation.json(outcome))],
                        baseName: "smtp-doctor-domain-check"))
                return ServeResponses.html(
                    CheckDomainPageRenderer.result(
                        domain: outcome.report.domain, text: operation.text(outcome),
                        downloads: kept))
            }
        }
        router.get("/results/:id/:file") { _, context in
            guard let id = context.parameters.get("id"), let name = context.parameters.get("file"),
                let result = await store.result(for: id)
            else {
                return ServeResponses.html(
                    WebPageLayout.problem("This result is no longer kept; run it again."),
                    status: .notFound)
            }
            guard let document = result.documents.first(where: { $0.name == name }) else {
                let names = result.documents.map(\.name).joined(separator: ", ")
                return ServeResponses.html(
                    WebPageLayout.problem("Download one of \(names)."), status: .notFound)
            }
            return ServeResponses.download(
                document.text, contentType: document.contentType,
                fileName: result.baseName + document.fileExtension)
        }
    }
}
