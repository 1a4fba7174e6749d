"""MarianMT through Hugging Face transformers (``--engine transformers``, the default)."""

from __future__ import annotations

import warnings

from .engine import Engine, Generated, default_threads
from .registry import ModelSpec


class TransformersEngine(Engine):
    name = "transformers"

    def __init__(self, spec: ModelSpec, device: str = "cpu", compute_type: str | None = None):
        super().__init__(spec, device, compute_type)
        import torch
        from transformers import AutoModelForSeq2SeqLM

        if device == "cpu" and torch.get_num_threads() > default_threads():
            torch.set_num_threads(default_threads())
        dtype = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}.get(self.compute_type)
        if dtype is None:
            raise ValueError(f"transformers engine: compute type {self.compute_type!r} not in float32/float16/bfloat16")
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = AutoModelForSeq2SeqLM.from_pretrained(str(self.path), dtype=dtype)
        self.model = model.to(device).eval()
        self._torch = torch
        config = self.model.config
        self.pad_id = config.pad_token_id
        self.eos_id = config.eos_token_id
        self.start_id = config.decoder_start_token_id
        generation = self.model.generation_config
        # Marian checkpoints force an end token at the length cap (forced_eos_token_id): that would
        # hide a runaway output; we cap and flag instead. <pad> is never a real output token
        # (published configs ban it with bad_words_ids; CTranslate2 removes it from the vocabulary).
        generation.forced_eos_token_id = None
        generation.bad_words_ids = [[self.pad_id]]
        generation.max_length = None
        generation.num_beams = 1

    def generate(
        self, batch: list[list[int]], *, beam_size: int, max_new_tokens: int, min_new_tokens: int = 0
    ) -> list[Generated]:
        torch = self._torch
        width = max(len(ids) for ids in batch)
        input_ids = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
        attention = torch.zeros((len(batch), width), dtype=torch.long)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = torch.tensor(ids, dtype=torch.long)
            attention[row, : len(ids)] = 1
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = self.model.generate(
                input_ids=input_ids.to(self.device),
                attention_mask=attention.to(self.device),
                num_beams=beam_size,
                do_sample=False,
                max_new_tokens=max_new_tokens,
                min_new_tokens=min_new_tokens,
                num_return_sequences=1,
                **({"length_penalty": 1.0, "early_stopping": True} if beam_size > 1 else {}),
            )
        results = []
        for row in out.tolist():
            if row and row[0] == self.start_id:
                row = row[1:]
            ended = self.eos_id in row
            if ended:
                row = row[: row.index(self.eos_id)]
            row = [t for t in row if t != self.pad_id]
            results.append(Generated(row, hit_max_length=not ended))
        return results
