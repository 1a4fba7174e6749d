"""Tiny random-weight MarianMT checkpoints for tests (and full-size ones for benchmarks).

Real OPUS-MT weights cannot be downloaded on the machines this project is built on, so tests run
the real loading and translation code on models with random weights: their *outputs* are
meaningless, but the tokenizer, the configuration, the checkpoint format and both engines
(transformers and CTranslate2) are the real ones.

    from tiny_models import build_tiny_marian
    path = build_tiny_marian(tmp_path / "zh-en", source="zh", shared_dir=Path("../shared"))
    translate_segments(["你好"], "zh", model=f"zh-en={path}")   # or resolve_model(..., overrides)

* ``shared_dir`` given: the real config and tokenizer of ``opus-mt-zh-en`` / ``opus-mt-tc-big-fr-en``
  from ``<shared_dir>/models/``, with the network shrunk (``d_model``, layers, heads, FFN).
* ``shared_dir=None``: a sentencepiece model trained in about a second on a few lines of French,
  Chinese and English, so engine tests also run where ../shared is absent.

Nothing from ../shared is copied into the repository: the checkpoint is written to ``out_dir``
(a pytest tmp dir). Building imports torch and transformers, so import this module only in tests
that need a model.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

SHARED_MODEL_DIRS = {"zh": "opus-mt-zh-en", "fr": "opus-mt-tc-big-fr-en"}

# A few lines in each language: enough for a 200-piece sentencepiece model.
_TRAINING_LINES = [
    "Le groupe a réduit ses émissions de CO2 de 12,5 % en 2023.",
    "La société publie son rapport de durabilité et sa stratégie climat.",
    "Les énergies renouvelables représentent 40 % de la consommation.",
    "Nous visons la neutralité carbone d'ici 2050 sur l'ensemble de nos sites.",
    "公司二〇二三年的碳排放量下降了百分之十二。",
    "我们致力于可持续发展和绿色能源转型。",
    "董事会批准了新的环境、社会和治理战略。",
    "The company reduced its carbon emissions by 12.5 percent in 2023.",
    "We publish our sustainability report and our climate strategy every year.",
    "Renewable energy represents forty percent of our consumption.",
    "0123456789 %,.;:!?()-/@ https://www.example.com info@example.com",
]


def _train_sentencepiece(out_dir: Path, vocab_size: int) -> list[str]:
    import sentencepiece as spm

    text = out_dir / "spm-train.txt"
    text.write_text("\n".join(_TRAINING_LINES * 3) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(text),
        model_prefix=str(out_dir / "spm"),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        unk_id=0,
        bos_id=-1,
        eos_id=1,
        pad_id=-1,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    text.unlink()
    processor = spm.SentencePieceProcessor(model_file=str(out_dir / "spm.model"))
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    shutil.move(out_dir / "spm.model", out_dir / "source.spm")
    shutil.copy(out_dir / "source.spm", out_dir / "target.spm")
    (out_dir / "spm.vocab").unlink()
    return pieces


def _trained_tokenizer_files(out_dir: Path, vocab_size: int) -> dict:
    """source.spm/target.spm/vocab.json in Marian's layout: </s>=0, <unk>=1, pieces, <pad> last."""
    pieces = _train_sentencepiece(out_dir, vocab_size)
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in pieces:
        if piece not in vocab and piece not in {"<s>", "<pad>"}:
            vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    n = len(vocab)
    return {
        "vocab_size": n,
        "decoder_vocab_size": n,
        "pad_token_id": n - 1,
        "decoder_start_token_id": n - 1,
        "eos_token_id": 0,
        "bos_token_id": 0,
        "forced_eos_token_id": 0,
        "bad_words_ids": [[n - 1]],
        "max_position_embeddings": 512,
        "max_length": 512,
        "activation_function": "swish",
        "scale_embedding": True,
        "static_position_embeddings": True,
        "share_encoder_decoder_embeddings": True,
    }


def build_tiny_marian(
    out_dir: Path | str,
    *,
    source: str = "zh",
    shared_dir: Path | str | None = None,
    d_model: int = 32,
    layers: int = 1,
    heads: int = 2,
    ffn_dim: int = 64,
    full_size: bool = False,
    seed: int = 0,
    vocab_size: int = 200,
    model_dir: Path | str | None = None,
) -> Path:
    """Write a random-weight MarianMT checkpoint (source -> English) to ``out_dir`` and return it.

    Args:
        out_dir: folder to create (it must not exist or be empty).
        source: ``"zh"`` or ``"fr"``.
        shared_dir: the ``shared`` folder holding ``models/opus-mt-zh-en`` and
            ``models/opus-mt-tc-big-fr-en``; ``None`` trains a small sentencepiece model instead.
        d_model, layers, heads, ffn_dim: network size (tests keep it tiny).
        full_size: keep the real configuration's sizes (benchmarks); needs ``shared_dir``.
        seed: torch seed; the same seed gives the same weights.
        vocab_size: sentencepiece vocabulary size when training (``shared_dir=None``).
        model_dir: a folder with a real config.json, source.spm, target.spm and vocab.json to use
            instead of ``<shared_dir>/models/...`` (benchmarks' ``--model-config``).

    The checkpoint has the files ``esgtext`` loads from a pulled model (config.json,
    model.safetensors, source.spm, target.spm, vocab.json, tokenizer_config.json) and an
    ``esgtext-model.json`` marker that names it ``tiny-random/<source>-en`` so records show
    that its outputs are meaningless.
    """
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    if source not in SHARED_MODEL_DIRS:
        raise ValueError(f"source must be one of {sorted(SHARED_MODEL_DIRS)}, got {source!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    if shared_dir is not None or model_dir is not None:
        real = Path(model_dir) if model_dir is not None else Path(shared_dir) / "models" / SHARED_MODEL_DIRS[source]
        config_dict = json.loads((real / "config.json").read_text(encoding="utf-8"))
        for name in ("source.spm", "target.spm", "vocab.json"):
            shutil.copy(real / name, out / name)  # into the tmp checkpoint, never into the repo
    else:
        if full_size:
            raise ValueError("full_size needs shared_dir or model_dir (the real configuration)")
        config_dict = _trained_tokenizer_files(out, vocab_size)

    for key in ("_name_or_path", "architectures", "transformers_version", "torch_dtype", "id2label", "label2id"):
        config_dict.pop(key, None)
    if not full_size:
        config_dict.update(
            d_model=d_model,
            encoder_layers=layers,
            decoder_layers=layers,
            num_hidden_layers=layers,
            encoder_attention_heads=heads,
            decoder_attention_heads=heads,
            encoder_ffn_dim=ffn_dim,
            decoder_ffn_dim=ffn_dim,
        )
    # Larger random weights than the training init (0.02) give decisive logits, so that float32
    # rounding differences between engines do not flip a greedy choice.
    config_dict["init_std"] = 0.02 if full_size else 0.5
    config_dict["num_beams"] = 4
    config = MarianConfig(**config_dict)

    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    with torch.no_grad():
        # The decoder starts from the <pad> embedding, which Marian (and CTranslate2's
        # start_from_zero_embedding) expect to be zero, as in the published checkpoints.
        pad = config.pad_token_id
        model.get_input_embeddings().weight[pad].zero_()
        model.get_decoder().embed_tokens.weight[pad].zero_()
        if not full_size:
            # Random layer norms and biases too: the default init (1 and 0) would let the
            # decoder's output hardly depend on its input.
            for name, param in model.named_parameters():
                if "layer_norm" in name and name.endswith("weight"):
                    param.copy_(1.0 + 0.3 * torch.randn_like(param))
    model.save_pretrained(out, safe_serialization=True)

    tokenizer = MarianTokenizer(
        source_spm=str(out / "source.spm"),
        target_spm=str(out / "target.spm"),
        vocab=str(out / "vocab.json"),
        model_max_length=512,
    )
    tokenizer.save_pretrained(out)
    marker = {
        "model_id": f"tiny-random/{source}-en",
        "requested_revision": "local",
        "resolved_revision": f"seed{seed}",
        "licence": "test fixture (random weights)",
    }
    (out / "esgtext-model.json").write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":  # python tests/tiny_models.py OUT [zh|fr] [SHARED]
    import sys

    args = sys.argv[1:]
    print(build_tiny_marian(args[0], source=args[1] if len(args) > 1 else "zh",
                            shared_dir=args[2] if len(args) > 2 else None))
