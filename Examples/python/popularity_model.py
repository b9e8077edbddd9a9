"""The simplest external model: rank items by how many meta-train users interacted with
them, the same list for everyone. It mirrors the built-in 'popularity' baseline's ranking,
so the two must report the same ranking figures -- a check of the protocol itself."""

from metarec_client import Model, run


class Popularity(Model):
    def fit(self, data):
        self.counts = [0] * self.item_count
        for user in data.users:
            for interaction in user.interactions:
                self.counts[interaction.item] += 1

    def adapt(self, user, features, support):
        return None

    def score(self, state, items):
        counts = self.counts
        return [counts[item] for item in items]


if __name__ == "__main__":
    run(Popularity())
