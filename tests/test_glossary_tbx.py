"""A TBX glossary beside the TSV one (issue #12): TBX 2 / TBX-Basic and TBX v3 termbases."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from esgtext.cli import EXIT_USAGE, main
from esgtext.translate.glossary import Glossary, GlossaryEntry

TBX2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>ESG terms</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <langSet xml:lang="fr-FR">
        <tig><term>neutralité carbone</term></tig>
        <tig><term>neutralité climatique</term></tig>
      </langSet>
      <langSet xml:lang="en-GB">
        <tig><term>carbon-neutral status</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
        <tig><term>carbon neutrality</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      </langSet>
      <langSet xml:lang="zh-CN"><ntig><termGrp><term>碳中和</term></termGrp></ntig></langSet>
    </termEntry>
    <termEntry id="c2">
      <langSet xml:lang="fr"><tig><term>RSE</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>CSR</term></tig></langSet>
    </termEntry>
    <termEntry id="c3"><langSet xml:lang="fr"><tig><term>EcoVadis</term></tig></langSet></termEntry>
  </body></text>
</martif>
"""

TBX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>ESG terms</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="zh"><termSec><term>绿色债券</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>green bond</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx2_concepts_map_each_source_term_to_the_preferred_english_term(tmp_path):
    path = tmp_path / "terms.tbx"
    path.write_text(TBX2, encoding="utf-8")
    glossary = Glossary.from_file(path)
    assert glossary.entries == (
        GlossaryEntry("neutralité carbone", "carbon neutrality", "fr"),
        GlossaryEntry("neutralité climatique", "carbon neutrality", "fr"),
        GlossaryEntry("碳中和", "carbon neutrality", "zh"),
        GlossaryEntry("RSE", "CSR", "fr"),
        GlossaryEntry("EcoVadis", "EcoVadis", "fr"),  # no English term: kept as it is
    )
    protected = glossary.protect("La RSE vise la neutralité carbone.", "fr")
    assert protected.text == "La ZX1 vise la ZX2." and protected.restore("ZX1 aims at ZX2.")[0] == \
        "CSR aims at carbon neutrality."
    assert glossary.protect("La RSE", "zh").text == "La RSE"  # a French term, for French only


def test_tbx_v3_and_a_tbx_saved_under_another_name(tmp_path):
    path = tmp_path / "terms.txt"  # the content decides
    path.write_text(TBX3, encoding="utf-8")
    assert Glossary.from_file(path).entries == (GlossaryEntry("绿色债券", "green bond", "zh"),)


@pytest.mark.parametrize("text, reason", [
    ("<martif><text><body>", "not a readable TBX file"),
    ("<?xml version='1.0'?><html/>", "not a TBX file (root element <html>"),
    ("<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>x</term></tig></langSet>"
     "</termEntry></body></text></martif>", "no term in a language other than English"),
])
def test_a_bad_tbx_is_one_line(tmp_path, text, reason):
    path = tmp_path / "bad.tbx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="^" + str(path) + ": ") as info:
        Glossary.from_file(path)
    assert reason in str(info.value) and "\n" not in str(info.value)


def test_a_bad_tbx_glossary_is_a_usage_error_before_any_work(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("La RSE.\n", encoding="utf-8")
    bad = tmp_path / "bad.tbx"
    bad.write_text("<martif>", encoding="utf-8")
    result = CliRunner().invoke(main, ["translate", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                                       "--allow-untranslated", "--glossary", str(bad)])
    assert result.exit_code == EXIT_USAGE
    [line] = result.stderr.splitlines()
    assert line.startswith("esgtext: error: ") and "not a readable TBX file" in line
    assert not (tmp_path / "out").exists()
