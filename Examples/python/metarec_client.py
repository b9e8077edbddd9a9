"""A client for MetaRecSim's process protocol, version 1 -- standard library only.

The toolkit starts your program and talks to it in newline-delimited JSON over stdin and
stdout (see docs/process-protocol.md). This module does the talking; you write a model:

    from metarec_client import Model, run

    class MostPopular(Model):
        def fit(self, data):
            self.counts = [0] * self.item_count
            for user in data.users:
                for interaction in user.interactions:
                    self.counts[interaction.item] += 1

        def adapt(self, user, features, support):
            return None                      # the personalized state for this user

        def score(self, state):
            return self.counts               # one number per item, in item id order

    if __name__ == "__main__":
        run(MostPopular())

Print logs with print() as usual: once run() starts, sys.stdout goes to stderr, which the
toolkit keeps and quotes when something goes wrong. An exception in your code is sent to
the toolkit as an error answer, which ends the model's cell with your message.
"""

import base64
import json
import sys
import traceback
from array import array
from collections import namedtuple

PROTOCOL_VERSION = 1

Interaction = namedtuple("Interaction", "item time value")
"""One logged event: an item, a time and a value (a rating, or 1 for implicit feedback)."""

TrainingUser = namedtuple("TrainingUser", "user features interactions")
"""A meta-train user: id, feature dict and full history in time order."""

ValidationUser = namedtuple("ValidationUser", "user features support query")
"""A validation user: id, feature dict, support and query interactions (for tuning and
early stopping; test users never appear here)."""


class TrainingData:
    """What fit() may learn from, gathered from the toolkit's fit batches."""

    def __init__(self):
        self.item_features = {}
        """Features by item id (empty when the items have no features)."""
        self.users = []
        """TrainingUser tuples, in the order sent."""
        self.validation = []
        """ValidationUser tuples."""


class Model:
    """Override fit, adapt and score (observe when your model learns online).

    Before fit is called the client sets, from the toolkit's hello message:
    seed (int, for your own random generators), params (dict, the scenario's params),
    user_count, item_count, feedback ({"kind": "implicit"} or
    {"kind": "rating", "min": 1, "max": 5}), user_schema and item_schema (lists of
    {"name", "kind", "cardinality" or "dimension"}, kind one of categorical, multi_valued,
    numeric, dense) and dataset (the whole dict).
    """

    ratings = False
    """Set to True (here or in setup()) when score() returns predicted ratings on the
    dataset's scale; the toolkit then also reports rating metrics (MAE, RMSE)."""

    def setup(self):
        """Called once the attributes above are set, before the hello answer: the place to
        decide, say, self.ratings from self.feedback."""

    def fit(self, data):
        """Learn from the meta-train users (a TrainingData)."""

    def adapt(self, user, features, support):
        """Personalize for one user from a list of Interaction (maybe empty); return any
        state, which score() and observe() receive."""
        return None

    def score(self, state):
        """One number for every item of the catalogue, in item id order (item_count of
        them), higher is better: a list, an array, or anything with tolist() (a NumPy
        array, a PyTorch tensor)."""
        raise NotImplementedError("score() is not implemented")

    def observe(self, state, feedback):
        """New feedback (a list of Interaction) for the personalized state; return the
        updated state."""
        return state


def _pack(scores):
    """Scores as base64 of little-endian 32-bit floats (ASCII bytes): far cheaper to write
    and read than a JSON list of numbers."""
    if not (isinstance(scores, array) and scores.typecode == "f"):
        scores = array("f", scores.tolist() if hasattr(scores, "tolist") else scores)
    if sys.byteorder == "big":
        scores = array("f", scores)
        scores.byteswap()
    return base64.b64encode(scores.tobytes())


def _interactions(triples):
    return [Interaction(item, time, value) for item, time, value in triples]


class _Session:
    """The protocol's state machine around one Model."""

    def __init__(self, model, output):
        self.model = model
        self.output = output
        self.data = None
        self.state_id = None
        self.state = None

    def reply(self, message):
        self.send(json.dumps(message, separators=(",", ":")).encode("utf-8"))

    def send(self, line):
        self.output.write(line + b"\n")
        self.output.flush()

    def handle(self, message):
        """Handles one message; returns False after bye."""
        kind = message.get("type")
        handler = getattr(self, "on_" + str(kind), None)
        if handler is None:
            raise ValueError("unknown message type %r" % (kind,))
        return handler(message) is not False

    def on_hello(self, message):
        model, dataset = self.model, message["dataset"]
        if message["protocol"] != PROTOCOL_VERSION:
            self.reply({"type": "hello", "protocol": PROTOCOL_VERSION})
            return
        model.seed = message["seed"]
        model.params = message.get("params", {})
        model.dataset = dataset
        model.user_count = dataset["users"]
        model.item_count = dataset["items"]
        model.feedback = dataset["feedback"]
        model.user_schema = dataset["user_features"]
        model.item_schema = dataset["item_features"]
        model.setup()
        self.reply({"type": "hello", "protocol": PROTOCOL_VERSION, "ratings": bool(model.ratings)})

    def on_fit(self, message):
        part = message["part"]
        if part == "begin":
            self.data = TrainingData()
        elif part == "items":
            for entry in message["items"]:
                self.data.item_features[entry["item"]] = entry["features"]
        elif part == "users":
            for entry in message["users"]:
                self.data.users.append(
                    TrainingUser(entry["user"], entry["features"], _interactions(entry["interactions"])))
        elif part == "validation":
            for entry in message["users"]:
                self.data.validation.append(ValidationUser(
                    entry["user"], entry["features"],
                    _interactions(entry["support"]), _interactions(entry["query"])))
        elif part == "end":
            self.model.fit(self.data)
            self.data = None
            self.reply({"type": "fitted"})
        else:
            raise ValueError("unknown fit part %r" % (part,))

    def on_adapt(self, message):
        self.state_id = message["id"]
        self.state = self.model.adapt(message["user"], message["features"], _interactions(message["support"]))

    def on_observe(self, message):
        self._require(message["id"])
        self.state = self.model.observe(self.state, _interactions(message["feedback"]))

    def on_score(self, message):
        self._require(message["id"])
        # Base64 needs no escaping: the line is written as it is, not through json.
        self.send(b'{"type":"scores","packed_scores":"' + _pack(self.model.score(self.state)) + b'"}')

    def on_bye(self, message):
        self.reply({"type": "bye"})
        return False

    def _require(self, adaptation):
        if adaptation != self.state_id:
            raise ValueError("no adapt for id %r" % (adaptation,))


def run(model, input=None, output=None):
    """Serves the toolkit until it says bye or closes stdin."""
    input = input or sys.stdin.buffer
    output = output or sys.stdout.buffer
    sys.stdout = sys.stderr
    session = _Session(model, output)
    for line in input:
        if not line.strip():
            continue
        try:
            if not session.handle(json.loads(line)):
                return
        except Exception as error:
            traceback.print_exc(file=sys.stderr)
            session.reply({"type": "error", "message": "%s: %s" % (type(error).__name__, error)})
