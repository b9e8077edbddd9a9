import ArgumentParser
import Experiments

extension MetaRec {
    /// `metarec schema`: prints the scenario format's JSON Schema or reference.
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema (draft 2020-12) of scenario and suite files.",
            discussion: """
                Editors validate and complete scenario files with it: Scenarios/metarec.schema.json is this output, \
                named by the first line of each shipped scenario (# yaml-language-server: $schema=metarec.schema.json). \
                --reference prints docs/scenario-reference.md instead.
                """
        )

        @Flag(help: "Print the Markdown reference of every key instead.")
        var reference = false

        func run() throws {
            print(reference ? ScenarioSchema.reference() : ScenarioSchema.jsonSchema(), terminator: "")
        }
    }
}
