"""esgtext translate --ray (issue #14): the same records as the local run, on a local Ray.

One local Ray for the module (``ray.init(num_cpus=2)``, no dashboard), shut down at its end. Tests
skip, saying why, only where Ray cannot be imported or started.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from esgtext.cli import main
from esgtext.pipeline import Translator, UsageError, translate_folder
from esgtext.records import parse_jsonl
from test_pipeline import make_messy_folder, snapshot

FORMATS = "jsonl,tmx,moses,xliff,parquet"


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))
    monkeypatch.setenv("ESGTEXT_THREADS", "1")


@pytest.fixture(scope="module")
def ray_local():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"Ray is not installed (pip install 'esgtext[ray]'): {exc}")
    env = pytest.MonkeyPatch()
    # the workers inherit this environment: one torch thread each, models never from the Hub
    env.setenv("ESGTEXT_THREADS", "1")
    env.setenv("HF_HUB_OFFLINE", "1")
    env.delenv("RAY_ADDRESS", raising=False)
    try:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="WARNING")
    except Exception as exc:  # no shared memory, no free port, ...: say why
        env.undo()
        pytest.skip(f"a local Ray cannot start here: {type(exc).__name__}: {exc}")
    try:
        yield ray
    finally:
        ray.shutdown()
        env.undo()


def _files(out: Path) -> dict[str, bytes]:
    """What a run leaves under OUT but its translation cache (SQLite pages are not content) and
    the manifest (lines in the order documents finished: compared as a set)."""
    return {k: v for k, v in snapshot(out).items()
            if not k.startswith(".esgtext/translations.sqlite") and k != ".esgtext/manifest.jsonl"}


def _manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / ".esgtext" / "manifest.jsonl").read_text().splitlines()]


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["translate", *args])
    return result.exit_code, result.output


# -- without a running Ray (first: the module's Ray starts with the first test that needs it) --


def test_the_local_run_writes_parquet_too_and_rewrites_the_same_bytes(tmp_path):
    """No Ray needed. Parquet is built from the JSONL records: adding it redoes no document."""
    import pyarrow.dataset as pads

    inbox = make_messy_folder(tmp_path / "inbox")
    out = tmp_path / "out"
    args = [str(inbox), "-o", str(out), "--allow-untranslated", "--no-progress"]
    assert _cli(*args, "--format", "jsonl")[0] == 1  # the binary file
    code, output = _cli(*args, "--format", "parquet")  # brings jsonl
    assert "(0 processed, 8 unchanged, " in output, output
    records = [r for p in sorted(out.rglob("*.jsonl")) if ".esgtext" not in p.parts for r in parse_jsonl(p.read_bytes())]
    table = pads.dataset(out / "parquet", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len(records) > 0
    assert sorted(p.parent.name for p in (out / "parquet").rglob("*.parquet")) == ["src_lang=en", "src_lang=fr",
                                                                                  "src_lang=zh"]
    before = snapshot(out)
    _cli(*args, "--format", "jsonl,parquet")
    assert snapshot(out) == before


def test_an_address_where_no_ray_answers_is_a_usage_error_before_any_work(tmp_path, monkeypatch):
    import socket

    pytest.importorskip("ray", reason="Ray is not installed (pip install 'esgtext[ray]')")
    with socket.socket() as sock:  # a loopback port nobody listens at
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The board met.\n", encoding="utf-8")
    monkeypatch.setenv("RAY_ADDRESS", f"127.0.0.1:{port}")
    code, output = _cli(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--allow-untranslated", "-q", "--ray")
    assert code == 2
    assert output.strip().splitlines()[-1].startswith(f"esgtext: error: --ray 127.0.0.1:{port}: no Ray there")
    assert not (tmp_path / "out").exists()


def test_without_ray_the_option_names_the_extra(monkeypatch, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The board met.\n", encoding="utf-8")
    for name in [m for m in sys.modules if m == "ray" or m.startswith("ray.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails as where it is not installed
    code, output = _cli(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--allow-untranslated", "--ray")
    assert code == 3
    assert output.strip().splitlines() == [
        "esgtext: error: --ray needs the 'ray' extra (ray[data] is not installed): pip install 'esgtext[ray]'"]
    assert not (tmp_path / "out").exists()


# -- on a local Ray ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model_runs(tmp_path_factory, tiny_spm_model, ray_local):
    """The messy folder, local and --ray, tiny random-weight models for both pairs."""
    env = pytest.MonkeyPatch()
    env.setenv("HF_HUB_OFFLINE", "1")
    env.setenv("ESGTEXT_THREADS", "1")
    root = tmp_path_factory.mktemp("ray-messy")
    inbox = make_messy_folder(root / "inbox")
    models = ["--model", f"fr-en={tiny_spm_model}", "--model", f"zh-en={tiny_spm_model}", "--beam-size", "1"]
    try:
        local = _cli(str(inbox), "-o", str(root / "local"), "--format", FORMATS, *models, "--no-progress")
        ray_run = _cli(str(inbox), "-o", str(root / "ray"), "--format", FORMATS, *models, "--no-progress", "--ray")
        yield inbox, root, models, local, ray_run
    finally:
        env.undo()


@pytest.mark.slow
def test_ray_run_writes_the_bytes_of_the_local_run(model_runs):
    inbox, root, _, local, ray_run = model_runs
    assert local[0] == ray_run[0] == 1, (local, ray_run)  # the binary file is an error in both
    ours, theirs = _files(root / "ray"), _files(root / "local")
    assert sorted(ours) == sorted(theirs)
    assert [k for k in ours if ours[k] != theirs[k]] == []
    assert any(p.startswith("parquet/src_lang=fr/") for p in ours)
    translated = [r for p in (root / "ray").rglob("*.jsonl") if not p.parts[-2] == ".esgtext"
                  for r in parse_jsonl(p.read_bytes()) if r.status == "translated"]
    assert translated and all(r.model == "tiny-random/fr-en" for r in translated)
    key = lambda e: e["doc"]  # noqa: E731
    assert sorted(_manifest(root / "ray"), key=key) == sorted(_manifest(root / "local"), key=key)
    assert ray_run[1].splitlines()[-1].split(";")[0] == local[1].splitlines()[-1].split(";")[0]


@pytest.mark.slow
def test_a_second_ray_run_redoes_nothing(model_runs):
    inbox, root, models, _, _ = model_runs
    before = snapshot(root / "ray")
    code, output = _cli(str(inbox), "-o", str(root / "ray"), "--format", FORMATS, *models, "--no-progress", "--ray")
    assert code == 1, output
    assert "(0 processed, 8 unchanged, " in output
    after = snapshot(root / "ray")
    assert {k: v for k, v in after.items() if "translations.sqlite" not in k} == \
           {k: v for k, v in before.items() if "translations.sqlite" not in k}


@pytest.mark.slow
def test_parquet_reads_back_one_row_per_record(model_runs):
    import pyarrow.dataset as pads

    _, root, _, _, _ = model_runs
    out = root / "ray"
    records = [r for p in sorted(out.rglob("*.jsonl")) if ".esgtext" not in p.parts
               for r in parse_jsonl(p.read_bytes())]
    table = pads.dataset(out / "parquet", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len(records) > 0
    rows = table.to_pylist()
    assert sorted((r["doc"], r["seg"]) for r in rows) == sorted((r.doc, r.seg) for r in records)
    assert len({(r["doc"], r["seg"]) for r in rows}) == len(rows)
    by_key = {(r.doc, r.seg): r for r in records}
    assert all(by_key[(r["doc"], r["seg"])].src_lang == r["src_lang"] for r in rows)


@pytest.mark.slow
def test_a_dataset_of_documents_gives_the_records_of_the_folder(model_runs, tmp_path):
    import ray.data

    from esgtext.distributed import translate_dataset

    inbox, root, _, _, _ = model_runs
    docs = ["fr_accents.txt", "en_zh.txt", "legacy/gb18030.txt"]
    ds = ray.data.from_items([{"doc": d, "bytes": (inbox / d).read_bytes()} for d in docs])
    summary = translate_dataset(ds, tmp_path / "out", allow_untranslated=True)
    assert (summary.files, summary.processed, summary.failed) == (3, 3, 0)
    translate_folder([inbox], tmp_path / "ref", translator=Translator.untranslated())
    for d in docs:
        assert (tmp_path / "out" / f"{d}.jsonl").read_bytes() == (tmp_path / "ref" / f"{d}.jsonl").read_bytes()
    texts = ray.data.from_items([{"doc": "a.txt", "text": (inbox / "fr_accents.txt").read_text(encoding="utf-8")}])
    assert translate_dataset(texts, tmp_path / "text", allow_untranslated=True).processed == 1
    assert parse_jsonl((tmp_path / "text" / "a.txt.jsonl").read_bytes())[0].source == \
           parse_jsonl((tmp_path / "ref" / "fr_accents.txt.jsonl").read_bytes())[0].source
    with pytest.raises(UsageError, match="'doc' column"):
        translate_dataset(ray.data.from_items([{"name": "a.txt"}]), tmp_path / "bad", allow_untranslated=True)


def test_a_filesystem_uri_is_read_by_the_cluster(ray_local, tmp_path):
    from esgtext.distributed import translate_dataset

    inbox = make_messy_folder(tmp_path / "inbox")
    summary = translate_dataset(f"file://{inbox}", tmp_path / "out", formats=["jsonl", "tmx"],
                                allow_untranslated=True, exclude=["legacy/*"])
    reference = translate_folder([inbox], tmp_path / "ref", formats=["jsonl", "tmx"], exclude=["legacy/*"],
                                 translator=Translator.untranslated())
    assert (summary.files, summary.processed, summary.failed) == (reference.files, reference.processed,
                                                                   reference.failed)
    ours, theirs = _files(tmp_path / "out"), _files(tmp_path / "ref")
    ours.pop(".esgtext/errors.jsonl"), theirs.pop(".esgtext/errors.jsonl")  # paths: URI / local
    assert ours == theirs
    again = translate_dataset(f"file://{inbox}", tmp_path / "out", formats=["jsonl", "tmx"],
                              allow_untranslated=True, exclude=["legacy/*"])
    assert (again.processed, again.skipped) == (0, reference.processed)


def _write_inbox(root: Path, n: int) -> None:
    for i in range(n):
        path = root / f"batch{i % 3}" / f"release_{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Le groupe {i} a réduit ses émissions de CO2 de {i % 9 + 3} % en 2023.\n\n"
                        f"The company {i} published its report.\n\n公司{i}号工厂的碳排放量下降了。\n",
                        encoding="utf-8")


def _actor_pids() -> list[int]:
    """The worker processes of the translation actors (Ray names them after the class)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if b"_TranslationActor" in cmdline and int(entry) != os.getpid():
            pids.append(int(entry))
    return pids


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the actor's process in /proc")
def test_a_killed_translation_actor_is_restarted_and_every_record_written_once(ray_local, tiny_spm_model, tmp_path):
    from esgtext.distributed import translate_dataset

    n = 48
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    _write_inbox(inbox, n)
    models = {"fr-en": str(tiny_spm_model), "zh-en": str(tiny_spm_model)}
    result: dict = {}

    def run():
        try:
            result["summary"] = translate_dataset(inbox, out, models=models, beam_size=1, docs_per_batch=2,
                                                  formats=["jsonl", "tmx"])
        except BaseException as exc:  # reported by the assertion below
            result["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    killed = None
    deadline = time.monotonic() + 60
    manifest = out / ".esgtext" / "manifest.jsonl"
    seen = None  # when the actor's process was first seen
    while thread.is_alive() and time.monotonic() < deadline:
        done = manifest.read_bytes().count(b"\n") if manifest.exists() else 0
        pids = _actor_pids()
        if pids and seen is None:
            seen = time.monotonic()
        # mid-way: once a document is done, or once the actor has been at work a moment (on an
        # idle machine the documents may all come back in one go)
        if pids and (done >= 1 or time.monotonic() - seen > 0.5):
            killed = (pids[0], done)
            os.kill(pids[0], signal.SIGKILL)
            break
        time.sleep(0.01)
    thread.join(timeout=120)
    assert not thread.is_alive() and "error" not in result, result
    assert killed is not None and killed[1] < n, "the run ended before its actor could be killed"
    summary = result["summary"]
    assert (summary.processed, summary.failed) == (n, 0), summary.errors
    entries = _manifest(out)
    assert sorted(e["doc"] for e in entries) == sorted({e["doc"] for e in entries})  # each once
    assert len(entries) == n
    ref = tmp_path / "ref"
    translate_folder([inbox], ref, models=models, beam_size=1, formats=["jsonl", "tmx"])
    assert _files(out) == _files(ref)  # every record exactly once, the bytes of a local run


@pytest.mark.slow
def test_a_document_whose_worker_dies_every_time_is_listed_not_missing(ray_local, tmp_path, monkeypatch):
    import pyarrow as pa
    import ray.data

    from esgtext import distributed

    docs = {f"d{i}.txt": f"The board met on day {i}.\n".encode() for i in range(4)}

    def rows(batch):  # on a worker: its process dies for the block that holds d2.txt, every time
        names = batch.column("doc").to_pylist()
        if "d2.txt" in names:
            os._exit(1)
        return distributed._table([distributed._row(d, "", b) for d, b in zip(names, batch.column("bytes").to_pylist())])

    blocks = [pa.table({"doc": [d], "bytes": [b]}) for d, b in docs.items()]  # one document per block
    # a task per document (batch_size=1; num_cpus keeps it out of the fused stages), one retry
    poisoned = ray.data.from_arrow(blocks).map_batches(rows, batch_format="pyarrow", batch_size=1, num_cpus=0.5,
                                                        max_retries=1, retry_exceptions=False)
    monkeypatch.setattr(distributed, "MAX_RETRIES", 1)
    monkeypatch.setattr(distributed, "_dataset_source", lambda ray, source, exclude: (poisoned, list(docs)))
    summary = distributed.translate_dataset(poisoned, tmp_path / "out", allow_untranslated=True)
    assert (summary.files, summary.processed, summary.failed) == (4, 3, 1)
    assert [(e["doc"], e["error"]) for e in summary.errors] == [("d2.txt", "lost")]
    assert "failed 2 times" in summary.errors[0]["reason"]
    assert sorted(e["doc"] for e in _manifest(tmp_path / "out")) == ["d0.txt", "d1.txt", "d3.txt"]
    assert not (tmp_path / "out" / "d2.txt.jsonl").exists()
    monkeypatch.undo()  # the next run, without the poison, does only what is missing
    ds = ray.data.from_items([{"doc": d, "bytes": b} for d, b in docs.items()])
    again = distributed.translate_dataset(ds, tmp_path / "out", allow_untranslated=True)
    assert (again.processed, again.skipped, again.failed) == (1, 3, 0)
