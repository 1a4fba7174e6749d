"""The model registry and `esgtext models` (no network: HF_HUB_OFFLINE=1 or a refused endpoint)."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from esgtext.cli import EXIT_MODEL_MISSING, EXIT_USAGE, main
from esgtext.translate import ModelNotAvailable, resolve_model
from esgtext.translate.registry import (
    BUILTIN_REGISTRY,
    load_registry,
    model_folder,
    parse_model_overrides,
    registry_path,
)

REFUSED_ENDPOINT = "http://127.0.0.1:9"  # the discard port: connection refused at once


@pytest.fixture(autouse=True)
def offline_empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.delenv("ESGTEXT_REGISTRY", raising=False)


def fake_checkpoint(folder, marker=None):
    """Files that make a folder look like a checkpoint to the registry (it never loads them)."""
    folder.mkdir(parents=True)
    for name in ("config.json", "model.safetensors", "source.spm", "target.spm", "vocab.json"):
        (folder / name).write_text("{}", encoding="utf-8")
    if marker:
        (folder / "esgtext-model.json").write_text(json.dumps(marker), encoding="utf-8")
    return folder


def test_registry_file_pins_both_pairs_and_matches_builtin_copy():
    assert registry_path().is_file()
    registry = load_registry()
    assert registry["fr-en"]["model_id"] == "Helsinki-NLP/opus-mt-fr-en"
    assert registry["zh-en"]["model_id"] == "Helsinki-NLP/opus-mt-zh-en"
    assert all(entry["licence"] == "CC-BY-4.0" and entry["revision"] for entry in registry.values())
    assert registry == BUILTIN_REGISTRY


def test_missing_model_offline_is_one_line_naming_pull():
    with pytest.raises(ModelNotAvailable) as info:
        resolve_model("zh-en")
    message = str(info.value)
    assert "\n" not in message and "esgtext models pull zh-en" in message and "HF_HUB_OFFLINE" in message


def test_missing_model_with_unreachable_hub_fails_fast(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setenv("HF_ENDPOINT", REFUSED_ENDPOINT)
    start = time.monotonic()
    with pytest.raises(ModelNotAvailable, match="hub unreachable.*esgtext models pull fr-en"):
        resolve_model("fr-en")
    assert time.monotonic() - start < 10


def test_pulled_model_is_found_with_its_resolved_revision():
    commit = "a" * 40
    fake_checkpoint(model_folder("Helsinki-NLP/opus-mt-zh-en", "main"), {"resolved_revision": commit})
    spec = resolve_model("zh-en")
    assert spec.available and spec.revision == commit and spec.licence == "CC-BY-4.0"


def test_model_override_with_local_folder_and_hub_id(tmp_path):
    folder = fake_checkpoint(tmp_path / "my-zh")
    spec = resolve_model("zh-en", {"zh-en": str(folder)})
    assert spec.local_path == folder and spec.revision == "local"
    with pytest.raises(ModelNotAvailable, match="not a model folder"):
        resolve_model("zh-en", {"zh-en": str(tmp_path / "nowhere")})
    with pytest.raises(ModelNotAvailable, match="esgtext models pull"):
        resolve_model("fr-en", {"fr-en": "Helsinki-NLP/opus-mt-tc-big-fr-en"})
    with pytest.raises(ModelNotAvailable, match="no model registered for de-en"):
        resolve_model("de-en")


def test_parse_model_overrides():
    assert parse_model_overrides(["zh-en=./m", "fr-en=org/name@abc"]) == {"zh-en": "./m", "fr-en": "org/name@abc"}
    with pytest.raises(ValueError, match="PAIR=PATH_OR_HUB_ID"):
        parse_model_overrides(["zh-en"])


def test_cli_models_list_table_and_json(tmp_path):
    folder = fake_checkpoint(tmp_path / "local-zh", {"model_id": "me/zh", "resolved_revision": "r1"})
    runner = CliRunner()
    result = runner.invoke(main, ["models", "list"])
    assert result.exit_code == 0, result.output
    assert "Helsinki-NLP/opus-mt-fr-en" in result.output and "missing (esgtext models pull fr-en)" in result.output
    result = runner.invoke(main, ["models", "list", "--json", "--model", f"zh-en={folder}"])
    rows = {r["pair"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows["zh-en"]["available"] and rows["zh-en"]["model_id"] == "me/zh"
    assert rows["fr-en"]["available"] is False


def test_cli_models_pull_offline_exits_3_with_one_line():
    result = CliRunner().invoke(main, ["models", "pull", "zh-en"])
    assert result.exit_code == EXIT_MODEL_MISSING
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("esgtext: error:") and "esgtext models pull" in lines[0]
    assert "Traceback" not in result.output


def test_cli_models_pull_unreachable_endpoint_exits_3(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setenv("HF_ENDPOINT", REFUSED_ENDPOINT)
    result = CliRunner().invoke(main, ["models", "pull", "-q"])
    assert result.exit_code == EXIT_MODEL_MISSING and "hub unreachable" in result.output


def test_cli_models_pull_usage_errors():
    runner = CliRunner()
    assert runner.invoke(main, ["models", "pull", "xx-en"]).exit_code == EXIT_USAGE
    assert runner.invoke(main, ["models", "pull", "--model", "nonsense"]).exit_code == EXIT_USAGE


def test_cli_models_pull_is_a_noop_for_a_local_model(tmp_path):
    fake_checkpoint(model_folder("Helsinki-NLP/opus-mt-zh-en", "main"), {"resolved_revision": "c" * 40})
    result = CliRunner().invoke(main, ["models", "pull", "zh-en"])
    assert result.exit_code == 0 and "c" * 40 in result.output


def test_models_commands_do_not_import_torch():
    import subprocess
    import sys

    code = (
        "import sys; from click.testing import CliRunner; from esgtext.cli import main; "
        "r = CliRunner().invoke(main, ['models', 'list']); p = CliRunner().invoke(main, ['models', 'pull', 'zh-en']); "
        "print(r.exit_code, p.exit_code, [m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0 3 []"
