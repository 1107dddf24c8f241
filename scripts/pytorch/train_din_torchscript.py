"""Train the DIN tutorial's model in PyTorch on the service's own encoded samples, and export it as
TorchScript for `din-serving import`.

Inputs come from `prepare`, so Python trains on exactly the ids the service will send:

  java -jar target/din-serving.jar prepare --movielens ../shared/data/ml-latest-small \
      --out target/py/samples.csv --fitted-features target/py/fitted.json --encoded target/py/encoded.csv
  OMP_NUM_THREADS=1 /usr/bin/python3 scripts/pytorch/train_din_torchscript.py target/py/encoded.csv \
      target/py/fitted.json --out target/py/model.pt --epochs 3 --seed 1
  java -jar target/din-serving.jar import --torchscript target/py/model.pt \
      --features target/py/fitted.json --out models/py-din

The model: one embedding table per vocabulary, shared by history and candidate; an attention MLP
over [q, k, q-k, q*k] with PReLU or Dice whose scores weigh each behaviour (padding weighs 0); the
weighted sum, the candidate and the categorical embeddings and the numeric inputs go through a
top MLP with PReLU or Dice to one logit. BCE on logits, Adam, the epoch with the best validation
AUC kept (early stopping with --patience), as `train` does. Validation and test AUC are printed.

The exported module's forward is the service's input contract (README, "Import a TorchScript
model"): history int64 [C, P, L], candidate int64 [C, P], categorical int64 [C, F], numeric
float32 [C, N] -> logits float32 [C].

With --fixture DIR it also writes DIR/requests.json: a few test requests with this script's own
click probabilities, which the service's test compares with what it serves.

Needs only torch (Debian: python3-torch). Not used to build, test or serve.
"""
import argparse
import csv
import json
import os
import random
import sys

import torch
import torch.nn as nn
from typing import List

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_din_peer import auc  # noqa: E402  the same rank-based AUC as the training peer

PAD, OOV, MISSING, FIRST = 0, 1, 2, 3


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("encoded")
    p.add_argument("fitted")
    p.add_argument("--out", required=True)
    p.add_argument("--embedding-dim", type=int, default=16)
    p.add_argument("--attention-hidden", default="80,40")
    p.add_argument("--top-hidden", default="200,80")
    p.add_argument("--activation", choices=["prelu", "dice"], default="prelu")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--patience", type=int, default=2, help="epochs without a better validation AUC before stopping")
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--fixture", help="directory for requests.json with this script's scores")
    return p.parse_args()


class Dice(nn.Module):
    """Dice (Zhou et al.): a data-adaptive PReLU gated by batch-normalised inputs."""

    def __init__(self, width: int):
        super().__init__()
        self.bn = nn.BatchNorm1d(width, eps=1e-8, affine=False)
        self.alpha = nn.Parameter(torch.zeros(width))

    def forward(self, x):
        p = torch.sigmoid(self.bn(x))
        return p * x + (1 - p) * self.alpha * x


def mlp(widths: List[int], activation: str):
    layers = []
    for a, b in zip(widths, widths[1:]):
        layers += [nn.Linear(a, b), nn.PReLU(b) if activation == "prelu" else Dice(b)]
    return layers


class DIN(nn.Module):
    def __init__(self, pair_sizes, categorical_sizes, numeric_width, d, att, top, activation):
        super().__init__()
        self.pairs = len(pair_sizes)
        self.tables = nn.ModuleList([nn.Embedding(n, d) for n in pair_sizes])
        self.categorical = nn.ModuleList([nn.Embedding(n, d) for n in categorical_sizes])
        w = self.pairs * d
        self.width = w
        self.att = nn.Sequential(*mlp([4 * w] + att, activation), nn.Linear(att[-1], 1))
        inputs = 2 * w + len(categorical_sizes) * d + numeric_width
        self.top = nn.Sequential(*mlp([inputs] + top, activation), nn.Linear(top[-1], 1))

    def forward(self, history, candidate, categorical, numeric):
        qs: List[torch.Tensor] = []
        ks: List[torch.Tensor] = []
        for p, table in enumerate(self.tables):
            qs.append(table(candidate[:, p]))
            ks.append(table(history[:, p]))
        q = torch.cat(qs, -1)                      # [C, W]
        k = torch.cat(ks, -1)                      # [C, L, W]
        c, l = history.shape[0], history.shape[2]
        qq = q.unsqueeze(1).expand(c, l, self.width)
        x = torch.cat([qq, k, qq - k, qq * k], -1).reshape(c * l, 4 * self.width)
        weights = self.att(x).reshape(c, l) * (history[:, 0] > 0).to(q.dtype)
        parts = [(weights.unsqueeze(-1) * k).sum(1), q]
        for j, table in enumerate(self.categorical):
            parts.append(table(categorical[:, j]))
        parts.append(numeric)
        return self.top(torch.cat(parts, -1)).squeeze(-1)


def ids(text):
    return [int(v) for v in text.split("|")] if text else []


def read(path, pairs, features):
    rows = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            rows.append({
                "user": r["userId"], "split": r["split"], "label": float(r["label"]),
                "candidate": [int(r["c_" + p]) for p in pairs],
                "history": [ids(r["h_" + p]) for p in pairs],
                "categorical": [int(r["f_" + name]) for name in features],
                "numeric": [float(v) for v in r["numeric"].split("|")] if r["numeric"] else [],
            })
    return rows


def collate(batch, pairs, numeric_width):
    length = max(1, max(len(b["history"][0]) for b in batch))
    history = torch.zeros(len(batch), pairs, length, dtype=torch.long)
    for i, b in enumerate(batch):
        for p, seq in enumerate(b["history"]):
            if seq:
                history[i, p, :len(seq)] = torch.tensor(seq)
    candidate = torch.tensor([b["candidate"] for b in batch], dtype=torch.long)
    categorical = torch.tensor([b["categorical"] for b in batch], dtype=torch.long).reshape(len(batch), -1)
    numeric = torch.tensor([b["numeric"] for b in batch], dtype=torch.float32).reshape(len(batch), numeric_width)
    label = torch.tensor([b["label"] for b in batch])
    return history, candidate, categorical, numeric, label


def predict(model, rows, pairs, numeric_width):
    scores = []
    with torch.no_grad():
        for i in range(0, len(rows), 2048):
            history, candidate, categorical, numeric, _ = collate(rows[i:i + 2048], pairs, numeric_width)
            scores += torch.sigmoid(model(history, candidate, categorical, numeric)).tolist()
    return scores


def main():
    a = parse()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    with open(a.fitted) as f:
        fitted = json.load(f)
    spec = fitted["spec"]
    vocab_size = {name: FIRST + len(tokens) for name, tokens in fitted["vocabularies"].items()}
    pairs = [p["candidate"] for p in spec["attention"]]
    features = [c["name"] for c in spec["categorical"]]
    numeric_width = sum(2 if n["missingFlag"] else 1 for n in spec["numeric"])
    rows = read(a.encoded, pairs, features)
    split = {s: [r for r in rows if r["split"] == s] for s in ("train", "validation", "test")}
    model = DIN([vocab_size[p["vocabulary"]] for p in spec["attention"]],
                [vocab_size[c["vocabulary"]] for c in spec["categorical"]], numeric_width, a.embedding_dim,
                [int(x) for x in a.attention_hidden.split(",")], [int(x) for x in a.top_hidden.split(",")],
                a.activation)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = nn.BCEWithLogitsLoss()
    train = split["train"]
    best_auc, best_epoch, best_state = float("-inf"), 0, None
    print(f"pytorch {torch.__version__}: {len(train)} train, {len(split['validation'])} validation, "
          f"{len(split['test'])} test samples")
    for epoch in range(1, a.epochs + 1):
        random.shuffle(train)
        model.train()
        total = 0.0
        for i in range(0, len(train), a.batch_size):
            history, candidate, categorical, numeric, label = collate(train[i:i + a.batch_size], len(pairs),
                                                                      numeric_width)
            opt.zero_grad()
            loss = loss_fn(model(history, candidate, categorical, numeric), label)
            loss.backward()
            opt.step()
            total += loss.item() * len(label)
        model.eval()
        valid = split["validation"]
        val_auc = auc(predict(model, valid, len(pairs), numeric_width), [r["label"] for r in valid]) if valid else float("nan")
        better = val_auc > best_auc or best_state is None
        if better:
            best_auc, best_epoch = val_auc, epoch
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        print(f"epoch {epoch}: train loss {total / len(train):.4f}, validation AUC {val_auc:.4f}"
              + (" (best)" if better else ""))
        if epoch - best_epoch >= a.patience:
            break
    # As `train` does: the checkpoint with the best validation AUC is the one kept.
    model.load_state_dict(best_state)
    print(f"kept epoch {best_epoch}")
    model.eval()
    test = split["test"]
    if test:
        print(f"test AUC {auc(predict(model, test, len(pairs), numeric_width), [r['label'] for r in test]):.4f}")
    scripted = torch.jit.script(model)
    scripted.save(a.out)
    print(f"TorchScript written to {a.out}")
    if a.fixture:
        write_fixture(model, test or rows, pairs, numeric_width, a.fixture)


def write_fixture(model, rows, pairs, numeric_width, directory):
    """A few single-candidate requests and their scores. Only rows whose ids are all known tokens (3 and
    up) are chosen, so a test can send them as raw tokens; each is scored on its own, as a request."""
    def known(r):
        return (all(i >= FIRST for i in r["candidate"]) and all(i >= FIRST for i in r["categorical"])
                and len(r["history"][0]) >= 3 and all(i >= FIRST for seq in r["history"] for i in seq))
    chosen = [r for r in rows if known(r)][:8]
    scores = [predict(model, [r], len(pairs), numeric_width)[0] for r in chosen]
    with open(f"{directory}/requests.json", "w") as f:
        json.dump([{"candidate": r["candidate"], "history": r["history"], "categorical": r["categorical"],
                    "numeric": r["numeric"], "score": s} for r, s in zip(chosen, scores)], f, indent=1)


if __name__ == "__main__":
    main()
