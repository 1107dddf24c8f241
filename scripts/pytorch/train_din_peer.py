"""The training peer: the same DIN trained in plain PyTorch eager on the samples file `prepare` writes.

For side-by-side training throughput (samples/s) with `din-serving train --samples` on identical
samples. Reads the CSV layout of `prepare` (userId, timestamp, candidate columns, history columns
joined by '|', profile columns, label, split), fits vocabularies on the train split (ids 0 padding,
1 out-of-vocabulary, 2 missing, tokens from 3, as the service does), and trains the DIN of the DIN
tutorial and DeepCTR-Torch: shared item and category embeddings, attention MLP over
[q, k, q-k, q*k] with PReLU, masked weighted sum, top MLP with PReLU, BCE on logits, Adam. Each
batch is padded to its longest history, as `train` does. Prints samples/s per epoch and the
validation AUC, so a reader can see it learns.

  OMP_NUM_THREADS=1 /usr/bin/python3 scripts/pytorch/train_din_peer.py target/ml/samples.csv \
      --epochs 3 --threads 1

Needs only torch (Debian: python3-torch). Not used to build, test or serve.
"""
import argparse
import csv
import random
import time

import torch
import torch.nn as nn

PAD, OOV, MISSING, FIRST = 0, 1, 2, 3


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("samples")
    p.add_argument("--pairs", default="itemId=historyItemIds,category=historyCategories",
                   help="candidate=history column pairs; a pair whose columns are absent is skipped")
    p.add_argument("--categorical", default="", help="comma-separated profile columns")
    p.add_argument("--embedding-dim", type=int, default=16)
    p.add_argument("--attention-hidden", default="80,40")
    p.add_argument("--top-hidden", default="200,80")
    p.add_argument("--max-len", type=int, default=50)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    return p.parse_args()


def read(path, pairs, profile):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    pairs = [(c, h) for c, h in pairs if c in rows[0] and h in rows[0]]
    return rows, pairs


def vocabulary(values):
    tokens = {}
    for v in values:
        if v and v not in tokens:
            tokens[v] = len(tokens) + FIRST
    return tokens


def encode(rows, pairs, profile, vocabs, max_len):
    out = []
    for r in rows:
        cand = [vocabs[i].get(r[c], OOV) if r[c] else MISSING for i, (c, _) in enumerate(pairs)]
        seqs = [r[h].split("|") if r[h] else [] for _, h in pairs]
        n = max((len(s) for s in seqs), default=0)
        hist = [[(vocabs[i].get(v, OOV) if v else MISSING) for v in (s + [""] * (n - len(s)))[-max_len:]]
                for i, s in enumerate(seqs)]
        prof = [vocabs[len(pairs) + j].get(r[name], OOV) if r[name] else MISSING for j, name in enumerate(profile)]
        out.append((cand, hist, prof, float(r["label"]), r["userId"]))
    return out


def collate(batch, pairs):
    length = max(1, max(len(b[1][0]) if b[1] else 0 for b in batch))
    hist = torch.zeros(len(batch), len(pairs), length, dtype=torch.long)
    for i, b in enumerate(batch):
        for p, seq in enumerate(b[1]):
            if seq:
                hist[i, p, :len(seq)] = torch.tensor(seq)
    cand = torch.tensor([b[0] for b in batch])
    prof = torch.tensor([b[2] for b in batch]) if batch[0][2] else None
    label = torch.tensor([b[3] for b in batch])
    return cand, hist, prof, label


def mlp(widths):
    layers = []
    for a, b in zip(widths, widths[1:]):
        layers += [nn.Linear(a, b), nn.PReLU(b)]
    return layers


class DIN(nn.Module):
    def __init__(self, sizes, pairs, profile, d, att, top):
        super().__init__()
        self.tables = nn.ModuleList(nn.Embedding(sizes[i], d) for i in range(len(pairs)))
        self.profile = nn.ModuleList(nn.Embedding(sizes[len(pairs) + j], d) for j in range(len(profile)))
        w = len(pairs) * d
        self.att = nn.Sequential(*mlp([4 * w] + att), nn.Linear(att[-1], 1))
        self.top = nn.Sequential(*mlp([2 * w + len(profile) * d] + top), nn.Linear(top[-1], 1))

    def forward(self, cand, hist, prof):
        q = torch.cat([t(cand[:, p]) for p, t in enumerate(self.tables)], -1)      # [B, W]
        k = torch.cat([t(hist[:, p]) for p, t in enumerate(self.tables)], -1)      # [B, L, W]
        qq = q.unsqueeze(1).expand_as(k)
        b, l, width = k.shape
        # nn.PReLU(n) slopes dim 1, so the MLP runs on rows: [B L, 4W]
        x = torch.cat([qq, k, qq - k, qq * k], -1).reshape(b * l, 4 * width)
        w = self.att(x).reshape(b, l) * (hist[:, 0] > 0)
        parts = [(w.unsqueeze(-1) * k).sum(1), q]
        if prof is not None:
            parts += [t(prof[:, j]) for j, t in enumerate(self.profile)]
        return self.top(torch.cat(parts, -1)).squeeze(-1)


def auc(scores, labels):
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    pos = sum(labels)
    neg = len(labels) - pos
    rank_sum, i = 0.0, 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        rank_sum += sum(labels[order[k]] for k in range(i, j + 1)) * (i + j + 2) / 2
        i = j + 1
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg) if pos and neg else float("nan")


def main():
    a = parse()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    pairs = [tuple(x.split("=")) for x in a.pairs.split(",") if x]
    profile = [x for x in a.categorical.split(",") if x]
    rows, pairs = read(a.samples, pairs, profile)
    train = [r for r in rows if r["split"] == "train"]
    valid = [r for r in rows if r["split"] == "validation"]
    vocabs = [vocabulary([r[c] for r in train] + [v for r in train for v in r[h].split("|")]) for c, h in pairs]
    vocabs += [vocabulary(r[name] for r in train) for name in profile]
    sizes = [len(v) + FIRST for v in vocabs]
    tr = encode(train, pairs, profile, vocabs, a.max_len)
    va = encode(valid, pairs, profile, vocabs, a.max_len)
    model = DIN(sizes, pairs, profile, a.embedding_dim,
                [int(x) for x in a.attention_hidden.split(",")], [int(x) for x in a.top_hidden.split(",")])
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = nn.BCEWithLogitsLoss()
    print(f"pytorch {torch.__version__}, {a.threads} thread(s), {len(tr)} train and {len(va)} validation samples")
    for epoch in range(1, a.epochs + 1):
        random.shuffle(tr)
        model.train()
        started = time.perf_counter()
        total = 0.0
        for i in range(0, len(tr), a.batch_size):
            cand, hist, prof, label = collate(tr[i:i + a.batch_size], pairs)
            opt.zero_grad()
            loss = loss_fn(model(cand, hist, prof), label)
            loss.backward()
            opt.step()
            total += loss.item() * len(label)
        seconds = time.perf_counter() - started
        model.eval()
        scores = []
        with torch.no_grad():
            for i in range(0, len(va), 2048):
                cand, hist, prof, _ = collate(va[i:i + 2048], pairs)
                scores += torch.sigmoid(model(cand, hist, prof)).tolist()
        print(f"epoch {epoch}: {len(tr) / seconds:,.0f} samples/s, train loss {total / len(tr):.4f}, "
              f"validation AUC {auc(scores, [int(x[3]) for x in va]):.4f}")


if __name__ == "__main__":
    main()
