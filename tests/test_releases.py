"""French typography put back by default in a press release typed in a word processor's French mode
(esgtext.repair.releases, RepairConfig.french_typography="auto")."""

from __future__ import annotations

import pytest

from esgtext.damage import french_typography, lossy_ascii, strip_accents
from esgtext.repair import RepairConfig, repair_text
from esgtext.repair.releases import (
    looks_like_press_release,
    press_release_markers,
    typed_plain,
    wants_french_typography,
)

RELEASE = french_typography(
    "COMMUNIQUÉ DE PRESSE\n"
    "\n"
    "Lyon, le 5 février 2026 – Le groupe Translia publie les résultats de l’exercice : une "
    "croissance de 7 % ; une marge d’exploitation en hausse.\n"
    "« Ces résultats sont ceux de nos équipes », a déclaré Hélène Roux, directrice générale.\n"
    "\n"
    "À propos de Translia\n"
    "Translia emploie 31 000 collaborateurs dans sept pays.\n"
    "\n"
    "Contact presse : Antoine Rigaud – 04 72 10 44 58 – antoine.rigaud@translia.com\n",
    optional_share=0)
DAMAGE = {
    "deleted": lambda t: lossy_ascii(t, capitals=False),
    "capitals too": lossy_ascii,
    "?": lambda t: lossy_ascii(t, replacement="?"),
    "stripped": strip_accents,
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_the_parts_of_a_release_are_read_through_any_damage(damage):
    damaged = DAMAGE[damage](RELEASE)
    assert press_release_markers(damaged) == (
        "header", "dateline", "press_contact", "about", "contact_details")
    assert wants_french_typography(damaged)


def test_news_is_no_release():
    news = ("Paris, le 3 février 2026 – Le gouvernement a annoncé un plan : 2 milliards d’euros.\n"
            "À propos de ce plan, le ministre a déclaré qu’il serait voté avant l’été.\n")
    assert press_release_markers(lossy_ascii(news)) == ("dateline",)
    assert not looks_like_press_release(lossy_ascii(news))
    assert not looks_like_press_release("")


def test_a_release_typed_without_the_french_mode_shows_it():
    plain = lossy_ascii(RELEASE.replace("\u2019", "'"), capitals=False)  # l'exercice survives
    assert looks_like_press_release(plain) and typed_plain(plain)
    assert not wants_french_typography(plain)
    spaced = "Contact presse : Laure Roux\nNantes, le 2 mars 2026 : le groupe ; la mutuelle"
    assert typed_plain(spaced) and not typed_plain(lossy_ascii(RELEASE))


def test_french_typography_comes_back_by_default_in_a_release_only():
    damaged = lossy_ascii(RELEASE, capitals=False)
    assert "lexercice: une" in damaged and "Ces rsultats" in damaged
    repaired = repair_text(damaged, lang="fr")
    assert "l’exercice\u00a0: une croissance de 7\u00a0%\u202f; une marge" in repaired.text
    assert "«\u00a0Ces résultats sont ceux de nos équipes\u00a0», a déclaré" in repaired.text
    typography = [e for e in repaired.edits if e.reason.startswith("French typography")]
    # --explain says why the default put it back
    assert typography and all("reads as a press release: a header, a dateline" in e.reason
                              for e in typography)
    forced = repair_text(damaged, lang="fr", config=RepairConfig(french_typography=True))
    assert forced.text == repaired.text and not any("reads as a press release" in e.reason
                                                    for e in forced.edits)
    forced_off = repair_text(damaged, lang="fr", config=RepairConfig(french_typography=False))
    assert "l’exercice: une" in forced_off.text and "«" not in forced_off.text
    # the same paragraphs without the parts of a release: left as news writes them
    body = "\n".join(line for line in damaged.splitlines()[2:4])
    assert "«" not in repair_text(body, lang="fr").text
    assert repair_text(RELEASE, lang="fr").text == RELEASE  # nothing was lost, nothing added
    glued = RELEASE.replace("\u00a0:", ":").replace("\u202f;", ";").replace("«\u00a0", "")
    assert repair_text(glued).text == glued  # clean, in another typography: left alone


def test_french_typography_setting_is_checked():
    with pytest.raises(ValueError, match="french_typography"):
        RepairConfig(french_typography="yes")
    assert "typography:auto" in RepairConfig().signature()
    assert "typography" not in RepairConfig(french_typography=False).signature()


def test_the_cli_reads_a_release_and_obeys_no_french_typography(repair_cli):
    damaged = lossy_ascii(RELEASE, capitals=False)
    assert "«\u00a0Ces résultats" in repair_cli(damaged)
    assert "«" not in repair_cli(damaged, "--no-french-typography")


def test_a_long_text_is_read_at_both_ends():
    damaged = lossy_ascii(RELEASE, capitals=False)
    lines = damaged.splitlines()
    body = "\nLe groupe a publié ses résultats annuels.\n" * 2_000
    long_release = "\n".join(lines[:3]) + body + "\n".join(lines[3:])
    assert looks_like_press_release(long_release)
    assert not looks_like_press_release(body + "\n".join(lines[:3]) + body)  # not at the start


def test_bulk_records_of_a_release_carry_its_typography(tmp_path):
    from click.testing import CliRunner

    from esgtext.cli import EXIT_OK, main

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "release.txt").write_text(lossy_ascii(RELEASE, capitals=False), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["translate", str(inbox), "-o", str(out),
                                       "--allow-untranslated", "--no-progress", "-q"],
                                catch_exceptions=False)
    assert result.exit_code == EXIT_OK
    jsonl = (out / "release.txt.jsonl").read_text(encoding="utf-8")
    assert "«\u00a0Ces résultats" in jsonl and "typography=auto" in jsonl


def _release(body: str) -> str:
    """``body`` as the paragraphs of a release, dressed in French typography."""
    return french_typography(
        "COMMUNIQUÉ DE PRESSE\n\nLille, le 15 octobre 2026 – " + body + "\n\nÀ propos de "
        "Duvernoy\nDuvernoy exploite 212 magasins.\n\nContact presse\n"
        "Julien Ferrand – julien.ferrand@duvernoy.fr – 05 49 62 18 40\n"
        "sophie.jeanneret@duvernoy.fr – +41 32 910 45 60\n", optional_share=0)


def _repaired_release(body: str, *damaged_parts: str) -> str:
    """``body`` as a release whose non-ASCII characters were deleted (accented capitals kept),
    checked to hold ``damaged_parts``, then repaired."""
    damaged = lossy_ascii(_release(body), capitals=False)
    assert [part for part in damaged_parts if part not in damaged] == []
    return repair_text(damaged).text


def test_the_guillemets_of_the_names_a_release_quotes():
    repaired = _repaired_release(
        "L’enseigne dresse le bilan de son programme « Zéro gâchis », lancé il y a trois ans. "
        "Les paniers « Dernière chance », vendus à moitié prix, ont trouvé preneur, et "
        "l’opération « Pêche aux déchets », qui continue. Les meubles sont revendus dans la "
        "boutique « Seconde vie » d’Épinal, dans le cadre du plan France 2030 et de l’initiative "
        "Science Based Targets.", "programme Zro gchis, lanc", "boutique Seconde vie dÉpinal")
    for name in ("Zéro gâchis", "Dernière chance", "Pêche aux déchets", "Seconde vie"):
        assert f"«\u00a0{name}\u00a0»" in repaired  # (not "programme à Zéro")
    assert "plan France 2030" in repaired and "initiative Science Based Targets" in repaired


def test_more_attributions_and_a_contact_line_that_gives_the_address_first():
    repaired = _repaired_release(
        "Ferlogis présente son plan.\n« Le rail transporte trop peu de marchandises. Ce n’est "
        "pas une fatalité ! », a lancé son président, Marc Delorme.\n"
        "« Tout dépendra de l’état du réseau », admet-il.", "fatalit!, a lanc")
    assert "«\u00a0Le rail transporte" in repaired and "fatalité\u202f!\u00a0», a lancé" in repaired
    assert "«\u00a0Tout dépendra de l’état du réseau\u00a0», admet-il" in repaired
    assert "Julien Ferrand – julien.ferrand@duvernoy.fr – 05 49 62 18 40" in repaired
    assert "sophie.jeanneret@duvernoy.fr – +41 32 910 45 60" in repaired.replace("\u202f", " ")


def test_the_euro_sign_of_an_amount_per_month_or_per_inhabitant():
    repaired = _repaired_release(
        "Le plan est doté de 85 millions d’euros, soit près de 42 € par habitant. "
        "L’abonnement coûte 15 € par mois, et la prime atteint 2,50 € par mètre cube. Le "
        "réseau compte 3 bornes par habitant.", "42 par habitant", "15 par mois")
    assert "42\u00a0€ par habitant" in repaired and "15\u00a0€ par mois" in repaired
    assert "2,50\u00a0€ par mètre cube" in repaired and "3 bornes par habitant" in repaired


def test_where_a_quotation_starts_and_how_it_goes_on_after_its_attribution():
    clean = _release(
        "L’enseigne publie son bilan.\n"
        "Les salariés ont joué un rôle déterminant. « Au début, certains pensaient que c’était "
        "une tâche de plus », raconte Kévin Lefebvre, chef de rayon.\n"
        "Côté clients, l’accueil est prudent. « Nous avons transféré la moitié de nos flux », "
        "témoigne M. Frédéric Oudin, directeur logistique. « Mais le vrai sujet, c’est le "
        "dernier kilomètre. »\n"
        "« Le plan est ambitieux », reconnaît M. Antoine Leclerc, responsable environnement. "
        "« Il faudra maintenant que ces mesures se traduisent dans les ateliers. » "
        "L’opposition a dénoncé un plan trop coûteux.")
    repaired = repair_text(lossy_ascii(clean, capitals=False)).text
    paragraphs = clean.splitlines()[2:5]
    assert [line for line in repaired.splitlines() if line in paragraphs] == paragraphs


def test_a_quotation_that_opens_on_the_speakers_own_figure_or_an_on_a():
    # a first sentence with a figure is the release's own account, unless it speaks in the
    # first person; "que l’on a", "on a" are the speaker's words, not an account
    clean = _release(
        "L’office publie son plan.\n"
        "« Une famille sur cinq de notre parc consacre plus de 10 % de ses revenus à l’énergie. "
        "Rénover, c’est redonner du pouvoir d’achat », déclare Thierry Gérard, directeur "
        "général.\n"
        "« Jeter un produit que l’on a fait pousser, c’est un double échec. Nous voulons que "
        "plus aucune denrée ne soit détruite », déclare Claire Gérard, présidente.")
    repaired = repair_text(lossy_ascii(clean, capitals=False)).text
    assert "\n«\u00a0Une famille sur cinq de notre parc" in repaired
    assert "\n«\u00a0Jeter un produit que l’on a fait" in repaired and repaired.count("«") == 2


def test_a_release_whose_accents_were_stripped_gets_its_names_accented_capitals():
    clean = _release(
        "La CCI de Nîmes réunit ses adhérents avec Étienne Rochat, en lien avec l’Éducation "
        "nationale.\nÉvreux, le 26 novembre 2026 – Le groupe ouvre un site.")
    repaired = repair_text(strip_accents(clean)).text
    assert "La CCI de Nîmes réunit ses adhérents avec Étienne Rochat" in repaired
    assert "l’Éducation nationale" in repaired and "\nÉvreux, le 26 novembre" in repaired
    news = strip_accents("La CCI de Nîmes réunit ses adhérents avec Étienne Rochat.")
    assert "avec Etienne" in repair_text(news, lang="fr").text  # (news: "Etat" as often)


def test_a_dateline_that_names_its_department_and_a_wire_dispatch_read_as_a_release():
    # "Sète (Hérault), 8 juillet 2026": the place's department in brackets, before the date
    dispatch = french_typography(
        "DÉPÊCHE\n\nSète (Hérault), 8 juillet 2026 (Agence Presse Méditerranée) – La régie a "
        "annoncé un plan.\n« Nous ne sommes pas en rupture, mais chaque mètre cube compte », a "
        "déclaré à l’agence son directeur général, Mathieu Cazalis.\n« Il faudra vérifier leur "
        "mise en œuvre », réagit Karim Benali, délégué syndical.\n\nAPM – Rédaction de "
        "Montpellier – 04 67 20 33 81 – redaction@apm-mediterranee.fr\n", optional_share=0)
    damaged = lossy_ascii(dispatch, capitals=False)
    assert press_release_markers(damaged) == ("dateline", "contact_details")
    repaired = repair_text(damaged).text
    # the attribution says whom the speaker told ("à l’agence"), or reacts ("réagit")
    assert "«\u00a0Nous ne sommes pas en rupture" in repaired
    assert "compte\u00a0», a déclaré à l’agence son directeur" in repaired
    assert "«\u00a0Il faudra vérifier leur mise en œuvre\u00a0», réagit Karim" in repaired


def test_a_conversation_typed_in_french_gets_the_spaces_before_its_marks_back():
    # conversational French (questions, "je", "tu", "vous") spaces its "?" and "!" as French
    # typography does; the conversion deleted those spaces with every other non-ASCII character
    clean = ("Tu viens ce soir\u202f? Je ne sais pas encore, j’ai du travail. Et toi\u202f? "
             "Moi, je reste chez moi avec mes enfants. Vous avez vu ce film\u202f? "
             "Je l’ai trouvé génial\u202f! Tu me donnes ton livre\u202f? Oui, je te le donne "
             "demain matin. Merci beaucoup\u202f! Tu es vraiment gentil avec moi.")
    damaged = lossy_ascii(clean, capitals=False)
    assert "ce soir? Je" in damaged
    result = repair_text(damaged)
    assert result.text == clean
    spaces = [e for e in result.edits if e.after == "\u202f"]
    assert spaces and all("reads as a conversation" in e.reason for e in spaces)
    # ... news that asks a question in the third person keeps its glued marks, as do a short
    # line and a conversation whose source typed plain spaces before its ":" and "!"
    news = ("Le gouvernement a-t-il eu tort? Le Premier ministre a répondu hier devant "
            "les députés que la réforme des retraites serait votée avant l’été, malgré "
            "l’opposition des syndicats et d’une partie de la majorité. La question reste "
            "ouverte, selon les observateurs.")
    assert repair_text(lossy_ascii(news, capitals=False), lang="fr").text == news
    assert repair_text("Tu viens ce soir? Je ne sais pas.", lang="fr").text == (
        "Tu viens ce soir? Je ne sais pas.")
    plain = damaged.replace("Merci beaucoup!", "Merci beaucoup !").replace(
        "Je lai trouv gnial!", "Je lai trouv gnial !")
    assert "soir? Je" in repair_text(plain, lang="fr").text

