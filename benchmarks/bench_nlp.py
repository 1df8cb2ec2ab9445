"""Tokens per second of the genderscan NLP pipeline on the seed texts.

    PYTHONPATH=src python benchmarks/bench_nlp.py [SEEDS_DIR] [--repeat N]

Reads every seed text through the ingest layer, runs ``annotate`` (nlp.pipe
over the blocks) and reports tokens/second, also with one ``qualifiers()``
call and one ``gs_compound`` lookup per token (what the rules engine does at
most), and the time for a 60-page vision (~30,000 words).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from genderscan.ingest import read_document
from genderscan.nlp import annotate, load_pipeline, qualifiers

ROOT = Path(__file__).resolve().parents[1]
WORDS_PER_PAGE = 500


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = next((p for p in (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")) if p.is_dir()), None)
    parser.add_argument("seeds", nargs="?", type=Path, default=default)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.seeds is None:
        raise SystemExit("no seeds directory found; pass it as an argument")

    t0 = time.perf_counter()
    nlp = load_pipeline()
    print(f"load_pipeline: {time.perf_counter() - t0:.2f} s")
    documents = [read_document(p) for p in sorted(args.seeds.glob("*.txt"))]
    annotate(documents[0], nlp)  # warm up lazy tables (simplemma, compound lexicon)

    best = float("inf")
    tokens = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        annotated = [annotate(doc, nlp) for doc in documents]
        best = min(best, time.perf_counter() - start)
        tokens = sum(len(d) for a in annotated for d in a.docs)
    words = sum(1 for a in annotated for d in a.docs for t in d if t.is_alpha)
    print(f"seed texts: {len(documents)} documents, {tokens} tokens, {words} words")
    print(f"annotate: {best:.3f} s = {tokens / best:,.0f} tokens/s")

    start = time.perf_counter()
    for a in annotated:
        for doc in a.docs:
            for token in doc:
                token._.gs_compound
                qualifiers(doc[token.i : token.i + 1])
    extra = time.perf_counter() - start
    print(f"qualifiers + gs_compound on every token: {extra:.3f} s = {tokens / extra:,.0f} tokens/s")

    tokens_per_word = tokens / max(words, 1)
    vision_tokens = 60 * WORDS_PER_PAGE * tokens_per_word
    print(f"60-page vision (~{60 * WORDS_PER_PAGE:,} words, ~{vision_tokens:,.0f} tokens): "
          f"annotate {vision_tokens / (tokens / best):.2f} s")


if __name__ == "__main__":
    main()
