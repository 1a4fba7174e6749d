"""Load on ``esgtext serve``: latency (p50/p99) and throughput, with batching and one request at a time.

    python benchmarks/serve_load.py [--requests 200] [--concurrency 200] [--sequential 50]
                                    [--model tiny|shared|full] [--json]

A real server (``esgtext serve`` in a subprocess on 127.0.0.1, a free port) translates
``--requests`` distinct short French release sentences whose accents were deleted (``esgtext.damage``)
through ``POST /translate``, three ways:

1. **sequential**: one request at a time (each waits for the previous answer; ``--sequential`` of
   them, 50 by default: its throughput does not depend on the count);
2. **batched**: all requests sent at once (``--concurrency`` in flight), the server batching
   whatever arrives within ``--batch-wait-ms`` into one engine call;
3. **unbatched**: the same burst against a server started with ``--max-batch 1`` (each request
   its own engine call), to separate batching from mere concurrency.

Every answer is checked against its own request (status 200, the sentence's detected language,
and the same translation as the sequential run). Real OPUS-MT weights cannot be downloaded here,
so the model is a random-weight MarianMT (``tests/tiny_models.py``): ``tiny`` (d_model 32, one
layer, a trained 200-piece vocabulary), ``shared`` (tiny network, the real opus-mt-tc-big-fr-en
tokenizer from ``../shared``), or ``full`` (the real opus-mt-tc-big-fr-en size: slow on a CPU). Default: ``shared`` when ``../shared`` is
there, else ``tiny``.
Random weights never emit an end token, so each sentence is decoded to its length cap: a worst
case for latency, and equal work for every mode. The last line printed is JSON. This is a
benchmark, not a test: it asserts nothing, and every loop is bounded by count and time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "src"))

from serve_helpers import Server  # noqa: E402

BAR = 3.0  # batched throughput over sequential throughput


TEMPLATES = [
    "Le groupe a réduit ses émissions de {i} % en 2023.",
    "La société a publié son rapport de durabilité n° {i}.",
    "Les énergies renouvelables représentent {i} % de la consommation.",
    "Le site de Vénissieux a reçu {i} visiteurs cette année.",
    "La filiale a signé {i} contrats avec des fournisseurs locaux.",
    "Notre stratégie climat prévoit {i} mesures d'ici à 2030.",
    "Le conseil a approuvé un budget de {i} millions d'euros.",
    "Les salariés ont planté {i} arbres près de l'usine.",
]


def sentences(n: int) -> tuple[list[str], str]:
    """``n`` distinct short release sentences, accents deleted (what damaged feeds look like)."""
    from esgtext.damage import delete_accents

    texts = [delete_accents(TEMPLATES[i % len(TEMPLATES)].format(i=i + 10)) for i in range(n)]
    return texts, f"{n} distinct short French release sentences ({len(TEMPLATES)} templates), accents deleted"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def run_load(server: Server, texts: list[str], concurrency: int, deadline: float) -> dict:
    def one(i: int):
        if time.monotonic() > deadline:
            return i, None, 0.0
        started = time.monotonic()
        try:
            reply = server.post_json("/translate", {"q": texts[i], "source": "auto", "target": "en"},
                                     timeout=max(1.0, deadline - started + 30))
        except OSError:  # timed out: counted as not answered
            return i, None, time.monotonic() - started
        return i, reply, time.monotonic() - started

    started = time.monotonic()
    if concurrency <= 1:
        results = [one(i) for i in range(len(texts))]
    else:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            results = list(pool.map(one, range(len(texts))))
    wall = time.monotonic() - started
    done = [(i, r, t) for i, r, t in results if r is not None]
    ok = [(i, r, t) for i, r, t in done if r.status == 200]
    latencies = [t for _, _, t in ok]
    return {
        "requests": len(texts), "answered": len(done), "ok": len(ok), "wall_s": round(wall, 3),
        "throughput_rps": round(len(ok) / wall, 2) if wall else 0.0,
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1) if latencies else None,
        "mean_ms": round(statistics.mean(latencies) * 1000, 1) if latencies else None,
        "answers": {i: r.json() for i, r, _ in ok},
    }


def build_model(kind: str, root: Path) -> Path:
    from tiny_models import build_tiny_marian

    if kind == "tiny":
        return build_tiny_marian(root / "tiny", source="fr", shared_dir=None)
    if not SHARED.is_dir():
        raise SystemExit(f"--model {kind} needs {SHARED}")
    return build_tiny_marian(root / kind, source="fr", shared_dir=SHARED, full_size=(kind == "full"))


def line(name: str, m: dict) -> str:
    return f"{name:<11} {m['ok']:>5} {m['wall_s']:>8} {m['throughput_rps']:>8} {m['p50_ms']:>8} {m['p99_ms']:>8}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--sequential", type=int, default=50,
                        help="requests of the one-at-a-time run (its throughput does not depend on the count)")
    parser.add_argument("--model", choices=["tiny", "shared", "full"],
                        default="shared" if SHARED.is_dir() else "tiny")
    parser.add_argument("--engine", choices=["transformers", "ctranslate2"], default="transformers")
    parser.add_argument("--batch-wait-ms", type=float, default=5.0)
    parser.add_argument("--threads", default="2", help="ESGTEXT_THREADS for the server (default 2)")
    parser.add_argument("--time-limit", type=float, default=300.0, help="seconds for each load run at most")
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    args = parser.parse_args()
    texts, source = sentences(max(1, args.requests))

    def log(message: str) -> None:
        if not args.json:
            print(message, flush=True)

    with tempfile.TemporaryDirectory(prefix="esgtext-serve-load-") as tmp:
        root = Path(tmp)
        model = build_model(args.model, root)
        env = {"ESGTEXT_MODELS_DIR": str(root / "no-models"), "ESGTEXT_THREADS": args.threads}
        common = ["--model", f"fr-en={model}", "--engine", args.engine, "--max-requests", "4096",
                  "--max-queue", "100000"]
        modes = {}
        with Server(common + ["--batch-wait-ms", str(args.batch_wait_ms)], env=env) as server:
            server.post_json("/translate", {"q": texts[0]})  # load the model and the lexicon
            seq = texts[: max(1, min(args.sequential, len(texts)))]
            log(f"sequential: {len(seq)} requests, one at a time ...")
            modes["sequential"] = run_load(server, seq, 1, time.monotonic() + args.time_limit)
            log(line("sequential", modes["sequential"]))
            log(f"batched: {len(texts)} requests, {args.concurrency} at once ...")
            modes["batched"] = run_load(server, texts, args.concurrency, time.monotonic() + args.time_limit)
            log(line("batched", modes["batched"]))
            health = server.get("/health").json()["batching"]
        with Server(common + ["--max-batch", "1", "--batch-wait-ms", "0"], env=env) as server:
            server.post_json("/translate", {"q": texts[0]})
            log(f"unbatched: {len(texts)} requests, {args.concurrency} at once, --max-batch 1 ...")
            modes["unbatched"] = run_load(server, texts, args.concurrency, time.monotonic() + args.time_limit)
            log(line("unbatched", modes["unbatched"]))

    reference = modes["sequential"]["answers"]
    for name in ("batched", "unbatched"):
        answers = modes[name]["answers"]
        modes[name]["compared_with_sequential"] = sum(1 for i in answers if i in reference)
        modes[name]["same_as_sequential"] = sum(1 for i, a in answers.items() if reference.get(i) == a)
    for mode in modes.values():
        mode.pop("answers")
    speedup = modes["batched"]["throughput_rps"] / max(modes["sequential"]["throughput_rps"], 1e-9)
    result = {
        "model": args.model, "engine": args.engine, "input": source, "threads": args.threads,
        "cpus": os.cpu_count(), "machine": platform.processor() or platform.machine(),
        "batch_wait_ms": args.batch_wait_ms, "concurrency": args.concurrency, **modes,
        "batched_engine_calls": health["engine_calls"], "largest_batch": health["largest_batch"],
        "speedup_batched_vs_sequential": round(speedup, 2),
        "speedup_batched_vs_unbatched": round(
            modes["batched"]["throughput_rps"] / max(modes["unbatched"]["throughput_rps"], 1e-9), 2),
        "bar": BAR, "bar_met": speedup >= BAR,
    }
    if not args.json:
        print(f"\n{'mode':<11} {'ok':>5} {'wall s':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
        for name, m in modes.items():
            print(line(name, m))
        print(f"batched / sequential throughput: {result['speedup_batched_vs_sequential']}x "
              f"(bar {BAR}x: {'met' if result['bar_met'] else 'NOT met'}); batched / unbatched: "
              f"{result['speedup_batched_vs_unbatched']}x; {result['batched_engine_calls']} engine calls, "
              f"largest batch {result['largest_batch']} segments")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
