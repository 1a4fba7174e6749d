"""The core install (no torch, transformers or ctranslate2) and the extras (issue #11)."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from esgtext.cli import EXIT_MODEL_MISSING, main
from esgtext.errors import MissingExtra

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("torch", "transformers", "ctranslate2", "sentencepiece")


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))


def fake_checkpoint(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("config.json", "model.safetensors", "source.spm", "target.spm", "vocab.json"):
        (folder / name).write_text("{}", encoding="utf-8")
    return folder


def test_core_dependencies_have_no_engine_and_the_extras_do():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"])
    assert not any(name in core for name in HEAVY)
    extras = project["optional-dependencies"]
    assert any(d.startswith("torch") for d in extras["transformers"])
    assert any(d.startswith("ctranslate2") for d in extras["ctranslate2"])
    assert "transformers" in extras["all"][0] and "ctranslate2" in extras["all"][0]


@pytest.fixture
def no_torch(monkeypatch):
    import esgtext.translate.engines as engines

    monkeypatch.setattr(engines, "_module_available", lambda name: name not in ("torch", "ctranslate2"))


def test_a_missing_extra_is_one_line_naming_it_before_any_work(no_torch, tmp_path):
    from esgtext.pipeline import Translator

    model = fake_checkpoint(tmp_path / "fr-en")
    with pytest.raises(MissingExtra, match=r"pip install 'esgtext\[transformers\]'"):
        Translator(models={"fr-en": str(model)}, pairs=["fr-en"])
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Le rapport est publié.\n", encoding="utf-8")
    for engine, extra in (("transformers", "transformers"), ("ctranslate2", "ctranslate2")):
        result = CliRunner().invoke(main, ["translate", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                           "--model", f"fr-en={model}", "--engine", engine])
        assert result.exit_code == EXIT_MODEL_MISSING
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and f"esgtext[{extra}]" in lines[0] and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


BLOCK_HEAVY = f"""
import sys
class _Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {HEAVY!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None
sys.meta_path.insert(0, _Blocker())
import importlib.util
_real = importlib.util.find_spec
importlib.util.find_spec = lambda name, *a: None if name.split(".")[0] in {HEAVY!r} else _real(name, *a)
from esgtext.cli import main
sys.argv = ["esgtext", *sys.argv[1:]]
main()
"""


def test_without_the_engines_every_command_but_translation_works(tmp_path):
    """As after `pip install esgtext` (no extras): torch, transformers, ctranslate2 cannot import."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "fr.txt").write_text("La socit a publi son rapport.\n", encoding="utf-8")
    (inbox / "zh.txt").write_text("公司的碳排放量下降了百分之十二。\n", encoding="utf-8")
    (inbox / "page.html").write_text("<html><body><article><p>The board approved the new water policy "
                                     "for every site.</p></article></body></html>", encoding="utf-8")
    env = {"HF_HUB_OFFLINE": "1", "ESGTEXT_MODELS_DIR": str(tmp_path / "none"), "PATH": "/usr/bin:/bin"}

    def esgtext(*args):
        return subprocess.run([sys.executable, "-c", BLOCK_HEAVY, *map(str, args)], capture_output=True,
                              text=True, env=env, timeout=300)

    for command in ("repair", "detect", "segment"):
        result = esgtext(command, inbox)
        assert result.returncode == 0, result.stderr
    result = esgtext("translate", inbox, "-o", tmp_path / "out", "--allow-untranslated")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in (tmp_path / "out" / "zh.txt.jsonl").read_text().splitlines()]
    assert records and records[0]["status"] == "untranslated"
    model = fake_checkpoint(tmp_path / "model")
    result = esgtext("translate", inbox, "-o", tmp_path / "out2", "--model", f"fr-en={model}", "--model", f"zh-en={model}")
    assert result.returncode == EXIT_MODEL_MISSING
    assert "pip install 'esgtext[transformers]'" in result.stderr and "Traceback" not in result.stderr


# --- only the pairs the inputs need ------------------------------------------------------------


def translate(*args):
    result = CliRunner().invoke(main, ["translate", *map(str, args)])
    assert "Traceback" not in (result.output or "")
    return result


def test_a_french_only_folder_needs_only_the_french_model(tiny_spm_model, tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Le groupe a publié son rapport climat.\n", encoding="utf-8")
    result = translate(inbox, "-o", tmp_path / "out", "--model", f"fr-en={tiny_spm_model}", "-q")
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in (tmp_path / "out" / "a.txt.jsonl").read_text().splitlines()]
    assert record["status"] == "translated"
    (inbox / "b.txt").write_text("公司的碳排放量下降了百分之十二。\n", encoding="utf-8")
    result = translate(inbox, "-o", tmp_path / "out", "--model", f"fr-en={tiny_spm_model}")
    assert result.exit_code == EXIT_MODEL_MISSING  # Chinese needs zh-en: one line, exit 3
    assert "zh-en" in result.stderr and "esgtext models pull zh-en" in result.stderr
    assert not (tmp_path / "out" / "b.txt.jsonl").exists()


def test_an_unknown_pair_or_an_absent_cuda_is_a_usage_error_before_any_work(tiny_spm_model, tmp_path):
    from esgtext.cli import EXIT_USAGE

    (tmp_path / "a.txt").write_text("Le rapport.\n", encoding="utf-8")
    result = translate(tmp_path / "a.txt", "-o", tmp_path / "out", "--model", "de-en=./x")
    assert result.exit_code == EXIT_USAGE and "de-en" in result.stderr and "no such pair" in result.stderr
    import torch

    if not torch.cuda.is_available():
        result = translate(tmp_path / "a.txt", "-o", tmp_path / "out", "--model", f"fr-en={tiny_spm_model}",
                           "--device", "cuda")
        assert result.exit_code == EXIT_USAGE and "--device cuda" in result.stderr
    assert not (tmp_path / "out").exists()


# --- models in the standard Hugging Face cache --------------------------------------------------


def hf_cache_with(model: Path, home: Path, model_id: str = "Helsinki-NLP/opus-mt-fr-en",
                  commit: str = "0123456789abcdef0123456789abcdef01234567") -> Path:
    """``model``'s files in the standard hub-cache layout under ``home`` (HF_HOME)."""
    import shutil

    repo = home / "hub" / f"models--{model_id.replace('/', '--')}"
    snapshot = repo / "snapshots" / commit
    shutil.copytree(model, snapshot, ignore=shutil.ignore_patterns("ct2-*", "esgtext-model.json"))
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    return snapshot


def test_a_model_in_the_hugging_face_cache_is_used_offline(tiny_spm_model, tmp_path, monkeypatch):
    from esgtext.translate import resolve_model

    monkeypatch.delenv("HF_HUB_CACHE")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    snapshot = hf_cache_with(tiny_spm_model, tmp_path / "hf")
    spec = resolve_model("fr-en")  # HF_HUB_OFFLINE=1: found without asking the Hub
    assert spec.local_path == snapshot and spec.revision == snapshot.name and spec.available
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Le groupe a publié son rapport climat.\n", encoding="utf-8")
    result = translate(inbox, "-o", tmp_path / "out", "--engine", "ctranslate2", "-q")
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in (tmp_path / "out" / "a.txt.jsonl").read_text().splitlines()]
    assert record["status"] == "translated" and record["revision"] == snapshot.name
    assert record["model"] == "Helsinki-NLP/opus-mt-fr-en"
    assert not list(snapshot.glob("ct2-*"))  # the conversion is not written into the HF cache


def test_models_pull_downloads_into_the_hugging_face_cache(tiny_spm_model, tmp_path, monkeypatch):
    """`esgtext models pull` with a fake Hub: snapshot_download(revision=<pinned>) into HF_HOME."""
    import types

    import huggingface_hub

    import esgtext.translate.registry as registry

    monkeypatch.delenv("HF_HUB_CACHE")
    monkeypatch.delenv("ESGTEXT_MODELS_DIR")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    commit = "feedfacefeedfacefeedfacefeedfacefeedface"
    calls = []
    monkeypatch.setattr(registry, "_probe_hub", lambda pair, model_id, revision: types.SimpleNamespace(
        sha=commit, siblings=[types.SimpleNamespace(rfilename="model.safetensors")]))

    def fake_snapshot_download(model_id, revision=None, cache_dir=None, local_files_only=False, **kwargs):
        calls.append((model_id, revision, cache_dir, local_files_only))
        snapshot = Path(cache_dir) / f"models--{model_id.replace('/', '--')}" / "snapshots" / commit
        if local_files_only and not snapshot.is_dir():
            raise FileNotFoundError(model_id)
        if not snapshot.is_dir():
            hf_cache_with(tiny_spm_model, Path(cache_dir).parent, model_id, commit)
        return str(snapshot)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot_download)
    result = CliRunner().invoke(main, ["models", "pull", "fr-en", "-q"])
    assert result.exit_code == 0, result.output
    assert ("Helsinki-NLP/opus-mt-fr-en", "main", str(tmp_path / "hf" / "hub"), False) in calls
    assert commit in result.output
    assert registry.resolve_model("fr-en").revision == commit  # then found there, offline
