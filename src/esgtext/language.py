"""Language identification and language spans.

Two public functions:

* :func:`detect_language` -- the language of a piece of text, as an ISO 639-1 code with a
  confidence in 0..1.
* :func:`language_spans` -- the text cut into same-language runs that tile it exactly.

How a language is decided (cheap evidence first, so that typical text never reaches the slow step):

1. **Script.** Han characters mean ``zh``, kana ``ja`` (kana with or without Han), Hangul ``ko``.
   When a text mixes a CJK script with Latin letters, each side is weighed by its characters (one
   Han character counts as much as ~3 Latin letters, about one English word).
2. **A unigram word model for French and English** built from ``wordfreq``: each word votes with
   ``log P_fr(w) - log P_en(w)`` (clipped, so that one quoted name cannot decide a sentence).
   Lookups forgive lost accents: ``medaille`` (stripped), ``mdaille`` (deleted) and ``m?daille``
   (replaced by ``?``) all find *médaille*, so French whose accents were damaged stays French.
3. **langdetect**, seeded (it is random otherwise) and called only when the words are not well
   covered by the French/English lists, i.e. when the text may be some other language. Another
   language is returned only when langdetect is sure of it *and* the French/English words do not
   explain the text: press releases here are French, English or Chinese, and that is the prior.

The confidence is a posterior probability (a logistic of the French/English evidence, or the
langdetect probability for other languages) -- calibrated-ish: ``benchmarks/language_quality.py``
prints accuracy per confidence bin.

Everything is deterministic: no sampling except langdetect's, which is seeded per call.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from esgtext.charsets import CJK, CJK_PUNCTUATION, HAN, HANGUL, KANA
from esgtext.sentences import split_sentences

__all__ = ["LanguageGuess", "Span", "detect_language", "language_spans", "UNDETERMINED"]

#: The code returned when a text has no letters at all (digits, punctuation, whitespace).
UNDETERMINED = "und"


@dataclass(frozen=True)
class LanguageGuess:
    """The language of a text: ISO 639-1 ``lang`` and a ``confidence`` in 0..1.

    ``method`` says which evidence decided (``script``, ``words``, ``langdetect`` or ``empty``),
    in the spirit of ftfy's explanations.
    """

    lang: str
    confidence: float
    method: str = "words"


@dataclass(frozen=True)
class Span:
    """A same-language run ``text[start:end]`` in language ``lang`` (ISO 639-1 or ``und``)."""

    start: int
    end: int
    lang: str
    text: str = ""


# ---------------------------------------------------------------------------------------------
# Scripts


# Character classes as regular-expression sets (esgtext.charsets), so that scanning 10 MB runs at
# C speed. Punctuation shared with Latin text (“” ‘’ — …) is not in CJK_PUNCTUATION: between CJK
# characters it is CJK anyway (a piece between two same-language pieces takes their language), at
# a border it stays with the Latin text.
_HAN_RE = re.compile(f"[{HAN}]")
_KANA_RE = re.compile(f"[{KANA}]")
_HANGUL_RE = re.compile(f"[{HANGUL}]")
# a CJK run: CJK characters with the punctuation chains touching them on either side
_CJK_RUN_RE = re.compile(f"[{CJK_PUNCTUATION}]*[{CJK}](?:[{CJK}]|[{CJK_PUNCTUATION}])*")
_ANY_LETTER_RE = re.compile(r"[^\W\d_]")
_FULLWIDTH_LETTER_RE = re.compile("[\uff21-\uff5a]")
_LETTER = "letters"  # the kind of a non-CJK run (its language is decided from its letters)


# ---------------------------------------------------------------------------------------------
# The French/English word model

# letters of alphabetic scripts (not CJK: those are weighed by the script check)
_LETTERS = rf"[^\W\d_{CJK}]"
_WORD_RE = re.compile(_LETTERS + r"+(?:\?" + _LETTERS + r"+)*")
_MODEL_LANGS = ("fr", "en")
_FLOOR = 1e-8  # probability of a word missing from a list (a bit below its rarest entries)
_TOKEN_CLIP = 5.0  # one word can move the log-odds by at most this much
_KNOWN = 1e-6  # a word at least this frequent (Zipf 3) is "known" to a language
_VARIANT_DISCOUNT = 0.5  # an accent-damaged match counts a bit less than an exact one
_MAX_WORDS = 400  # enough evidence: longer texts are judged on an even sample of their words
_LOCK = threading.Lock()


class _CharMap(dict):
    """A ``str.translate`` table that computes each character's mapping once, when first seen."""

    def __init__(self, convert):
        super().__init__()
        self._convert = convert

    def __missing__(self, code: int):
        value = self._convert(chr(code))
        self[code] = value
        return value


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FOLD_MAP = _CharMap(_fold_char)
_DELETE_MAP = _CharMap(lambda ch: ch if ch.isascii() else None)


def _fold_accents(word: str) -> str:
    """``médaille`` -> ``medaille`` (what an accent *stripper* leaves)."""
    return word.translate(_FOLD_MAP)


def _delete_accented(word: str) -> str:
    """``médaille`` -> ``mdaille`` (what an accent *deleter* leaves)."""
    return word.translate(_DELETE_MAP)


@lru_cache(maxsize=None)
def _tables(lang: str) -> tuple[dict[str, float], dict[str, float]]:
    """Word frequencies of ``lang`` and of its accent-damaged forms (built once per process).

    Damaged forms are built for French and English only (the languages the word model decides
    between); other languages are only checked against their exact words.
    """
    from wordfreq import get_frequency_dict

    with _LOCK:
        exact = get_frequency_dict(lang, wordlist="best")  # cached by wordfreq; not modified
        damaged: dict[str, float] = {}
        for word, freq in exact.items() if lang in _MODEL_LANGS else ():
            if word.isascii() or freq < _FLOOR:
                continue
            for form in (_fold_accents(word), _delete_accented(word)):
                if form and form != word and freq > damaged.get(form, 0.0):
                    damaged[form] = freq
        return exact, damaged


def _word_prob(word: str, tables: tuple[dict[str, float], dict[str, float]]) -> float:
    exact, damaged = tables
    if "?" in word:  # '?' in place of an accented letter: m?daille
        word = word.replace("?", "")
        return max(exact.get(word, 0.0), _VARIANT_DISCOUNT * damaged.get(word, 0.0))
    freq = exact.get(word, 0.0)
    if word.isascii():
        freq = max(freq, _VARIANT_DISCOUNT * damaged.get(word, 0.0))
    return freq


def _words(text: str) -> tuple[list[str], list[str]]:
    """Lower-cased words, and those of them not written with a capital (names, acronyms).

    Apostrophes split words (``l'Initiative`` -> ``l``, ``initiative``); a ``?`` inside a word is
    kept (it stands for a lost accented letter).
    """
    raw = _WORD_RE.findall(text)
    if len(raw) > _MAX_WORDS:  # an even sample keeps huge inputs linear and fast
        step = len(raw) / _MAX_WORDS
        raw = [raw[int(i * step)] for i in range(_MAX_WORDS)]
    return [w.lower() for w in raw], [w for w in raw if not w[0].isupper()]


@dataclass(frozen=True)
class _WordEvidence:
    log_odds: float  # log P(text | fr) - log P(text | en), clipped per word
    coverage: float  # share of the words known to the language they prefer (see below)
    n_words: int


def _is_known(freq: float, word: str) -> bool:
    return freq >= _KNOWN or (len(word) == 1 and freq >= _FLOOR)


def _clipped_log_ratio(p: float, q: float) -> float:
    diff = math.log(max(p, _FLOOR)) - math.log(max(q, _FLOOR))
    return max(-_TOKEN_CLIP, min(_TOKEN_CLIP, diff))


def _word_evidence(words: list[str], common: list[str]) -> _WordEvidence:
    """French-vs-English log-odds of ``words``; coverage measured on ``common`` (no names)."""
    fr_tables, en_tables = _tables("fr"), _tables("en")
    log_odds = 0.0
    for word in words:
        log_odds += _clipped_log_ratio(_word_prob(word, fr_tables), _word_prob(word, en_tables))
    # coverage by the language the words prefer: German "die", "am", "in" are English words,
    # but a German sentence is not mostly English words. Measured on all words and on the
    # lower-case ones (names are unknown everywhere; but German nouns are capitalised too):
    # the lower of the two.
    winner = fr_tables if log_odds >= 0 else en_tables
    known = {w: _is_known(_word_prob(w, winner), w) for w in words}
    judged = [w.lower() for w in common] or words
    coverage = min(
        sum(known[w] for w in words) / len(words),
        sum(known[w] for w in judged) / len(judged),
    ) if words else 0.0
    return _WordEvidence(log_odds, coverage, len(words))


# ---------------------------------------------------------------------------------------------
# langdetect (slow; only consulted when French/English words do not explain a text)

_LANGDETECT_SEED = 0
_LANGDETECT_ALIASES = {"zh-cn": "zh", "zh-tw": "zh"}


_LANGDETECT_FACTORY = None  # set once, only when every profile is loaded


def _langdetect_factory():
    """langdetect's detector factory with all its profiles, loaded once per process, atomically.

    langdetect's own loader (``init_factory``) has a bare ``except:`` around each profile, so a
    Ctrl-C that lands while it reads them turns into ``LangDetectException: Profile format
    error``, and leaves a half-loaded factory behind for every later call. Here the same files
    are read in the same order (the order decides nothing but langdetect's internal indices)
    without that ``except``: an interrupt stays a ``KeyboardInterrupt``, and the factory is
    published only once complete.
    """
    global _LANGDETECT_FACTORY
    if _LANGDETECT_FACTORY is not None:
        return _LANGDETECT_FACTORY
    import json
    import os

    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.utils.lang_profile import LangProfile

    factory = DetectorFactory()
    names = os.listdir(PROFILES_DIRECTORY)
    index = 0
    for name in names:
        path = os.path.join(PROFILES_DIRECTORY, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as fh:
            profile = LangProfile(**json.load(fh))
        factory.add_profile(profile, index, len(names))
        index += 1
    factory.seed = _LANGDETECT_SEED
    _LANGDETECT_FACTORY = factory
    return factory


def _langdetect_probs(text: str) -> dict[str, float]:
    """langdetect's probabilities, reproducible: a fresh detector seeded the same way per call."""
    from langdetect import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    with _LOCK:
        factory = _langdetect_factory()
        DetectorFactory.seed = _LANGDETECT_SEED
        factory.seed = _LANGDETECT_SEED
        detector = factory.create()
        detector.append(text[:5000])
        try:
            found = detector.get_probabilities()
        except LangDetectException:
            return {}
    probs: dict[str, float] = {}
    for item in found:
        code = _LANGDETECT_ALIASES.get(item.lang, item.lang)
        probs[code] = probs.get(code, 0.0) + item.prob
    return probs


# ---------------------------------------------------------------------------------------------
# Detection

_HAN_WEIGHT = 3.0  # one Han character ~ one English word ~ 3 letters of evidence
_PRIOR_LOG_ODDS_FR = 0.0  # French and English equally likely a priori
_EVIDENCE_SCALE = 0.5  # tempers the naive-Bayes log-odds into a calibrated-ish probability
_OTHER_MAX_COVERAGE = 0.75  # fr/en must explain less than this share of words ...
_OTHER_MIN_PROB = 0.90  # ... and langdetect be this sure, to call a text another language


def _script_counts(text: str) -> tuple[int, int, int, int]:
    """(Han, kana, Hangul, other letters) character counts."""
    han = len(_HAN_RE.findall(text))
    kana = len(_KANA_RE.findall(text))
    hangul = len(_HANGUL_RE.findall(text))
    letters = len(_ANY_LETTER_RE.findall(text)) - len(_FULLWIDTH_LETTER_RE.findall(text))
    return han, kana, hangul, max(0, letters - han - kana - hangul)


def _detect_cjk(han: int, kana: int, hangul: int, total: float) -> LanguageGuess:
    weights = {"zh": han * _HAN_WEIGHT, "ja": kana * _HAN_WEIGHT, "ko": hangul * _HAN_WEIGHT}
    if kana:  # Japanese writes Han and kana together; kana is the tell
        weights["ja"] += weights.pop("zh")
    lang = max(weights, key=weights.get)
    return LanguageGuess(lang, round(_dominance(weights[lang] / total), 4), "script")


def _only_names(text: str) -> bool:
    """No lower-case word: the letters are names or acronyms (``是Edward。``, ``ESG 报告``)."""
    return not any(len(w) > 1 and not w[0].isupper() for w in _WORD_RE.findall(text))


def _is_latin_letters(words: list[str]) -> bool:
    """Whether the (non-CJK) words are written in the Latin alphabet."""
    return all(ord(c) < 0x0250 for w in words for c in w)


def detect_language(text: str) -> LanguageGuess:
    """The main language of ``text``: ISO 639-1 code and confidence in 0..1.

    >>> detect_language("La photo montre la mdaille du cas gagnant").lang
    'fr'
    >>> detect_language("Publish Time: 2024-02-23 Source:中国机电产品进出口商会").lang
    'zh'
    >>> detect_language("2024-02-23 12:00").lang
    'und'

    Deterministic; French whose accents were deleted, stripped or replaced by ``?`` is French.
    Text without letters is ``und`` with confidence 0.
    """
    text = _sample(text)
    han, kana, hangul, letters = _script_counts(text)
    cjk_weight = (han + kana + hangul) * _HAN_WEIGHT
    if cjk_weight == 0 and letters == 0:
        return LanguageGuess(UNDETERMINED, 0.0, "empty")
    if cjk_weight and 3 * cjk_weight >= letters and _only_names(text):
        return _detect_cjk(han, kana, hangul, cjk_weight)  # Latin names inside CJK text
    if cjk_weight >= letters:
        return _detect_cjk(han, kana, hangul, cjk_weight + letters)
    guess = _detect_alphabetic(text)
    dominance = _dominance(letters / (cjk_weight + letters))
    return LanguageGuess(guess.lang, round(guess.confidence * dominance, 4), guess.method)


_SAMPLE_WINDOWS = 32  # a long text is judged on this many evenly spaced windows ...
_SAMPLE_WINDOW_CHARS = 4000  # ... of this many characters


def _sample(text: str) -> str:
    """Evenly spaced windows of a long text (deterministic; keeps 10 MB inputs fast)."""
    if len(text) <= _SAMPLE_WINDOWS * _SAMPLE_WINDOW_CHARS:
        return text
    step = (len(text) - _SAMPLE_WINDOW_CHARS) // (_SAMPLE_WINDOWS - 1)
    return "\n".join(text[i * step : i * step + _SAMPLE_WINDOW_CHARS] for i in range(_SAMPLE_WINDOWS))


_CLEARLY_MAIN = 0.8  # a script with this share of the evidence is clearly the main one


def _dominance(share: float) -> float:
    """How clearly a script with ``share`` of the evidence is the main one (0.5 -> 0.625, 0.8+ -> 1)."""
    return min(1.0, share / _CLEARLY_MAIN)


def _detect_alphabetic(text: str) -> LanguageGuess:
    """Language of a text whose letters are mostly alphabetic (Latin, Cyrillic, Greek, ...)."""
    words, common = _words(text)
    latin = _is_latin_letters(words)
    evidence = _word_evidence(words, common) if latin and words else None
    if evidence is not None and evidence.coverage >= _OTHER_MAX_COVERAGE:
        return _french_or_english(evidence)
    probs = _langdetect_probs(text)
    if evidence is None:  # not Latin: langdetect's best guess, honestly scored
        if not probs:
            return LanguageGuess(UNDETERMINED, 0.0, "langdetect")
        best = max(probs, key=probs.get)
        return LanguageGuess(best, round(probs[best], 4), "langdetect")
    other = _other_language(words, probs, evidence)
    if other is not None:
        return other
    # Latin text not well covered (names, acronyms, damaged words): French/English, with
    # langdetect's fr/en opinion as extra evidence
    ld_odds = math.log((probs.get("fr", 0.0) + 0.01) / (probs.get("en", 0.0) + 0.01))
    return _french_or_english(evidence, extra_log_odds=ld_odds)


# langdetect code -> wordfreq code, where they differ
_WORDFREQ_ALIASES = {"no": "nb", "tl": "fil", "hr": "sh", "sr": "sh", "bs": "sh"}
_OTHER_MARGIN = 4.0  # log-likelihood the other language's words must win by
_OTHER_MIN_WORDS = 4  # without a word list for it, another language needs this many words ...
_OTHER_MAX_COVERAGE_UNLISTED = 0.5  # ... of which fr/en know fewer than this share


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages("best"))


def _other_language(words, probs, evidence: _WordEvidence) -> LanguageGuess | None:
    """Another language than French/English, when langdetect is sure and the words agree.

    langdetect alone calls short French or English sentences Catalan, Afrikaans or Indonesian
    ("Assieds-toi.", "I'm asexual."); so its choice must also explain the words better than
    French and English do (wordfreq lists exist for ~40 languages), or, for a language without a
    list, the text must be long enough and mostly unknown to French and English.
    """
    if not probs:
        return None
    other = max(probs, key=probs.get)
    p = probs[other]
    if other in _MODEL_LANGS or p < _OTHER_MIN_PROB:
        return None
    code = _WORDFREQ_ALIASES.get(other, other)
    if code in _wordfreq_languages():
        tables, fr_tables, en_tables = _tables(code), _tables("fr"), _tables("en")
        margin = sum(
            _clipped_log_ratio(
                _word_prob(w, tables), max(_word_prob(w, fr_tables), _word_prob(w, en_tables))
            )
            for w in words
        )
        if margin < _OTHER_MARGIN:
            return None
        confidence = p / (1.0 + math.exp(-_EVIDENCE_SCALE * margin))
    else:
        if evidence.n_words < _OTHER_MIN_WORDS or evidence.coverage >= _OTHER_MAX_COVERAGE_UNLISTED:
            return None
        confidence = p * (1.0 - evidence.coverage)
    return LanguageGuess(other, round(confidence, 4), "langdetect")


def _french_or_english(evidence: _WordEvidence, extra_log_odds: float = 0.0) -> LanguageGuess:
    log_odds = _PRIOR_LOG_ODDS_FR + _EVIDENCE_SCALE * evidence.log_odds + extra_log_odds
    p_fr = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, log_odds))))
    lang, p = ("fr", p_fr) if p_fr >= 0.5 else ("en", 1.0 - p_fr)
    # few or unknown words: a confident log-odds is still thin evidence
    p = 0.5 + (p - 0.5) * min(1.0, 0.25 + 0.75 * evidence.coverage)
    return LanguageGuess(lang, round(p, 4), "words")


# ---------------------------------------------------------------------------------------------
# Spans


def language_spans(text: str) -> list[Span]:
    """Cut ``text`` into same-language runs that tile it exactly (no gaps, no overlaps).

    * A run of Han characters -- with the full-width punctuation and CJK symbols inside or next to
      it (``·（）《》、：，。``) -- is a ``zh`` span covering exactly those characters; kana makes
      it ``ja``, Hangul ``ko``. Quotes and dashes shared with Latin text (``“”’—…``) are CJK
      between CJK characters and Latin at a border.
    * Everything else (letters, digits, ASCII punctuation, whitespace) forms the runs between;
      each gets the language of its letters, decided sentence by sentence with the document's
      main language as the fallback for short or unclear pieces.
    * Whitespace and punctuation between a CJK run and a Latin run belong to the Latin run, so
      that a Chinese name inside an English sentence is exactly its characters:

    >>> [(s.text, s.lang) for s in language_spans("Source:中国机电产品进出口商会 today.")]
    [('Source:', 'en'), ('中国机电产品进出口商会', 'zh'), (' today.', 'en')]

    * In a CJK document, names and acronyms written in Latin letters between CJK text (up to four
      capitalised words and no lower-case word: ``ESG``, ``Gordon Johndroe``, ``H5N1``) take the
      language of the CJK text around them; a piece without letters (``4 000``) joins its
      neighbours.
    * Adjacent spans of the same language are merged.
    """
    if not text:
        return []
    runs = _script_runs(text)
    main = detect_language(text)
    latin_main = lru_cache(maxsize=None)(lambda: _latin_main_language(text, runs, main))
    cjk_document = main.lang in _CJK_LANGS
    labelled: list[tuple[int, int, str | None]] = []
    for i, (start, end, kind) in enumerate(runs):
        if kind != _LETTER:
            labelled.append((start, end, kind))
            continue
        labelled.extend(_label_letter_run(text, start, end, latin_main, runs, i, cjk_document))
    return _merge(text, _resolve_neutral(labelled, main.lang))


_CJK_LANGS = ("zh", "ja", "ko")


def _script_runs(text: str) -> list[tuple[int, int, str]]:
    """Runs of CJK text (kind: ``zh``, ``ja``, ``ko``) and of everything else (``_LETTER``).

    CJK punctuation joins a CJK run only when it touches one (directly or through other CJK
    punctuation); isolated full-width punctuation stays with the text around it.
    """
    runs: list[tuple[int, int, str]] = []
    cursor = 0
    for m in _CJK_RUN_RE.finditer(text):
        if m.start() > cursor:
            runs.append((cursor, m.start(), _LETTER))
        run = m.group()
        if _KANA_RE.search(run):
            lang = "ja"
        elif len(_HANGUL_RE.findall(run)) > len(_HAN_RE.findall(run)):
            lang = "ko"
        else:
            lang = "zh"
        runs.append((m.start(), m.end(), lang))
        cursor = m.end()
    if cursor < len(text):
        runs.append((cursor, len(text), _LETTER))
    return runs


def _latin_main_language(text: str, runs, main: LanguageGuess) -> str:
    """The language of the document's non-CJK text taken together."""
    if main.lang not in (*_CJK_LANGS, UNDETERMINED):
        return main.lang
    latin = " ".join(text[s:e] for s, e, kind in runs if kind == _LETTER)
    if not _WORD_RE.search(latin):
        return UNDETERMINED
    return detect_language(latin).lang


_NAME_PIECE_WORDS = 4  # names and acronyms (no lower-case word) inside CJK text stay in it
_SENTENCE_MIN_WORDS = 4  # shorter sentences take the document's language
_SENTENCE_MIN_CONFIDENCE = 0.8


def _label_letter_run(text, start, end, latin_main, runs, index, cjk_document):
    """Language-labelled pieces of one non-CJK run, sentence by sentence.

    ``latin_main()`` gives the document's Latin-script language (computed only when needed).
    """
    piece = text[start:end]
    n_words = len(_WORD_RE.findall(piece))
    if n_words == 0:
        return [(start, end, None)]  # no letters: decided by its neighbours
    sandwiched = 0 < index < len(runs) - 1 and runs[index - 1][2] == runs[index + 1][2]
    if cjk_document and sandwiched and n_words <= _NAME_PIECE_WORDS and _only_names(piece):
        return [(start, end, runs[index - 1][2])]
    if n_words < _SENTENCE_MIN_WORDS:
        return [(start, end, latin_main())]
    out = []
    cursor = start
    for seg in split_sentences(piece, latin_main() if latin_main() in ("fr", "en") else "en"):
        seg_end = start + seg.end
        guess = detect_language(seg.text)
        lang = latin_main()
        if (
            len(_WORD_RE.findall(seg.text)) >= _SENTENCE_MIN_WORDS
            and guess.confidence >= _SENTENCE_MIN_CONFIDENCE
        ):
            lang = guess.lang
        out.append((cursor, seg_end, lang))
        cursor = seg_end
    if cursor < end:
        if out:
            s, _, lang = out[-1]
            out[-1] = (s, end, lang)
        else:
            out.append((cursor, end, latin_main()))
    return out


_EMBEDDED_CJK_MAX = 24  # a CJK run this short between Latin text and an edge is a name


def _resolve_neutral(labelled, fallback: str) -> list[tuple[int, int, str]]:
    """Give pieces without letters (``None``) the language of a neighbour.

    Between two pieces of the same language: that language. Next to a CJK piece and a letter
    piece: the letter piece (so CJK spans stay exactly their characters). At the start or end
    of the text next to a short CJK run that is itself next to Latin text (``by 王小明.``): the
    Latin language too. Otherwise the only neighbour, or ``fallback`` when alone.
    """
    resolved: list[tuple[int, int, str]] = []
    n = len(labelled)
    for i, (s, e, lang) in enumerate(labelled):
        if lang is not None:
            resolved.append((s, e, lang))
            continue
        before = labelled[i - 1][2] if i > 0 else None
        after = labelled[i + 1][2] if i + 1 < n else None
        if before is not None and before == after:
            lang = before
        elif before is None and after is None:
            lang = fallback
        else:
            options = [x for x in (before, after) if x is not None]
            latin = [x for x in options if x not in _CJK_LANGS]
            lang = latin[0] if latin else _beyond_name(labelled, i, options[0])
        resolved.append((s, e, lang))
    return resolved


def _beyond_name(labelled, i: int, cjk: str) -> str:
    """For an edge piece next to a CJK run: the language on the run's other side if the run is
    a short name embedded in Latin text, else the run's own language."""
    n = len(labelled)
    if i == 0 and n >= 3:
        name, other = labelled[1], labelled[2]
    elif i == n - 1 and n >= 3:
        name, other = labelled[i - 1], labelled[i - 2]
    else:
        return cjk
    if name[1] - name[0] <= _EMBEDDED_CJK_MAX and other[2] not in (*_CJK_LANGS, None):
        return other[2]
    return cjk


def _merge(text: str, pieces: list[tuple[int, int, str]]) -> list[Span]:
    """Adjacent pieces of one language as one span; each span's text is sliced once (slicing the
    growing span at every merge would copy a 10 MB single-language line quadratically)."""
    merged: list[list] = []
    for s, e, lang in pieces:
        if s == e:
            continue
        if merged and merged[-1][2] == lang:
            merged[-1][1] = e
        else:
            merged.append([s, e, lang])
    return [Span(s, e, lang, text[s:e]) for s, e, lang in merged]
