"""The guillemets of a quotation that a lossy conversion to ASCII deleted.

French releases quote their managers between guillemets: ``« Ces résultats témoignent de
l’engagement de nos équipes », a déclaré Hélène Dufresne, directrice générale. « Nous allons
poursuivre nos efforts. »`` Deleted with every other non-ASCII character, they leave ``Ces
rsultats tmoignent de lengagement de nos quipes, a dclar Hlne Dufresne, directrice gnrale. Nous
allons poursuivre nos efforts.``: the quotation still shows by its attribution (``, a déclaré``
or ``, souligne`` and a name or a title) and by its first person (``nous``, ``notre``, ``je``).

Read only with :attr:`esgtext.repair.RepairConfig.french_typography`: news often reports a
speaker's words without any quotation marks (the WMT news sets: 146 attributions without any
against 26 whose guillemets a conversion would delete), where releases quote with guillemets.
"""

from __future__ import annotations

import re

from esgtext.repair.calibration import TYPOGRAPHY_REASON
from esgtext.repair.edits import Edit
from esgtext.repair.lexicon import damage_key
from esgtext.repair.spacing import NBSP

_PARTICIPLES = (
    "déclaré dit indiqué souligné expliqué ajouté précisé affirmé estimé commenté rappelé conclu "
    "assuré reconnu confié insisté noté observé résumé poursuivi déploré regretté averti prévenu "
    "martelé témoigné détaillé relevé confirmé raconté répondu lancé admis réagi".split())
_PRESENTS = (
    "déclare dit indique souligne explique ajoute précise affirme estime commente rappelle "
    "conclut assure reconnaît confie insiste note observe résume poursuit déplore regrette "
    "avertit prévient martèle témoigne détaille relève confirme raconte répond admet "
    "réagit".split())
# ", s’est félicitée Mme Teissier", ", se réjouit le maire"
_REFLEXIVE_PARTICIPLES = "félicité félicitée réjoui réjouie exclamé exclamée".split()
_REFLEXIVE_PRESENTS = "félicite réjouit exclame".split()


# who speaks, after the attribution's verb: a name, or "le directeur", "la présidente", "son
# fondateur" (never "annonce la validation": a verb and its object)
_TITLES = (
    "directeur directrice président présidente porte-parole ministre maire responsable pdg "
    "fondateur fondatrice secrétaire délégué déléguée adjoint adjointe gérant gérante "
    "dirigeant dirigeante patron patronne vice-président vice-présidente recteur rectrice "
    "doyen doyenne administrateur administratrice conseiller conseillère".split())


def _forms(words: list[str]) -> str:
    """The words and their forms once their accented letters were deleted, as alternatives."""
    forms = {form for word in words for form in (word, damage_key(word, "deleted"))}
    return "|".join(sorted(forms, key=len, reverse=True))


# ", a déclaré Hélène", ", souligne le directeur", ", précise-t-elle", ", a-t-il ajouté"
_ATTRIBUTION = re.compile(
    rf", (?:a (?:{_forms(_PARTICIPLES)})|(?:{_forms(_PRESENTS)})(?:-t-(?:il|elle)|-(?:il|elle))?"
    rf"|a-t-(?:il|elle) (?:{_forms(_PARTICIPLES)})"
    rf"|s(?:’|')?est (?:{_forms(_REFLEXIVE_PARTICIPLES)})|se (?:{_forms(_REFLEXIVE_PRESENTS)}))"
    # (and whom the speaker said it to, between the verb and the speaker: ", a déclaré à
    # l’agence son directeur", ", a indiqué à l’AFP Marie Roux", whose "à" vanished)
    rf"(?=-t-|-il|-elle|(?: +(?:à +|au +)?(?:l’|l'|l|la +)?(?:agence|AFP|presse|Reuters"
    rf"|journal))?[ ,.](?:[A-Z]|(?:le|la|l|l'|l’|son|sa) ?(?:{_forms(_TITLES)})\b))")
_SENTENCE_END = re.compile(r"(?<!\bM)(?<!\bMM)(?<!\bDr)(?<!\bPr)[.!?](?= |$)")
# (not the full stop of "M." before the speaker's name: "reconnaît M. Antoine Leclerc")
_FIRST_PERSON = re.compile(r"\b(?:nous|notre|nos|je|jai|mon|ma|mes)\b", re.IGNORECASE)


def vanished_guillemets(text: str) -> list[Edit]:
    """Insertions of the guillemets of each attributed quotation in ``text`` (deleted damage,
    where no quotation mark survived): ``«`` where its line starts (a release quotes in a
    paragraph of its own; where the quotation starts in the first person only, the press
    releases of the development set had 3.86 % errors, against 3.66 %), ``»`` before the comma
    of the attribution, and the quotation's second part after the attribution's sentence, to
    the line's end where it goes on in the first person, else up to the release's next sentence
    of account (see :func:`_quoted_sentences_end`). (Not "annonce", "lance", "salue": "lance
    « Haies vives »" names a programme.)

        >>> from esgtext.repair.edits import apply_edits
        >>> text = ("Ces rsultats sont ceux de nos quipes, a dclar Hlne Roux, directrice. "
        ...         "Nous allons poursuivre.\\nLe groupe, n en 1990, annonce la validation.")
        >>> print(apply_edits(text, vanished_guillemets(text)).replace(NBSP, " "))
        « Ces rsultats sont ceux de nos quipes », a dclar Hlne Roux, directrice. « Nous allons poursuivre. »
        Le groupe, n en 1990, annonce la validation.
    """
    edits: list[Edit] = []
    line_start = 0
    question = False  # whether the line before was an interview's question
    for line in text.split("\n"):
        found = _line_quotations(line, line_start)
        if not found and question:
            found = _answer(line, line_start)
        edits += found
        stripped = line.strip()
        question = stripped.endswith("?") and len(stripped) <= _MAX_QUESTION
        line_start += len(line) + 1
    return edits


_MAX_QUESTION = 200

# The name of a programme, a label, a shop, in sentence case after the word that introduces it:
# releases quote it ("le programme « Zéro gâchis », lancé", "la boutique « Seconde vie »
# d’Épinal", "sa feuille de route « Mer durable 2030 »"). Not a name in title case or capitals,
# which they rarely quote ("le plan France 2030", "l’initiative Science Based Targets"), nor one
# of more than five words, whose end the text does not show.
_TITLE_NOUNS = (
    "programme programmes opération opérations plan label labels dispositif forfait forfaits "
    "boutique boutiques panier paniers démarche initiative campagne charte trophée trophées "
    "concours offre gamme cuvée baptisé baptisée baptisés baptisées intitulé intitulée "
    "intitulés intitulées".split() + ["feuille de route", "appel à projets"])
_NAMED_TITLE = re.compile(
    rf"(?<![^\W\d_])(?:[ld](?:’|')?)?(?:{_forms(_TITLE_NOUNS)}) "
    r"(?P<name>[A-ZÀ-Ý](?:[a-zß-ÿ]+|[A-ZÀ-Ý]{1,5})(?: (?![dl][A-ZÀ-Ý])[\w’'-]+){1,4}?)"
    r"(?=[,.;:]| \(|$| [dl][A-ZÀ-Ý])", re.MULTILINE)


# ... and the name a release launches, whatever its case, where an apposition says what it is
# ("lance Cap Sobrit 2030, un plan", "prsente Terroirs 2050, un programme"; the development
# releases quote all four such names), with its other mentions in the release ("son plan Cap
# Sobrit 2030.")
_LAUNCH_VERBS = (
    "lance lancent présente présentent dévoile dévoilent inaugure inaugurent".split())
_LAUNCHED_NAME = re.compile(
    rf"(?<![^\W\d_])(?:{_forms(_LAUNCH_VERBS)}) "
    r"(?P<name>[A-ZÀ-Ý][\w’'-]*(?: [\w’'-]+){1,4}?)"
    rf"(?=, (?:un|une) (?:nouveau |nouvelle )?(?:{_forms(_TITLE_NOUNS[:30])}|projet|fonds|"
    r"crédit|crdit|prêt|prt|service|outil|parcours)\b)")


def named_titles(text: str) -> list[Edit]:
    """Insertions of the guillemets around the names that releases quote (see
    :data:`_NAMED_TITLE`), where one word of the name at least is in lower case, and around
    the names a release launches (:data:`_LAUNCHED_NAME`) wherever it mentions them.

        >>> from esgtext.repair.edits import apply_edits
        >>> text = "le programme Zro gchis, lanc en 2023, et le plan France 2030."
        >>> print(apply_edits(text, named_titles(text)).replace(NBSP, " "))
        le programme « Zro gchis », lanc en 2023, et le plan France 2030.
        >>> print(apply_edits("le programme PME durables, lanc", named_titles(
        ...     "le programme PME durables, lanc")).replace(NBSP, " "))
        le programme « PME durables », lanc
        >>> text = "Le groupe lance Cap Sobrit 2030, un plan de 48 M. Son plan Cap Sobrit 2030 vise"
        >>> print(apply_edits(text, named_titles(text)).replace(NBSP, " "))
        Le groupe lance « Cap Sobrit 2030 », un plan de 48 M. Son plan « Cap Sobrit 2030 » vise
    """
    spans: set[tuple[int, int]] = set()

    def add(first: int, last: int) -> None:
        if not any(start < last and first < end for start, end in spans):
            spans.add((first, last))

    # (the names in the order the text launches them: overlaps resolve the same in every run)
    for name in dict.fromkeys(m.group("name") for m in _LAUNCHED_NAME.finditer(text)):
        for m in re.finditer(rf"(?<![\w«]){re.escape(name)}(?![\w»])", text):
            add(*m.span())
    for m in _NAMED_TITLE.finditer(text):
        words = m.group("name").split(" ")
        if any(word[:1].islower() for word in words[1:]) and (
                len(words) == 2 or not words[0].isupper()):  # ("PME durables", an acronym's
            add(*m.span("name"))  # name in two words only: not "label ISR attribué par")
    edits = []
    for start, end in sorted(spans):
        edits.append(_insert(start, "«" + NBSP))
        edits.append(_insert(end, NBSP + "»"))
    return edits


def _answer(line: str, offset: int) -> list[Edit]:
    """The guillemets of an interview's answer: the line right after a question ("Trois
    questions au Dr Roux\nPourquoi les blocs ?\nParce que c’est là que ..."), where it reads
    as a sentence (a capital, then a full stop or an exclamation mark at its end)."""
    start = len(line) - len(line.lstrip(" "))
    end = len(line.rstrip())
    if start >= end or not line[start].isupper() or line[end - 1] not in ".!":
        return []
    return [_insert(offset + start, "«" + NBSP), _insert(offset + end, NBSP + "»")]


def _line_quotations(line: str, offset: int) -> list[Edit]:
    edits: list[Edit] = []
    done = 0  # (where the last quotation ended: the next one starts after it)
    for m in _ATTRIBUTION.finditer(line):
        if m.start() < done:
            continue
        start = done  # (the line's start, or the end of the quotation before)
        while start < m.start() and line[start] == " ":
            start += 1
        if start >= m.start() or not line[start].isupper():
            continue
        start = _quotation_start(line, start, m.start())
        edits.append(_insert(offset + start, "«" + NBSP))
        edits.append(_insert(offset + m.start(), NBSP + "»"))
        done = m.end()
        # the attribution's sentence ends; the rest of the line in the first person goes on
        after = _SENTENCE_END.search(line, m.end())
        if after is None:
            continue
        rest_start = after.end()
        while rest_start < len(line) and line[rest_start] == " ":
            rest_start += 1
        rest_end = len(line.rstrip())
        if not (rest_start < rest_end and line[rest_start].isupper()
                and not _ATTRIBUTION.search(line, rest_start, rest_end)):
            continue
        if not _FIRST_PERSON.search(line, rest_start, rest_end):
            rest_end = _quoted_sentences_end(line, rest_start, rest_end)
        if rest_end > rest_start and line[rest_end - 1] in ".!?":
            edits.append(_insert(offset + rest_start, "«" + NBSP))
            edits.append(_insert(offset + rest_end, NBSP + "»"))
            done = rest_end
    return edits


# A sentence of the release's own account after a quotation: it reports ("L’opposition a
# dénoncé", "Selon lui, les chargeurs"), where the speaker's words go on in the present
_ACCOUNT = re.compile(r"\b(?:[Ss]elon|ont)\b|(?<!y )(?<!\bon )(?<!\blon )(?<!\bquon )(?<!’on )"
                      r"(?<!'on )(?<!il )(?<!elle )\ba\b")
# (not "il y a", "n’y a", "on a", "l’on a", "qu’il a": the speaker's words have them too)
_SIDE = re.compile(r"C[ôo]?t[ée]? ")  # "Côté clients, …", as a deletion leaves it ("Ct")


def _quoted_sentences_end(line: str, start: int, end: int) -> int:
    """Where the speaker's words that go on after the attribution's sentence, from ``start``
    to the line's ``end``, in the third person, end: before the first sentence of the release's
    own account (:data:`_ACCOUNT`); ``start`` where the first is one. (Development releases:
    five such continuations in quotation marks, "Mais le vrai sujet, c’est …", against two
    accounts.)"""
    position = start
    while position < end:
        stop = _SENTENCE_END.search(line, position, end)
        sentence_end = stop.end() if stop else end
        if _ACCOUNT.search(line, position, sentence_end):
            break
        position = sentence_end
        while position < end and line[position] == " ":
            position += 1
    return len(line[:position].rstrip()) if position > start else start


# A sentence of the release's own account: it gives a figure ("crée 34 emplois", "en 2020")
_FIGURE = re.compile(r"\d")
_SENTENCE_START = re.compile(r"[.!?] +(?=[A-ZÀ-Ý])")


def _quotation_start(line: str, start: int, end: int) -> int:
    """Where the quotation that ends at ``end`` starts: at ``start`` (the line's start), unless
    a sentence before it is the release's own account (one that reports or starts "Côté", not
    in the first person: "Les salariés ont joué un rôle. Au début, certains pensaient …,
    raconte"): then after the last such sentence; or unless the line's first sentence gives a
    figure ("L’unité crée 34 emplois. Ici, on apprend un métier, a déclaré"): then at the first
    sentence after it that gives none."""
    sentences = [start] + [m.end() for m in _SENTENCE_START.finditer(line, start, end)]
    if len(sentences) == 1:
        return start
    # the sentences before the attribution that are no account of the release's own ("Les
    # salariés ont joué un rôle. « Au début, certains pensaient … », raconte"; "Côté clients,
    # l’accueil est prudent. « Nous avons transféré …»"): one in the first person is the
    # speaker's, another the release's where it reports (:data:`_ACCOUNT`) or starts "Côté"
    bounds = sentences[1:] + [end]
    first = len(sentences)
    while first > 0:
        begin, finish = sentences[first - 1], bounds[first - 1]
        if not _FIRST_PERSON.search(line, begin, finish) and (
                _ACCOUNT.search(line, begin, finish) or _SIDE.match(line, begin)):
            break
        first -= 1
    if 0 < first < len(sentences):
        return sentences[first]
    if not _FIGURE.search(line, sentences[0], bounds[0]) or _FIRST_PERSON.search(
            line, sentences[0], bounds[0]):  # ("Une famille sur cinq de notre parc consacre
        return start                         # plus de 10 % …": the speaker's figure)
    for first, last in zip(sentences[1:], bounds[1:]):
        if not _FIGURE.search(line, first, last):
            return first
    return start


def _insert(position: int, what: str) -> Edit:
    return Edit("deleted_symbol", position, position, "", what, 0.7,
                f"{TYPOGRAPHY_REASON}: the guillemets of a quotation (a speaker's words, then who "
                "said them) vanished")
