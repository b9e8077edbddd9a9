import Foundation
import RecData

/// One conversation with a running external model: the handshake, training, and one
/// personalization after another, each exchange bounded by the model's timeout.
///
/// The first fault ends the session: the process is killed, the fault is recorded with
/// what was sent, what came back and the process's stderr tail, and every later call
/// throws the same fault. A session that ends well says `bye` when it is released.
///
/// A session is used by one cell, from one thread at a time (the protocol calls a model
/// sequentially), so it needs no locking and is not `Sendable`.
final class ExternalSession {
    /// The model's name in the scenario.
    let model: String
    /// How the process was started.
    let config: ExternalModelConfig
    /// The number of items every `scores` answer covers.
    let itemCount: Int
    /// Whether the model's scores are predicted ratings (its `hello` answer says so).
    private(set) var predictsRatings = false

    private let process: ExternalProcess
    private let userFeatures: FeatureRows
    private var lastSent: [UInt8]?
    /// Lines of messages without an answer, sent with the next question (or once they
    /// pass ``pendingLimit`` bytes), so that `adapt` and `score` travel in one write and
    /// the process wakes once per user.
    private var pending: [UInt8] = []
    private static let pendingLimit = 1 << 20
    /// The last answer, as received.
    private var lastReceived: [UInt8]?
    private var failure: ExternalModelError?
    /// The personalization whose state the process holds: the last one adapted or observed.
    private var heldAdaptation: Int?
    private var nextAdaptation = 0

    /// Starts the process and exchanges `hello`.
    init(model: String, config: ExternalModelConfig, seed: UInt64, parameters: ModelParameters, dataset: Dataset)
        throws(ExternalModelError)
    {
        self.model = model
        self.config = config
        self.itemCount = dataset.itemCount
        self.userFeatures = FeatureRows(dataset.users)
        do {
            self.process = try ExternalProcess(config)
        } catch {
            throw ExternalModelError(
                model: model, command: config.commandLine, fault: .launchFailed(reason: error.reason))
        }
        let reply = try request(
            ProtocolMessages.hello(model: model, seed: seed, parameters: parameters, dataset: dataset),
            expecting: "hello")
        guard let version = reply["protocol"]?.doubleValue else {
            throw failAnswer(.malformedReply(reason: "the hello answer needs a whole-number 'protocol' field"))
        }
        guard version == Double(ProtocolMessages.version) else {
            throw failAnswer(.versionMismatch(toolkit: ProtocolMessages.version, model: Int(exactly: version) ?? -1))
        }
        predictsRatings = reply["ratings"]?.boolValue ?? false
    }

    deinit { finish() }

    // MARK: - Fit

    /// Streams the training data in batches and waits for the model to be `fitted`.
    func fit(_ training: TrainingSet, validation: [UserTask]) throws(ExternalModelError) {
        let dataset = training.dataset
        try post(
            ProtocolMessages.fitBegin(
                trainUsers: training.users.count, validationUsers: validation.count,
                interactions: training.histories.reduce(0) { $0 + $1.count }
            ))
        if !dataset.items.columns.isEmpty {
            let itemFeatures = FeatureRows(dataset.items)
            for start in stride(from: 0, to: dataset.itemCount, by: ProtocolMessages.itemsPerBatch) {
                let end = min(start + ProtocolMessages.itemsPerBatch, dataset.itemCount)
                try post(ProtocolMessages.fitItems(start..<end, features: itemFeatures))
            }
        }
        for batch in Self.batches(zip(training.users, training.histories).map { ($0, $1) }, size: { $0.1.count }) {
            try post(ProtocolMessages.fitUsers(batch.map { (user: $0.0, history: $0.1) }, features: userFeatures))
        }
        for batch in Self.batches(validation, size: { $0.support.count + $0.query.count }) {
            try post(ProtocolMessages.fitValidation(batch, features: userFeatures))
        }
        _ = try request(ProtocolMessages.fitEnd, expecting: "fitted")
    }

    /// `elements` cut into runs of at most ``ProtocolMessages/usersPerBatch`` elements and,
    /// unless one element alone is larger, ``ProtocolMessages/interactionsPerBatch`` interactions.
    private static func batches<Element>(_ elements: [Element], size: (Element) -> Int) -> [[Element]] {
        var batches = [[Element]]()
        var current = [Element]()
        var interactions = 0
        for element in elements {
            let count = size(element)
            if !current.isEmpty,
                current.count == ProtocolMessages.usersPerBatch
                    || interactions + count > ProtocolMessages.interactionsPerBatch
            {
                batches.append(current)
                current = []
                interactions = 0
            }
            current.append(element)
            interactions += count
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    // MARK: - Personalization

    /// Sends `adapt` for `user`, then `score`.
    func adapt(user: UserID, support: [Interaction]) throws(ExternalModelError) -> (ExternalAdaptation, [Float]) {
        let adaptation = ExternalAdaptation(id: nextAdaptation, user: user, support: support)
        nextAdaptation += 1
        try post(
            ProtocolMessages.adapt(
                id: adaptation.id, user: user, features: userFeatures.row(user.index), support: support))
        heldAdaptation = adaptation.id
        return (adaptation, try score(adaptation.id))
    }

    /// Sends `observe` for `adaptation`, then `score`.
    ///
    /// The process holds one personalization at a time; when another was adapted since,
    /// this one is first rebuilt by sending its `adapt` and earlier `observe` messages again.
    func observe(_ feedback: [Interaction], for adaptation: inout ExternalAdaptation) throws(ExternalModelError)
        -> [Float]
    {
        if heldAdaptation != adaptation.id {
            try post(
                ProtocolMessages.adapt(
                    id: adaptation.id, user: adaptation.user, features: userFeatures.row(adaptation.user.index),
                    support: adaptation.support
                ))
            for earlier in adaptation.observed {
                try post(ProtocolMessages.observe(id: adaptation.id, feedback: earlier))
            }
            heldAdaptation = adaptation.id
        }
        try post(ProtocolMessages.observe(id: adaptation.id, feedback: feedback))
        adaptation.observed.append(feedback)
        return try score(adaptation.id)
    }

    /// Asks for the scores of every item, in item id order, and checks them.
    private func score(_ id: Int) throws(ExternalModelError) -> [Float] {
        let reply = try request(ProtocolMessages.score(id: id), expecting: "scores")
        let scores: [Float]
        if case let .string(packed)? = reply["packed_scores"] {
            scores = try unpack(packed)
        } else if case let .array(values)? = reply["scores"] {
            scores = try numbers(values)
        } else {
            throw failAnswer(.malformedReply(reason: "the scores answer needs a 'scores' list or 'packed_scores'"))
        }
        if let position = scores.firstIndex(where: { !$0.isFinite }) {
            throw failAnswer(.nonFiniteScore(position: position, value: "\(scores[position])"))
        }
        return scores
    }

    /// The scores of a `scores` list.
    private func numbers(_ values: [JSONValue]) throws(ExternalModelError) -> [Float] {
        guard values.count == itemCount else {
            throw failAnswer(.wrongScoreCount(expected: itemCount, received: values.count))
        }
        var scores = [Float]()
        scores.reserveCapacity(itemCount)
        for (position, value) in values.enumerated() {
            guard let number = value.doubleValue else {
                throw failAnswer(.malformedReply(reason: "score \(position) is not a number"))
            }
            guard number.isNaN || number.isInfinite || Float(number).isFinite else {
                throw failAnswer(.nonFiniteScore(position: position, value: "\(number), beyond Float's range"))
            }
            scores.append(Float(number))
        }
        return scores
    }

    /// The scores of `packed_scores`: base64 of little-endian 32-bit floats.
    private func unpack(_ packed: String) throws(ExternalModelError) -> [Float] {
        guard let data = Data(base64Encoded: packed) else {
            throw failAnswer(.malformedReply(reason: "'packed_scores' is not base64"))
        }
        guard data.count % 4 == 0 else {
            throw failAnswer(
                .malformedReply(
                    reason: "'packed_scores' holds \(data.count) bytes, not a whole number of 4-byte floats"))
        }
        guard data.count / 4 == itemCount else {
            throw failAnswer(.wrongScoreCount(expected: itemCount, received: data.count / 4))
        }
        return data.withUnsafeBytes { raw in
            (0..<itemCount).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
            }
        }
    }

    // MARK: - Ending

    /// Says `bye`, gives the process a moment to exit, then ends its process group (what is
    /// left of it: the process if it did not exit, children it left behind).
    /// Nothing is reported: the cell's results are complete by then.
    private func finish() {
        if failure == nil {
            let grace = min(config.timeout, 10)
            let deadline = ContinuousClock.now + .milliseconds(Int(grace * 1_000))
            if (try? process.channel.send(
                JSONWriter.bytes(ProtocolMessages.bye) + [UInt8(ascii: "\n")], deadline: deadline)) != nil
            {
                _ = try? process.channel.receiveLine(deadline: deadline)
            }
        }
        process.channel.close()
        process.waitForExit(within: min(config.timeout, 5))
        process.kill()
    }

    // MARK: - Exchanges

    /// Queues a message that has no answer.
    private func post(_ message: JSONValue) throws(ExternalModelError) {
        try queue(JSONWriter.bytes(message))
        if pending.count >= Self.pendingLimit { try flush() }
    }

    /// Sends a message and returns its answer, which must be of type `expected`.
    private func request(_ message: JSONValue, expecting expected: String) throws(ExternalModelError) -> JSONValue {
        try queue(JSONWriter.bytes(message))
        try flush()
        let answer: [UInt8]
        do {
            answer = try process.channel.receiveLine(deadline: deadline())
        } catch {
            throw channelFailure(error, received: process.channel.unreadBytes)
        }
        lastReceived = answer
        let reply: JSONValue
        do {
            reply = try JSONParser.parse(answer)
        } catch {
            throw fail(.notJSON(reason: error.description), received: text(answer))
        }
        guard case .object = reply, let type = reply["type"]?.stringValue else {
            throw failAnswer(.malformedReply(reason: "an answer is a JSON object with a 'type' field"))
        }
        if type == "error" {
            throw failAnswer(.reportedError(message: reply["message"]?.stringValue ?? "(no message)"))
        }
        guard type == expected else { throw failAnswer(.unexpectedReply(expected: expected, received: type)) }
        return reply
    }

    private func queue(_ line: [UInt8]) throws(ExternalModelError) {
        if let failure { throw failure }
        lastSent = line
        pending += line
        pending.append(UInt8(ascii: "\n"))
    }

    /// Sends the queued lines.
    private func flush() throws(ExternalModelError) {
        lastReceived = nil
        defer { pending.removeAll(keepingCapacity: true) }
        do {
            try process.channel.send(pending, deadline: deadline())
        } catch {
            throw channelFailure(error, received: process.channel.unreadBytes)
        }
    }

    private func deadline() -> ContinuousClock.Instant {
        ContinuousClock.now + .milliseconds(Int(config.timeout * 1_000))
    }

    // MARK: - Faults

    private func channelFailure(_ fault: ChannelFault, received: [UInt8]) -> ExternalModelError {
        let partial = received.isEmpty ? nil : text(received)
        switch fault {
        case .timedOut:
            return fail(.timedOut(seconds: config.timeout), received: partial)
        case .closed:
            process.waitForExit(within: 1)
            return fail(.exited, received: partial)
        case .lineTooLong:
            return fail(
                .notJSON(reason: "a line longer than \(LineChannel.maximumLineLength) bytes"), received: partial)
        case let .system(call, number):
            return fail(.systemFailure(reason: "\(call) failed with errno \(number)"), received: partial)
        }
    }

    /// Records a fault in the last answer, quoting it as it was received.
    private func failAnswer(_ fault: ExternalModelError.Fault) -> ExternalModelError {
        fail(fault, received: lastReceived.map(text))
    }

    /// Records the session's first fault and kills the process; how the process ended is
    /// told only when it ended by itself.
    private func fail(_ fault: ExternalModelError.Fault, received: String?) -> ExternalModelError {
        if let failure { return failure }
        let exit = process.exitDescription
        process.kill()
        let error = ExternalModelError(
            model: model, command: config.commandLine, fault: fault,
            sent: lastSent.map { ExternalModelError.abridge(text($0)) },
            received: received.map { ExternalModelError.abridge($0) },
            exit: exit, standardErrorTail: process.standardErrorTail()
        )
        failure = error
        return error
    }

    private func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

/// One personalization held by an external model: enough to rebuild it in the process.
struct ExternalAdaptation {
    /// The id the protocol's `adapt`, `observe` and `score` messages carry.
    let id: Int
    /// The user.
    let user: UserID
    /// The support set it was adapted on.
    let support: [Interaction]
    /// The feedback observed since, batch by batch.
    var observed: [[Interaction]] = []
}
