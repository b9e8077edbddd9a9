"""PyTorch reference for the meta-training throughput benchmark.

The same step as Sources/MetaTrainingThroughput: MeLU's architecture (8 categorical fields
embedded to 32, dense 64 -> 64 -> 1, MSE), support 20, query 10, meta-batches of 32; only
the decision layers adapt, the embeddings are learned in the outer loop; one meta-step is
the meta-gradient of a meta-batch plus an Adam update. Two idioms:

- loop:  the per-task loop with torch.autograd.grad(create_graph=True) that published
         MAML/MeLU code uses;
- func:  the batched torch.func idiom, grad of the inner loss vmapped over the tasks.

Prints one line per configuration: `torch-<idiom> <config> <tasks per second>
cpu=<tasks per CPU-second>`; the second figure helps when the machine is shared.
"""
import argparse
import time

import torch
import torch.nn.functional as F
from torch.func import functional_call, grad, vmap

FIELDS, DIM, SUPPORT, QUERY, BATCH = 8, 32, 20, 10, 32


def make_params(cardinality, generator):
    def linear(fan_in, fan_out):
        bound = 1 / fan_in ** 0.5
        w = (torch.rand(fan_in, fan_out, generator=generator) * 2 - 1) * bound
        b = (torch.rand(fan_out, generator=generator) * 2 - 1) * bound
        return w, b
    tables = [torch.randn(cardinality, DIM, generator=generator) * 0.1 for _ in range(FIELDS)]
    w1, b1 = linear(FIELDS * DIM, 64)
    w2, b2 = linear(64, 64)
    w3, b3 = linear(64, 1)
    b3 = torch.full((1,), 3.0)
    shared = [t.requires_grad_() for t in tables]
    decision = [p.requires_grad_() for p in (w1, b1, w2, b2, w3, b3)]
    return shared, decision


def forward(tables, decision, codes):
    x = torch.cat([table[codes[:, f]] for f, table in enumerate(tables)], dim=-1)
    w1, b1, w2, b2, w3, b3 = decision
    h = F.relu(x @ w1 + b1)
    h = F.relu(h @ w2 + b2)
    return (h @ w3 + b3).squeeze(-1)


def make_batches(cardinality, generator):
    batches = []
    for _ in range(8):
        sx = torch.randint(0, cardinality, (BATCH, SUPPORT, FIELDS), generator=generator)
        sy = torch.randint(1, 6, (BATCH, SUPPORT), generator=generator).float()
        qx = torch.randint(0, cardinality, (BATCH, QUERY, FIELDS), generator=generator)
        qy = torch.randint(1, 6, (BATCH, QUERY), generator=generator).float()
        batches.append((sx, sy, qx, qy))
    return batches


# MARK: - The per-task loop idiom

def loop_step(shared, decision, batch, steps, alpha, second_order):
    sx, sy, qx, qy = batch
    total = 0.0
    for t in range(BATCH):
        fast = decision
        for _ in range(steps):
            loss = F.mse_loss(forward(shared, fast, sx[t]), sy[t])
            grads = torch.autograd.grad(loss, fast, create_graph=second_order)
            fast = [p - alpha * g for p, g in zip(fast, grads)]
        total = total + F.mse_loss(forward(shared, fast, qx[t]), qy[t])
    (total / BATCH).backward()


# MARK: - The torch.func idiom

def func_step(shared, decision, batch, steps, alpha, second_order):
    sx, sy, qx, qy = batch

    def inner_loss(fast, tables, x, y):
        return F.mse_loss(forward(tables, fast, x), y)

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


def measure(idiom, steps, second_order, seconds, cardinality):
    generator = torch.Generator().manual_seed(42)
    shared, decision = make_params(cardinality, generator)
    batches = make_batches(cardinality, generator)
    optimizer = torch.optim.Adam(shared + decision, lr=5e-5)
    step_fn = loop_step if idiom == "loop" else func_step

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
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    configs = [("second-order-1-step", 1, True), ("second-order-5-steps", 5, True), ("first-order-1-step", 1, False)]
    for idiom in ("loop", "func"):
        for label, steps, second_order in configs:
            rate, cpu = measure(idiom, steps, second_order, args.seconds, args.cardinality)
            print(f"torch-{idiom} {label} {rate:.1f} cpu={cpu:.1f}", flush=True)


if __name__ == "__main__":
    main()
