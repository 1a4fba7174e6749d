"""Issue #15's reproducers at the repair and language level: edits that rebuild the output
(control characters before a word), Chinese UTF-16 without BOM, Ctrl-C while langdetect loads."""

from __future__ import annotations

import pytest

from esgtext.repair import repair_bytes, repair_text
from esgtext.repair.edits import Edit, EditsMismatch, apply_edits, check_edits

CHINESE = "公司的碳排放量下降了百分之十二。我们致力于可持续发展，一起建设绿色工厂！"
GERMAN = "Der Vorstand hat die neue Wasserrichtlinie genehmigt und sie gilt ab sofort für alle Werke."


# --- edits always rebuild the output -----------------------------------------------------------


@pytest.mark.parametrize("control", ["\x0b", "\x1c", "\x1d", "\x1e", "\x0c"])
def test_a_control_character_before_a_word_keeps_edits_exact(control):
    text = f"la {control}mdaille"
    result = repair_text(text, lang="fr")
    assert "médaille" in result.text
    assert apply_edits(text, list(result.edits)) == result.text


def test_the_invariant_check_names_the_mismatch():
    check_edits("la mdaille", [Edit("deleted_accent", 3, 10, "mdaille", "médaille")], "la médaille")
    with pytest.raises(EditsMismatch, match="do not rebuild"):
        check_edits("la \x0bmdaille", [Edit("deleted_accent", 4, 11, "mdaille", "médaille")], "la médaille")
    with pytest.raises(EditsMismatch, match="do not apply"):
        check_edits("la mdaille", [Edit("deleted_accent", 3, 10, "xxxxxxx", "médaille")], "la médaille")


# --- 7. Chinese UTF-16 without BOM -------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [CHINESE, "一二三四五六七八九十", "他称，他制作了一个 WiFi 门铃。"])
def test_chinese_utf16_without_bom_is_decoded(codec, text):
    result = repair_bytes(text.encode(codec))
    assert result.text == text and result.encoding == codec


@pytest.mark.parametrize("text, codec", [
    ("Le conseil a approuvé la stratégie climat de la société en décembre.", "cp1252"),
    ("Plain ASCII text about the annual report, nothing more.", "ascii"),
    (CHINESE, "gb18030"),
    ("公司的碳排放量下降了百分之十二。", "big5"),
    (CHINESE, "utf-8"),
])
def test_other_encodings_are_not_taken_for_utf16(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        data = "碳排放量下降了".encode(codec, errors="ignore")
        text = data.decode(codec)
    assert not repair_bytes(data).encoding.startswith("utf-16")


# --- Ctrl-C while langdetect loads its profiles ------------------------------------------------


@pytest.fixture
def fresh_langdetect(monkeypatch):
    import esgtext.language as language

    monkeypatch.setattr(language, "_LANGDETECT_FACTORY", None)
    return language


def interrupt_profile_loading(monkeypatch, after: int = 3):
    from langdetect.utils import lang_profile

    real_init = lang_profile.LangProfile.__init__
    calls = []

    def init(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == after:
            raise KeyboardInterrupt
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(lang_profile.LangProfile, "__init__", init)
    return calls


def test_ctrl_c_while_langdetect_loads_is_an_interrupt_and_leaves_no_half_factory(fresh_langdetect, monkeypatch):
    interrupt_profile_loading(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        fresh_langdetect.detect_language(GERMAN)
    assert fresh_langdetect._LANGDETECT_FACTORY is None  # nothing half-loaded kept
    monkeypatch.undo()
    assert fresh_langdetect.detect_language(GERMAN).lang == "de"
