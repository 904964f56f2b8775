import SMTPDoctorReports
import Testing

@Suite struct KnowledgeListRendererTests {
    typealias Row = KnowledgeListRenderer.Row

    @Test func idsArePaddedToOneColumnBesideTheirDescriptions() {
        let text = KnowledgeListRenderer().render([
            Row(id: "auth.bad-credentials", description: "auth: wrong password"),
            Row(id: "tls.expired", description: "tls: expired certificate"),
        ])
        #expect(text == "auth.bad-credentials  auth: wrong password\ntls.expired           tls: expired certificate\n")
    }

    @Test func anIDLongerThanTheColumnPushesOnlyItsOwnDescription() {
        let long = String(repeating: "x", count: KnowledgeListRenderer.maximumIDWidth + 2)
        let lines = KnowledgeListRenderer().render([
            Row(id: long, description: "long"), Row(id: "short", description: "short"),
        ]).split(separator: "\n")
        #expect(lines[0] == "\(long)  long")
        #expect(lines[1].hasPrefix("short" + String(repeating: " ", count: KnowledgeListRenderer.maximumIDWidth - 5)))
        #expect(lines[1].hasSuffix("  short"))
    }

    @Test func idsOnlyPrintsOneIDALineAndNothingForNoRows() {
        let renderer = KnowledgeListRenderer(idsOnly: true)
        #expect(renderer.render([Row(id: "a", description: "A"), Row(id: "b", description: "B")]) == "a\nb\n")
        #expect(renderer.render([]).isEmpty)
    }
}
