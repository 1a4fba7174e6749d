"""The code's shape (issue #11): no import circle, one error hierarchy, engines found by name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def import_graph(root: Path = SRC) -> dict[str, set[str]]:
    """Module -> the esgtext modules it imports, counting every import statement (inside
    functions and ``if TYPE_CHECKING:`` too)."""
    modules: dict[str, tuple[Path, str]] = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
            package = ".".join(parts)
        else:
            package = ".".join(parts[:-1])
        modules[".".join(parts)] = (path, package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, package) in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                targets = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in modules]
                targets = targets or [module]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circle_in_the_package():
    graph = import_graph()
    assert "esgtext.language" in graph and graph["esgtext.segmentation"]  # the graph was read
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_every_user_error_is_an_esgtext_error_with_its_exit_code():
    from esgtext.cli import exit_code_for
    from esgtext.errors import EsgtextError, InputError, OutputError, UsageError
    from esgtext.repair import UndecodableInput
    from esgtext.translate import ModelNotAvailable

    codes = {UndecodableInput("x"): 1, InputError("special-file", "x"): 1, OutputError("x"): 1,
             UsageError("x"): 2, ModelNotAvailable("x"): 3, KeyboardInterrupt(): 130}
    for exc, code in codes.items():
        assert exit_code_for(exc) == code
        assert isinstance(exc, (EsgtextError, KeyboardInterrupt))
    # the old bases still hold for callers that catch them
    assert isinstance(UndecodableInput("x"), ValueError) and isinstance(ModelNotAvailable("x"), RuntimeError)
    assert isinstance(UsageError("x"), ValueError)


def test_engines_are_found_by_name_and_the_cli_offers_them():
    from click.testing import CliRunner

    from esgtext.cli import main
    from esgtext.translate.engine import Engine
    from esgtext.translate.engines import ENGINES, engine_class

    assert ENGINES == ("transformers", "ctranslate2")
    assert all(issubclass(engine_class(name), Engine) for name in ENGINES)
    with pytest.raises(ValueError, match="unknown engine 'nope'"):
        engine_class("nope")
    help_text = CliRunner().invoke(main, ["translate", "--help"]).output
    assert "transformers|ctranslate2" in help_text


def test_the_public_api_is_typed_for_type_checkers_and_light_at_run_time(tmp_path):
    import subprocess
    import sys

    import esgtext

    tree = ast.parse((SRC / "esgtext" / "__init__.py").read_text(encoding="utf-8"))
    typed = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.If)
             for stmt in node.body if isinstance(stmt, ast.ImportFrom) for alias in stmt.names}
    assert typed == set(esgtext._EXPORTS)  # every lazy name is also a real import for checkers
    code = ("import sys, esgtext; [getattr(esgtext, n) for n in esgtext.__all__]; "
            "print([m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    pytest.importorskip("mypy")
    probe = tmp_path / "probe.py"
    probe.write_text("import esgtext\nreveal_type(esgtext.repair_text)\nesgtext.repair_txt('x')\n")
    result = subprocess.run([sys.executable, "-m", "mypy", "--follow-imports=silent", "--ignore-missing-imports",
                             "--cache-dir", str(tmp_path / "cache"), str(probe)], capture_output=True, text=True)
    assert 'Revealed type is "def (text: str' in result.stdout, result.stdout
    assert 'has no attribute "repair_txt"' in result.stdout


def test_no_function_over_120_lines():
    long = []
    for path in sorted((SRC / "esgtext").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{path.relative_to(SRC).as_posix()}:{node.name}"
                if node.end_lineno - node.lineno + 1 > 120:
                    long.append(name)
    assert long == []


def test_pipeline_is_split_by_idea_and_documents_hold_their_prepared_form():
    from esgtext import document, pipeline, run, store, translator

    assert pipeline.Document is document.Document and pipeline.translate_folder is run.translate_folder
    assert pipeline.Manifest is store.Manifest and pipeline.Translator is translator.Translator
    doc = document.process_document("The board approved it.", "x.txt",
                                    translator=translator.Translator.untranslated())
    assert doc.text is doc.prepared.text and doc.doc == "x.txt"
    assert doc.counts["kept"] == 1 and doc.counts() == doc.counts  # a property (still callable)


def test_every_command_reads_the_same_inputs_and_html_as_its_article(tmp_path):
    from click.testing import CliRunner

    from esgtext.cli import main

    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Health &amp; Safety\n", encoding="utf-8")
    (inbox / "b.md").write_text("# Title\n", encoding="utf-8")
    (inbox / "c.html").write_text(
        "<html><body><nav>Home News Sign in</nav><article><p>The board approved the new water "
        "policy for every site of the group.</p></article><footer>Privacy policy</footer></body></html>",
        encoding="utf-8")
    (inbox / "d.pdf").write_bytes(b"%PDF-1.4")
    runner = CliRunner()
    repaired = runner.invoke(main, ["repair", str(inbox)]).stdout
    assert "Health & Safety" in repaired and "water policy" in repaired
    assert "<p>" not in repaired and "Privacy" not in repaired
    detected = runner.invoke(main, ["detect", str(inbox)]).stdout
    assert [line.split("\t")[0].rsplit("/", 1)[-1] for line in detected.splitlines()] == ["a.txt", "b.md", "c.html"]
    segments = runner.invoke(main, ["segment", str(inbox / "c.html")]).stdout
    assert "\tThe board approved the new water policy for every site of the group." in segments
    assert "<" not in segments and "Privacy" not in segments


def test_translate_settings_resolve_defaults_once_and_describe_themselves(tmp_path):
    import dataclasses
    import doctest
    import hashlib
    import json

    import esgtext.translate.settings as settings_module
    from esgtext._version import __version__
    from esgtext.errors import UsageError
    from esgtext.pipeline import Translator
    from esgtext.translate import TranslateSettings
    from esgtext.translate.core import Translation

    assert doctest.testmod(settings_module).failed == 0
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("EcoVadis\n", encoding="utf-8")
    s = TranslateSettings.from_options(glossary=glossary)
    assert (s.engine, s.device, s.compute_type, s.beam_size, s.max_batch_tokens) == (
        "transformers", "cpu", "float32", 4, 4096)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.beam_size = 5  # type: ignore[misc]
    with pytest.raises(UsageError):
        TranslateSettings.from_options(engine="nope")
    t = Translation("Bonjour", "Hello", [], "m", "r", "transformers")
    assert s.signature(t) == f"esgtext:{__version__}|repair:{settings_module.repair_settings()}" \
        f"|engine:transformers|model:m|rev:r|beam:4|glossary:{s.glossary_hash}"
    assert s.cache_key() == "transformers:float32:beam4"
    # the manifests of earlier runs keep matching: the same payload as before, beam None by default
    payload = {"esgtext": __version__, "repair": settings_module.repair_settings(),
               "formats": ["jsonl"], "engine": "transformers", "models": {}, "beam_size": None,
               "glossary": hashlib.sha256(b"EcoVadis\n").hexdigest()[:12]}
    expected = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]
    assert s.settings_hash({}, ["jsonl"]) == expected
    translator = Translator(allow_untranslated=True, pairs=(), settings=s)
    assert translator.config is s and translator.settings_hash(["jsonl"]) == expected


def test_the_doctests_of_every_module_pass():
    import doctest
    import importlib
    import pkgutil

    import esgtext

    failed, attempted = {}, 0
    for info in pkgutil.walk_packages(esgtext.__path__, "esgtext."):
        module = importlib.import_module(info.name)
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        attempted += result.attempted
        if result.failed:
            failed[info.name] = result.failed
    assert failed == {} and attempted > 50


def test_objects_or_paths_are_accepted_everywhere(tiny_spm_model, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from esgtext.pipeline import Translator, process_document
    from esgtext.translate import Glossary, TranslationCache, resolve_model, translate_segments

    terms = tmp_path / "terms.tsv"
    terms.write_text("RSE\tCSR\tfr\n", encoding="utf-8")
    spec = resolve_model("fr-en", {"fr-en": str(tiny_spm_model)})
    out = translate_segments(["RSE", "RSE"], "fr", model=spec, glossary=terms, cache=tmp_path / "tm.sqlite")
    assert [t.target for t in out] == ["CSR", "CSR"] and out[0].flags == ["glossary"]
    cache = TranslationCache(tmp_path / "tm2.sqlite")
    glossary = Glossary.from_file(terms)
    doc = process_document("RSE", "x.txt", allow_untranslated=True, models={"fr-en": str(tiny_spm_model)},
                           glossary=glossary, cache=cache, beam_size=1)
    assert doc.records[0].target == "CSR" and doc.records[0].signature.endswith(
        f"glossary:{glossary.content_hash()}")
    cache.get_many("m", "r", "k", ["x"])  # the caller's cache object is still open
    by_path = Translator(allow_untranslated=True, pairs=(), glossary=terms)
    assert by_path.glossary_hash and by_path.glossary_hash != glossary.content_hash()  # file bytes


def test_a_repair_config_is_passed_into_runs_like_the_translation_settings(tmp_path):
    from esgtext.pipeline import Translator, process_document, translate_folder
    from esgtext.repair import RepairConfig

    damaged = "La socit a publi son rapport annuel sur le dveloppement durable."
    default = process_document(damaged, allow_untranslated=True, pairs=())
    plain = process_document(damaged, allow_untranslated=True, pairs=(),
                             repair_config=RepairConfig(restore_french=False))
    assert "société" in default.text and plain.text == damaged
    assert "french=False" in plain.records[0].signature and "french=auto" in default.records[0].signature
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(damaged, encoding="utf-8")
    out = tmp_path / "out"
    translate_folder([tmp_path / "in"], out, translator=Translator.untranslated())
    again = translate_folder([tmp_path / "in"], out, translator=Translator(
        allow_untranslated=True, pairs=(), repair_config=RepairConfig(restore_french=False)))
    assert again.processed == 1 and again.skipped == 0  # other repair settings: redone
    assert "socit" in (out / "a.txt.jsonl").read_text(encoding="utf-8")


def test_the_docstring_examples_of_every_module_run():
    """Every module's examples (issue #11): a module whose optional extra is not installed is
    skipped, by name, and nothing else."""
    import doctest
    import importlib
    import pkgutil

    import esgtext

    attempted, failed, missing = 0, [], []
    for info in pkgutil.walk_packages(esgtext.__path__, "esgtext."):
        try:
            module = importlib.import_module(info.name)
        except ModuleNotFoundError as exc:  # an optional extra (ray, starlette, torch) is absent
            missing.append(f"{info.name} ({exc.name})")
            continue
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        attempted += result.attempted
        if result.failed:
            failed.append(info.name)
    assert failed == [] and attempted > 100, (failed, attempted, missing)
