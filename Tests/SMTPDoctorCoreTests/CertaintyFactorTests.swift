import Testing

@testable import SMTPDoctorCore

@Suite struct CertaintyFactorTests {
    @Test func twoPositiveCertaintiesReinforceEachOther() {
        #expect(abs(CertaintyFactor.combine(0.6, 0.5) - 0.8) < 1e-9)
    }

    @Test func twoNegativeCertaintiesReinforceEachOther() {
        #expect(abs(CertaintyFactor.combine(-0.6, -0.5) - -0.8) < 1e-9)
    }

    @Test func mixedCertaintiesAreDividedByOneMinusTheSmallerMagnitude() {
        #expect(abs(CertaintyFactor.combine(0.8, -0.4) - (0.4 / 0.6)) < 1e-9)
        #expect(abs(CertaintyFactor.combine(-0.8, 0.4) - (-0.4 / 0.6)) < 1e-9)
    }

    @Test func fullCertaintyAgainstFullDoubtCancels() {
        #expect(CertaintyFactor.combine(1, -1) == 0)
    }

    @Test func combinationIsCommutative() {
        for (a, b) in [(0.3, -0.2), (0.7, 0.1), (-0.5, -0.4), (0.9, -0.9)] {
            #expect(abs(CertaintyFactor.combine(a, b) - CertaintyFactor.combine(b, a)) < 1e-9)
        }
    }

    @Test func evidenceOfOneSignCombinesTheSameInAnyOrder() {
        let values = [0.3, 0.2, 0.7, 0.1]
        #expect(abs(CertaintyFactor.combine(values) - CertaintyFactor.combine(values.reversed())) < 1e-9)
    }

    @Test func resultStaysWithinMinusOneAndOne() {
        for a in stride(from: -1.0, through: 1.0, by: 0.25) {
            for b in stride(from: -1.0, through: 1.0, by: 0.25) {
                let combined = CertaintyFactor.combine(a, b)
                #expect((-1.0...1.0).contains(combined))
            }
        }
    }
}
