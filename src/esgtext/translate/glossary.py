"""Glossaries: terms never to translate and terms with a fixed English form.

A glossary file is tab-separated, one term a line, ``#`` starts a comment::

    # source term<TAB>English form (empty: keep the term as it is)
    EcoVadis
    碳中和<TAB>carbon neutrality
    Bilan Carbone<TAB>Bilan Carbone
    RSE<TAB>CSR<TAB>fr          # optional third column: only for this source language

A TBX file (``.tbx``: TBX 2 / TBX-Basic ``<martif>`` with ``termEntry``/``langSet``/``tig``, or
TBX v3 ``<tbx>`` with ``conceptEntry``/``langSec``/``termSec``) is read too: each concept's terms
in a language other than English map to its English term (the first one not marked deprecated;
a concept without an English term keeps its terms as they are), for their own language only.

Before translation each term is replaced by a placeholder the OPUS-MT vocabularies keep intact
(``ZX1``, ``ZX2``...: two or three known sentencepiece pieces in both the zh-en and fr-en
models); after translation each placeholder is replaced by the term's English form. A placeholder
the model dropped is flagged ``glossary_lost`` (the term is then missing: shown, not hidden);
every translation a term applied to is flagged ``glossary``. A segment that is exactly one term
is not sent to the model at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from esgtext.charsets import CJK_RE

_PLACEHOLDER = "ZX{}"
_PLACEHOLDER_BACK = re.compile(r"(?<![A-Za-z])Z\s?X\s?(\d+)(?!\d)", re.I)
_CJK = CJK_RE


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DEPRECATED = ("deprecatedterm-admn-sts", "deprecatedterm", "supersededterm-admn-sts", "supersededterm")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is_tbx(path: Path | str) -> bool:
    """A ``.tbx`` name, or a file that starts like XML (a TBX file saved as ``.xml``)."""
    if str(path).lower().endswith((".tbx", ".xml")):
        return True
    try:
        with open(path, "rb") as fh:
            head = fh.read(256).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith(b"<?xml") or head.startswith((b"<martif", b"<tbx"))


def _tbx_term(group) -> str:
    """The text of the ``<term>`` of a ``tig``/``ntig``/``termSec`` (markup inside flattened)."""
    for node in group.iter():
        if isinstance(node.tag, str) and _local(node.tag) == "term":
            return " ".join("".join(node.itertext()).split())
    return ""


def _deprecated(group) -> bool:
    """Whether a term group marks its term deprecated or superseded (administrativeStatus or
    normativeAuthorization, TBX 2 and v3)."""
    for node in group.iter():
        if not isinstance(node.tag, str) or _local(node.tag) not in ("termNote", "descrip", "admin"):
            continue
        if node.get("type") in ("administrativeStatus", "normativeAuthorization"):
            if "".join(node.itertext()).strip().lower() in _DEPRECATED:
                return True
    return False


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    english: str
    lang: str | None = None  # None: every source language

    @property
    def keep(self) -> bool:
        """True for a do-not-translate term (its English form is the term itself)."""
        return self.english == self.term


@dataclass(frozen=True)
class Protected:
    """A source with its glossary terms replaced by placeholders, and how to put them back."""

    text: str
    replacements: tuple[str, ...] = ()  # English form of placeholder i+1
    terms: tuple[str, ...] = ()

    def restore(self, translated: str) -> tuple[str, list[str]]:
        """``translated`` with placeholders replaced by English forms, and the flags that applies."""
        if not self.replacements:
            return translated, []
        seen: set[int] = set()

        def put_back(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            if 0 <= i < len(self.replacements):
                seen.add(i)
                return self.replacements[i]
            return m.group()

        restored = _PLACEHOLDER_BACK.sub(put_back, translated)
        flags = ["glossary"]
        if len(seen) < len(self.replacements):
            flags.append("glossary_lost")
        return restored, flags


@dataclass(frozen=True)
class Glossary:
    """Terms for :func:`esgtext.translate.translate_segments` (``--glossary terms.tsv``)."""

    entries: tuple[GlossaryEntry, ...] = field(default=())

    @classmethod
    def from_file(cls, path: Path | str) -> "Glossary":
        """Read a TSV glossary, or a TBX one (a ``.tbx`` name or XML content); ``ValueError``
        (one line, with the line number) for a bad line or a TBX file that does not parse."""
        if _is_tbx(path):
            return cls.from_tbx(path)
        entries = []
        for number, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), 1):
            line = re.sub(r"(?:^|\s)#.*$", "", line)  # comments: a line or the rest of one after " #"
            if not line.strip():
                continue
            cols = [c.strip() for c in line.split("\t")]
            if not cols[0]:
                raise ValueError(f"{path}:{number}: empty term")
            if len(cols) > 3:
                raise ValueError(f"{path}:{number}: expected TERM[<TAB>ENGLISH[<TAB>LANG]], got {len(cols)} columns")
            english = cols[1] if len(cols) > 1 and cols[1] else cols[0]
            lang = cols[2] if len(cols) > 2 and cols[2] else None
            entries.append(GlossaryEntry(cols[0], english, lang))
        return cls(tuple(entries))

    @classmethod
    def from_tbx(cls, path: Path | str) -> "Glossary":
        """Read a TBX termbase (see the module docstring); ``ValueError`` (one line) when it is
        not TBX or holds no term. Entities and DTDs are not resolved, nothing is fetched."""
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            root = etree.parse(str(path), parser).getroot()
        except (etree.XMLSyntaxError, OSError) as exc:
            raise ValueError(f"{path}: not a readable TBX file: {' '.join(str(exc).split())}") from None
        if _local(root.tag) not in ("martif", "tbx"):
            raise ValueError(f"{path}: not a TBX file (root element <{_local(root.tag)}>, not <martif> or <tbx>)")
        entries: list[GlossaryEntry] = []
        seen: set[tuple[str, str]] = set()
        for concept in root.iter():
            if not isinstance(concept.tag, str) or _local(concept.tag) not in ("termEntry", "conceptEntry"):
                continue
            by_lang: dict[str, list[tuple[str, bool]]] = {}
            for lang_set in concept:
                if not isinstance(lang_set.tag, str) or _local(lang_set.tag) not in ("langSet", "langSec"):
                    continue
                lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").split("-")[0].split("_")[0].lower()
                if not lang:
                    continue
                for term_group in lang_set.iter():
                    if isinstance(term_group.tag, str) and _local(term_group.tag) in ("tig", "ntig", "termSec"):
                        term = _tbx_term(term_group)
                        if term:
                            by_lang.setdefault(lang, []).append((term, _deprecated(term_group)))
            english = [t for t, deprecated in by_lang.get("en", []) if not deprecated] or \
                      [t for t, _ in by_lang.get("en", [])]
            for lang, terms in sorted(by_lang.items()):
                if lang == "en":
                    continue
                for term, _ in terms:
                    if (term, lang) not in seen:
                        seen.add((term, lang))
                        entries.append(GlossaryEntry(term, english[0] if english else term, lang))
        if not entries:
            raise ValueError(f"{path}: no term in a language other than English in this TBX file")
        return cls(tuple(entries))

    @classmethod
    def from_pairs(cls, pairs: dict[str, str | None]) -> "Glossary":
        """``{"EcoVadis": None, "碳中和": "carbon neutrality"}`` (``None``: keep as is)."""
        return cls(tuple(GlossaryEntry(t, e or t) for t, e in pairs.items()))

    def __len__(self) -> int:
        return len(self.entries)

    def _pattern(self, src: str) -> tuple[re.Pattern | None, dict[str, GlossaryEntry]]:
        wanted = {e.term: e for e in self.entries if e.lang is None or src.startswith(e.lang)}
        if not wanted:
            return None, wanted
        alternatives = []
        for term in sorted(wanted, key=len, reverse=True):  # longest first: "Bilan Carbone" before "Carbone"
            escaped = re.escape(term)
            if _CJK.search(term):
                alternatives.append(escaped)
            else:
                alternatives.append(rf"(?<!\w){escaped}(?!\w)")
        return re.compile("|".join(alternatives)), wanted

    def protect(self, text: str, src: str) -> Protected:
        """Replace this glossary's terms in ``text`` (language ``src``) by placeholders."""
        pattern, wanted = self._pattern(src)
        if pattern is None:
            return Protected(text)
        replacements: list[str] = []
        terms: list[str] = []

        def swap(m: re.Match) -> str:
            entry = wanted[m.group()]
            replacements.append(entry.english)
            terms.append(entry.term)
            return _PLACEHOLDER.format(len(replacements))

        protected = pattern.sub(swap, text)
        # Chinese has no spaces: keep the placeholder a word of its own for the tokenizer.
        if replacements and _CJK.search(text):
            protected = re.sub(r"(?<=[^\s])(ZX\d+)|(ZX\d+)(?=[^\s\d])", lambda m: f" {m.group()} ", protected)
            protected = re.sub(r"  +", " ", protected).strip()
        return Protected(protected, tuple(replacements), tuple(terms))

    def whole_term(self, text: str, src: str) -> str | None:
        """The English form when ``text`` is exactly one glossary term (no model call needed)."""
        stripped = text.strip()
        for entry in self.entries:
            if entry.term == stripped and (entry.lang is None or src.startswith(entry.lang)):
                return entry.english
        return None

    def content_hash(self) -> str:
        """A short hash of the entries (a glossary given as an object: the records' ``glossary``)."""
        import hashlib

        blob = "\n".join(f"{e.term}\t{e.english}\t{e.lang or ''}" for e in self.entries)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]
