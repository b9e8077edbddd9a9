import Evaluation
import Foundation

extension Findings {
    /// The findings as the opening section of a Markdown report: per world, one sentence per
    /// protocol, the cost and the disagreements, each linking the table or chart it
    /// summarizes (``anchor(_:_:)``). With `links` false the sentences stand alone (the README).
    public func markdown(links: Bool = true) -> String {
        var lines = ["## Findings", ""]
        guard !worlds.isEmpty else {
            return
                (lines + [
                    "No scenario ran a meta-learner against a baseline, so there is nothing to find; "
                        + "Scenarios/ecommerce.yaml, video.yaml and news.yaml do.", "",
                ]).joined(separator: "\n")
        }
        lines += [Self.method(alpha: alpha), ""]
        for world in worlds {
            let link = { (text: String, section: String) in
                links
                    ? "[\(text)](#\(section == Self.costAnchor ? section : Self.anchor(world.scenario, section)))"
                    : text
            }
            lines += ["### \(world.scenario): \(Self.headline(world))", ""]
            for finding in world.protocols {
                lines.append("- " + Self.sentence(finding, alpha: alpha, link: link))
            }
            for variant in world.variants {
                lines.append("- " + Self.variantSentence(variant, alpha: alpha, link: link))
            }
            if let finding = world.protocols.first {
                lines.append("- " + Self.costSentence(finding, link: link))
            }
            lines.append("- " + Self.disagreementSentence(world, link: link))
            lines.append("")
        }
        if links { lines += costTable() }
        let text = lines.joined(separator: "\n")
        // Without links, the words that only name a link's target go.
        return links
            ? text
            : [" (curve)", " (cells)", " (disagreements)"].reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
    }

    /// The explicit anchor of a report section: `ecommerce-significance`.
    public static func anchor(_ scenario: String, _ section: String) -> String {
        let slug = scenario.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return "\(slug)-\(section)"
    }

    // MARK: - Sentences

    /// How the figures beside each verdict are made, so that a reader can check that
    /// verdict and interval agree.
    static func method(alpha: Double) -> String {
        "Per world and protocol, the best meta-learner against the best baseline on the metric named. "
            + "The verdict is a paired test over users within each seed, stratified by seed (van Elteren's "
            + "signed-rank test), its p Holm-corrected within the scenario and protocol: significant at "
            + "p ≤ \(number(alpha, "%g")). Beside it, *shift* is that test's own estimate of meta-learner − baseline "
            + "(the stratified Hodges–Lehmann shift) with the interval of shifts the same test does not reject at the "
            + "level Holm's correction holds this comparison to (α × p / p_Holm; the confidence, at least 95 %, "
            + "follows in parentheses): it excludes 0 exactly when the verdict is significant. *Mean difference* is the "
            + "random-effects mean of the per-user differences over seeds and *seed spread* its 95 % interval, "
            + "which also counts how much the seeds' means differ; it can include 0 beside a significant verdict "
            + "when users agree in direction within every seed but the seeds differ in size (with one seed it is the "
            + "mean's 95 % interval over users). Generated from the results."
    }

    /// The figures beside a verdict: the test's shift with its interval, p, what was pooled,
    /// then the mean difference with its seed spread.
    static func testFigures(_ effect: PooledFigure, _ shift: StratifiedShift?, family: String = "") -> String {
        let test =
            shift.map {
                "shift \(bound($0.estimate, "")) [\(bound($0.low, "-∞")), \(bound($0.high, "+∞"))] "
                    + "(\(confidence($0.level))), "
            } ?? ""
        return test + "p = \(number(effect.adjustedP, "%.2g")) "
            + "(\(effect.seeds) seed\(effect.seeds == 1 ? "" : "s"), \(effect.pairs) pairs\(family)); "
            + "mean difference \(number(effect.effect, "%+.4f")), \(effect.seeds > 1 ? "seed spread" : "95 % interval") "
            + "[\(number(effect.ciLow, "%+.4f")), \(number(effect.ciHigh, "%+.4f"))]"
    }

    /// A shift or an interval's end: four decimals, or two significant digits where four
    /// decimals would print a nonzero value as zero; `unbounded` when there is none.
    static func bound(_ value: Double?, _ unbounded: String) -> String {
        guard let value else { return unbounded }
        return value != 0 && Double(String(format: "%.4f", value)) == 0
            ? String(format: "%+.1e", value)
            : number(value, "%+.4f")
    }

    /// An interval's confidence, 1 − `level`, as a percentage.
    static func confidence(_ level: Double) -> String {
        let percent = 100 * (1 - level)
        return percent >= 99.95 ? "> 99.9 %" : "\(number(percent, "%.3g")) %"
    }

    /// Does meta-learning help new users in this world, in a few words.
    static func headline(_ world: WorldFindings) -> String {
        let names = { (verdict: SeedVerdict) in
            world.protocols.filter { $0.verdict == verdict }.map { protocolTitle($0).lowercased() }
        }
        let wins = names(.win)
        let losses = names(.loss)
        switch (wins.isEmpty, losses.isEmpty) {
        case (false, true): return "meta-learning helps new users (\(wins.joined(separator: ", ")))"
        case (true, false):
            return "meta-learning does not beat the best baseline (worse in \(losses.joined(separator: ", ")))"
        case (false, false):
            return
                "meta-learning helps in \(wins.joined(separator: ", ")) and is worse in \(losses.joined(separator: ", "))"
        case (true, true): return "no significant difference between meta-learning and the best baseline"
        }
    }

    static func protocolTitle(_ finding: ProtocolFinding) -> String {
        switch finding.axis {
        case .shots: return "Cold start"
        case .round: return "Onboarding"
        case .window: return "Drift"
        }
    }

    /// One protocol's finding: verdict, effect with interval and p, levels and ceiling, lead, drift.
    static func sentence(_ finding: ProtocolFinding, alpha: Double, link: (String, String) -> String) -> String {
        let placement: String
        let section: String
        switch finding.axis {
        case .shots:
            placement = "at K = \(finding.points.last.map(String.init) ?? "–")"
            section = "significance"
        case .round:
            placement =
                "over \(finding.points.count) rounds from K = \(finding.onboardingShots.map(String.init) ?? "0")"
            section = "onboarding"
        case .window:
            placement = "over \(finding.points.count) windows"
            section = "drift"
        }
        let verb: String
        switch finding.verdict {
        case .win: verb = "beats"
        case .loss: verb = "trails"
        case .inconclusive:
            verb =
                conflicting(finding.verdict, finding.effect, alpha)
                ? "has no consistent lead over" : "is not significantly different from"
        }
        var text =
            "**\(protocolTitle(finding))** (\(link(finding.metric, section))): \(finding.metaLearner) \(verb) "
            + "\(finding.baseline) \(placement): \(testFigures(finding.effect, finding.shift))"
            + "\(conflicting(finding.verdict, finding.effect, alpha) ? Self.conflict : ""); "
            + "\(number(finding.metaLevel, "%.4f")) against \(number(finding.baselineLevel, "%.4f"))"
            + (finding.ceiling.map { ", oracle \(number($0, "%.4f"))" } ?? "") + ". "
        text += leadSentence(finding, link: link)
        if let drift = finding.drift { text += " " + driftSentence(finding, drift) }
        return text
    }

    /// What a variant's changed settings did against the entry it varies.
    static func variantSentence(_ finding: VariantFinding, alpha: Double, link: (String, String) -> String)
        -> String
    {
        let (title, section, noun) =
            finding.axis == .round ? ("Onboarding", "onboarding", "rounds") : ("Drift", "drift", "windows")
        let verdict: String
        switch finding.verdict {
        case .win: verdict = "better than"
        case .loss: verdict = "worse than"
        case .inconclusive:
            verdict =
                conflicting(finding.verdict, finding.effect, alpha)
                ? "not consistently different from" : "not significantly different from"
        }
        return
            "**\(title), \(finding.change)** (\(link(finding.metric, section))): \(finding.model) is \(verdict) "
            + "\(finding.base) over \(finding.points.count) \(noun): "
            + testFigures(finding.effect, finding.shift, family: ", Holm over the scenario's variants")
            + "\(conflicting(finding.verdict, finding.effect, alpha) ? Self.conflict : ""); "
            + "\(number(finding.level, "%.4f")) against \(number(finding.baseLevel, "%.4f"))."
    }

    /// Whether the test is significant but the verdict is not, because the test and the
    /// mean difference point opposite ways (skewed differences, ``SeedVerdict``).
    static func conflicting(_ verdict: SeedVerdict, _ effect: PooledFigure, _ alpha: Double) -> Bool {
        verdict == .inconclusive && effect.pairs > 0 && effect.adjustedP <= alpha
    }

    /// What a conflicting finding adds.
    static let conflict = " (the signed-rank test and the mean difference point opposite ways)"

    static func leadSentence(_ finding: ProtocolFinding, link: (String, String) -> String) -> String {
        let (noun, section): (String, String) =
            switch finding.axis {
            case .shots: ("K", "cold-start")
            case .round: ("round", "onboarding")
            case .window: ("window", "drift")
            }
        let curve = link("curve", section)
        guard let from = finding.leadsFrom else {
            return "Its mean is not ahead at the last \(noun == "K" ? "K" : noun) (\(curve))."
        }
        if from == finding.points.first {
            return "Its mean is ahead at every \(noun) (\(curve))."
        }
        return "Its mean leads from \(noun == "K" ? "K = \(from)" : "\(noun) \(from)") on (\(curve))."
    }

    static func driftSentence(_ finding: ProtocolFinding, _ drift: DriftBehaviour) -> String {
        let slope = { (value: Double?) in value.map { number($0, "%+.4f") } ?? "–" }
        let trend =
            "The gap to the oracle moves \(slope(drift.metaGapSlope)) per window for \(finding.metaLearner), "
            + "\(slope(drift.baselineGapSlope)) for \(finding.baseline)."
        guard let event = drift.event, let window = drift.eventWindow else {
            return "No drift event had a clean window before it, so no dip is measured. " + trend
        }
        let dip = { (value: Double?) in value.map { number($0, "%.4f") } ?? "–" }
        return "Around the event in window \(window) (\(event)) \(finding.metaLearner) dips \(dip(drift.metaDip)) "
            + "(windows to recover 90 % of its level: \(drift.metaRecovery)), \(finding.baseline) dips \(dip(drift.baselineDip)) "
            + "(\(drift.baselineRecovery)). " + trend
    }

    static func costSentence(_ finding: ProtocolFinding, link: (String, String) -> String) -> String {
        let seconds = { (value: Double?) in value.map { "\(number($0, "%.1f")) s" } ?? "–" }
        let adapted =
            finding.cost.metaAdaptedParameters.map { ", adapting \(number($0, "%.0f")) scalars per user" } ?? ""
        let latency =
            finding.cost.latency.isEmpty
            ? " Adaptation latency per user is not in these results."
            : " Measured at K = \(finding.points.last.map(String.init) ?? "–"): "
                + finding.cost.latency.map {
                    "\($0.metric) \(number($0.meta, "%.3g")) against \(number($0.baseline, "%.3g"))"
                }.joined(separator: ", ") + "."
        return
            "**Cost** (\(link("cells", costAnchor))): \(finding.metaLearner) \(seconds(finding.cost.metaSeconds)) per cell"
            + "\(adapted); \(finding.baseline) \(seconds(finding.cost.baselineSeconds)) (wall time of fitting, "
            + "adapting and evaluating every protocol, mean over seeds)." + latency
    }

    static func disagreementSentence(_ world: WorldFindings, link: (String, String) -> String) -> String {
        guard let first = world.disagreements.first else {
            return
                "**Logged vs oracle**: no model pair is ordered oppositely by a logged and an oracle metric, both significantly."
        }
        let title = "**Logged vs oracle** (\(link("disagreements", "disagreements"))): "
        let more = world.disagreements.count - 1
        return title
            + "\(world.disagreements.count) significant disagreement\(world.disagreements.count == 1 ? "" : "s"); "
            + "e.g. at \(first.protocolName), K = \(first.shots.map(String.init) ?? "–"), \(first.sentence)"
            + (more > 0 ? " (and \(more) more)." : ".") + " Trust the oracle metric."
    }

    /// `value` printed with `format`; a value that rounds to zero prints without a minus sign.
    static func number(_ value: Double, _ format: String) -> String {
        let text = String(format: format, value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(format: format, 0.0) : text
    }

    /// The table of every model's cell seconds per world, which the cost sentences link.
    func costTable() -> [String] {
        let models = worlds.flatMap { $0.cellSeconds.map(\.model) }.reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        guard !models.isEmpty else { return [] }
        var lines = [
            "<a id=\"\(Self.costAnchor)\"></a>", "",
            "Seconds per cell (fit, adaptation and evaluation of every protocol; mean over seeds):", "",
            "| model | " + worlds.map(\.scenario).joined(separator: " | ") + " |",
            "|---|" + String(repeating: "---|", count: worlds.count),
        ]
        for model in models {
            let cells = worlds.map { world in
                world.cellSeconds.first { $0.model == model }.map { Self.number($0.seconds, "%.1f") } ?? "–"
            }
            lines.append("| \(model) | " + cells.joined(separator: " | ") + " |")
        }
        return lines + [""]
    }

    /// The anchor of the cost table.
    public static let costAnchor = "findings-cost"

}
