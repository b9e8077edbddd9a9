"""The simplest external model: rank items by how many meta-train users interacted with
them, the same list for everyone. It mirrors the built-in 'popularity' baseline's ranking,
so the two must report the same ranking figures -- a check of the protocol itself."""

from array import array

from metarec_client import Model, run


class Popularity(Model):
    def fit(self, data):
        counts = [0] * self.item_count
        for user in data.users:
            for interaction in user.interactions:
                counts[interaction.item] += 1
        # The same scores for everyone, kept as 32-bit floats: sent as they are.
        self.counts = array("f", counts)

    def adapt(self, user, features, support):
        return None

    def score(self, state):
        return self.counts


if __name__ == "__main__":
    run(Popularity())
