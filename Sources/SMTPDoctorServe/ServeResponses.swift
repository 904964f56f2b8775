import HTTPTypes
import Hummingbird

/// Responses of the page and the API.
enum ServeResponses {
    static func html(_ text: String, status: HTTPResponse.Status = .ok, newToken: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        if let newToken { headers[.setCookie] = CSRFToken.cookie(newToken) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: .init(string: text)))
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: .init(string: text)))
    }

    /// `{"error": {"message": "…"}}`, the shape Hummingbird gives its own errors.
    static func jsonProblem(_ failure: ServeFailure) -> Response {
        json("{\"error\":{\"message\":\(jsonString(failure.message))}}\n", status: failure.status)
    }

    static func download(_ text: String, contentType: String, fileName: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: contentType,
                .contentDisposition: "attachment; filename=\"\(fileName)\"",
                .contentSecurityPolicy: "sandbox; default-src 'none'; style-src 'unsafe-inline'",
            ],
            body: .init(byteBuffer: .init(string: text)))
    }

    /// The text as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "&": output += "\\u0026"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
