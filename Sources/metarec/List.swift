import ArgumentParser
import Evaluation
import Recommenders

extension MetaRec {
    /// `metarec list`: shows the models and metrics scenario files may name.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the available models or metrics.")

        /// What to list.
        enum Topic: String, ExpressibleByArgument, CaseIterable {
            case models, metrics
        }

        @Argument(help: "What to list: \(Topic.allCases.map(\.rawValue).joined(separator: " or ")).")
        var topic: Topic

        func run() {
            switch topic {
            case .models:
                for model in ModelRegistry.builtIn.descriptors {
                    print("\(model.name): \(model.summary)")
                    for parameter in model.parameters {
                        print("    \(parameter.name) (default \(parameter.defaultValue)): \(parameter.summary)")
                    }
                }
            case .metrics:
                for metric in Metric.catalog {
                    print("\(metric.pattern): \(metric.summary)")
                }
            }
        }
    }
}
