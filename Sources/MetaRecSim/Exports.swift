// MARK: - What a model author needs, in one import

/// `Interaction`, `UserID`, `ItemID`, `Dataset`, `FeatureTable`, `UserTask`, `RandomSource`.
@_exported import RecData
/// Dense matrices on BLAS, for models written in Swift.
@_exported import Learning
/// `Recommender`, `Personalized`, `TrainingSet`, `ModelDescriptor`, `ModelRegistry`,
/// `ExternalRecommender`.
@_exported import Recommenders
/// `Metric`, `ColdStartProtocol`, `EvaluationError`.
@_exported import Evaluation
/// `ResultSet`, `ResultRow`, `ReportBundle`, `ReportFormat`, `RegressionGate`.
@_exported import Reporting
/// `ScenarioLoader`, `ScenarioSpec`, `SuiteRunner`, `SuiteRun`, `RunOptions`, `InputError`.
@_exported import Experiments
