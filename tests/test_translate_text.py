"""Pure parts of esgtext.translate (no model): batching, splitting, checks, glossary, cache."""

from __future__ import annotations

import subprocess
import sys

import pytest

from esgtext.translate import Glossary, TranslationCache
from esgtext.translate.batching import plan_batches, split_long_text
from esgtext.translate.checks import check_translation, is_repetitive, lost_numbers


def words_plus_end(text: str) -> int:
    """A stand-in tokenizer: one token a word, plus the end token."""
    return len(text.split()) + 1


def test_importing_translate_does_not_import_heavy_libraries():
    code = (
        "import sys, esgtext, esgtext.translate as t; "
        "t.resolve_model('zh-en', check_hub=False); t.Glossary(); t.TranslationCache(':memory:'); "
        "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2', 'huggingface_hub') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_plan_batches_covers_every_index_once_within_budget():
    lengths = [5, 40, 3, 17, 17, 60, 1, 22, 8, 9]
    batches = plan_batches(lengths, max_batch_tokens=64)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths, reverse=True)  # longest first
    for batch in batches:
        assert len(batch) == 1 or max(lengths[i] for i in batch) * len(batch) <= 64


def test_plan_batches_respects_max_batch_size():
    assert [len(b) for b in plan_batches([1] * 10, max_batch_tokens=1000, max_batch_size=4)] == [4, 4, 2]


def test_split_long_text_prefers_sentence_ends_and_keeps_every_word():
    text = "one two three four. five six seven, eight nine ten eleven twelve thirteen fourteen"
    pieces = split_long_text(text, words_plus_end, 8)
    assert pieces[0] == "one two three four."
    assert all(words_plus_end(p) <= 8 for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_split_long_text_cuts_unpunctuated_chinese_by_length():
    text = "碳" * 50
    pieces = split_long_text(text, lambda s: len(s) + 1, 16)
    assert all(len(p) + 1 <= 16 for p in pieces)
    assert "".join(pieces) == text


def test_split_long_text_leaves_short_text_alone():
    assert split_long_text("short text.", words_plus_end, 10) == ["short text."]


@pytest.mark.parametrize(
    "source, target, lost",
    [
        ("Émissions réduites de 12,5 % en 2023.", "Emissions reduced by 12.5% in 2023.", []),
        ("Un budget de 1 000 000 €.", "A budget of €1,000,000.", []),
        ("营收达到3.5亿元。", "Revenue reached 350 million yuan.", []),
        ("Émissions réduites de 12,5 % en 2023.", "Emissions were reduced in 2023.", ["125"]),
        ("２０２３年目标", "The 2022 target", ["2023"]),
    ],
)
def test_lost_numbers(source, target, lost):
    assert lost_numbers(source, target) == lost


def test_check_translation_flags():
    assert check_translation("Voir https://example.com/esg.", "See https://example.com/esg.", "fr") == []
    assert "url_mismatch" in check_translation("Contact: esg@example.com.", "Contact: us.", "fr")
    assert "name_mismatch" in check_translation("华为发布了ESG报告。", "Huawei released its report.", "zh")
    assert "name_mismatch" not in check_translation("华为发布了ESG报告。", "Huawei released its ESG report.", "zh")
    assert "name_mismatch" in check_translation("Notée par EcoVadis.", "Rated by Ecovadi.", "fr")
    assert check_translation("Bonjour.", "", "fr") == ["empty_output"]
    assert check_translation("", "", "fr") == []


def test_repetition_is_flagged_but_normal_text_is_not():
    assert is_repetitive("The company, the company, the company, the company.")
    assert is_repetitive("green green green green energy")
    assert not is_repetitive("The company reduced its emissions by 12% in 2023 and plans more.")
    assert not is_repetitive("Yes, yes, yes.", source="Oui, oui, oui.")  # the source repeats too


def test_glossary_file_protect_and_restore(tmp_path):
    path = tmp_path / "terms.tsv"
    path.write_text(
        "# term\tEnglish\n"
        "EcoVadis\n"
        "碳中和\tcarbon neutrality\n"
        "Bilan Carbone\tBilan Carbone\n"
        "RSE\tCSR\tfr   # only French\n",
        encoding="utf-8",
    )
    glossary = Glossary.from_file(path)
    assert len(glossary) == 4 and glossary.entries[0].keep

    fr = glossary.protect("Notre RSE et notre Bilan Carbone, notés par EcoVadis.", "fr")
    assert "EcoVadis" not in fr.text and "Bilan Carbone" not in fr.text and "RSE" not in fr.text
    assert fr.text.count("ZX") == 3
    # a model that kept the placeholders
    restored, flags = fr.restore(fr.text.replace("Notre", "Our").replace("notés par", "rated by"))
    assert "EcoVadis" in restored and "CSR" in restored and "Bilan Carbone" in restored
    assert flags == ["glossary"]
    # a model that dropped one: shown, not hidden
    restored, flags = fr.restore("Our ZX1 and our ZX2.")
    assert flags == ["glossary", "glossary_lost"]

    zh = glossary.protect("实现碳中和目标", "zh")
    assert zh.text == "实现 ZX1 目标" and zh.replacements == ("carbon neutrality",)
    assert zh.restore("Achieve zx 1 goals")[0] == "Achieve carbon neutrality goals"
    assert zh.restore("实现ZX1目标")[0] == "实现carbon neutrality目标"
    assert glossary.protect("La RSE", "zh").text == "La RSE"  # RSE is for French only
    assert glossary.whole_term(" EcoVadis ", "fr") == "EcoVadis"
    assert glossary.whole_term("EcoVadis rating", "fr") is None


def test_glossary_rejects_bad_lines(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("a\tb\tfr\textra\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:1"):
        Glossary.from_file(path)


def test_unknown_engine_is_a_usage_error_before_any_work():
    from esgtext.translate import translate_segments

    with pytest.raises(ValueError, match="unknown engine"):
        translate_segments(["Bonjour."], "fr", engine="marian-cpp")


def test_translation_cache_persists(tmp_path):
    path = tmp_path / "cache.sqlite"
    with TranslationCache(path) as cache:
        cache.put_many([("m", "rev", "transformers:float32:beam4", "Bonjour.", "Hello.", ["repetition"])])
        assert cache.get_many("m", "rev", "transformers:float32:beam4", ["Bonjour.", "Salut."]) == {
            "Bonjour.": ("Hello.", ["repetition"])
        }
        assert cache.get_many("m", "other-rev", "transformers:float32:beam4", ["Bonjour."]) == {}
        assert cache.get_many("m", "rev", "ctranslate2:int8:beam4", ["Bonjour."]) == {}
    with TranslationCache(path) as reopened:
        assert len(reopened) == 1


def test_repetition_inside_words_is_flagged():
    assert is_repetitive("urururururururururur")
    assert is_repetitive("公司的的的的的的的的")
    assert not is_repetitive("Mississippi and 2000000 tonnes")
