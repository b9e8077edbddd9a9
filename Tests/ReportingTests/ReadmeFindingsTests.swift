import Foundation
import Testing

@testable import Reporting

/// The README's first example output is the findings of the default suite: the block
/// between its findings markers must be exactly what the committed extract of the default
/// report (`Reports/readme/findings.json`, written by `scripts/update-readme-findings.sh`)
/// renders to. Run with `METAREC_UPDATE_README=1` to rewrite the block from the extract.
@Suite("README findings")
struct ReadmeFindingsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let begin = "<!-- findings:begin (scripts/update-readme-findings.sh; do not edit by hand) -->"
    static let end = "<!-- findings:end -->"

    @Test("The README's findings are those of the committed default report")
    func readmeMatchesCommittedFindings() throws {
        let extract = Self.root.appendingPathComponent("Reports/readme/findings.json")
        let findings = try JSONDecoder().decode(Findings.self, from: Data(contentsOf: extract))
        #expect(
            findings.worlds.map(\.scenario) == ["ecommerce", "video", "news"], "the extract is not the default suite's")
        let block =
            Self.begin + "\n\n"
            + findings.markdown(links: false).replacingOccurrences(
                of: "## Findings", with: "### Findings of `make run`") + Self.end
        let readmeURL = Self.root.appendingPathComponent("README.md")
        var readme = try String(contentsOf: readmeURL, encoding: .utf8)
        let start = try #require(readme.range(of: Self.begin), "README.md has no findings block")
        let stop = try #require(readme.range(of: Self.end, range: start.upperBound..<readme.endIndex))
        if ProcessInfo.processInfo.environment["METAREC_UPDATE_README"] == "1" {
            readme.replaceSubrange(start.lowerBound..<stop.upperBound, with: block)
            try Data(readme.utf8).write(to: readmeURL)
            return
        }
        let current = String(readme[start.lowerBound..<stop.upperBound])
        #expect(
            current == block,
            "README.md's findings differ from Reports/readme/findings.json; run scripts/update-readme-findings.sh")
    }
}
