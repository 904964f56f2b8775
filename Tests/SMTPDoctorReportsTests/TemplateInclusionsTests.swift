import Testing

@testable import SMTPDoctorReports

@Suite struct TemplateInclusionsTests {
    @Test func findsPartialAndParentTagsWithOrWithoutSpaces() {
        let text = "a {{> header}} b {{<layout}} c {{ >  footer  }} {{name}} {{#list}}{{/list}} {{{raw}}}"
        #expect(TemplateInclusions.includedNames(text) == ["header", "layout", "footer"])
    }

    @Test func unfinishedOrEmptyTagsIncludeNothing() {
        for text in ["{{>", "{{> }}", "{{>name", "{{> name } }", "{{", "}}{{>}}", ""] {
            #expect(TemplateInclusions.includedNames(text).isEmpty, "\(text)")
        }
    }

    @Test func cycleThroughAnotherTemplateIsFound() {
        let inclusions = TemplateInclusions(["a": "{{> b}}", "b": "x {{> c}}", "c": "{{>a}}", "d": "{{> c}}"])
        #expect(inclusions.firstCycle() == ["a", "b", "c", "a"])
        #expect(TemplateInclusions(["a": "{{> b}}", "b": "plain"]).firstCycle() == nil)
    }
}
