/// Reads an HTTP/1.x response to the policy request: the status code and the body (bounded by Content-Length
/// when given).
enum HTTPResponseParser {
    static func parse(_ bytes: [UInt8], limit: Int) -> PolicyFetchOutcome {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = bytes.indices.dropLast(3).first(where: { Array(bytes[$0..<($0 + 4)]) == separator }) else {
            return .failed("the answer is not an HTTP response (no end of headers)")
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self)
        var body = Array(bytes[(end + 4)...])
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            return .failed("the answer does not start with an HTTP status line")
        }
        for line in lines.dropFirst() {
            let pieces = line.split(separator: ":", maxSplits: 1)
            guard pieces.count == 2, pieces[0].lowercased() == "content-length",
                let length = Int(pieces[1].trimmingWhitespace), length >= 0
            else { continue }
            if length < body.count { body = Array(body.prefix(length)) }
        }
        guard body.count <= limit else { return .failed("the policy is larger than \(limit) bytes") }
        return .response(status: status, body: String(decoding: body, as: UTF8.self))
    }
}
