import PropertyBased
import Testing

@testable import SMTPDoctorCore

/// The laws of MYCIN certainty-factor combination, checked on generated certainties.
@Suite struct CertaintyFactorPropertyTests {
    private static let tolerance = 1e-9
    private let any = Gen.double(in: -1...1)
    private let supporting = Gen.double(in: 0...1)
    private let opposing = Gen.double(in: -1...0)

    @Test func combinationIsCommutative() async {
        await propertyCheck(count: 500, input: any, any) { a, b in
            #expect(abs(CertaintyFactor.combine(a, b) - CertaintyFactor.combine(b, a)) <= Self.tolerance)
        }
    }

    @Test func combinationStaysWithinMinusOneAndOne() async {
        await propertyCheck(count: 300, input: any.array(of: 0...40)) { values in
            let combined = CertaintyFactor.combine(values)
            #expect((-1...1).contains(combined))
        }
    }

    @Test func noEvidenceChangesNothing() async {
        await propertyCheck(count: 500, input: any) { a in
            #expect(CertaintyFactor.combine(a, 0) == a)
            #expect(CertaintyFactor.combine(0, a) == a)
        }
    }

    @Test func evidenceOfOneSignIsAssociative() async {
        await propertyCheck(count: 500, input: supporting, supporting, supporting) { a, b, c in
            let left = CertaintyFactor.combine(CertaintyFactor.combine(a, b), c)
            let right = CertaintyFactor.combine(a, CertaintyFactor.combine(b, c))
            #expect(abs(left - right) <= Self.tolerance)
        }
        await propertyCheck(count: 500, input: opposing, opposing, opposing) { a, b, c in
            let left = CertaintyFactor.combine(CertaintyFactor.combine(a, b), c)
            let right = CertaintyFactor.combine(a, CertaintyFactor.combine(b, c))
            #expect(abs(left - right) <= Self.tolerance)
        }
    }

    @Test func supportingEvidenceNeverLowersCertainty() async {
        await propertyCheck(count: 500, input: any, supporting) { a, b in
            #expect(CertaintyFactor.combine(a, b) >= a - Self.tolerance)
        }
        await propertyCheck(count: 500, input: any, opposing) { a, b in
            #expect(CertaintyFactor.combine(a, b) <= a + Self.tolerance)
        }
    }

    @Test func combiningSameSignEvidenceIsAtLeastTheStrongerOne() async {
        await propertyCheck(count: 500, input: supporting, supporting) { a, b in
            #expect(CertaintyFactor.combine(a, b) >= max(a, b) - Self.tolerance)
        }
    }
}
