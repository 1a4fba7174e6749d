"""MarianMT through CTranslate2 (``--engine ctranslate2``).

The transformers checkpoint is converted once with ``ctranslate2.converters.TransformersConverter``
into esgtext's model cache, ``<models dir>/ct2/<model key>-<compute type>/`` (see
:func:`ct2_folder`; never into the model's own folder). Conversion writes to a temporary folder that is
renamed into place, so a crash or a concurrent process never leaves half a model behind.
Tokenization stays with the model's own MarianTokenizer, so both engines see the same tokens.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import warnings
from pathlib import Path

from .engine import Engine, Generated, default_threads
from .registry import ModelSpec, hf_cache_dir, models_dir


def ct2_folder(model_path: Path, compute_type: str) -> Path:
    """Where the conversion of ``model_path`` for ``compute_type`` lives: always in esgtext's model
    cache (``<models dir>/ct2/``), never in the model's own folder (a user's folder, or a snapshot
    of the Hugging Face cache, which belongs to huggingface_hub).

    A model of the Hugging Face cache (``.../models--org--name/snapshots/<commit>``) is keyed by
    name and commit; any other folder by its name, its resolved path and its weights' size and
    modification time, so that new weights in the same folder get a new conversion. A conversion
    that an earlier version wrote beside the model (``<model>/ct2-<type>/``) is still used.
    """
    model_path = Path(model_path)
    beside = model_path / f"ct2-{compute_type}"
    if (beside / "model.bin").is_file():
        return beside
    resolved = model_path.resolve()
    if resolved.is_relative_to(hf_cache_dir().resolve()):
        key = f"{model_path.parent.parent.name}--{model_path.name}"
    else:
        weights = sorted(p for p in resolved.glob("*") if p.suffix in (".safetensors", ".bin")
                         and p.is_file())
        stamp = "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in weights)
        digest = hashlib.sha256(f"{resolved}\n{stamp}".encode()).hexdigest()[:16]
        key = f"{model_path.name}--{digest}"
    return models_dir() / "ct2" / f"{key}-{compute_type}"


def convert_checkpoint(model_path: Path, compute_type: str, *, force: bool = False) -> Path:
    """Convert the checkpoint in ``model_path`` for CTranslate2 (once) and return the folder."""
    target = ct2_folder(model_path, compute_type)
    if (target / "model.bin").is_file() and not force:
        return target
    import ctranslate2.converters
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # the converter loads the checkpoint through transformers
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            converter = ctranslate2.converters.TransformersConverter(str(model_path))
            # Weights are stored as the compute type, so loading needs no conversion.
            converter.convert(str(tmp), quantization=compute_type, force=True)
        if force and target.exists():
            shutil.rmtree(target)
        try:
            tmp.rename(target)
        except OSError:  # another process finished first: use its conversion
            if not (target / "model.bin").is_file():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


class CTranslate2Engine(Engine):
    name = "ctranslate2"

    @staticmethod
    def default_compute_type(device: str) -> str:
        return "float16" if device.startswith("cuda") else "int8"

    def __init__(self, spec: ModelSpec, device: str = "cpu", compute_type: str | None = None):
        super().__init__(spec, device, compute_type)
        import ctranslate2

        kind, _, index = device.partition(":")
        self.ct2_path = convert_checkpoint(self.path, self.compute_type)
        self.translator = ctranslate2.Translator(
            str(self.ct2_path),
            device=kind,
            device_index=int(index) if index else 0,
            compute_type=self.compute_type,
            intra_threads=default_threads() if kind == "cpu" else 0,
        )

    def generate(
        self, batch: list[list[int]], *, beam_size: int, max_new_tokens: int, min_new_tokens: int = 0
    ) -> list[Generated]:
        tokens = [self.tokenizer.convert_ids_to_tokens(ids) for ids in batch]
        results = self.translator.translate_batch(
            tokens,
            beam_size=beam_size,
            max_batch_size=0,
            max_input_length=0,  # 0 = never truncate: long inputs are split before
            max_decoding_length=max_new_tokens,
            min_decoding_length=min_new_tokens,
            length_penalty=1.0,
            return_end_token=True,
        )
        eos = self.tokenizer.eos_token
        out = []
        for result in results:
            hyp = list(result.hypotheses[0])
            ended = bool(hyp) and hyp[-1] == eos
            if ended:
                hyp = hyp[:-1]
            out.append(Generated(self.tokenizer.convert_tokens_to_ids(hyp), hit_max_length=not ended))
        return out
