"""A bulk run killed with SIGKILL part-way is completed by the next run, with no half files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from esgtext.pipeline import TMP_SUFFIX, Translator, process_document, translate_folder

N_FILES = 80

PARAGRAPHS = [
    "Le groupe {n} a réduit ses émissions de CO2 de {p} % en 2023 grâce à l'énergie solaire.",
    "The company {n} published its sustainability report and its climate strategy for {y}.",
    "Les énergies renouvelables représentent {p} % de la consommation du site numéro {n}.",
    "The board approved a water policy that covers {p} sites in {y}. It applies to suppliers too.",
    "公司{n}号工厂的碳排放量下降了百分之{p}。",
]


def write_inbox(root: Path) -> None:
    for i in range(N_FILES):
        paras = [PARAGRAPHS[(i + k) % len(PARAGRAPHS)].format(n=i, p=k + 3, y=2020 + k % 5)
                 for k in range(3 + i % 4)]
        path = root / f"batch{i % 4}" / f"release_{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")


def manifest_lines(out: Path) -> int:
    try:
        return (out / ".esgtext" / "manifest.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.mark.slow
def test_sigkill_mid_run_then_resume(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_inbox(inbox)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ESGTEXT_MODELS_DIR": str(tmp_path / "no-models")}
    cmd = [sys.executable, "-c", "from esgtext.cli import main; main()", "translate", str(inbox),
           "-o", str(out), "--format", "jsonl,tmx", "--allow-untranslated", "--no-progress"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while manifest_lines(out) < 5 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert proc.poll() is None, "the run ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    done_before = manifest_lines(out)
    assert 5 <= done_before < N_FILES
    manifest_text = (out / ".esgtext" / "manifest.jsonl").read_text(encoding="utf-8")

    # whatever the kill interrupted, no record file is half-written
    for path in out.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            json.loads(line)

    summary = translate_folder([inbox], out, formats=["jsonl", "tmx"], translator=Translator.untranslated())
    assert summary.failed == 0
    assert summary.skipped >= done_before - 1  # the manifest line being written may have been cut
    assert summary.processed + summary.skipped == N_FILES
    assert not list(out.rglob(f"*{TMP_SUFFIX}"))

    # the documents the killed run finished are exactly what a fresh run makes of them
    finished_by_killed_run = [json.loads(line)["doc"] for line in manifest_text.splitlines()[:done_before]]
    untranslated = Translator.untranslated()
    for rel in finished_by_killed_run:
        fresh = process_document((inbox / rel).read_bytes(), rel, translator=untranslated)
        for name, data in fresh.outputs(rel, ["jsonl", "tmx"]).items():
            assert (out / name).read_bytes() == data, name
    outputs = [p for p in out.rglob("*.jsonl") if p.parent.name != ".esgtext" and p.name != "errors.jsonl"]
    assert len(outputs) == N_FILES
    for path in outputs:
        text = (inbox / path.relative_to(out).as_posix()[: -len(".jsonl")]).read_text(encoding="utf-8")
        n_paragraphs = text.count("\n\n") + 1
        assert len(path.read_text(encoding="utf-8").splitlines()) >= n_paragraphs
    docs = [json.loads(line)["doc"] for line in (out / ".esgtext" / "manifest.jsonl").read_text().splitlines()]
    assert len(set(docs)) == N_FILES
