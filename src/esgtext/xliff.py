"""XLIFF 2.0 per document, for post-editing (``esgtext translate --format xliff``).

Written with translate-toolkit's XLIFF 2.0 store (:mod:`translate.storage.xliff2`, which
OmegaT, Okapi and Weblate-style tools read back the same way), with two corrections towards the
XLIFF 2.0 core schema that the toolkit's writer does not make: ``xml:space`` goes on ``<source>``
and ``<target>`` (the schema does not allow it on ``<segment>``), and notes are a ``<notes>``
child of ``<unit>`` placed before its segment (the toolkit puts them inside ``<segment>``).

One file per source language of a document, as for TMX: ``<rel>.xlf``, or ``<rel>.fr-en.xlf`` and
``<rel>.zh-en.xlf`` for a document in both. One ``<unit id="s<seg>">`` per record a translator
has work on: ``translated`` records (the model's English as ``<target>``, ``state="translated"``)
and ``untranslated`` ones (no model: no ``<target>``, ``state="initial"``); English, und and
boilerplate records are not units. The ``<file>`` carries ``original="<rel>"``; a unit's flags are
a note of category ``esgtext:flags``. No dates: a re-run writes the same bytes.

    >>> xliff_paths("a.txt", ["zh", "fr"])
    {'fr': 'a.txt.fr-en.xlf', 'zh': 'a.txt.zh-en.xlf'}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from esgtext.records import TARGET_LANG, xml_safe

if TYPE_CHECKING:
    from esgtext.records import Record

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
FLAGS_NOTE = "esgtext:flags"


def xliff_records(records: Iterable[Record]) -> dict[str, list[Record]]:
    """The records that become units, by source language: ``translated`` and ``untranslated``
    records of a language other than English (boilerplate and ``und`` are not units)."""
    groups: dict[str, list[Record]] = {}
    for r in records:
        if r.status in ("translated", "untranslated") and r.src_lang not in (TARGET_LANG, "und"):
            groups.setdefault(r.src_lang, []).append(r)
    return dict(sorted(groups.items()))


def xliff_paths(rel: str, langs: Iterable[str]) -> dict[str, str]:
    """Output name of the XLIFF file of document ``rel`` for each source language."""
    langs = sorted(langs)
    if len(langs) == 1:
        return {langs[0]: f"{rel}.xlf"}
    return {lang: f"{rel}.{lang}-{TARGET_LANG}.xlf" for lang in langs}


def render_xliff(records: Iterable[Record], src_lang: str, original: str) -> bytes:
    """An XLIFF 2.0 document for the records of ``src_lang`` (see the module docstring)."""
    from lxml import etree
    from translate.storage import xliff2

    store = xliff2.Xliff2File()
    store.setsourcelanguage(src_lang)
    store.settargetlanguage(TARGET_LANG)
    store.body.set("id", "f1")
    store.body.set("original", xml_safe(original))
    for r in records:
        if r.src_lang != src_lang or r.status not in ("translated", "untranslated"):
            continue
        unit = store.addsourceunit(xml_safe(r.source))
        unit.setid(f"s{r.seg}")
        if r.status == "translated" and r.target is not None:
            unit.target = xml_safe(r.target)
            unit.marktranslated()
        else:
            unit.xmlelement.set("state", "initial")
        segment = unit.xmlelement
        segment.attrib.pop(_XML_SPACE, None)  # not allowed on <segment> by the 2.0 schema
        for child in segment:
            if etree.QName(child).localname in ("source", "target"):
                child.set(_XML_SPACE, "preserve")
        flags = [f for f in r.flags if f]
        if flags:
            unit_element = segment.getparent()
            notes = etree.Element(f"{{{XLIFF_NS}}}notes")
            note = etree.SubElement(notes, f"{{{XLIFF_NS}}}note", category=FLAGS_NOTE)
            note.text = xml_safe(" ".join(flags))
            unit_element.insert(0, notes)  # <notes> comes before the segments of a <unit>
    return bytes(store)


def render_document_xliff(rel: str, records: list[Record]) -> dict[str, bytes]:
    """``{name relative to OUT: bytes}``: the XLIFF files of one document (none when it has no
    French, Chinese, ... record to post-edit)."""
    groups = xliff_records(records)
    return {name: render_xliff(groups[lang], lang, rel) for lang, name in xliff_paths(rel, groups).items()}


__all__ = ["FLAGS_NOTE", "XLIFF_NS", "render_document_xliff", "render_xliff", "xliff_paths", "xliff_records"]
