"""Model-agnostic meta-learning (Finn, Abbeel & Levine, 2017) for cold-start
recommendation, in the manner of MeLU (Lee et al., KDD 2019), with PyTorch.

An item is its id embedding and feature embeddings, a user their feature embeddings; a
small network (the "decision layers") scores a (user, item) pair. Meta-training learns
embeddings and an initialization of the decision layers such that a few gradient steps on
a new user's support set personalize them. On rating feedback the network predicts the
rating (MSE), and its predictions are both the ranking scores and the rating predictions;
on implicit feedback it classifies interactions against sampled negatives (logistic loss).

Early stopping uses the validation users' tasks, never test users. All randomness comes
from the seed the toolkit sends, so a run is repeatable.

Parameters (a scenario's params): epochs 30, meta_batch 16, inner_steps 3, inner_lr 0.1,
outer_lr 0.002, dim 16, hidden 64, max_support 10, patience 4. Meta-training is
second-order MAML: the outer gradient flows through the inner steps.

Requires torch; run by the toolkit as [python3, maml_model.py].
"""

import random

import torch
import torch.nn as nn
import torch.nn.functional as F

from metarec_client import Model, run


class FeatureEncoder(nn.Module):
    """Embeds a table's features: categorical and multi-valued ones through mean
    embedding bags, numeric and dense ones as they are."""

    def __init__(self, schema, dim):
        super().__init__()
        self.schema = schema
        self.bags = nn.ModuleDict()
        self.width = 0
        for field in schema:
            if field["kind"] in ("categorical", "multi_valued"):
                self.bags[field["name"]] = nn.EmbeddingBag(field["cardinality"], dim, mode="mean")
                self.width += dim
            elif field["kind"] == "numeric":
                self.width += 1
            elif field["kind"] == "dense":
                self.width += field["dimension"]

    def inputs(self, rows):
        """Tensors of the features of rows (a list of feature dicts), one entry per field."""
        prepared = []
        for field in self.schema:
            name, kind = field["name"], field["kind"]
            if kind in ("categorical", "multi_valued"):
                lists = [[row[name]] if kind == "categorical" else list(row[name]) for row in rows]
                offsets = [0]
                for values in lists[:-1]:
                    offsets.append(offsets[-1] + len(values))
                flat = [value for values in lists for value in values]
                prepared.append((torch.tensor(flat, dtype=torch.long), torch.tensor(offsets, dtype=torch.long)))
            elif kind == "numeric":
                prepared.append(torch.tensor([[float(row[name])] for row in rows]))
            else:
                prepared.append(torch.tensor([[float(value) for value in row[name]] for row in rows]))
        return prepared

    def forward(self, prepared, count):
        parts = [torch.zeros(count, 0)]
        for field, value in zip(self.schema, prepared):
            if field["kind"] in ("categorical", "multi_valued"):
                parts.append(self.bags[field["name"]](value[0], value[1]))
            else:
                parts.append(value)
        return torch.cat(parts, dim=1)


class Network(nn.Module):
    """Embeddings (global) and decision layers (adapted per user)."""

    def __init__(self, item_count, item_schema, user_schema, dim, hidden):
        super().__init__()
        self.item_ids = nn.Embedding(item_count, dim)
        self.items = FeatureEncoder(item_schema, dim)
        self.users = FeatureEncoder(user_schema, dim)
        width = dim + self.items.width + self.users.width
        self.decision = nn.ParameterList([
            nn.Parameter(torch.empty(hidden, width)), nn.Parameter(torch.zeros(hidden)),
            nn.Parameter(torch.empty(hidden, hidden)), nn.Parameter(torch.zeros(hidden)),
            nn.Parameter(torch.empty(1, hidden)), nn.Parameter(torch.zeros(1)),
        ])
        for weight in self.decision[0::2]:
            nn.init.xavier_uniform_(weight)

    def item_matrix(self, item_inputs):
        count = self.item_ids.num_embeddings
        return torch.cat([self.item_ids.weight, self.items(item_inputs, count)], dim=1)

    def user_vector(self, user_inputs):
        return self.users(user_inputs, 1)

    @staticmethod
    def score(items, user, layers):
        """Scores of item rows (a matrix) for one user (a 1-row matrix) with the given
        decision layers."""
        x = torch.cat([items, user.expand(items.shape[0], -1)], dim=1)
        x = F.relu(F.linear(x, layers[0], layers[1]))
        x = F.relu(F.linear(x, layers[2], layers[3]))
        return F.linear(x, layers[4], layers[5]).squeeze(-1)


class MAML(Model):
    def setup(self):
        self.ratings = self.feedback["kind"] == "rating"
        defaults = {"epochs": 30, "meta_batch": 16, "inner_steps": 3, "inner_lr": 0.1, "outer_lr": 0.002,
                    "dim": 16, "hidden": 64, "max_support": 10, "patience": 4}
        self.settings = {key: self.params.get(key, value) for key, value in defaults.items()}
        torch.manual_seed(self.seed)
        torch.set_num_threads(1)
        self.random = random.Random(self.seed)

    # MARK: - Training

    def fit(self, data):
        settings = self.settings
        item_rows = [data.item_features.get(item, {}) for item in range(self.item_count)]
        self.network = Network(self.item_count, self.item_schema, self.user_schema, settings["dim"], settings["hidden"])
        self.item_inputs = self.network.items.inputs(item_rows)
        optimizer = torch.optim.Adam(self.network.parameters(), lr=settings["outer_lr"])
        tasks = [(user.features, user.interactions) for user in data.users if len(user.interactions) >= 2]
        validation = [(user.features, user.support, user.query) for user in data.validation if user.query]
        best, best_state, stale = float("inf"), None, 0
        for epoch in range(settings["epochs"]):
            self.random.shuffle(tasks)
            self.network.train()
            for start in range(0, len(tasks), settings["meta_batch"]):
                items = self.network.item_matrix(self.item_inputs)
                losses = []
                for features, history in tasks[start:start + settings["meta_batch"]]:
                    shots = self.random.randint(0, min(settings["max_support"], len(history) - 1))
                    losses.append(self.task_loss(items, features, history[:shots], history[shots:], training=True))
                optimizer.zero_grad()
                torch.stack(losses).mean().backward()
                optimizer.step()
            loss = self.validation_loss(validation)
            print("epoch %d: validation loss %.4f" % (epoch + 1, loss))
            if loss < best - 1e-4:
                best, stale = loss, 0
                best_state = {key: value.clone() for key, value in self.network.state_dict().items()}
            else:
                stale += 1
                if stale >= settings["patience"]:
                    break
        if best_state is not None:
            self.network.load_state_dict(best_state)
        self.network.eval()
        with torch.no_grad():
            self.items = self.network.item_matrix(self.item_inputs)

    def validation_loss(self, validation):
        if not validation:
            return 0.0
        self.network.eval()
        items = self.network.item_matrix(self.item_inputs).detach()
        total = 0.0
        for features, support, query in validation:
            total += float(self.task_loss(items, features, support, query, training=False))
        return total / len(validation)

    def task_loss(self, items, features, support, query, training):
        """The query loss after adapting the decision layers on the support set."""
        user = self.network.user_vector(self.network.users.inputs([features]))
        layers = self.adapted(items, user, support, create_graph=training)
        return self.loss(items, user, layers, query)

    def adapted(self, items, user, support, create_graph, start=None):
        """The decision layers after the inner loop's gradient steps on support, from start
        (by default the meta-learned initialization)."""
        layers = list(self.network.decision) if start is None else start
        if not support:
            return layers
        with torch.enable_grad():
            if not create_graph:
                items, user = items.detach(), user.detach()
                layers = [layer.detach().requires_grad_() for layer in layers]
            for _ in range(self.settings["inner_steps"]):
                loss = self.loss(items, user, layers, support)
                gradients = torch.autograd.grad(loss, layers, create_graph=create_graph)
                layers = [layer - self.settings["inner_lr"] * gradient for layer, gradient in zip(layers, gradients)]
        return layers

    def loss(self, items, user, layers, interactions):
        chosen = torch.tensor([interaction.item for interaction in interactions], dtype=torch.long)
        if self.ratings:
            targets = torch.tensor([float(interaction.value) for interaction in interactions])
            return F.mse_loss(Network.score(items[chosen], user, layers), targets)
        seen = set(chosen.tolist())
        negatives = [self.random.randrange(self.item_count) for _ in range(4 * len(chosen))]
        negatives = torch.tensor([item for item in negatives if item not in seen] or [0], dtype=torch.long)
        logits = Network.score(items[torch.cat([chosen, negatives])], user, layers)
        labels = torch.cat([torch.ones(len(chosen)), torch.zeros(len(negatives))])
        return F.binary_cross_entropy_with_logits(logits, labels)

    # MARK: - Personalization

    def adapt(self, user, features, support):
        user_vector = self.network.user_vector(self.network.users.inputs([features])).detach()
        layers = [layer.detach() for layer in self.adapted(self.items, user_vector, support, create_graph=False)]
        return user_vector, layers

    def observe(self, state, feedback):
        user_vector, layers = state
        layers = self.adapted(self.items, user_vector, feedback, create_graph=False, start=layers)
        return user_vector, [layer.detach() for layer in layers]

    def score(self, state):
        user_vector, layers = state
        with torch.no_grad():
            return Network.score(self.items, user_vector, layers)


if __name__ == "__main__":
    run(MAML())
