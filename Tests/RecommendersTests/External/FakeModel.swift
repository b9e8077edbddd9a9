import Foundation
import RecData
import Recommenders
import TestSupport

/// A scripted external model for tests: a small Python program, written at test time,
/// that speaks the process protocol and misbehaves in the way its mode says.
enum FakeModel {
    /// The behaviours the script knows, named by its first argument.
    enum Mode: String {
        /// Answers correctly: scores are the training counts, plus the observed count.
        case good
        /// Writes to stderr and exits with status 3 when asked for scores.
        case crashOnScore = "crash-on-score"
        /// Stops answering when asked for scores.
        case hangOnScore = "hang-on-score"
        /// Answers scores with a line that is not JSON.
        case garbageOnScore = "garbage-on-score"
        /// Answers one score too few.
        case wrongCount = "wrong-count"
        /// Answers NaN for the third item.
        case nanScore = "nan-score"
        /// Answers scores with a message type the protocol does not have.
        case unknownReply = "unknown-reply"
        /// Answers scores with an error message.
        case errorReply = "error-reply"
        /// Answers hello with protocol version 2.
        case version2 = "version-2"
        /// Exits right after hello, while the training data is being sent.
        case exitAfterHello = "exit-after-hello"
        /// Answers hello, then reads nothing more.
        case stopReading = "stop-reading"
        /// Answers correctly, with packed scores.
        case packed
        /// Answers packed scores, one too few.
        case packedShort = "packed-short"
    }

    static let script = #"""
        import base64, json, os, struct, sys, time
        mode, transcript = sys.argv[1], open(sys.argv[2], "a")
        transcript.write("pid %d\n" % os.getpid()); transcript.flush()
        def reply(message):
            sys.stdout.write(json.dumps(message) + "\n"); sys.stdout.flush()
        counts, observed = None, 0
        for line in sys.stdin:
            message = json.loads(line)
            kind = message["type"]
            transcript.write(kind + (" " + message["part"] if kind == "fit" else "") + "\n"); transcript.flush()
            if kind == "hello":
                transcript.write("hello " + json.dumps(message) + "\n"); transcript.flush()
                counts = [0] * message["dataset"]["items"]
                reply({"type": "hello", "protocol": 2 if mode == "version-2" else 1, "ratings": True})
                if mode == "exit-after-hello":
                    sys.stderr.write("leaving early\n"); sys.exit(0)
                if mode == "stop-reading":
                    time.sleep(600)
            elif kind == "fit" and message["part"] == "users":
                for user in message["users"]:
                    for item, _, _ in user["interactions"]:
                        counts[item] += 1
            elif kind == "fit" and message["part"] == "end":
                reply({"type": "fitted"})
            elif kind == "adapt":
                observed = 0
                transcript.write("adapt %d %d %s\n" % (message["id"], message["user"], json.dumps(message["support"]))); transcript.flush()
            elif kind == "observe":
                observed += len(message["feedback"])
            elif kind == "score":
                scores = [count + observed for count in counts]
                if mode == "crash-on-score":
                    sys.stderr.write("Traceback (most recent call last):\nRuntimeError: the model exploded\n"); sys.exit(3)
                elif mode == "hang-on-score":
                    sys.stderr.write("thinking very hard\n"); sys.stderr.flush(); time.sleep(600)
                elif mode == "garbage-on-score":
                    sys.stdout.write("this is not json\n"); sys.stdout.flush()
                elif mode.startswith("packed"):
                    kept = scores[:-1] if mode == "packed-short" else scores
                    packed = base64.b64encode(struct.pack("<%df" % len(kept), *kept)).decode()
                    reply({"type": "scores", "packed_scores": packed})
                elif mode == "wrong-count":
                    reply({"type": "scores", "scores": scores[:-1]})
                elif mode == "nan-score":
                    scores[2] = float("nan"); reply({"type": "scores", "scores": scores})
                elif mode == "unknown-reply":
                    reply({"type": "banana", "scores": scores})
                elif mode == "error-reply":
                    reply({"type": "error", "message": "out of memory"})
                else:
                    reply({"type": "scores", "scores": scores})
            elif kind == "bye":
                reply({"type": "bye"}); break
        """#

    /// A fake model in a fresh directory, behaving as `mode`.
    struct Instance {
        let directory: URL
        let config: ExternalModelConfig

        /// Every line the fake wrote to its transcript: `pid N`, then one line per message.
        var transcript: [String] {
            let text =
                (try? String(contentsOf: directory.appendingPathComponent("transcript.txt"), encoding: .utf8)) ?? ""
            return text.split(separator: "\n").map(String.init)
        }

        /// The fake's process id.
        var processID: Int32? {
            transcript.first.flatMap { Int32($0.dropFirst("pid ".count)) }
        }
    }

    static func make(_ mode: Mode, timeout: Double = 10) throws -> Instance {
        let directory = Scratch.directory("metarec-fake")
        try Data(script.utf8).write(to: directory.appendingPathComponent("fake.py"))
        let config = try ExternalModelConfig(
            command: ["python3", "fake.py", mode.rawValue, "transcript.txt"], workingDirectory: directory.path,
            timeout: timeout
        )
        return Instance(directory: directory, config: config)
    }

    // MARK: - Data

    /// Six users and five items with a user and an item feature; users 0–3 train, user 4
    /// validates, user 5 is tested.
    static func training() -> (TrainingSet, [UserTask]) {
        let log: [(Int, Int)] = [(0, 0), (0, 1), (1, 1), (1, 2), (2, 1), (3, 4), (4, 0), (4, 3), (5, 2)]
        let interactions = log.enumerated().map {
            Interaction(
                user: UserID(index: $0.element.0), item: ItemID(index: $0.element.1), time: Int64($0.offset), value: 4)
        }
        var users = FeatureTable(rowCount: 6)
        users.append("age", .categorical([0, 1, 2, 0, 1, 2], cardinality: 3))
        var items = FeatureTable(rowCount: 5)
        items.append("price", .numeric([1.5, 2, 0.25, 10, 3]))
        let dataset = Dataset(
            name: "toy", users: users, items: items, interactions: interactions,
            feedback: .rating(minimum: 1, maximum: 5))
        let histories = dataset.historiesByUser()
        let train = (0..<4).map(UserID.init(index:))
        let validation = UserTask(user: UserID(4), support: [histories[4][0]], query: [histories[4][1]])
        return (TrainingSet(dataset: dataset, users: train, histories: train.map { histories[$0.index] }), [validation])
    }

    /// A model on `instance`, fitted on ``training()``.
    static func fitted(_ instance: Instance) throws -> ExternalRecommender {
        var model = ExternalRecommender(name: "fake", config: instance.config, seed: 7)
        var random = RandomSource(seed: 1)
        let (training, validation) = training()
        try model.fit(training, validation: validation, random: &random)
        return model
    }
}
