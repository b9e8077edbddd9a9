"""PyTorch reference for the meta-training throughput benchmark.

The same step as Sources/MetaTrainingThroughput: MeLU's architecture (8 categorical fields
embedded to 32, dense 64 -> 64 -> 1, MSE), support 20, query 10, meta-batches of 32; only
the decision layers adapt, the embeddings are learned in the outer loop; one meta-step is
the meta-gradient of a meta-batch plus an Adam update. Two idioms:

- loop:  the per-task loop with torch.autograd.grad(create_graph=True) that published
         MAML/MeLU code uses;
- func:  the batched torch.func idiom, grad of the inner loss vmapped over the tasks.

Two more configurations on the same tasks, each in both idioms:

- imaml-5-steps:  iMAML (Rajeswaran et al. 2019): the decision layers adapt by 5 steps on
                  the support loss plus lambda/2 |phi - theta|^2 (lambda = 2, a step that
                  would raise it is not taken and the rate halves), then the implicit
                  meta-gradient (I + H/lambda)^-1 grad L_query by 5 conjugate-gradient steps
                  on Hessian-vector products (reverse over reverse: torch.func's jvp of a
                  grad fails on the ReLU's zero tensors), the tables' part through the
                  mixed product;
- bayesian-head:  ALPaCA (Harrison et al. 2018): the exact posterior of a linear head on
                  [h2, 1] (65 weights) under a learned prior (mean = output layer, precision
                  F F^T, noise exp(eta)), in float64; the query's negative log predictive
                  density, back-propagated through the Cholesky factorization.

And MAML's second-order 1-step configuration under each training objective
(objective-mse, -bce, -bpr, -softmax, -joint), in both idioms: the ranking objectives see
each of the 20 (support) or 10 (query) positives with 4 sampled negatives (100 and 50
rows); bpr is -log sigmoid(s+ - s-) over the 4 pairs of each positive, softmax the sampled
softmax over each positive and its negatives with the log-Q correction, joint a rating and
a relevance output (64 -> 2) with 0.5 MSE on the positives' ratings + 0.5 BCE on every row.

Prints one line per configuration: `torch-<idiom> <config> <tasks per second>
cpu=<tasks per CPU-second>`; the second figure helps when the machine is shared.
"""
import argparse
import time

import torch
import torch.nn.functional as F
from torch.func import functional_call, grad, grad_and_value, vjp, vmap

FIELDS, DIM, SUPPORT, QUERY, BATCH = 8, 32, 20, 10, 32


NEGATIVES = 4
OBJECTIVES = ("mse", "bce", "bpr", "softmax", "joint")


def make_params(cardinality, generator, outputs=1):
    def linear(fan_in, fan_out):
        bound = 1 / fan_in ** 0.5
        w = (torch.rand(fan_in, fan_out, generator=generator) * 2 - 1) * bound
        b = (torch.rand(fan_out, generator=generator) * 2 - 1) * bound
        return w, b
    tables = [torch.randn(cardinality, DIM, generator=generator) * 0.1 for _ in range(FIELDS)]
    w1, b1 = linear(FIELDS * DIM, 64)
    w2, b2 = linear(64, 64)
    w3, b3 = linear(64, outputs)
    b3 = torch.cat([torch.full((1,), 3.0), torch.zeros(outputs - 1)])
    shared = [t.requires_grad_() for t in tables]
    decision = [p.requires_grad_() for p in (w1, b1, w2, b2, w3, b3)]
    return shared, decision


def forward(tables, decision, codes):
    x = torch.cat([table[codes[:, f]] for f, table in enumerate(tables)], dim=-1)
    w1, b1, w2, b2, w3, b3 = decision
    h = F.relu(x @ w1 + b1)
    h = F.relu(h @ w2 + b2)
    out = h @ w3 + b3
    return out.squeeze(-1) if out.shape[-1] == 1 else out


def make_batches(cardinality, generator):
    batches = []
    for _ in range(8):
        sx = torch.randint(0, cardinality, (BATCH, SUPPORT, FIELDS), generator=generator)
        sy = torch.randint(1, 6, (BATCH, SUPPORT), generator=generator).float()
        qx = torch.randint(0, cardinality, (BATCH, QUERY, FIELDS), generator=generator)
        qy = torch.randint(1, 6, (BATCH, QUERY), generator=generator).float()
        batches.append((sx, sy, qx, qy))
    return batches


# MARK: - Objectives

def make_objective_batches(objective, cardinality, generator):
    """Batches whose targets `y` are what `objective_loss` needs per row: ratings (mse),
    labels (bce, bpr), log Q (softmax), or [rating, label] (joint)."""
    if objective == "mse":
        return make_batches(cardinality, generator)

    def rows(positives):
        n = positives * (1 + NEGATIVES)
        x = torch.randint(0, cardinality, (BATCH, n, FIELDS), generator=generator)
        labels = (torch.arange(n) < positives).float().expand(BATCH, n)
        if objective == "softmax":
            return x, -torch.randint(1, 6, (BATCH, n), generator=generator).float()
        if objective == "joint":
            ratings = torch.randint(1, 6, (BATCH, n), generator=generator).float()
            return x, torch.stack([ratings, labels], dim=-1)
        return x, labels.clone()

    batches = []
    for _ in range(8):
        sx, sy = rows(SUPPORT)
        qx, qy = rows(QUERY)
        batches.append((sx, sy, qx, qy))
    return batches


def objective_loss(objective):
    def loss(outputs, y):
        if objective == "mse":
            return F.mse_loss(outputs, y)
        if objective == "bce":
            return F.binary_cross_entropy_with_logits(outputs, y)
        positives = y.shape[0] // (1 + NEGATIVES)
        negatives = positives + torch.arange(positives * NEGATIVES).view(positives, NEGATIVES)
        if objective == "bpr":
            return -F.logsigmoid(outputs[:positives].unsqueeze(-1) - outputs[negatives]).mean()
        if objective == "softmax":
            z = outputs - y
            groups = torch.cat([torch.arange(positives).unsqueeze(-1), negatives], dim=-1)
            zg = z[groups]
            return (torch.logsumexp(zg, dim=-1) - zg[:, 0]).mean()
        return 0.5 * F.mse_loss(outputs[:positives, 0], y[:positives, 0]) + 0.5 * F.binary_cross_entropy_with_logits(
            outputs[:, 1], y[:, 1])
    return loss


# MARK: - The per-task loop idiom

def loop_step(shared, decision, batch, steps, alpha, second_order, loss_fn=F.mse_loss):
    sx, sy, qx, qy = batch
    total = 0.0
    for t in range(BATCH):
        fast = decision
        for _ in range(steps):
            loss = loss_fn(forward(shared, fast, sx[t]), sy[t])
            grads = torch.autograd.grad(loss, fast, create_graph=second_order)
            fast = [p - alpha * g for p, g in zip(fast, grads)]
        total = total + loss_fn(forward(shared, fast, qx[t]), qy[t])
    (total / BATCH).backward()


# MARK: - The torch.func idiom

def func_step(shared, decision, batch, steps, alpha, second_order, loss_fn=F.mse_loss):
    sx, sy, qx, qy = batch

    def inner_loss(fast, tables, x, y):
        return loss_fn(forward(tables, fast, x), y)

    def task_loss(tables, fast, sx, sy, qx, qy):
        for _ in range(steps):
            g = grad(inner_loss)(fast, tables, sx, sy)
            if not second_order:
                g = [x.detach() for x in g]
            fast = [p - alpha * gi for p, gi in zip(fast, g)]
        return inner_loss(fast, tables, qx, qy)

    def batch_loss(tables, fast):
        return vmap(task_loss, in_dims=(None, None, 0, 0, 0, 0))(tables, fast, sx, sy, qx, qy).mean()

    grads = grad(batch_loss, argnums=(0, 1))(shared, decision)
    for p, g in zip(shared + decision, grads[0] + grads[1]):
        p.grad = g


# MARK: - iMAML

LAMBDA, CG_STEPS, TOLERANCE = 2.0, 5, 1e-5


def imaml_loop_step(shared, decision, batch, steps, alpha, second_order):
    sx, sy, qx, qy = batch
    total = [torch.zeros_like(p) for p in shared + decision]
    for t in range(BATCH):
        theta = [p.detach() for p in decision]
        tables = [p.detach() for p in shared]

        def support(fast):
            return F.mse_loss(forward(tables, fast, sx[t]), sy[t])

        phi = [p.clone().requires_grad_() for p in theta]
        loss = support(phi)
        g = torch.autograd.grad(loss, phi)
        value = loss.item()
        rate = alpha
        for _ in range(steps):
            with torch.no_grad():
                candidate = [p - rate * (gi + LAMBDA * (p - th)) for p, gi, th in zip(phi, g, theta)]
            candidate = [c.requires_grad_() for c in candidate]
            loss = support(candidate)
            g_next = torch.autograd.grad(loss, candidate)
            with torch.no_grad():
                next_value = loss.item() + LAMBDA / 2 * sum(((c - th) ** 2).sum() for c, th in zip(candidate, theta)).item()
            if next_value <= value + TOLERANCE * max(1.0, abs(value)):
                phi, g, value = candidate, g_next, next_value
            else:
                rate /= 2
        phi = [p.detach().requires_grad_() for p in phi]
        query_tables = [p.detach().requires_grad_() for p in shared]
        query = F.mse_loss(forward(query_tables, phi, qx[t]), qy[t])
        query_grads = torch.autograd.grad(query, query_tables + phi)
        gq_tables, gq_phi = query_grads[:FIELDS], query_grads[FIELDS:]
        support_tables = [p.detach().requires_grad_() for p in shared]
        gs = torch.autograd.grad(F.mse_loss(forward(support_tables, phi, sx[t]), sy[t]), phi, create_graph=True)

        def apply(v):
            hv = torch.autograd.grad(gs, phi, v, retain_graph=True)
            return [vi + hi / LAMBDA for vi, hi in zip(v, hv)]

        x = cg(apply, list(gq_phi))
        mixed = torch.autograd.grad(gs, support_tables, x, allow_unused=True)
        for i in range(FIELDS):
            total[i] += gq_tables[i] - (mixed[i] if mixed[i] is not None else 0) / LAMBDA
        for i, xi in enumerate(x):
            total[FIELDS + i] += xi
    for p, g in zip(shared + decision, total):
        p.grad = g / BATCH


def cg(apply, b):
    x = [torch.zeros_like(bi) for bi in b]
    r = [bi.clone() for bi in b]
    d = [bi.clone() for bi in b]
    rr = sum((ri * ri).sum() for ri in r)
    for _ in range(CG_STEPS):
        ad = apply(d)
        curvature = sum((di * ai).sum() for di, ai in zip(d, ad))
        step = rr / curvature
        x = [xi + step * di for xi, di in zip(x, d)]
        r = [ri - step * ai for ri, ai in zip(r, ad)]
        rr_next = sum((ri * ri).sum() for ri in r)
        d = [ri + (rr_next / rr) * di for ri, di in zip(r, d)]
        rr = rr_next
    return x


def imaml_func_step(shared, decision, batch, steps, alpha, second_order):
    sx, sy, qx, qy = batch
    tables = [p.detach() for p in shared]
    theta = [p.detach() for p in decision]

    def task(tables, theta, sx, sy, qx, qy):
        def support(fast, tables):
            return F.mse_loss(forward(tables, fast, sx), sy)

        def proximity(fast):
            return LAMBDA / 2 * sum(((f - th) ** 2).sum() for f, th in zip(fast, theta))

        gradient_and_value = grad_and_value(support)
        phi = theta
        g, value = gradient_and_value(phi, tables)
        rate = torch.tensor(alpha)
        for _ in range(steps):
            candidate = [p - rate * (gi + LAMBDA * (p - th)) for p, gi, th in zip(phi, g, theta)]
            g_next, loss = gradient_and_value(candidate, tables)
            next_value = loss + proximity(candidate)
            accept = next_value <= value + TOLERANCE * torch.clamp(value.abs(), min=1.0)
            phi = [torch.where(accept, c, p) for c, p in zip(candidate, phi)]
            g = [torch.where(accept, a, b) for a, b in zip(g_next, g)]
            value = torch.where(accept, next_value, value)
            rate = torch.where(accept, rate, rate / 2)
        gq_phi, gq_tables = grad(lambda f, t: F.mse_loss(forward(t, f, qx), qy), argnums=(0, 1))(phi, tables)
        inner = grad(support)

        _, hessian = vjp(lambda f: inner(f, tables), phi)

        def apply(v):
            hv = hessian(v)[0]
            return [vi + hi / LAMBDA for vi, hi in zip(v, hv)]

        x = cg(apply, list(gq_phi))
        _, pullback = vjp(lambda t: inner(phi, t), tables)
        mixed = pullback(x)[0]
        return [gt - m / LAMBDA for gt, m in zip(gq_tables, mixed)], x

    table_grads, decision_grads = vmap(task, in_dims=(None, None, 0, 0, 0, 0))(tables, theta, sx, sy, qx, qy)
    for p, g in zip(shared + decision, list(table_grads) + list(decision_grads)):
        p.grad = g.mean(0)


# MARK: - Bayesian head

def features(tables, decision, codes):
    x = torch.cat([table[codes[..., f]] for f, table in enumerate(tables)], dim=-1)
    w1, b1, w2, b2, _, _ = decision
    h = F.relu(F.relu(x @ w1 + b1) @ w2 + b2)
    return torch.cat([h, torch.ones(h.shape[:-1] + (1,))], dim=-1).double()


def head_loss(prior, decision, hs, ys, hq, yq):
    factor, eta = prior
    m = factor.shape[0]
    mean = torch.cat([decision[4].reshape(-1), decision[5].reshape(-1)]).double()
    noise = torch.exp(eta.double())
    precision0 = factor.double() @ factor.double().T + 1e-6 * torch.eye(m, dtype=torch.float64)
    precision = precision0 + hs.transpose(-1, -2) @ hs / noise
    information = precision0 @ mean + hs.transpose(-1, -2) @ ys.double() / noise
    chol = torch.linalg.cholesky(precision)
    posterior = torch.cholesky_solve(information.unsqueeze(-1), chol).squeeze(-1)
    z = torch.cholesky_solve(hq.transpose(-1, -2), chol)
    variance = noise + (hq * z.transpose(-1, -2)).sum(-1)
    residual = yq.double() - hq @ posterior
    return (0.5 * (torch.log(2 * torch.pi * variance) + residual ** 2 / variance)).mean()


def bayes_loop_step(shared, decision, prior, batch):
    sx, sy, qx, qy = batch
    total = 0.0
    for t in range(BATCH):
        total = total + head_loss(prior, decision, features(shared, decision, sx[t]), sy[t], features(shared, decision, qx[t]), qy[t])
    (total / BATCH).backward()


def bayes_func_step(shared, decision, prior, batch):
    sx, sy, qx, qy = batch

    def batch_loss(shared, decision, prior):
        def task(sx, sy, qx, qy):
            return head_loss(prior, decision, features(shared, decision, sx), sy, features(shared, decision, qx), qy)
        return vmap(task)(sx, sy, qx, qy).mean()

    grads = grad(batch_loss, argnums=(0, 1, 2))(shared, decision, prior)
    for p, g in zip(shared + decision + prior, grads[0] + grads[1] + grads[2]):
        p.grad = g


def measure(idiom, steps, second_order, seconds, cardinality, objective=None):
    generator = torch.Generator().manual_seed(42)
    shared, decision = make_params(cardinality, generator, outputs=2 if objective == "joint" else 1)
    batches = make_objective_batches(objective, cardinality, generator) if objective else make_batches(cardinality, generator)
    prior = [torch.eye(65).requires_grad_(), torch.zeros(()).requires_grad_()]
    optimizer = torch.optim.Adam(shared + decision + prior, lr=5e-5)
    loss_fn = objective_loss(objective or "mse")
    step_fn = {
        "loop": lambda *a: loop_step(*a, loss_fn=loss_fn), "func": lambda *a: func_step(*a, loss_fn=loss_fn),
        "imaml-loop": imaml_loop_step, "imaml-func": imaml_func_step,
        "bayes-loop": lambda s, d, b, *_: bayes_loop_step(s, d, prior, b), "bayes-func": lambda s, d, b, *_: bayes_func_step(s, d, prior, b),
    }[idiom]

    def meta_step(i):
        optimizer.zero_grad()
        step_fn(shared, decision, batches[i % len(batches)], steps, 5e-3, second_order)
        optimizer.step()

    for i in range(3):
        meta_step(i)
    start = time.perf_counter()
    cpu_start = time.process_time()
    count = 0
    while time.perf_counter() - start < seconds:
        meta_step(count)
        count += 1
    wall = time.perf_counter() - start
    return count * BATCH / wall, count * BATCH / (time.process_time() - cpu_start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--cardinality", type=int, default=100)
    parser.add_argument("--only", default=None)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    parser_only = args.only
    configs = [("second-order-1-step", "", 1, True), ("second-order-5-steps", "", 5, True), ("first-order-1-step", "", 1, False),
               ("imaml-5-steps", "imaml-", 5, True), ("bayesian-head", "bayes-", 0, True)]
    for idiom in ("loop", "func"):
        for label, prefix, steps, second_order in configs:
            if parser_only and label != parser_only:
                continue
            rate, cpu = measure(prefix + idiom, steps, second_order, args.seconds, args.cardinality)
            print(f"torch-{idiom} {label} {rate:.1f} cpu={cpu:.1f}", flush=True)
        for objective in OBJECTIVES:
            label = "objective-" + objective
            if parser_only and label != parser_only:
                continue
            rate, cpu = measure(idiom, 1, True, args.seconds, args.cardinality, objective=objective)
            print(f"torch-{idiom} {label} {rate:.1f} cpu={cpu:.1f}", flush=True)


if __name__ == "__main__":
    main()
