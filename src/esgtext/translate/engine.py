"""The engine interface shared by every translation engine (no engine is imported here).

An engine turns lists of source token ids into target token ids with one MarianMT checkpoint;
:class:`Engine` holds what they share (tokenizer, limits, the lock around ``generate``). The
engines themselves (``transformers_engine``, ``ct2_engine``) derive from it and are found by name
in :data:`ENGINE_CLASSES` (``name -> "module:Class"``, defined here with what each one needs
installed, :data:`ENGINE_EXTRAS`), so that nothing imports them before they are used.
"""

from __future__ import annotations

import functools
import os
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .registry import ModelNotAvailable, ModelSpec

#: engine name -> "module:Class" (a subclass of :class:`~esgtext.translate.engine.Engine`)
ENGINE_CLASSES: dict[str, str] = {
    "transformers": "esgtext.translate.transformers_engine:TransformersEngine",
    "ctranslate2": "esgtext.translate.ct2_engine:CTranslate2Engine",
}
#: engine name -> (the esgtext extra that installs it, the top-level modules it imports)
ENGINE_EXTRAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "transformers": ("transformers", ("torch", "transformers", "sentencepiece")),
    "ctranslate2": ("ctranslate2", ("ctranslate2", "transformers", "sentencepiece")),
}


def default_compute_type(engine: str, device: str) -> str:
    """float16 on CUDA; on CPU int8 for CTranslate2, float32 for transformers."""
    if device.startswith("cuda"):
        return "float16"
    return "int8" if engine == "ctranslate2" else "float32"


@dataclass(frozen=True)
class Generated:
    """One model output: target token ids (no start/end tokens) and whether the length cap was hit."""

    ids: list[int]
    hit_max_length: bool


def default_threads() -> int:
    """Threads for one engine: ``$ESGTEXT_THREADS``, else the CPUs this process may use."""
    env = os.environ.get("ESGTEXT_THREADS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def load_tokenizer(path: Path):
    from transformers import AutoTokenizer

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*sacremoses.*")  # Marian's optional extra, not needed
        return AutoTokenizer.from_pretrained(str(path))


class Engine:
    """Base class: tokenization shared by both engines; subclasses implement :meth:`generate`."""

    name = "engine"

    def __init__(self, spec: ModelSpec, device: str = "cpu", compute_type: str | None = None):
        if spec.local_path is None:
            raise ModelNotAvailable(f"model for {spec.pair} is not downloaded; run `esgtext models pull {spec.pair}`")
        self.spec = spec
        self.device = device
        self.path = Path(spec.local_path)
        self.tokenizer = load_tokenizer(self.path)
        self.compute_type = compute_type or self.default_compute_type(device)
        self.sentences_translated = 0  # how many token sequences went through the model
        self._lock = threading.Lock()  # one generate at a time per engine instance

    @staticmethod
    def default_compute_type(device: str) -> str:
        return "float16" if device.startswith("cuda") else "float32"

    @functools.cached_property
    def max_input_tokens(self) -> int:
        """The most source tokens (end token included) the model reads without truncation."""
        import json

        config = json.loads((self.path / "config.json").read_text(encoding="utf-8"))
        limits = [config.get("max_position_embeddings") or 512]
        tok_max = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(tok_max, int) and 0 < tok_max < 100_000:
            limits.append(tok_max)
        return min(limits)

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """Source token ids (with the end token), never truncated."""
        return [list(ids) for ids in self.tokenizer(list(texts), truncation=False)["input_ids"]]

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, truncation=False)["input_ids"])

    def decode(self, ids: Sequence[int]) -> str:
        return self.tokenizer.decode(list(ids), skip_special_tokens=True).strip()

    def generate(
        self, batch: list[list[int]], *, beam_size: int, max_new_tokens: int, min_new_tokens: int = 0
    ) -> list[Generated]:
        raise NotImplementedError

    def translate_ids(
        self, batch: list[list[int]], *, beam_size: int, max_new_tokens: int, min_new_tokens: int = 0
    ) -> list[Generated]:
        with self._lock:
            out = self.generate(batch, beam_size=beam_size, max_new_tokens=max_new_tokens, min_new_tokens=min_new_tokens)
            self.sentences_translated += len(batch)
        if len(out) != len(batch):  # never silently drop a sentence
            raise RuntimeError(f"{self.name} returned {len(out)} outputs for {len(batch)} inputs")
        return out
