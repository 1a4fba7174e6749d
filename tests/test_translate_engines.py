"""Both engines on tiny random-weight MarianMT checkpoints, through the real loading code.

The models' outputs are meaningless (random weights): these tests check plumbing -- order,
lengths, batching, splitting, flags, glossary, cache, mixed spans, and that transformers and
CTranslate2 compute the same greedy tokens on the same float32 model. They never compare a
translation with an expected English sentence.
"""

from __future__ import annotations

import pytest

from esgtext.translate import (
    Glossary,
    ModelNotAvailable,
    TranslationCache,
    get_translator,
    resolve_model,
    translate_mixed,
    translate_segments,
)

ENGINES = ["transformers", "ctranslate2"]
FRENCH = [
    "Le groupe a réduit ses émissions de CO2 de 12,5 % en 2023.",
    "Nous visons la neutralité carbone.",
    "",
    "La société publie son rapport de durabilité et sa stratégie climat chaque année depuis 2015.",
    "   ",
    "2050",
    "Les énergies renouvelables.",
]


@pytest.fixture(autouse=True)
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "models"))
    # tiny models: one thread is fastest, and the test machines' cores are shared
    monkeypatch.setenv("ESGTEXT_THREADS", "1")


@pytest.fixture(scope="module")
def spm_spec(tiny_spm_model):
    return resolve_model("fr-en", {"fr-en": str(tiny_spm_model)})


def run(spec, texts, engine, src="fr", **options):
    options.setdefault("beam_size", 1)
    return translate_segments(texts, src, model=spec, engine=engine, **options)


@pytest.mark.parametrize("engine", ENGINES)
def test_same_length_and_order_empty_segments_skip_the_model(spm_spec, engine):
    translator = get_translator(spm_spec, engine)
    before = translator.sentences_translated
    results = run(spm_spec, FRENCH, engine)
    assert [r.source for r in results] == FRENCH
    assert results[2].target == "" and results[4].target == "" and not results[2].flags
    assert results[5].target == "2050" and results[5].flags == ["copied_verbatim"]
    assert all(r.target for i, r in enumerate(results) if i not in (2, 4))
    assert translator.sentences_translated - before == 4  # only the four sentences with words
    assert {r.engine for r in results} == {engine}
    assert {r.model_id for r in results} == {"tiny-random/fr-en"} and {r.revision for r in results} == {"seed0"}


@pytest.mark.parametrize("engine", ENGINES)
def test_batching_and_sorting_do_not_change_or_reorder_outputs(spm_spec, engine):
    # distinct inputs of different lengths, so that sorting moves them and deduplication hides nothing
    texts = ["Nous visons la neutralité carbone.", FRENCH[3], "Le rapport.", FRENCH[0], "Les énergies renouvelables."]
    one_by_one = [run(spm_spec, [t], engine)[0].target for t in texts]
    batched = run(spm_spec, texts, engine, max_batch_tokens=40)
    assert [r.target for r in batched] == one_by_one


@pytest.mark.parametrize("engine", ENGINES)
def test_long_input_is_split_and_rejoined_not_truncated(spm_spec, engine, monkeypatch):
    translator = get_translator(spm_spec, engine)
    seen: list[list[int]] = []
    original = translator.translate_ids

    def spy(batch, **kwargs):
        seen.extend(batch)
        return original(batch, **kwargs)

    monkeypatch.setattr(translator, "translate_ids", spy)
    long_text = " ".join(FRENCH[0] for _ in range(6))
    result = run(spm_spec, [long_text], engine, max_input_tokens=24)[0]
    assert "split_long_input" in result.flags
    assert len(seen) > 1 and all(len(ids) <= 24 for ids in seen)
    # every source token went to the model: nothing was cut off
    assert sum(len(ids) - 1 for ids in seen) >= translator.count_tokens(long_text) - 1 - len(seen)


@pytest.mark.parametrize("engine", ENGINES)
def test_flags_show_lost_numbers_and_repetition(spm_spec, engine):
    result = run(spm_spec, ["Le groupe a réduit ses émissions de 12,5 % en 2023."], engine)[0]
    # a random model does not copy "12,5" and "2023": the loss is flagged, the output kept
    assert "number_mismatch" in result.flags and result.target
    if "max_length_reached" in result.flags:  # random weights rarely emit the end token
        assert "repetition" in result.flags or len(set(result.target.split())) > 3


def test_glossary_through_the_model(spm_spec):
    glossary = Glossary.from_pairs({"EcoVadis": None, "neutralité carbone": "carbon neutrality"})
    translator = get_translator(spm_spec, "transformers")
    seen: list[str] = []
    original = translator.encode
    translator.encode = lambda texts: (seen.extend(texts), original(texts))[1]
    try:
        before = translator.sentences_translated
        results = run(spm_spec, ["EcoVadis", "Notée par EcoVadis pour sa neutralité carbone."], "transformers",
                      glossary=glossary)
    finally:
        del translator.encode
    assert results[0].target == "EcoVadis" and results[0].flags == ["glossary"]
    assert translator.sentences_translated - before == 1  # the whole-term segment skipped the model
    assert seen == ["Notée par ZX1 pour sa ZX2."]
    assert "glossary" in results[1].flags
    restored = all(term in results[1].target for term in ("EcoVadis", "carbon neutrality"))
    assert restored or "glossary_lost" in results[1].flags


@pytest.mark.parametrize("engine", ENGINES)
def test_cache_hits_cost_no_model_call(spm_spec, engine, tmp_path):
    texts = ["Nous visons la neutralité carbone.", "Le rapport.", "Nous visons la neutralité carbone."]
    translator = get_translator(spm_spec, engine)
    with TranslationCache(tmp_path / "cache.sqlite") as cache:
        before = translator.sentences_translated
        first = run(spm_spec, texts, engine, cache=cache)
        assert translator.sentences_translated - before == 2  # repeated boilerplate translated once
        assert not any(r.cached for r in first)
        again = run(spm_spec, texts, engine, cache=cache)
        assert translator.sentences_translated - before == 2
        assert all(r.cached for r in again)
        assert [(r.target, r.flags) for r in again] == [(r.target, r.flags) for r in first]


def test_mixed_spans_keep_the_english_exactly(spm_spec):
    text = "The 碳中和 target and the 绿色能源 plan stay."
    spans = [(4, 7, "zh"), (12, 19, "en"), (23, 27, "zh")]
    alone = translate_segments(["碳中和", "绿色能源"], "zh", model=spm_spec, beam_size=1)
    result = translate_mixed(text, spans, model=spm_spec, beam_size=1)
    assert result.source == text and result.flags[0] == "mixed"
    first, second = (t.target.rstrip(".").strip() for t in alone)
    assert result.target.startswith("The ") and result.target.endswith(" plan stay.")
    assert f"The {first} target and the {second} plan stay." == result.target.replace("  ", " ")
    assert translate_mixed("No Chinese here.", [(0, 2, "en")], model=spm_spec).target == "No Chinese here."


def test_missing_model_fails_before_loading_anything():
    with pytest.raises(ModelNotAvailable, match="esgtext models pull zh-en"):
        translate_segments(["你好"], "zh")


def test_ct2_conversion_is_cached_in_esgtexts_cache_never_in_the_model_folder(spm_spec, monkeypatch):
    translator = get_translator(spm_spec, "ctranslate2")  # (cached: maybe made by a test before)
    assert translator.ct2_path.parent.name == "ct2" and translator.ct2_path.parent.parent.is_dir()
    assert not translator.ct2_path.is_relative_to(spm_spec.local_path)
    assert translator.ct2_path.name.startswith(spm_spec.local_path.name + "--")
    assert not list(spm_spec.local_path.glob("ct2-*"))  # the user's folder is left as it was
    stamp = (translator.ct2_path / "model.bin").stat().st_mtime_ns
    from esgtext.translate.ct2_engine import convert_checkpoint

    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(translator.ct2_path.parent.parent))

    assert convert_checkpoint(spm_spec.local_path, "int8") == translator.ct2_path
    assert (translator.ct2_path / "model.bin").stat().st_mtime_ns == stamp
    assert get_translator(spm_spec, "ctranslate2") is translator  # one instance per process


def greedy_tokens(spec, texts, max_new_tokens=16):
    reference = get_translator(spec, "transformers")
    ct2 = get_translator(spec, "ctranslate2", compute_type="float32")
    ids = reference.encode(texts)
    a = reference.translate_ids(ids, beam_size=1, max_new_tokens=max_new_tokens)
    b = ct2.translate_ids(ids, beam_size=1, max_new_tokens=max_new_tokens)
    return [g.ids for g in a], [g.ids for g in b]


def test_engines_agree_on_greedy_tokens_trained_spm(spm_spec):
    a, b = greedy_tokens(spm_spec, [t for t in FRENCH if t.strip()])
    assert a == b and all(a)


@pytest.mark.shared
def test_engines_agree_on_greedy_tokens_opus_mt_zh_en(tiny_zh_en_model, flores):
    spec = resolve_model("zh-en", {"zh-en": str(tiny_zh_en_model)})
    a, b = greedy_tokens(spec, flores["zh"][:6])
    assert a == b and all(a)


@pytest.mark.shared
def test_engines_agree_on_greedy_tokens_opus_mt_tc_big_fr_en(tiny_fr_en_model, flores):
    spec = resolve_model("fr-en", {"fr-en": str(tiny_fr_en_model)})
    a, b = greedy_tokens(spec, flores["fr"][:6])
    assert a == b and all(a)
    results = translate_segments(flores["fr"][:3], "fr", model=spec, engine="ctranslate2")  # int8, beam 4
    assert [r.source for r in results] == flores["fr"][:3] and all(r.target for r in results)


def test_progress_reports_segments_up_to_the_total(spm_spec):
    calls: list[tuple[int, int]] = []
    texts = ["", "Le rapport.", "Le rapport.", FRENCH[0], FRENCH[3]]
    run(spm_spec, texts, "ctranslate2", max_batch_tokens=30, progress=lambda d, t: calls.append((d, t)))
    done = [d for d, _ in calls]
    assert done == sorted(done) and calls[0] == (1, 5) and calls[-1] == (5, 5)
