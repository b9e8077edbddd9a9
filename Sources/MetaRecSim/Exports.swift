// MARK: - What a model author needs, in one import

/// `Metric`, `ColdStartProtocol`, `EvaluationError`.
@_exported import Evaluation
/// `ScenarioLoader`, `ScenarioSpec`, `SuiteRunner`, `SuiteRun`, `RunOptions`, `InputError`.
@_exported import Experiments
/// Dense matrices on BLAS, for models written in Swift.
@_exported import Learning
/// `Interaction`, `UserID`, `ItemID`, `Dataset`, `FeatureTable`, `UserTask`, `RandomSource`.
@_exported import RecData
/// `Recommender`, `Personalized`, `TrainingSet`, `ModelDescriptor`, `ModelRegistry`,
/// `ExternalRecommender`.
@_exported import Recommenders
/// `ResultSet`, `ResultRow`, `ReportBundle`, `ReportFormat`, `RegressionGate`.
@_exported import Reporting
