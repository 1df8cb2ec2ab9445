"""The shipped semantic model: per-target logistic regression, thresholds and labelled examples.

One file (``data/model.npz``, a zip of ``.npy`` arrays plus ``meta.json``),
written byte-for-byte deterministically by ``genderscan train`` and read with
numpy only:

- ``weights`` (T, 512) float32 and ``bias`` (T,): one logistic regression per target;
- ``thresholds`` (T,): the operating point per target, chosen by cross-validation
  on the development corpora (> 1 = target switched off: no precise threshold);
- ``examples`` (N, 512) int8: the embeddings of the labelled examples (x 127),
  ``labels`` (N, T) bool: which targets each example counts for (the explanation);
- ``meta.json``: targets, example ids and texts, corpus hashes, training settings
  and the cross-validated figures per target.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).parent / "data" / "model.npz"
FORMAT = 1
#: Fixed zip entry time, so the same arrays give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
QUANT = 127.0


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function, clipped (inference and training's out-of-fold scores alike)."""
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@dataclass
class SemanticModel:
    targets: list[str]
    weights: np.ndarray  # (T, D) float32
    bias: np.ndarray  # (T,) float32
    thresholds: np.ndarray  # (T,) float32
    examples: np.ndarray  # (N, D) int8
    labels: np.ndarray  # (N, T) bool
    example_ids: list[str]
    example_texts: list[str]
    meta: dict = field(default_factory=dict)

    # -- inference (numpy only) -----------------------------------------
    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """(N, T) probabilities for (N, D) embeddings."""
        return sigmoid(x.astype(np.float32) @ self.weights.T + self.bias)

    @cached_property
    def _unit_examples(self) -> np.ndarray:
        e = self.examples.astype(np.float32) / QUANT
        e /= np.maximum(np.linalg.norm(e, axis=1, keepdims=True), 1e-9)
        return e

    def similarities(self, x: np.ndarray) -> np.ndarray:
        """(N, examples) cosine similarity to the labelled examples."""
        return x.astype(np.float32) @ self._unit_examples.T

    def nearest(self, sims: np.ndarray, target: int) -> tuple[int, float] | None:
        """Index and similarity of the most similar example labelled with ``target``."""
        mask = self.labels[:, target]
        if not mask.any():
            return None
        scored = np.where(mask, sims, -np.inf)
        i = int(np.argmax(scored))
        return i, float(sims[i])

    def threshold(self, target: str) -> float:
        return float(self.thresholds[self.targets.index(target)])

    # -- file ------------------------------------------------------------
    def to_bytes(self) -> bytes:
        meta = dict(self.meta)
        meta.update(format=FORMAT, targets=self.targets, example_ids=self.example_ids, example_texts=self.example_texts)
        arrays = {
            "weights": self.weights.astype(np.float32),
            "bias": self.bias.astype(np.float32),
            "thresholds": self.thresholds.astype(np.float32),
            "examples": self.examples.astype(np.int8),
            "labels": self.labels.astype(np.bool_),
        }
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for name in sorted(arrays):
                member = io.BytesIO()
                np.lib.format.write_array(member, np.ascontiguousarray(arrays[name]), allow_pickle=False)
                z.writestr(_info(f"{name}.npy"), member.getvalue())
            z.writestr(_info("meta.json"), json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8"))
        return buf.getvalue()

    def save(self, path: str | Path) -> None:
        Path(path).write_bytes(self.to_bytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> SemanticModel:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            meta = json.loads(z.read("meta.json").decode("utf-8"))
            arrays = {n[:-4]: np.lib.format.read_array(io.BytesIO(z.read(n)), allow_pickle=False) for n in z.namelist() if n.endswith(".npy")}
        return cls(
            targets=list(meta.pop("targets")),
            weights=arrays["weights"],
            bias=arrays["bias"],
            thresholds=arrays["thresholds"],
            examples=arrays["examples"],
            labels=arrays["labels"],
            example_ids=list(meta.pop("example_ids")),
            example_texts=list(meta.pop("example_texts")),
            meta=meta,
        )

    @classmethod
    def load(cls, path: str | Path) -> SemanticModel:
        return cls.from_bytes(Path(path).read_bytes())


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


@cache
def load_model(path: str | None = None) -> SemanticModel:
    """The shipped model (or the one at ``path``), loaded once per process."""
    return SemanticModel.load(path or MODEL_FILE)


@cache
def model_fingerprint(path: str | None = None) -> str:
    """sha256 of the model file (part of the report cache key); 'missing' without one."""
    p = Path(path or MODEL_FILE)
    return hashlib.sha256(p.read_bytes()).hexdigest()[:16] if p.is_file() else "missing"
