import Testing

/// The PowerShell reader finds the calls and parameters in the rules' one-liners.
@Suite struct PowerShellInvocationTests {
    @Test func callsInPipelinesGroupsAndAssignmentsAreFound() {
        let calls = PowerShellInvocation.all(
            in:
                "$t = Get-MessageTraceV2 -SenderAddress 'a@example.com' -StartDate (Get-Date).AddHours(-2) -EndDate (Get-Date) | Select-Object -First 1; Get-Queue | Where-Object { $_.Status -eq 'Retry' } | Retry-Queue"
        )
        #expect(
            Set(calls.map(\.name))
                == ["Get-MessageTraceV2", "Get-Date", "Select-Object", "Get-Queue", "Where-Object", "Retry-Queue"])
        let trace = calls.first { $0.name == "Get-MessageTraceV2" }
        #expect(trace?.parameters == ["SenderAddress", "StartDate", "EndDate"])
        #expect(calls.first { $0.name == "Where-Object" }?.parameters == [])
    }

    @Test func switchValuesAndQuotedSeparatorsStayInTheirCall() {
        let calls = PowerShellInvocation.all(
            in:
                "Remove-EdgeSubscription -Identity <edge-server> -Confirm:$false; Set-SendConnector 'X' -AddressSpaces @{Add='smtp:<tenant>.onmicrosoft.com;1'}"
        )
        #expect(calls.first { $0.name == "Remove-EdgeSubscription" }?.parameters == ["Identity", "Confirm"])
        #expect(calls.first { $0.name == "Set-SendConnector" }?.parameters == ["AddressSpaces"])
    }

    @Test func programsAreReadAsCalls() {
        let calls = PowerShellInvocation.all(in: ".\\Setup.exe /Mode:Install; reg add 'HKLM\\X' /f")
        #expect(calls.map(\.name) == [".\\Setup.exe", "reg"])
        #expect(!calls[0].isCmdlet)
    }
}
