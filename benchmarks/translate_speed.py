"""Translation speed: transformers vs CTranslate2 on a full-size MarianMT, in one run.

    python benchmarks/translate_speed.py [--model-config DIR] [--sentences 64] [--json]

Real OPUS-MT weights cannot be downloaded on the machines this project is built on, so the
benchmark builds a **full-size random-weight** MarianMT from a real configuration and tokenizer
(default ``../shared/models/opus-mt-zh-en``: 6+6 layers, d_model 512, 65k vocabulary). Speed does not
depend on the values of the weights -- but output length does, so both engines are **forced to
produce the same number of tokens** per sentence (min = max new tokens), and do equal work.

Input: the first ``--sentences`` lines of FLORES-200 devtest in the model's source language
(``../shared/data/flores200-devtest``). Both engines go through esgtext's own engine classes
(:func:`esgtext.translate.get_translator`) with the same batches (token budget, longest first),
the same beam size and the same number of threads; CTranslate2 uses its CPU default, int8
(``--ct2-compute-type`` to change). Each engine runs in its own subprocess so that its peak
memory (max RSS) is its own. The last line printed is JSON with ``transformers_tokens_per_s``,
``ctranslate2_tokens_per_s``, ``speedup`` and the peak RSS of each engine in MiB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = REPO.parent / "shared" / "models" / "opus-mt-zh-en"
FLORES = {"zh": "zho_Hans.devtest", "fr": "fra_Latn.devtest"}
BAR = 1.8  # CTranslate2 must be at least this many times faster than transformers


def source_language(config_dir: Path) -> str:
    name = config_dir.name
    for lang in FLORES:
        if f"-{lang}-" in f"-{name}-":
            return lang
    raise SystemExit(f"cannot tell the source language of {config_dir} (expected zh or fr in its name)")


def flores_sentences(config_dir: Path, lang: str, n: int) -> list[str]:
    candidates = [
        config_dir.parent.parent / "data" / "flores200-devtest" / FLORES[lang],
        REPO.parent / "shared" / "data" / "flores200-devtest" / FLORES[lang],
    ]
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8").splitlines()[:n]
    raise SystemExit(f"FLORES devtest not found (looked for {candidates[0]})")


def worker(args: argparse.Namespace) -> None:
    """One engine in this process: load, warm up, time; print one JSON line."""
    sys.path.insert(0, str(REPO / "src"))
    from esgtext.translate import resolve_model
    from esgtext.translate.batching import plan_batches
    from esgtext.translate.engines import get_translator

    sentences = json.loads(Path(args.sentences_file).read_text(encoding="utf-8"))
    spec = resolve_model(args.pair, {args.pair: args.model_dir})
    start = time.perf_counter()
    compute_type = args.ct2_compute_type if args.worker == "ctranslate2" else None
    translator = get_translator(spec, args.worker, "cpu", compute_type)
    load_s = time.perf_counter() - start
    encoded = translator.encode(sentences)
    batches = plan_batches([len(ids) for ids in encoded], args.max_batch_tokens)
    n = args.output_tokens

    def run(batch_list):
        produced = 0
        for batch in batch_list:
            out = translator.translate_ids([encoded[i] for i in batch], beam_size=args.beam_size,
                                           max_new_tokens=n, min_new_tokens=n)
            produced += sum(len(g.ids) for g in out)
        return produced

    run([batches[-1][:4]])  # warm-up: first-call allocations, thread pools
    start = time.perf_counter()
    produced = run(batches)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "engine": args.worker,
        "compute_type": translator.compute_type,
        "threads": translator_threads(translator),
        "load_s": round(load_s, 2),
        "seconds": round(seconds, 3),
        "output_tokens": produced,
        "source_tokens": sum(len(ids) for ids in encoded),
        "tokens_per_s": round(produced / seconds, 1),
        "peak_rss_mib": peak_rss_mib(),
    }))


def peak_rss_mib() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    exec from the parent (which built the model), VmHWM belongs to this process's memory only."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def translator_threads(translator) -> int:
    """Threads the engine computes with (esgtext gives both the same: the CPUs it may use)."""
    if translator.name == "ctranslate2":
        from esgtext.translate.engines import default_threads

        return default_threads()  # passed as intra_threads
    import torch

    return torch.get_num_threads()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model-config", type=Path, default=DEFAULT_CONFIG,
                        help="folder with a real MarianMT config.json + tokenizer (default: %(default)s)")
    parser.add_argument("--sentences", type=int, default=64, help="FLORES devtest sentences (default 64)")
    parser.add_argument("--output-tokens", type=int, default=48, help="tokens forced per sentence (default 48)")
    parser.add_argument("--beam-size", type=int, default=4, help="beam size for both engines (default 4)")
    parser.add_argument("--max-batch-tokens", type=int, default=4096)
    parser.add_argument("--ct2-compute-type", default="int8", help="CTranslate2 compute type (default int8)")
    parser.add_argument("--threads", type=int, help="threads for each engine (default: the CPUs this process may use)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per engine, alternating; the best counts")
    parser.add_argument("--work-dir", type=Path, help="where to build the model (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    parser.add_argument("--worker", choices=["transformers", "ctranslate2"], help=argparse.SUPPRESS)
    parser.add_argument("--model-dir", help=argparse.SUPPRESS)
    parser.add_argument("--sentences-file", help=argparse.SUPPRESS)
    parser.add_argument("--pair", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return

    def say(text: str) -> None:
        if not args.json:
            print(text, flush=True)

    config_dir = args.model_config.resolve()
    if not (config_dir / "config.json").is_file():
        raise SystemExit(f"no config.json in {config_dir}; pass --model-config DIR")
    lang = source_language(config_dir)
    sentences = flores_sentences(config_dir, lang, args.sentences)
    with tempfile.TemporaryDirectory(prefix="esgtext-bench-", dir=args.work_dir) as tmp:
        tmp_path = Path(tmp)
        say(f"building a full-size random-weight MarianMT from {config_dir} ...")
        sys.path.insert(0, str(REPO / "tests"))
        from tiny_models import build_tiny_marian  # the same builder the tests use

        start = time.perf_counter()
        model_dir = build_tiny_marian(tmp_path / "model", source=lang, model_dir=config_dir, full_size=True)
        say(f"  built in {time.perf_counter() - start:.1f}s")
        # Convert once here, as `esgtext models pull --ct2` would: the one-time conversion is not
        # part of the speed, and its memory (a float32 transformers copy) not part of the peak.
        sys.path.insert(0, str(REPO / "src"))
        from esgtext.translate.ct2_engine import convert_checkpoint

        start = time.perf_counter()
        convert_checkpoint(model_dir, args.ct2_compute_type)
        say(f"  converted for CTranslate2 ({args.ct2_compute_type}) in {time.perf_counter() - start:.1f}s")
        sentences_file = tmp_path / "sentences.json"
        sentences_file.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
        results: dict[str, dict] = {}
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
        if args.threads:
            env["ESGTEXT_THREADS"] = str(args.threads)
        for round_ in range(args.repeat):
            for engine in ("transformers", "ctranslate2"):
                say(f"{engine}: {len(sentences)} sentences, {args.output_tokens} tokens each, "
                    f"beam {args.beam_size} (run {round_ + 1}/{args.repeat}) ...")
                cmd = [sys.executable, __file__, "--worker", engine, "--model-dir", str(model_dir),
                       "--sentences-file", str(sentences_file), "--pair", f"{lang}-en",
                       "--output-tokens", str(args.output_tokens), "--beam-size", str(args.beam_size),
                       "--max-batch-tokens", str(args.max_batch_tokens),
                       "--ct2-compute-type", args.ct2_compute_type]
                proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
                if proc.returncode != 0:
                    sys.stderr.write(proc.stderr[-4000:])
                    raise SystemExit(f"{engine} worker failed (exit {proc.returncode})")
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                say(f"  {r['tokens_per_s']} tokens/s ({r['output_tokens']} tokens in {r['seconds']}s, "
                    f"{r['compute_type']}, {r['threads']} threads), load {r['load_s']}s, "
                    f"peak RSS {r['peak_rss_mib']} MiB")
                if engine not in results or r["tokens_per_s"] > results[engine]["tokens_per_s"]:
                    results[engine] = r
    tf, ct = results["transformers"], results["ctranslate2"]
    if tf["output_tokens"] != ct["output_tokens"]:
        say(f"warning: unequal work: {tf['output_tokens']} vs {ct['output_tokens']} output tokens")
    speedup = ct["tokens_per_s"] / tf["tokens_per_s"]
    say(f"CTranslate2 / transformers: {speedup:.2f}x (bar: {BAR}x) -> {'PASS' if speedup >= BAR else 'FAIL'}")
    print(json.dumps({
        "model_config": str(config_dir),
        "data": f"FLORES-200 devtest {FLORES[lang]} first {len(sentences)}",
        "output_tokens_per_sentence": args.output_tokens,
        "beam_size": args.beam_size,
        "threads": tf["threads"],
        "cpu": platform.processor() or platform.machine(),
        "cpus_available": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "transformers_tokens_per_s": tf["tokens_per_s"],
        "ctranslate2_tokens_per_s": ct["tokens_per_s"],
        "ctranslate2_compute_type": ct["compute_type"],
        "speedup": round(speedup, 2),
        "bar": BAR,
        "transformers_peak_rss_mib": tf["peak_rss_mib"],
        "ctranslate2_peak_rss_mib": ct["peak_rss_mib"],
        "transformers_load_s": tf["load_s"],
        "ctranslate2_load_s": ct["load_s"],
    }))


if __name__ == "__main__":
    main()
