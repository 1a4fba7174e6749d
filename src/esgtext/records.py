"""The bilingual record and its writers: JSONL, TMX 1.4b, Moses and XLIFF 2.0.

A :class:`Record` is one segment of one document, with the text before repair (``source_raw``),
after repair (``source``), its English ``target`` and the recipe that made it (``signature``, in
the spirit of sacrebleu's signatures). Records hold no timestamps, so a re-run on the same input
with the same settings renders byte-identical files.

Which records go where:

* JSONL: every record, in segment order (``status`` says what happened to it), in the typed row
  form of :meth:`Record.to_row`: every field has the same JSON type in every record (no ``null``,
  no empty list), so that Arrow (``pyarrow.json``, ``datasets.load_dataset("json")``) infers the
  same schema from any file, even one whose records have no edits, no flags or no translation.
* TMX: bilingual units only: one ``<tu>`` with a source ``<tuv>`` and its English ``<tuv>`` per
  ``translated`` record; kept English (the same text twice), ``boilerplate`` and ``untranslated``
  records are not units. One source language per file (``srclang`` in the header and every
  ``<tu>``): a document with French and Chinese gets one TMX per language, named as its Moses files.
* Moses: the same ``translated`` records; identity pairs of kept English would only add noise to a
  parallel corpus. One line-aligned pair of files per source language.
* XLIFF 2.0 (:func:`render_xliff`), for post-editing: ``translated`` records (with their English
  target) and ``untranslated`` ones (without), one file per source language as for TMX.
* The corpus of a run (:func:`render_corpus`): ``corpus/<lang>-en.tmx`` and the Moses pair
  ``corpus/<lang>-en.<lang>`` + ``.en`` over all its documents, in document then segment order.

    >>> r = Record(doc="a.txt", seg=0, paragraph=0, start=0, end=7, src_lang="fr",
    ...            lang_confidence=0.99, status="translated", source="Bonjour",
    ...            source_raw="Bonjour", target="Hello")
    >>> render_moses([r])
    {'fr': (b'Bonjour\\n', b'Hello\\n')}
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from importlib import resources
from typing import Iterable

from esgtext._version import __version__

#: Every value of :attr:`Record.status`.
STATUSES = ("translated", "kept", "boilerplate", "untranslated")

TARGET_LANG = "en"

# Characters XML 1.0 forbids (C0 controls other than tab/newline/return, lone surrogates, U+FFFE/F).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Everything str.splitlines() treats as a line break: a Moses line must contain none of them.
_JSON_LINE_BREAK_ESCAPES = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


@dataclass(frozen=True, slots=True)
class Record:
    """One segment of a document and what esgtext made of it (see ``data/record.schema.json``).

    ``start``/``end`` are character offsets of ``source`` in the repaired document text;
    ``raw_start``/``raw_end`` those of ``source_raw`` in the decoded input (after HTML extraction for
    HTML files), ``None`` where the repair could not be mapped back. ``edits`` are the repair edits
    that touch this segment, with offsets in the decoded input.
    """

    doc: str
    seg: int
    paragraph: int
    start: int
    end: int
    src_lang: str
    lang_confidence: float
    status: str
    source: str
    source_raw: str | None
    target: str | None
    raw_start: int | None = None
    raw_end: int | None = None
    flags: tuple[str, ...] = ()
    edits: tuple[dict, ...] = ()
    engine: str | None = None
    model: str | None = None
    revision: str | None = None
    signature: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown record status {self.status!r}")

    def to_dict(self) -> dict:
        """The Python form (``None`` where there is no value, lists): the HTTP API's records."""
        d = asdict(self)
        d["flags"] = list(self.flags)
        d["edits"] = list(self.edits)
        return d

    def to_row(self) -> dict:
        """The typed row form of a JSONL line: the same keys in the same order as :meth:`to_dict`,
        and every value of the same JSON type in every record (see ``data/record.schema.json``).

        JSON cannot type a ``null`` or an empty list, so Arrow infers ``null`` / ``list<null>`` for
        a file where a field is always absent and then fails to read the next file. Hence: a
        missing string (``target``, ``source_raw``, ``engine``, ``model``, ``revision``) is ``""``,
        a missing offset (``raw_start``, ``raw_end``) is ``-1``, and ``flags`` and ``edits`` are the
        JSON text of their list (``"[]"`` when empty). Nothing is lost: ``target`` is ``""`` for
        no target only where ``status`` says there is none (boilerplate, untranslated), and
        ``source_raw`` only where ``raw_start`` is ``-1``; :meth:`from_dict` reads both forms.
        """
        d = self.to_dict()
        for key in _ROW_STRINGS:
            if d[key] is None:
                d[key] = ""
        for key in _ROW_OFFSETS:
            if d[key] is None:
                d[key] = -1
        d["lang_confidence"] = float(d["lang_confidence"])
        d["flags"] = _json_text(d["flags"])
        d["edits"] = _json_text([_typed_edit(e) for e in d["edits"]])
        return d

    def to_json(self) -> str:
        """One JSONL line (:meth:`to_row`), keys in field order, no ASCII escaping (stable bytes
        across runs).

        U+0085, U+2028 and U+2029 are escaped: JSON allows them raw, but line-oriented tools
        (``str.splitlines``, many JSONL readers) would cut the record there.
        """
        text = json.dumps(self.to_row(), ensure_ascii=False, separators=(",", ":"))
        return text.translate(_JSON_LINE_BREAK_ESCAPES)

    @classmethod
    def from_dict(cls, d: dict) -> "Record":
        """A record from its Python form (:meth:`to_dict`) or its JSONL row (:meth:`to_row`)."""
        d = row_to_dict(d)
        d["flags"] = tuple(d.get("flags", ()))
        d["edits"] = tuple(d.get("edits", ()))
        return cls(**d)


# The typed row form (Record.to_row): what stands for "no value" in each nullable field.
_ROW_STRINGS = ("source_raw", "target", "engine", "model", "revision")
_ROW_OFFSETS = ("raw_start", "raw_end")
_NO_TARGET_STATUSES = ("boilerplate", "untranslated")
_EDIT_KEYS = ("kind", "start", "end", "before", "after", "confidence", "reason")


def _json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _typed_edit(edit: dict) -> dict:
    """An edit with its keys in the same order and types in every record (confidence a float)."""
    e = dict(edit)
    if isinstance(e.get("confidence"), int) and not isinstance(e.get("confidence"), bool):
        e["confidence"] = float(e["confidence"])
    first = {k: e.pop(k) for k in _EDIT_KEYS if k in e}
    return {**first, **e}


def row_to_dict(row: dict) -> dict:
    """The Python form (``None``, lists) of a record given as a JSONL row or already in that form.

    Tolerant (the run report reads hand-damaged files with it): values of other types are left
    as they are, for :class:`Record` or the caller to judge.
    """
    d = dict(row)
    for key in ("flags", "edits"):
        if isinstance(d.get(key), str):
            try:
                d[key] = json.loads(d[key])
            except ValueError:
                pass
    for key in _ROW_OFFSETS:
        if d.get(key) == -1:
            d[key] = None
    if d.get("source_raw") == "" and d.get("raw_start") is None:
        d["source_raw"] = None
    if d.get("target") == "" and d.get("status") in _NO_TARGET_STATUSES:
        d["target"] = None
    for key in ("engine", "model", "revision"):
        if d.get(key) == "":
            d[key] = None
    return d


def make_signature(
    *,
    repair: str = "default",
    engine: str | None = None,
    model: str | None = None,
    revision: str | None = None,
    beam_size: int | None = None,
    glossary: str | None = None,
) -> str:
    """A sacrebleu-style recipe: everything needed to regenerate a record, ``key:value|...``.

    >>> make_signature(engine="transformers", model="opus-mt-fr-en", revision="abc", beam_size=4)
    'esgtext:0.1.0|repair:default|engine:transformers|model:opus-mt-fr-en|rev:abc|beam:4|glossary:none'
    >>> make_signature()
    'esgtext:0.1.0|repair:default|engine:none'
    """
    parts = [f"esgtext:{__version__}", f"repair:{repair}"]
    if engine is None or model is None:
        parts.append("engine:none")
    else:
        parts += [
            f"engine:{engine}",
            f"model:{model}",
            f"rev:{revision or 'none'}",
            f"beam:{beam_size if beam_size is not None else 'default'}",
            f"glossary:{glossary or 'none'}",
        ]
    return "|".join(parts)


def xml_safe(text: str) -> str:
    """Drop the characters XML 1.0 cannot hold, so any input yields a well-formed TMX.

    >>> xml_safe("a\\x00b\\x1bc\\td")
    'abc\\td'
    """
    return _XML_ILLEGAL.sub("", text)


def moses_line(text: str) -> str:
    """One Moses line: inner line breaks become spaces so that the pair files stay aligned.

    >>> moses_line("first\\nsecond\\u2028third ")
    'first second third'
    """
    return _LINE_BREAKS.sub(" ", text).strip()


def render_jsonl(records: Iterable[Record]) -> bytes:
    """All records as UTF-8 JSON lines in the typed row form of :meth:`Record.to_row` (an empty
    document renders as an empty file)."""
    return "".join(r.to_json() + "\n" for r in records).encode("utf-8")


def parse_jsonl(data: bytes | str) -> list[Record]:
    """The inverse of :func:`render_jsonl`."""
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    return [Record.from_dict(json.loads(line)) for line in data.split("\n") if line.strip()]


def _bilingual(r: Record) -> bool:
    """A source segment and the English a model made of it: a TMX unit, a Moses line pair."""
    return r.status == "translated" and r.target is not None and r.src_lang != TARGET_LANG


def tmx_records(records: Iterable[Record], src_lang: str | None = None) -> list[Record]:
    """The records that become a ``<tu>``: ``translated`` ones (of ``src_lang`` if given)."""
    return [r for r in records if _bilingual(r) and (src_lang is None or r.src_lang == src_lang)]


#: ``o-tmf`` of our TMX header: TMX 1.4b defines it as the "original translation memory format"
#: the file was made from -- here esgtext's records, not an encoding.
TMX_ORIGINAL_FORMAT = "esgtext"


def render_tmx(records: Iterable[Record], src_lang: str | None = None) -> bytes:
    """TMX 1.4b written with translate-toolkit: one bilingual ``<tu>`` per ``translated`` record
    (of ``src_lang`` when given; the records must then hold one source language at most).

    The header's ``srclang`` is that language (``*all*`` only for a file without units);
    ``o-tmf`` is :data:`TMX_ORIGINAL_FORMAT`. Each ``<tu>`` carries ``srclang`` and ``<prop>``
    elements for the document (``x-doc``), the segment index (``x-seg``) and the status
    (``x-status``). No creation date, so that re-runs are byte-identical. XML-illegal characters
    are removed.
    """
    from lxml import etree
    from translate.storage import tmx

    units = tmx_records(records, src_lang)
    langs = sorted({r.src_lang for r in units})
    if len(langs) > 1:
        raise ValueError(f"one source language per TMX, not {','.join(langs)}: pass src_lang")
    header_lang = src_lang or (langs[0] if langs else "*all*")
    store = tmx.tmxfile(sourcelanguage=header_lang, targetlanguage=TARGET_LANG)
    header = store.document.getroot().find("header")
    if header is not None:
        header.set("creationtool", "esgtext")
        header.set("creationtoolversion", __version__)
        header.set("o-tmf", TMX_ORIGINAL_FORMAT)
    for r in units:
        store.addtranslation(xml_safe(r.source), r.src_lang, xml_safe(r.target or ""), TARGET_LANG)
        tu = store.units[-1].xmlelement
        # TMX DTD order inside <tu>: note*, prop*, tuv+ -- so the props go first.
        for i, (kind, value) in enumerate(
            (("x-doc", r.doc), ("x-seg", str(r.seg)), ("x-status", r.status))
        ):
            prop = etree.Element("prop")
            prop.set("type", kind)
            prop.text = xml_safe(value)
            tu.insert(i, prop)
    return bytes(store)


def moses_records(records: Iterable[Record]) -> dict[str, list[Record]]:
    """``translated`` records grouped by source language, in segment order."""
    groups: dict[str, list[Record]] = {}
    for r in records:
        if _bilingual(r):
            groups.setdefault(r.src_lang, []).append(r)
    return dict(sorted(groups.items()))


def render_moses(records: Iterable[Record]) -> dict[str, tuple[bytes, bytes]]:
    """``{src_lang: (source_file_bytes, english_file_bytes)}``, line-aligned by construction."""
    out: dict[str, tuple[bytes, bytes]] = {}
    for lang, group in moses_records(records).items():
        src = "".join(moses_line(r.source) + "\n" for r in group)
        tgt = "".join(moses_line(r.target or "") + "\n" for r in group)
        out[lang] = (src.encode("utf-8"), tgt.encode("utf-8"))
    return out


def moses_paths(rel: str, langs: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Output names of the Moses pair files of document ``rel`` for each source language.

    A document with one source language gets ``rel.<lang>`` and ``rel.en``; one with several gets
    ``rel.<lang>-en.<lang>`` and ``rel.<lang>-en.en`` per language, so that every pair stays
    line-aligned.

    >>> moses_paths("a.txt", ["fr"])
    {'fr': ('a.txt.fr', 'a.txt.en')}
    >>> moses_paths("a.txt", ["fr", "zh"])["zh"]
    ('a.txt.zh-en.zh', 'a.txt.zh-en.en')
    """
    langs = sorted(langs)
    if len(langs) == 1:
        return {langs[0]: (f"{rel}.{langs[0]}", f"{rel}.{TARGET_LANG}")}
    return {
        lang: (f"{rel}.{lang}-{TARGET_LANG}.{lang}", f"{rel}.{lang}-{TARGET_LANG}.{TARGET_LANG}")
        for lang in langs
    }


def tmx_paths(rel: str, langs: Iterable[str]) -> dict[str, str]:
    """Output name of the TMX of document ``rel`` for each source language (as :func:`moses_paths`).

    >>> tmx_paths("a.txt", ["fr"])
    {'fr': 'a.txt.tmx'}
    >>> tmx_paths("a.txt", ["zh", "fr"])
    {'fr': 'a.txt.fr-en.tmx', 'zh': 'a.txt.zh-en.tmx'}
    """
    return _per_language(rel, langs, "tmx")


def _per_language(rel: str, langs: Iterable[str], extension: str) -> dict[str, str]:
    """``rel.<extension>`` for a document with one source language, else
    ``rel.<lang>-en.<extension>`` per language (TMX and XLIFF name their files so)."""
    langs = sorted(langs)
    if len(langs) == 1:
        return {langs[0]: f"{rel}.{extension}"}
    return {lang: f"{rel}.{lang}-{TARGET_LANG}.{extension}" for lang in langs}


#: The folder of the corpus files inside OUT, and the pairs it always has (empty or not).
CORPUS_DIR = "corpus"
CORPUS_LANGS = ("fr", "zh")


def render_corpus(records: Iterable[Record], formats: Iterable[str]) -> dict[str, bytes]:
    """The corpus of a run: ``{path relative to OUT: bytes}`` for ``corpus/<lang>-en.tmx``
    (``tmx`` in ``formats``) and ``corpus/<lang>-en.<lang>`` + ``corpus/<lang>-en.en``
    (``moses``), for French and Chinese always and any other source language found.

    ``records`` must come in the order wanted (a run gives documents sorted by name, each in
    segment order), so that the same records always give the same bytes.
    """
    formats = set(formats)
    records = list(records)
    groups = moses_records(records)
    files: dict[str, bytes] = {}
    for lang in sorted(set(CORPUS_LANGS) | set(groups)):
        group = groups.get(lang, [])
        stem = f"{CORPUS_DIR}/{lang}-{TARGET_LANG}"
        if "tmx" in formats:
            files[f"{stem}.tmx"] = render_tmx(group, lang)
        if "moses" in formats:
            files[f"{stem}.{lang}"] = "".join(moses_line(r.source) + "\n" for r in group).encode("utf-8")
            files[f"{stem}.{TARGET_LANG}"] = "".join(moses_line(r.target or "") + "\n" for r in group).encode("utf-8")
    return files


# -- XLIFF 2.0 (--format xliff) ------------------------------------------------------------------

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XLIFF_FLAGS_NOTE = "esgtext:flags"


def xliff_records(records: Iterable[Record]) -> dict[str, list[Record]]:
    """The records that become units, by source language: ``translated`` and ``untranslated``
    records of a language other than English (boilerplate and ``und`` are not units)."""
    groups: dict[str, list[Record]] = {}
    for r in records:
        if r.status in ("translated", "untranslated") and r.src_lang not in (TARGET_LANG, "und"):
            groups.setdefault(r.src_lang, []).append(r)
    return dict(sorted(groups.items()))


def xliff_paths(rel: str, langs: Iterable[str]) -> dict[str, str]:
    """Output name of the XLIFF file of document ``rel`` for each source language (as
    :func:`tmx_paths`).

    >>> xliff_paths("a.txt", ["zh", "fr"])
    {'fr': 'a.txt.fr-en.xlf', 'zh': 'a.txt.zh-en.xlf'}
    """
    return _per_language(rel, langs, "xlf")


def render_xliff(records: Iterable[Record], src_lang: str, original: str) -> bytes:
    """XLIFF 2.0 for post-editing: the records of ``src_lang`` of one document (``original``).

    Written with translate-toolkit's XLIFF 2.0 store (:mod:`translate.storage.xliff2`), with two
    corrections towards the XLIFF 2.0 core schema that its writer does not make: ``xml:space``
    goes on ``<source>`` and ``<target>`` (the schema does not allow it on ``<segment>``), and
    notes are a ``<notes>`` child of ``<unit>`` placed before its segment (the toolkit puts them
    inside ``<segment>``). One ``<unit id="s<seg>">`` per record a translator has work on:
    ``translated`` ones (the model's English as ``<target>``, ``state="translated"``) and
    ``untranslated`` ones (no ``<target>``, ``state="initial"``). The ``<file>`` carries
    ``original``; a unit's flags are a note of category :data:`XLIFF_FLAGS_NOTE`. No dates.
    """
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
            note = etree.SubElement(notes, f"{{{XLIFF_NS}}}note", category=XLIFF_FLAGS_NOTE)
            note.text = xml_safe(" ".join(flags))
            unit_element.insert(0, notes)  # <notes> comes before the segments of a <unit>
    return bytes(store)


def render_document_xliff(rel: str, records: Iterable[Record]) -> dict[str, bytes]:
    """``{name relative to OUT: bytes}``: the XLIFF files of one document (none when it has no
    French, Chinese, ... record to post-edit)."""
    groups = xliff_records(records)
    return {name: render_xliff(groups[lang], lang, rel) for lang, name in xliff_paths(rel, groups).items()}


def render_outputs(rel: str, records: list[Record], formats: Iterable[str]) -> dict[str, bytes]:
    """Every output file of one document: ``{path relative to OUT: bytes}``.

    ``formats`` is a subset of ``("jsonl", "tmx", "moses", "xliff")``. A document without a
    bilingual record gets no TMX and no Moses files (its JSONL still lists every segment); one
    without a French, Chinese, ... record to post-edit gets no XLIFF (:func:`render_xliff`).
    """
    formats = set(formats)
    files: dict[str, bytes] = {}
    if "jsonl" in formats:
        files[f"{rel}.jsonl"] = render_jsonl(records)
    if "tmx" in formats:
        for lang, name in tmx_paths(rel, moses_records(records)).items():
            files[name] = render_tmx(records, lang)
    if "moses" in formats:
        pairs = render_moses(records)
        for lang, (src_name, tgt_name) in moses_paths(rel, pairs).items():
            files[src_name], files[tgt_name] = pairs[lang]
    if "xliff" in formats:
        files.update(render_document_xliff(rel, records))
    return files


def record_schema() -> dict:
    """The JSON Schema (draft 2020-12) of one JSONL record, shipped as ``esgtext/data``."""
    text = resources.files("esgtext").joinpath("data/record.schema.json").read_text("utf-8")
    return json.loads(text)


def features():
    """The ``datasets.Features`` of a JSONL record (the typed row form of :meth:`Record.to_row`),
    for ``datasets.load_dataset("json", data_files="OUT/**/*.jsonl", features=features())``.

    Loading without ``features=`` infers the same ones; passing them pins the types whatever the
    files hold. ``flags`` and ``edits`` are JSON text (``json.loads`` gives the lists).
    Needs the ``datasets`` package (imported here only).
    """
    import datasets

    string, int64 = datasets.Value("string"), datasets.Value("int64")
    return datasets.Features({
        "doc": string,
        "seg": int64,
        "paragraph": int64,
        "start": int64,
        "end": int64,
        "src_lang": string,
        "lang_confidence": datasets.Value("float64"),
        "status": string,
        "source": string,
        "source_raw": string,
        "target": string,
        "raw_start": int64,
        "raw_end": int64,
        "flags": string,
        "edits": string,
        "engine": string,
        "model": string,
        "revision": string,
        "signature": string,
    })


FORMATS = ("jsonl", "tmx", "moses", "xliff", "parquet")  # parquet: a run-level dataset (esgtext.parquet)

#: Part of a run's settings hash: bumped when the outputs of the same input change, so that a
#: re-run over an older OUT rewrites them (2: typed JSONL rows, bilingual TMX per language).
OUTPUT_LAYOUT = 2

__all__ = [
    "CORPUS_DIR",
    "FORMATS",
    "OUTPUT_LAYOUT",
    "STATUSES",
    "TMX_ORIGINAL_FORMAT",
    "XLIFF_FLAGS_NOTE",
    "XLIFF_NS",
    "Record",
    "features",
    "make_signature",
    "moses_line",
    "moses_paths",
    "parse_jsonl",
    "record_schema",
    "render_corpus",
    "render_jsonl",
    "render_moses",
    "render_outputs",
    "render_tmx",
    "row_to_dict",
    "tmx_paths",
    "tmx_records",
    "render_document_xliff",
    "render_xliff",
    "xliff_paths",
    "xliff_records",
    "xml_safe",
]
