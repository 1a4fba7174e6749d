"""repair_text / repair_bytes / repair_file: edits, offsets, clean text, languages, idempotence."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from esgtext.repair import RepairConfig, RepairResult, UndecodableInput, repair_bytes, repair_file, repair_text
from esgtext.repair.compose import compose_edits
from esgtext.repair.edits import Edit, apply_edits
from esgtext.repair.mojibake import diff_words, fix_mojibake

CLEAN_ENGLISH = (
    "“We’re sharing the cost of the transition,” said the group’s chief executive — a €40 million plan.\n"
    "Scope 1 and 2 emissions fell 19%; the company’s ‘Sols Vivants’ programme covers 1,500 farms.\n"
)
CLEAN_CHINESE = "联合电池发布《2024年度环境、社会及治理报告》：碳排放强度同比下降17.6%，“绿色工厂”！为什么？\n"
CLEAN_FRENCH = (
    "Le Groupe Valmont Énergies a mis en service une centrale solaire sur le toit de son usine de "
    "Vénissieux. Cette installation permettra à l’usine de réduire de 38 % ses émissions d’ici à la "
    "fin de l’année.\n« Nous nous sommes engagés à atteindre la neutralité carbone dès 2030. »\n"
)


def check_offsets(text: str, result: RepairResult) -> None:
    """Every edit refers to the input; applying them gives the output; one line per line."""
    for edit in result.edits:
        assert text[edit.start : edit.end] == edit.before
        assert 0.0 <= edit.confidence <= 1.0 and edit.kind and edit.reason
    assert apply_edits(text, list(result.edits)) == result.text
    assert result.text.count("\n") == text.count("\n")


# --- mojibake, entities -------------------------------------------------------------------


def test_mojibake_is_fixed_with_a_word_level_edit():
    text = "La photo montre la mÃ©daille du cas gagnant"
    result = repair_text(text, lang="en")
    assert result.text == "La photo montre la médaille du cas gagnant"
    [edit] = result.edits
    assert (edit.kind, edit.start, edit.end, edit.before, edit.after) == (
        "mojibake",
        19,
        28,
        "mÃ©daille",
        "médaille",
    )
    assert "wrong encoding" in edit.reason


def test_html_entities_are_unescaped():
    result = repair_text("Health &amp; Safety &eacute;t&eacute; 2025", lang="en")
    assert result.text == "Health & Safety été 2025"
    assert [e.kind for e in result.edits] == ["html_entity", "html_entity"]


def test_mojibake_keeps_curly_quotes_and_line_breaks():
    text = "â€œNet zeroâ€\x9d by 2050\r\nthe groupâ€™s plan\r\n"
    result = repair_text(text, lang="en")
    assert result.text == "“Net zero” by 2050\r\nthe group’s plan\r\n"
    check_offsets(text, result)


def test_nbsp_mojibake_before_a_space():
    result = repair_text("grÃ¢ce Ã  lâ€™Ã©nergie solaire", lang="en")
    assert result.text == "grâce à l’énergie solaire"
    check_offsets("grÃ¢ce Ã  lâ€™Ã©nergie solaire", result)


def test_decomposed_accents_are_composed_locally():
    text = "la me\u0301daille"
    result = repair_text(text, lang="en")
    assert result.text == "la médaille"
    assert [e.kind for e in result.edits] == ["decomposed_accent"]


def test_diff_words_never_merges_separate_words():
    assert [r[2] for r in diff_words("a mÃ©daille dâ€™or b", "a médaille d’or b")] == ["mÃ©daille", "dâ€™or"]


# --- clean text stays byte-identical --------------------------------------------------------


@pytest.mark.parametrize("lang", [None, "en"])
def test_clean_english_is_unchanged(lang):
    result = repair_text(CLEAN_ENGLISH, lang=lang)
    assert result.text == CLEAN_ENGLISH and result.edits == ()


@pytest.mark.parametrize("lang", [None, "zh"])
def test_clean_chinese_keeps_full_width_punctuation(lang):
    result = repair_text(CLEAN_CHINESE, lang=lang)
    assert result.text == CLEAN_CHINESE and result.edits == ()


@pytest.mark.parametrize("lang", [None, "fr"])
def test_correct_french_is_unchanged(lang):
    result = repair_text(CLEAN_FRENCH, lang=lang)
    assert result.text == CLEAN_FRENCH and result.edits == ()


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "a\u2028b\r\nc\rd\n", "CJK compatibility 﨑 stays", "ﬁ stays? no", "tab\tand\fform feed"],
)
def test_odd_text_keeps_its_lines(text):
    result = repair_text(text, lang="en")
    check_offsets(text, result)
    assert len(result.text.splitlines()) == len(text.splitlines())


def test_c1_control_from_latin1_is_the_cp1252_character():
    # U+0085 in text is cp1252's "…" decoded as Latin-1, not a line break someone meant
    assert repair_text("a\u2028b\x85c\r\n", lang="en").text == "a\u2028b…c\r\n"


def test_compatibility_ideographs_are_not_normalised():
    assert repair_text("﨑 and 神", lang="zh").text == "﨑 and 神"


# --- languages --------------------------------------------------------------------------


def test_english_and_chinese_never_get_french_accents():
    english = "The group a mdaille cas a plan to cut emissions in Cote d'Ivoire by 2030."
    assert repair_text(english, lang="en").text == english
    chinese = "公司在Cote d'Ivoire的项目，a la carte？"
    assert repair_text(chinese, lang="zh").text == chinese


def test_question_marks_in_english_names_are_restored():
    result = repair_text("a terminal in Abidjan, C?te d'Ivoire. Is it ready?", lang="en")
    assert result.text == "a terminal in Abidjan, Côte d'Ivoire. Is it ready?"
    assert [e.kind for e in result.edits] == ["question_mark"]


def test_french_is_restored_when_detected_or_asked():
    from esgtext.repair.french import restore_french

    text = "Le groupe a reduit ses emissions de gaz a effet de serre et la mdaille a ete remise."
    expected = apply_edits(text, restore_french(text))
    assert expected != text
    for lang in (None, "fr", "fr-FR"):
        result = repair_text(text, lang=lang)
        assert result.text == expected and result.lang == "fr"
        check_offsets(text, result)
    assert repair_text(text, lang="en").text == text


def test_french_restoration_can_be_switched_off():
    text = "Le groupe a reduit ses emissions de gaz a effet de serre."
    assert repair_text(text, lang="fr", config=RepairConfig(restore_french=False)).text == text


def test_later_steps_compose_with_mojibake_edits(monkeypatch):
    from esgtext.repair import french

    def fake_restore(text, spacing=False, typography=False):  # a French step that edits a word ftfy produced, and another word
        edits = []
        for word, fixed in (("médaille", "Médaille"), ("lentreprise", "l’entreprise")):
            start = text.find(word)
            edits.append(Edit("deleted_accent", start, start + len(word), word, fixed, 0.8, "test"))
        return edits

    monkeypatch.setattr(french, "restore_french", fake_restore)
    text = "La mÃ©daille dâ€™or de lentreprise.\nLigne deux."
    # (the steps' own confidences: calibration is tested in test_calibration.py)
    result = repair_text(text, lang="fr", config=RepairConfig(calibrate=False))
    assert result.text == "La Médaille d’or de l’entreprise.\nLigne deux."
    check_offsets(text, result)
    kinds = [(e.kind, e.before, e.after, e.confidence) for e in result.edits]
    assert kinds == [
        ("mojibake+deleted_accent", "mÃ©daille", "Médaille", 0.8),
        ("mojibake", "dâ€™or", "d’or", 1.0),
        ("deleted_accent", "lentreprise", "l’entreprise", 0.8),
    ]


# --- edit composition -----------------------------------------------------------------------


def test_compose_merges_an_edit_of_an_edit():
    original = "x mÃ©daille y"
    first = [Edit("mojibake", 2, 11, "mÃ©daille", "médaille")]
    current = apply_edits(original, first)
    second = [Edit("stripped_accent", 2, 10, "médaille", "médailles"), Edit("x", 11, 12, "y", "z")]
    composed = compose_edits(original, first, current, second)
    assert apply_edits(original, composed) == apply_edits(current, second)
    assert [(e.kind, e.before, e.after) for e in composed] == [
        ("mojibake+stripped_accent", "mÃ©daille", "médailles"),
        ("x", "y", "z"),
    ]


def test_compose_handles_insertions_next_to_earlier_edits():
    original = "ab&amp;cd"
    first = [Edit("html_entity", 2, 7, "&amp;", "&")]
    current = apply_edits(original, first)  # "ab&cd"
    for pos in range(len(current) + 1):
        second = [Edit("inserted_word", pos, pos, "", "+")]
        composed = compose_edits(original, first, current, second)
        assert apply_edits(original, composed) == current[:pos] + "+" + current[pos:]


# --- idempotence --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, lang",
    [
        ("la mÃ©daille dâ€™or &amp; C?te d'Ivoire", "en"),
        ("Le groupe a reduit ses emissions de gaz a effet de serre dici a 2030.", None),
        ("La mdaille du cas gagnant a t dcerne au Groupe.", "fr"),
        (CLEAN_CHINESE, None),
    ],
)
def test_repairing_repaired_text_changes_nothing(text, lang):
    once = repair_text(text, lang=lang)
    twice = repair_text(once.text, lang=lang)
    assert twice.text == once.text and twice.edits == ()


# --- bytes and files ----------------------------------------------------------------------


def test_repair_bytes_detects_cp1252_french():
    result = repair_bytes(CLEAN_FRENCH.encode("cp1252"))
    assert (result.encoding, result.text, result.edits) == ("cp1252", CLEAN_FRENCH, ())


def test_repair_bytes_detects_gb18030_chinese():
    result = repair_bytes(CLEAN_CHINESE.encode("gb18030"))
    assert (result.encoding, result.text) == ("gb18030", CLEAN_CHINESE)


def test_repair_bytes_reports_broken_utf8():
    data = CLEAN_ENGLISH.encode("utf-8")
    result = repair_bytes(data[:30] + b"\xc3" + data[30:], lang="en")
    assert result.undecodable_bytes == 1 and "U+FFFD" in result.warnings[0]
    assert result.text.replace("\ufffd", "") == CLEAN_ENGLISH


def test_repair_bytes_refuses_binary():
    with pytest.raises(UndecodableInput, match="PNG"):
        repair_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))


def test_repair_file(tmp_path):
    path = tmp_path / "release.txt"
    path.write_bytes("la mÃ©daille".encode("utf-8"))
    assert repair_file(path, lang="en").text == "la médaille"
    (tmp_path / "empty.txt").write_bytes(b"")
    assert repair_file(tmp_path / "empty.txt").text == ""
    with pytest.raises(FileNotFoundError):
        repair_file(tmp_path / "missing.txt")


def test_to_dict_is_json_ready():
    import json

    data = json.loads(json.dumps(repair_text("x &amp; y", lang="en").to_dict()))
    assert data["text"] == "x & y" and data["edits"][0]["before"] == "&amp;"


def test_repair_text_rejects_bytes():
    with pytest.raises(TypeError, match="repair_bytes"):
        repair_text(b"abc")  # type: ignore[arg-type]


# --- scale and start-up -------------------------------------------------------------------


def test_a_long_single_line_is_repaired_in_pieces():
    unit = "la mÃ©daille dâ€™or &amp; le trophée. "
    text = unit * 2000  # ~80 kB on one line, several LONG_LINE pieces
    t0 = time.perf_counter()
    result = repair_text(text, lang="en")
    assert time.perf_counter() - t0 < 10
    assert result.text == "la médaille d’or & le trophée. " * 2000
    assert len(result.edits) == 3 * 2000
    check_offsets(text, result)


def test_ascii_10mb_single_line_is_fast():
    text = "The group cut its emissions by 40 percent at the plant by 2030. " * 160_000
    t0 = time.perf_counter()
    result = repair_text(text, lang="en")
    assert time.perf_counter() - t0 < 5
    assert result.text is text and result.edits == ()


def test_importing_repair_does_not_import_torch():
    code = (
        "import sys, esgtext, esgtext.repair, esgtext.cli.repair;"
        "esgtext.repair_text('la mÃ©daille', lang='en');"
        "print('torch' in sys.modules or 'transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_fix_mojibake_skips_plain_ascii_lines():
    assert fix_mojibake("plain ascii line\nanother one\n") == []


# --- FLORES (skipped without ../shared) --------------------------------------------------------


@pytest.mark.shared
def test_flores_clean_text_is_untouched(flores):
    for lang in ("en", "zh", "fr"):
        text = "\n".join(flores[lang][:300])
        result = repair_text(text)
        assert result.edits == () and result.text == text, lang


@pytest.mark.parametrize("lang", [None, "fr"])
def test_english_paragraph_in_a_french_release_is_left_alone(lang):
    english = (
        "About Valmont: Valmont is a leader in energy efficient heating and has a presence in eleven "
        "countries. The company reported a 12% cut in emissions in 2024."
    )
    french = (
        "Le groupe a reduit ses emissions de gaz a effet de serre et la mdaille a ete remise au directeur.\n"
        "Les travaux, confies a des entreprises locales, ont dure huit mois sans interruption de la production.\n"
        "Un systeme de suivi en temps reel, accessible aux salaries, affiche la production delectricite.\n"
    )
    text = (
        french
        + english
        + "\nContact presse : Claire Dubreuil\n"
    )
    result = repair_text(text, lang=lang)
    check_offsets(text, result)
    assert result.lang == "fr"
    assert result.text.splitlines()[3] == english
    assert result.text.splitlines()[0] != text.splitlines()[0]


def test_long_french_text_is_restored_in_bounded_pieces(monkeypatch):
    import esgtext.repair as repair
    from esgtext.repair import french

    seen = []
    real = french.restore_french

    def spy(text, spacing=False, typography=False):
        seen.append(len(text))
        return real(text, spacing=spacing, typography=typography)

    monkeypatch.setattr(french, "restore_french", spy)
    monkeypatch.setattr(repair, "FRENCH_PIECE", 400)
    sentence = "Le groupe a reduit ses emissions de gaz a effet de serre et la mdaille a ete remise. "
    text = sentence * 40  # one line, ~3,500 chars
    result = repair_text(text, lang="fr")
    check_offsets(text, result)
    assert len(seen) > 5 and max(seen) <= 400
    assert result.text.count("émissions") == 40


def test_chinese_source_line_does_not_hide_that_a_release_is_french():
    # the language gate scores Latin-script words only; Han characters are neither French nor not
    text = "Source:中国机电产品进出口商会\n\nDbut 2023, Chery a t reconnue."
    result = repair_text(text)
    assert result.text == "Source:中国机电产品进出口商会\n\nDébut 2023, Chery a été reconnue."
    assert repair_text("中国机电产品进出口商会发布了报告。").edits == ()
