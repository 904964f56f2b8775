/// Splits one line of comma-separated values as Exchange and PowerShell's `Export-Csv` write them.
///
/// ```
/// 2026-05-01T06:07:12.101Z,,"SMTP ""quoted""",FAIL
/// ```
/// gives `2026-05-01T06:07:12.101Z`, ``, `SMTP "quoted"`, `FAIL`. A quote left open runs to the end of the line.
enum CSVRecord {
    /// The fields of the line, unquoted.
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var atFieldStart = true
        var iterator = line.utf8.makeIterator()
        var pending: UInt8? = nil
        while let byte = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if byte == 0x22 {
                    let next = iterator.next()
                    if next == 0x22 {
                        field.append(0x22)
                    } else {
                        quoted = false
                        pending = next
                        if next == nil { break }
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            if byte == 0x2C {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
                continue
            }
            if byte == 0x22 && atFieldStart {
                quoted = true
                atFieldStart = false
                continue
            }
            atFieldStart = false
            field.append(byte)
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }
}
