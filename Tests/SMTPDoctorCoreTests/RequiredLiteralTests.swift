import Testing

@testable import SMTPDoctorCore

@Suite struct RequiredLiteralTests {
    @Test func plainPhraseIsItsOwnLiteral() {
        #expect(RequiredLiteral.of("(?i)Relay access denied") == "relay access denied")
    }

    @Test func optionalPartsAndGroupsAreLeftOut() {
        #expect(RequiredLiteral.of("(?i)stuck in (the )?(outbox|queue)") == "stuck in ")
        #expect(RequiredLiteral.of("emails? (are|is) not sent") == " not sent")
        #expect(RequiredLiteral.of("(?i)^(?!.*gsmtp).*retry time not reached") == "retry time not reached")
        #expect(RequiredLiteral.of("colou?r scheme") == "r scheme")
    }

    @Test func escapedCharactersAreLiteralAndClassesBreakRuns() {
        #expect(RequiredLiteral.of(#"(?i)\.prod\.outlook\.com"#) == ".prod.outlook.com")
        #expect(RequiredLiteral.of(#"^[245]\.1\."#) == ".1.")
        #expect(RequiredLiteral.of(#"said:\s+5\d\d"#) == "said:")
    }

    @Test func everyRequiredRunIsAmongAllTheLiterals() {
        #expect(
            RequiredLiteral.allOf(#"(?i)credential ?records\s*:?\s*(number of credentials\s*)?0\b"#)
                == ["credential", "records", "0"])
        #expect(
            RequiredLiteral.allOf("(?i)Sender (address )?rejected: (not owned)") == [
                "sender ", "rejected: ", "not owned",
            ])
        #expect(RequiredLiteral.allOf("(?i)refused|timed out").isEmpty)
        #expect(RequiredLiteral.allOf("colou?r scheme") == ["colo", "r scheme"])
    }

    @Test func topLevelAlternationHasNoLiteral() {
        #expect(RequiredLiteral.of("(?i)refused|timed out") == nil)
    }

    @Test func theLiteralNeverRejectsARealMatch() throws {
        let samples = [
            ("(?i)stuck in (the )?(outbox|queue)", "Mail is STUCK IN the Outbox since Monday"),
            (#"(?i)\.prod\.outlook\.com"#, "BN8PR12MB3345.namprd12.PROD.OUTLOOK.COM"),
            ("sender .* not (owned|allowed)", "553 5.7.1 sender x@y not owned by user"),
            ("a{2,3}bcd+e", "xxaaabcddde"),
        ]
        for (pattern, text) in samples {
            let expression = try RegularExpression(pattern)
            #expect(expression.matches(text), "\(pattern) on \(text)")
        }
    }
}

@Suite struct RequiredLiteralAlternativesTests {
    @Test func eachTopLevelAlternativeGivesItsLiteral() {
        #expect(
            RequiredLiteral.anyOf("(?i)connection refused|actively refused") == [
                "connection refused", "actively refused",
            ])
        #expect(RequiredLiteral.anyOf("(?i)stuck in (the )?(outbox|queue)") == ["stuck in "])
        #expect(RequiredLiteral.anyOf("(?i)(never|not) (received|arrived)") == ["received", "arrived"])
        #expect(RequiredLiteral.anyOf("(?:ab|virus|malware)x") == ["ab", "virus", "malware"])
        #expect(
            RequiredLiteral.anyOf(#"(?i)(\bp=reject|dmarc policy of reject)"#) == [
                "p=reject", "dmarc policy of reject",
            ])
    }

    @Test func anAlternativeWithoutALiteralDisablesTheQuickTest() {
        #expect(RequiredLiteral.anyOf(#"timed out|\d+"#) == nil)
        #expect(RequiredLiteral.anyOf(#"[a-z]+@[a-z]+"#) == ["@"])
    }

    @Test func alternativesStillMatch() throws {
        let expression = try RegularExpression("(?i)connection refused|ECONNREFUSED")
        #expect(expression.matches("connect ECONNREFUSED 127.0.0.1:587"))
        #expect(!expression.matches("connection reset by peer"))
    }
}

@Suite struct PhraseMatcherTests {
    @Test func findsEveryPhraseIncludingOverlappingOnes() {
        let matcher = PhraseMatcher(phrases: ["he", "she", "his", "hers", "relay access denied", "access"])
        let hits = matcher.scan("ushers said relay access denied")
        #expect(hits.contains(0))
        #expect(hits.contains(1))
        #expect(!hits.contains(2))
        #expect(hits.contains(3))
        #expect(hits.contains(4))
        #expect(hits.contains(5))
    }

    @Test func bytesOutsideEveryPhraseRestartTheSearch() {
        let matcher = PhraseMatcher(phrases: ["abc"])
        #expect(!matcher.scan("ab-c").contains(0))
        #expect(matcher.scan("xxabc").contains(0))
        #expect(matcher.scan("ababc").contains(0))
    }

    @Test func agreesWithPlainSubstringSearch() {
        let phrases = ["time", "timed out", "out", "connection timed", "ed o", "nne"]
        let matcher = PhraseMatcher(phrases: phrases)
        for text in ["connection timed out", "time", "tim", "", "outed", "timed timed out out"] {
            let hits = matcher.scan(text)
            for (id, phrase) in phrases.enumerated() {
                #expect(hits.contains(id) == TextSearch.contains(text, phrase), "\(phrase) in \(text)")
            }
        }
    }
}

@Suite struct ByteSearchTests {
    @Test func findsTheSameRangeAsFoundation() {
        let text =
            "Nov 23 mx1 postfix/smtp[811]: 4F2A: to=<bøb@example.com>, relay=mx.example.com[203.0.113.7]:25, dsn=5.1.1"
        for needle in ["to=<", "relay=", "dsn=", "]: ", "absent", "1"] {
            let found = text.byteRange(of: needle)
            #expect(found.map { String(text[$0]) } == (found == nil ? nil : needle))
            #expect(found?.lowerBound == text.range(of: needle)?.lowerBound, "\(needle)")
        }
    }

    @Test func searchesWithinASubstringOnly() {
        let text = "status=sent status=bounced"
        let tail = text[text.index(text.startIndex, offsetBy: 5)...]
        let found = tail.byteRange(of: "status=")
        #expect(found.map { text.distance(from: text.startIndex, to: $0.lowerBound) } == 12)
    }
}
