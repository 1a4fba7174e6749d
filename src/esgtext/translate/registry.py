"""The model registry: which OPUS-MT model translates each pair, and where it lives on disk.

The registry is a small TOML file (``models/registry.toml``) that maps a pair such as ``"zh-en"`` to
a Hugging Face Hub id, a pinned revision and a licence. Models are downloaded once with
:func:`pull_model` (``esgtext models pull``) into the standard Hugging Face cache (``$HF_HOME``;
a model already there, downloaded by any tool, is found without a network), or, when
``$ESGTEXT_MODELS_DIR`` is set, into that folder. esgtext's own model cache (``models/cache/`` in
a source checkout, ``$ESGTEXT_MODELS_DIR``, else ``~/.cache/esgtext/models``) is looked at first
and holds the CTranslate2 conversions (``ct2/``, made on first use, never in a model's own
folder: see ``esgtext.translate.ct2_engine.ct2_folder``), one folder per model id and revision::

    models/cache/Helsinki-NLP--opus-mt-zh-en/main/
        config.json  model.safetensors  source.spm  target.spm  vocab.json  ...
        esgtext-model.json       # what was downloaded: model id, requested and resolved revision
    models/cache/ct2/opus-mt-zh-en--<key>-int8/   # the CTranslate2 conversion

Nothing here imports torch, transformers or ctranslate2, and nothing touches the network unless a
model is missing: :func:`resolve_model` is cheap and is called before any work starts, so that a
missing model stops a command with one clear line (:class:`ModelNotAvailable`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from esgtext.errors import EXIT_MODEL_MISSING, EsgtextError

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE_DIR.parents[2]  # src/esgtext/translate -> repository root (source checkout)

#: Used when the package is installed without the repository's ``models/registry.toml``.
#: tests/test_models_registry.py checks that it agrees with the file.
BUILTIN_REGISTRY: dict[str, dict[str, Any]] = {
    "fr-en": {
        "model_id": "Helsinki-NLP/opus-mt-fr-en",
        "revision": "main",
        "licence": "CC-BY-4.0",
        "source": "fr",
        "target": "en",
        "alternatives": ["Helsinki-NLP/opus-mt-tc-big-fr-en"],
    },
    "zh-en": {
        "model_id": "Helsinki-NLP/opus-mt-zh-en",
        "revision": "main",
        "licence": "CC-BY-4.0",
        "source": "zh",
        "target": "en",
        "alternatives": [],
    },
}

MARKER_FILE = "esgtext-model.json"
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
# What a MarianMT checkpoint needs; everything else in a Hub repository (TF/Flax/Rust weights) is skipped.
_DOWNLOAD_PATTERNS = [
    "config.json",
    "generation_config.json",
    "*.spm",
    "vocab.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "README.md",
    "LICENSE*",
]
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_PROBE_TIMEOUT_S = 5.0


class ModelNotAvailable(EsgtextError, RuntimeError):
    """A model is not in the local cache and cannot be downloaded now (exit code 3).

    ``str(exc)`` is a single line meant for the user; it names ``esgtext models pull``.
    """

    exit_code = EXIT_MODEL_MISSING


@dataclass(frozen=True)
class ModelSpec:
    """One resolved model: what to load, from where, and what to record in every translation.

    ``revision`` is the resolved Hub commit when the download recorded one, else the pinned
    revision from the registry (or ``"local"`` for a folder given with ``--model``).
    ``local_path`` is ``None`` when the model still has to be downloaded (the hub is reachable).
    """

    pair: str
    model_id: str
    revision: str
    local_path: Path | None
    licence: str = "unknown"
    requested_revision: str = ""
    alternatives: tuple[str, ...] = field(default=(), compare=False)

    @property
    def available(self) -> bool:
        return self.local_path is not None and is_model_folder(self.local_path)

    @property
    def source_lang(self) -> str:
        return self.pair.split("-")[0]

    @property
    def target_lang(self) -> str:
        return self.pair.split("-")[1]


# --------------------------------------------------------------------------------------------
# locations


def registry_path() -> Path:
    """The registry file in use: ``$ESGTEXT_REGISTRY``, else ``models/registry.toml`` of the checkout."""
    env = os.environ.get("ESGTEXT_REGISTRY")
    return Path(env) if env else _REPO_ROOT / "models" / "registry.toml"


def models_dir() -> Path:
    """The model cache: ``$ESGTEXT_MODELS_DIR``, else ``models/cache/`` in a source checkout,
    else ``~/.cache/esgtext/models``."""
    env = os.environ.get("ESGTEXT_MODELS_DIR")
    if env:
        return Path(env).expanduser()
    if (_REPO_ROOT / "models" / "registry.toml").is_file():
        return _REPO_ROOT / "models" / "cache"
    return Path.home() / ".cache" / "esgtext" / "models"


def model_folder(model_id: str, revision: str) -> Path:
    """Where ``model_id`` at ``revision`` lives in the model cache."""
    return models_dir() / model_id.replace("/", "--") / revision


def is_model_folder(path: Path) -> bool:
    """True when ``path`` holds a complete checkpoint (config, weights and tokenizer)."""
    path = Path(path)
    return (
        (path / "config.json").is_file()
        and any((path / w).is_file() for w in WEIGHT_FILES)
        and ((path / "source.spm").is_file() or (path / "tokenizer.json").is_file())
    )


def read_marker(path: Path) -> dict[str, Any]:
    try:
        return json.loads((Path(path) / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# --------------------------------------------------------------------------------------------
# the registry


def load_registry(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """Pairs of the registry file as ``{pair: {"model_id", "revision", "licence", ...}}``."""
    path = Path(path) if path else registry_path()
    if not path.is_file():
        return {k: dict(v) for k, v in BUILTIN_REGISTRY.items()}
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    pairs = data.get("pairs", {})
    for pair, entry in pairs.items():
        if "model_id" not in entry or "revision" not in entry:
            raise ValueError(f"{path}: pair {pair!r} needs model_id and revision")
        entry.setdefault("licence", "unknown")
        entry.setdefault("alternatives", [])
    return pairs


def hub_offline() -> bool:
    """True when the user asked for no network (``HF_HUB_OFFLINE=1``), read at call time."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def hub_endpoint() -> str | None:
    return os.environ.get("HF_ENDPOINT") or None


def parse_model_overrides(values: Iterable[str]) -> dict[str, str]:
    """``["zh-en=/models/zh", "fr-en=Helsinki-NLP/opus-mt-tc-big-fr-en"]`` -> a dict.

    Raises ``ValueError`` (one line) for a value without ``PAIR=``.
    """
    overrides: dict[str, str] = {}
    for value in values:
        pair, sep, target = value.partition("=")
        pair, target = pair.strip(), target.strip()
        if not sep or not re.fullmatch(r"[a-z]{2,3}-[a-z]{2,3}", pair) or not target:
            raise ValueError(f"--model expects PAIR=PATH_OR_HUB_ID (e.g. zh-en=./my-model), got {value!r}")
        overrides[pair] = target
    return overrides


def _missing_message(pair: str, model_id: str, revision: str, reason: str) -> str:
    return (
        f"model for {pair} ({model_id}@{revision}) is not in {models_dir()} and cannot be "
        f"downloaded ({reason}); run `esgtext models pull {pair}` where the Hugging Face Hub is "
        f"reachable, or pass --model {pair}=PATH"
    )


def not_downloaded_message(spec: "ModelSpec") -> str:
    """The one line for a model that is not in the cache when no download was asked for."""
    return (
        f"model for {spec.pair} ({spec.model_id}@{spec.requested_revision or spec.revision}) is not in "
        f"{models_dir()}; run `esgtext models pull {spec.pair}` (or pass --download to fetch it "
        f"now, or --model {spec.pair}=PATH)"
        + (f"; a folder {spec.model_id} exists here: write ./{spec.model_id} to use it"
           if Path(spec.model_id).is_dir() else "")
    )


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _hub_api():
    from huggingface_hub import HfApi  # lazy: no network library at import

    return HfApi(endpoint=hub_endpoint())


def _probe_hub(pair: str, model_id: str, revision: str):
    """Ask the Hub about ``model_id``; ModelNotAvailable (one line) when it cannot answer."""
    if hub_offline():
        raise ModelNotAvailable(_missing_message(pair, model_id, revision, "HF_HUB_OFFLINE=1"))
    try:
        return _hub_api().model_info(model_id, revision=revision, timeout=_PROBE_TIMEOUT_S)
    except Exception as exc:  # network errors come from httpx/requests/huggingface_hub alike
        name = type(exc).__name__
        if "NotFound" in name:
            reason = f"not found on the hub: {name}"
        else:
            reason = f"hub unreachable: {name}: {_one_line(exc)}"
        raise ModelNotAvailable(_missing_message(pair, model_id, revision, reason)) from None


def hf_cache_dir() -> Path:
    """The standard Hugging Face hub cache, read at call time: ``$HF_HUB_CACHE``, else
    ``$HF_HOME/hub``, else ``~/.cache/huggingface/hub``."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "huggingface")
    return Path(home).expanduser() / "hub"


def hf_cached_snapshot(model_id: str, revision: str) -> Path | None:
    """The snapshot of ``model_id`` at ``revision`` (a branch, tag or commit) in the standard
    Hugging Face cache when it is there and complete, without any network
    (``snapshot_download(..., local_files_only=True)``), else None."""
    repo = hf_cache_dir() / f"models--{model_id.replace('/', '--')}"
    if not repo.is_dir():
        return None  # nothing to ask huggingface_hub about (and no import of it)
    try:
        from huggingface_hub import snapshot_download

        path = Path(snapshot_download(model_id, revision=revision, cache_dir=str(hf_cache_dir()),
                                      local_files_only=True))
    except Exception:  # not cached (LocalEntryNotFoundError), or no huggingface_hub
        return None
    return path if is_model_folder(path) else None


def _spec_for_hub_id(pair: str, model_id: str, revision: str, licence: str, alternatives=()) -> ModelSpec:
    """Where the model is: esgtext's model cache first (``ESGTEXT_MODELS_DIR``, what earlier
    versions pulled), then the standard Hugging Face cache, where a model another tool downloaded
    is found without downloading it again; ``local_path=None`` when in neither."""
    folder = model_folder(model_id, revision)
    if is_model_folder(folder):
        resolved = read_marker(folder).get("resolved_revision") or revision
        return ModelSpec(pair, model_id, resolved, folder, licence, revision, tuple(alternatives))
    snapshot = hf_cached_snapshot(model_id, revision)
    if snapshot is not None:  # the snapshot folder is named by its commit
        return ModelSpec(pair, model_id, snapshot.name, snapshot, licence, revision, tuple(alternatives))
    return ModelSpec(pair, model_id, revision, None, licence, revision, tuple(alternatives))


def _looks_like_path(value: str) -> bool:
    """A local folder must be written as a path (``./x``, ``../x``, ``/x``, ``~/x``): anything else
    is a Hub id, never looked up in the current directory (a folder ``./Helsinki-NLP/opus-mt-fr-en``
    there must not stand in for the model ``Helsinki-NLP/opus-mt-fr-en``)."""
    return value.startswith(("./", "../", "/", "~")) or value in (".", "..", "~") or (
        os.altsep is not None and (os.sep in value or value[1:3] in (":\\", ":/"))
    )


def resolve_model(pair: str, overrides: Mapping[str, str] | None = None, *, check_hub: bool = True) -> ModelSpec:
    """The model that translates ``pair`` (e.g. ``"zh-en"``), without loading it.

    ``overrides`` come from ``--model PAIR=PATH_OR_HUB_ID``: a local folder (used as is; its
    revision is ``"local"`` unless it was made by ``esgtext models pull``) or a Hub id, optionally
    ``id@revision`` (default revision ``main``).

    When the model is not in the local cache, the Hub is asked (5 s timeout) whether it could be
    downloaded; if not (``HF_HUB_OFFLINE=1``, no network, unknown id) this raises
    :class:`ModelNotAvailable` with one line naming ``esgtext models pull``. When it could, the
    returned spec has ``local_path=None`` and the model is downloaded on first use.
    ``check_hub=False`` skips that question (``esgtext models list``).

    >>> resolve_model("zh-en").model_id                     # doctest: +SKIP
    'Helsinki-NLP/opus-mt-zh-en'
    """
    overrides = dict(overrides or {})
    registry = load_registry()
    entry = registry.get(pair)
    if pair in overrides:
        value = overrides[pair]
        if _looks_like_path(value):
            folder = Path(value).expanduser().resolve()
            if not is_model_folder(folder):
                raise ModelNotAvailable(
                    f"--model {pair}={value}: not a model folder (needs config.json, weights and "
                    f"source.spm); run `esgtext models pull {pair}` or give a MarianMT checkpoint folder"
                )
            marker = read_marker(folder)
            return ModelSpec(
                pair,
                marker.get("model_id") or str(folder),
                marker.get("resolved_revision") or "local",
                folder,
                marker.get("licence", "unknown (local folder)"),
                "local",
            )
        model_id, _, revision = value.partition("@")
        if not _HUB_ID.match(model_id):
            raise ModelNotAvailable(
                f"--model {pair}={value}: neither a folder written as a path (./x, /x, ~/x) nor a "
                f"hub id (org/name)"
            )
        licence = entry["licence"] if entry and entry["model_id"] == model_id else "unknown"
        spec = _spec_for_hub_id(pair, model_id, revision or "main", licence)
    elif entry is not None:
        spec = _spec_for_hub_id(
            pair, entry["model_id"], entry["revision"], entry["licence"], entry.get("alternatives", ())
        )
    else:
        known = ", ".join(sorted(registry)) or "none"
        raise ModelNotAvailable(
            f"no model registered for {pair} (registered: {known}); pass --model {pair}=PATH_OR_HUB_ID"
        )
    if spec.local_path is None and check_hub:
        _probe_hub(pair, spec.model_id, spec.requested_revision)
    return spec


def pull_model(
    pair: str,
    overrides: Mapping[str, str] | None = None,
    *,
    force: bool = False,
    progress: bool = True,
) -> ModelSpec:
    """Download the model for ``pair`` (a no-op when it is already there).

    Into the standard Hugging Face cache (``$HF_HOME``, shared with every other tool that uses
    it), with ``snapshot_download(revision=<pinned revision>)`` and only the files a MarianMT
    checkpoint needs (safetensors preferred); the snapshot folder is named by the commit that the
    pinned revision resolved to, which every record then carries. When ``$ESGTEXT_MODELS_DIR`` is
    set, into that folder instead, as earlier versions did (``<folder>.partial`` renamed into place
    when complete, so an interrupted pull never looks like a model).
    Raises :class:`ModelNotAvailable` (one line) when the Hub cannot be reached.
    """
    spec = resolve_model(pair, overrides, check_hub=False)
    if spec.requested_revision == "local":
        return spec
    if spec.available and not force:
        return spec
    info = _probe_hub(pair, spec.model_id, spec.requested_revision)
    commit = getattr(info, "sha", None) or spec.requested_revision
    siblings = {s.rfilename for s in (getattr(info, "siblings", None) or [])}
    weights = "model.safetensors" if "model.safetensors" in siblings or not siblings else "pytorch_model.bin"
    if not os.environ.get("ESGTEXT_MODELS_DIR"):
        return _pull_to_hf_cache(spec, [*_DOWNLOAD_PATTERNS, weights], force=force, progress=progress)
    folder = model_folder(spec.model_id, spec.requested_revision)
    partial = folder.with_name(folder.name + ".partial")
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        from huggingface_hub import snapshot_download

        snapshot_download(
            spec.model_id,
            revision=commit,
            local_dir=partial,
            allow_patterns=[*_DOWNLOAD_PATTERNS, weights],
            endpoint=hub_endpoint(),
            etag_timeout=_PROBE_TIMEOUT_S,
            tqdm_class=None if progress else _silent_tqdm_class(),
        )
    except Exception as exc:
        raise ModelNotAvailable(
            _missing_message(pair, spec.model_id, spec.requested_revision, f"download failed: {_one_line(exc)}")
        ) from None
    marker = {
        "pair": pair,
        "model_id": spec.model_id,
        "requested_revision": spec.requested_revision,
        "resolved_revision": commit,
        "licence": spec.licence,
    }
    (partial / MARKER_FILE).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    if not is_model_folder(partial):
        raise ModelNotAvailable(
            f"{spec.model_id}@{commit} downloaded but is not a MarianMT checkpoint (no config/weights/source.spm)"
        )
    if folder.exists():
        shutil.rmtree(folder)
    partial.rename(folder)
    return ModelSpec(pair, spec.model_id, commit, folder, spec.licence, spec.requested_revision, spec.alternatives)


def _pull_to_hf_cache(spec: ModelSpec, patterns: list[str], *, force: bool, progress: bool) -> ModelSpec:
    try:
        from huggingface_hub import snapshot_download

        path = Path(snapshot_download(
            spec.model_id,
            revision=spec.requested_revision,  # also records the branch -> commit ref in the cache
            cache_dir=str(hf_cache_dir()),
            allow_patterns=patterns,
            force_download=force,
            endpoint=hub_endpoint(),
            etag_timeout=_PROBE_TIMEOUT_S,
            tqdm_class=None if progress else _silent_tqdm_class(),
        ))
    except Exception as exc:
        raise ModelNotAvailable(
            _missing_message(spec.pair, spec.model_id, spec.requested_revision, f"download failed: {_one_line(exc)}")
        ) from None
    if not is_model_folder(path):
        raise ModelNotAvailable(
            f"{spec.model_id}@{path.name} downloaded but is not a MarianMT checkpoint (no config/weights/source.spm)"
        )
    return ModelSpec(spec.pair, spec.model_id, path.name, path, spec.licence, spec.requested_revision,
                     spec.alternatives)


def _silent_tqdm_class():
    from tqdm.auto import tqdm

    class Silent(tqdm):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):
            kwargs["disable"] = True
            super().__init__(*args, **kwargs)

    return Silent


def list_models(overrides: Mapping[str, str] | None = None) -> list[ModelSpec]:
    """Every registered pair (plus overridden ones) with whether it is available locally; no network."""
    pairs = list(load_registry())
    pairs += [p for p in (overrides or {}) if p not in pairs]
    specs = []
    for pair in pairs:
        try:
            specs.append(resolve_model(pair, overrides, check_hub=False))
        except ModelNotAvailable:
            value = (overrides or {}).get(pair, "?")
            specs.append(ModelSpec(pair, value, "local", None, "unknown", "local"))
    return specs
