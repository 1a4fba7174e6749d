"""Press releases through the whole lossy conversion: the bullets of a list, the no-break space
before ";" after a number, the sentence after a dateline, the terms of reporting French
(issue #10)."""

from __future__ import annotations

import re

import pytest

from esgtext.damage import french_typography, lossy_ascii, strip_accents
from esgtext.repair import RepairConfig, repair_text

LIST = ("Principaux indicateurs de l’exercice :\n"
        "• réduction de 32 % des émissions par rapport à 2019 ;\n"
        "• 78 % d’électricité d’origine renouvelable dans nos usines ;\n"
        "• taux de fréquence des accidents ramené à 2,1.\n")


def typeset_then_deleted(clean: str) -> tuple[str, str]:
    """``clean`` in French typography, every non-ASCII character deleted (accented capitals
    kept), and its repair as French."""
    damaged = lossy_ascii(french_typography(clean, optional_share=0), capitals=False)
    return damaged, repair_text(damaged, lang="fr").text


def release_typeset_then_deleted(clean: str) -> tuple[str, str]:
    """As :func:`typeset_then_deleted`, repaired with French typography whatever the scan of the
    text says (a short release may not show two of a release's parts)."""
    damaged = lossy_ascii(french_typography(clean, optional_share=0), capitals=False)
    config = RepairConfig(french_typography=True)
    return damaged, repair_text(damaged, lang="fr", config=config).text


def test_a_vanished_bullet_is_put_back_not_read_as_a_vanished_a():
    damaged = lossy_ascii(french_typography(LIST, optional_share=0), capitals=True)
    assert damaged.splitlines()[1].startswith(" rduction")  # the bullet left its space
    result = repair_text(damaged, lang="fr")
    lines = result.text.splitlines()
    assert [line[:3] for line in lines[1:]] == ["• r", "• 7", "• t"]  # not "À réduction"
    assert "À" not in result.text
    bullets = [e for e in result.edits if e.after == "•"]
    assert len(bullets) == 3 and all("list" in e.reason for e in bullets)


def test_a_question_mark_that_opens_a_list_item_is_its_bullet():
    damaged = lossy_ascii(french_typography(LIST, optional_share=0), replacement="?",
                          capitals=True)
    assert damaged.splitlines()[1].startswith("? r?duction")
    lines = repair_text(damaged, lang="fr").text.splitlines()
    assert [line[:3] for line in lines[1:]] == ["• r", "• 7", "• t"]
    assert lines[1].endswith("2019\u202f;")  # "2019?;": no letter after a digit


TERMS_LIST = ("Caractéristiques de l’émission :\n– Émetteur : Caisse rhodanienne de crédit\n"
              "– Montant : 750 millions d’euros\n– Coupon annuel : 3,125 %\n")


@pytest.mark.parametrize("replacement", ["", "?"])
def test_a_list_whose_items_end_bare_gets_dashes(replacement):
    # key-and-value items with no punctuation at their ends: the development releases dash them
    # ("–"); the items that end with ";" or "." above keep "•"
    damaged = lossy_ascii(french_typography(TERMS_LIST, optional_share=0), capitals=False,
                          replacement=replacement)
    result = repair_text(damaged, lang="fr")
    assert [line[:4] for line in result.text.splitlines()[1:]] == ["– Ém", "– Mo", "– Co"]
    # each a bullet's edit, as calibrated as the "•" (not as a "?" read as a dash between words)
    from esgtext.repair.calibration import edit_key
    dashes = [e for e in result.edits if e.after == "–"]
    assert len(dashes) == 3 and {edit_key(e).split("|")[1] for e in dashes} == {"bullet"}


def test_sentences_in_a_row_that_lost_their_a_are_no_list():
    # capitals too: "À" vanished and left the space before its sentence's next word
    text = "À Vienne, on affirme que le projet est prêt.\nÀ vrai dire, rien n’est signé.\n"
    damaged = lossy_ascii(text, capitals=True)
    assert damaged.startswith(" Vienne")
    repaired = repair_text(damaged, lang="fr").text
    assert "•" not in repaired and repaired.startswith("À Vienne")


# The terms of reporting French (esgtext.repair.terms), deleted and stripped
TERMS = ("Information presse\nLe groupe vise la neutralité carbone en 2040. Les fonds levés "
         "financeront des projets, et le plan couvre les sociétés mères et leurs filiales. Le "
         "directeur l’a annoncé lors d’un point presse tenu sur le site.")


@pytest.mark.parametrize("damage", [lambda t: lossy_ascii(t, capitals=False), strip_accents],
                         ids=["deleted", "stripped"])
def test_the_terms_of_reporting_french(damage):
    assert repair_text(damage(TERMS), lang="fr").text == TERMS  # not "carbonée", "élevés"


# ... and what is avoided, recovered, recycled
AVOIDED = ("Information presse\nLe réseau a livré de la chaleur récupérée sur un site industriel, "
           "soit 3400 tonnes évitées par an. Le pull est fait de fibre recyclée, en boucle "
           "fermée. Les clients gardent le tarif réglementé.")


def test_the_terms_of_what_is_avoided_recovered_and_recycled():
    # (had read "chaleur récupère", "tonnes vites", "fibre recycle", "boucle ferme", "tarif
    # règlement")
    assert repair_text(lossy_ascii(AVOIDED, capitals=False), lang="fr").text == AVOIDED


def test_a_sentence_starts_after_a_datelines_year():
    # the dash after the date vanished, and the apostrophe of the sentence's first word
    clean = "Paris, le 22 mai 2026 – L’assemblée générale s’est réunie hier à Lyon."
    damaged = lossy_ascii(french_typography(clean, optional_share=0))
    assert "2026 Lassemble" in damaged
    assert repair_text(damaged, lang="fr").text == clean


def test_a_list_items_first_word_keeps_its_lower_case():
    clean = ("Les résultats sont les suivants :\n– écart de rémunération : 38 points ;\n"
             "– écart de taux de promotions : 15 points.\n")
    repaired = repair_text(lossy_ascii(clean), lang="fr").text
    assert repaired.splitlines()[1:] == ["• écart de rémunération : 38 points ;",
                                         "• écart de taux de promotions : 15 points."]


def test_a_press_contacts_vanished_dashes():
    clean = ("Le groupe a publié son rapport de durabilité et ses résultats annuels.\n"
             "Contact presse\nCamille Le Floch – 02 40 18 56 78 – presse@exemple.fr – www.exemple.fr")
    damaged = lossy_ascii(french_typography(clean, optional_share=0))
    assert "Floch 02 40 18 56 78 presse@exemple.fr www." in damaged
    assert repair_text(damaged, lang="fr").text == clean


# French typography that news often omits: only with RepairConfig(french_typography=True)
RELEASE = ("Les résultats de l’exercice sont les suivants : 1 200 salariés formés ; 9 800 "
           "heures de bénévolat.\n"
           "Ces résultats sont ceux de nos équipes, a déclaré Hélène Roux, directrice générale. "
           "Nous allons poursuivre nos efforts.\n"
           "Le groupe, fondé en 1990, annonce la validation de sa trajectoire en 2026.\n")
TYPESET = ("Les résultats de l’exercice sont les suivants\u00a0: 1\u202f200 salariés formés\u202f; "
           "9\u202f800 heures de bénévolat.\n"
           "«\u00a0Ces résultats sont ceux de nos équipes\u00a0», a déclaré Hélène Roux, "
           "directrice générale. «\u00a0Nous allons poursuivre nos efforts.\u00a0»\n"
           "Le groupe, fondé en 1990, annonce la validation de sa trajectoire en 2026.\n")


def test_french_typography_is_put_back_only_when_asked_for():
    damaged = lossy_ascii(TYPESET, capitals=False)
    assert "suivantes:" not in damaged and "suivants: 1200 salaris" in damaged
    assert "Ces rsultats" in damaged and "quipes, a dclar" in damaged
    default = repair_text(damaged, lang="fr")
    assert default.text == RELEASE.replace(" :", ":").replace(" ;", ";").replace(
        "1 200", "1200").replace("9 800", "9800")  # news's own typography: left as it is
    typeset = repair_text(damaged, lang="fr", config=RepairConfig(french_typography=True))
    assert typeset.text == TYPESET
    typography = [e for e in typeset.edits if e.reason.startswith("French typography")]
    assert len(typography) == 8 and all(e.confidence in (0.7, 0.8) for e in typography)


def test_a_quotation_after_the_releases_own_account_in_its_paragraph_starts_after_it():
    clean = ("L’usine compte 34 emplois, dont 14 réservés à des personnes éloignées de l’emploi. "
             "«\u00a0Ici, on apprend un métier et on reprend confiance\u00a0», a déclaré Mme "
             "Claire Aubelin, présidente.\n"
             "«\u00a0Une banque appartient à ses sociétaires. Ils ont le droit de savoir ce que "
             "devient leur épargne\u00a0», a déclaré M. Philippe Lemaître, directeur général.\n")
    damaged = lossy_ascii(clean, capitals=False)
    assert "\nUne banque" in damaged and "lemploi. Ici, on" in damaged
    typeset = repair_text(damaged, lang="fr", config=RepairConfig(french_typography=True)).text
    assert typeset == clean


@pytest.mark.parametrize("attribution", [
    "s’est félicitée Mme Françoise Teissier, présidente de la CCI",
    "raconte-t-elle",
    "a déclaré la rectrice, Mme Hélène Roy",
    "se réjouit le maire",
])
def test_more_ways_of_attributing_a_quotation(attribution):
    clean = (f"«\u00a0Nos lauréats prouvent qu’on peut agir vite\u00a0», {attribution}.\n")
    damaged = lossy_ascii(clean, capitals=False)
    typeset = repair_text(damaged, lang="fr", config=RepairConfig(french_typography=True)).text
    assert typeset == clean


def test_an_interviews_answers_get_their_guillemets_back():
    clean = ("Trois questions au Dr Hélène Roux, référente développement durable\n"
             "Pourquoi les blocs opératoires sont-ils au cœur de la démarche ?\n"
             "«\u00a0Parce que c’est là que se concentrent les gaz anesthésiques.\u00a0»\n"
             "Les soignants ont-ils adhéré ?\n"
             "«\u00a0Très vite, oui\u202f! Plus de 600 agents se sont portés volontaires.\u00a0»\n"
             "\n"
             "Et vous, par où commencer ?\n"
             "\n"
             "La chambre propose un autodiagnostic gratuit.\n")
    damaged = lossy_ascii(clean, capitals=False)
    typeset = repair_text(damaged, lang="fr", config=RepairConfig(french_typography=True)).text
    assert typeset == clean
    assert "«" not in repair_text(damaged, lang="fr", config=RepairConfig(
        french_typography=False)).text


def test_no_a_between_the_verb_of_an_attribution_and_the_speakers_title():
    # "ajouter à", "expliquer à" take an "à" elsewhere, not in "», a ajouté M. Serge"
    clean = ("Le port a présenté son plan. «\u00a0Ce sont nos équipes qui feront la réussite de "
             "cette transition\u00a0», a ajouté M.\u00a0Serge Kouamé, directeur des ressources "
             "humaines.\n")
    damaged = lossy_ascii(clean, capitals=False)
    assert "a ajout M.Serge" in damaged
    assert "ajouté M." in repair_text(damaged, lang="fr").text


def test_french_typography_leaves_straight_quotes_and_clean_text_alone():
    config = RepairConfig(french_typography=True)
    quoted = '"Ces rsultats sont ceux de nos quipes", a dclar Hlne Roux. Le groupe a vendu.\n'
    assert "«" not in repair_text(quoted, lang="fr", config=config).text
    assert repair_text(RELEASE, lang="fr", config=config).text == RELEASE  # nothing was lost


def test_the_cli_puts_french_typography_back_on_request(tmp_path, repair_cli):
    from click.testing import CliRunner

    from esgtext.cli import EXIT_OK, main

    text = lossy_ascii(TYPESET, capitals=False)
    assert "«" not in repair_cli(text) and repair_cli(text, "--french-typography") == TYPESET
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(text, encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "out"
    records = runner.invoke(main, ["translate", str(damaged), "-o", str(out), "--allow-untranslated",
                                   "--french-typography", "--no-progress", "-q"],
                            catch_exceptions=False)
    assert records.exit_code == EXIT_OK
    jsonl = (out / "damaged.txt.jsonl").read_text(encoding="utf-8")
    assert "«\u00a0Ces résultats" in jsonl and "typography=fr" in jsonl


def test_a_vanished_euro_sign_after_an_amount_per_share_or_a_multiple():
    clean = ("Le chiffre d’affaires atteint 412 M€, dont 71 % à l’international, et le dividende "
             "de 1,20 € par action sera versé en mai ; le bénéfice est de 1,8 Md€ en 2025.")
    damaged = lossy_ascii(french_typography(clean, optional_share=0))
    assert "412 M, dont" in damaged and "1,20 par action" in damaged
    repaired = repair_text(damaged, lang="fr").text
    assert "412 M€, dont" in repaired and "1,20\u00a0€ par action" in repaired
    assert "1,8 Md€ en 2025" in repaired


def test_a_vanished_euro_sign_before_a_tax_or_in_a_table_of_amounts():
    clean = ("Le reste à charge est de 350 € HT par entreprise, 420 € TTC. Objectif et résultat "
             "des prêts verts : 650 M€ / 712 M€.")
    damaged, repaired = typeset_then_deleted(clean)
    assert "350 HT" in damaged and "650 M / 712 M." in damaged
    assert "350\u00a0€ HT" in repaired and "420\u00a0€ TTC" in repaired
    assert "650 M€ / 712 M€." in repaired
    # a number before "HT" that was written so keeps nothing new in clean text
    assert repair_text(clean, lang="fr").text == clean


def test_french_typography_spaces_the_h_of_a_time():
    damaged = lossy_ascii("L’assemblée générale se tiendra le 21 mai à 14h30 au siège, et le "
                          "conseil à 10h.", capitals=False)
    repaired = repair_text(damaged, lang="fr", config=RepairConfig(french_typography=True)).text
    assert "à 14\u00a0h\u00a030 au siège" in repaired and "à 10\u00a0h." in repaired
    assert "14h30" in repair_text(damaged, lang="fr").text


def test_a_date_and_time_that_french_typography_spaced_with_no_break_spaces_only():
    # "le 21 mai 2026 à 14 h 30", every space a no-break one: the conversion glued the year,
    # the "à" and the hour into one number ("202 614" had come back)
    clean = ("L’assemblée générale des actionnaires se tiendra le 21\u00a0mai\u00a02026\u00a0à"
             "\u00a014\u00a0h\u00a030 au Palais des congrès de Lyon.")
    damaged = lossy_ascii(clean, capitals=False)
    assert "21mai202614h30" in damaged.replace(" ", "")
    repaired = repair_text(damaged, lang="fr").text
    assert "le 21 mai 2026 à 14h30 au Palais" in " ".join(repaired.split()), repaired
    # ... and where the space before the "h" was an ordinary one, its minutes come apart too
    damaged = damaged.replace("14h30", "14 h30")
    repaired = repair_text(damaged, lang="fr").text
    assert "le 21 mai 2026 à 14 h 30 au Palais" in " ".join(repaired.split()), repaired


def test_question_marks_that_were_a_releases_dashes_and_euro_signs():
    clean = ("Information presse\n"
             "Paris, le 3 février 2026 – Solérian, groupe bancaire coopératif présent dans "
             "quatorze régions, a réalisé un chiffre d’affaires de 412 M€, en hausse de 6 %.\n"
             "Contacts presse\n"
             "Sophie Arnaud – 01 42 68 33 20 – sophie.arnaud@solerian.fr – www.solerian.fr\n")
    damaged = lossy_ascii(french_typography(clean, optional_share=0), replacement="?")
    assert "2026 ? Sol?rian" in damaged and "Arnaud ? 01" in damaged and "412 M?," in damaged
    repaired = repair_text(damaged).text
    assert "février 2026 – Sol" in repaired and "412 M€," in repaired  # not "2026 à", "Mé"
    assert "Sophie Arnaud – 01 42 68 33 20 – sophie.arnaud@solerian.fr – www.solerian.fr" in repaired


def test_the_dashes_of_a_release_with_a_region_a_wire_service_and_a_foreign_number():
    clean = ("Information presse\n"
             "Sète (Hérault), 8 juillet 2026 (Agence Presse Méditerranée) – Face à la "
             "sécheresse, la régie publique a réduit ses prélèvements de 12 %.\n"
             "La Chaux-de-Fonds (Suisse), le 2 février 2026 – La manufacture horlogère annonce "
             "une nomination.\n"
             "Contact presse\n"
             "Koffi Aboa – +225 27 21 35 60 48 – presse@lagune-terminaux.ci\n"
             "Nicolas Lambotte – +32 4 223 58 91 – presse@cimentsdelameuse.be\n"
             "Service presse de la Métropole – presse@metropole.fr – 02 38 47 60 00\n")
    for damage in (lambda text: lossy_ascii(text, replacement="?"),
                   lambda text: lossy_ascii(text, capitals=False)):
        repaired = repair_text(damage(french_typography(clean, optional_share=0))).text
        repaired = repaired.replace("\u202f", " ")  # ("4 223": typography's own narrow space)
        assert "Méditerranée) – Face" in repaired
        assert "La Chaux-de-Fonds (Suisse), le 2 février 2026 – La manufacture" in repaired
        assert "Koffi Aboa – +225 27 21 35 60 48 – presse@" in repaired
        assert "Nicolas Lambotte – +32 4" in repaired and "58 91 – presse@" in repaired
        assert "Métropole – presse@metropole.fr – 02 38 47 60 00" in repaired


def test_question_marks_that_were_the_no_break_space_before_an_exclamation_mark_or_a_colon():
    clean = ("«\u00a0Très vite, oui\u202f! Plus de 600 agents se sont portés volontaires.\u00a0»\n"
             "Mardi 21 avril, de 8\u00a0h\u00a030 à 10\u00a0h\u00a0: petit-déjeuner à la CCI.\n")
    damaged = lossy_ascii(clean, replacement="?")
    assert "oui?! Plus" in damaged and "10?h?: petit" in damaged
    assert repair_text(damaged).text == clean


def test_a_temperatures_vanished_degree_sign():
    clean = "Le groupe vise une limitation du réchauffement à 1,5 °C, sur la route 23C."
    damaged = lossy_ascii(french_typography(clean, optional_share=0))
    assert "1,5C," in damaged
    assert "1,5\u00a0°C, sur la route 23C." in repair_text(damaged, lang="fr").text


def test_no_a_before_a_title_whose_guillemet_vanished():
    clean = ("Le rapport complet est disponible sur le site de la mutuelle, rubrique « Nos "
             "engagements ». Le film « Une vie » a été présenté à Cannes.")
    damaged, repaired = typeset_then_deleted(clean)
    assert "rubrique Nos engagements" in damaged and "film Une vie" in damaged
    assert "rubrique Nos engagements" in repaired and "film Une vie" in repaired, repaired


def test_french_typography_spaces_a_mark_after_a_percent_sign_or_a_bracket():
    from esgtext.repair.spacing import restore_no_break_spaces

    text = "une croissance de 7%; une marge (2025): 12%!"
    edits = restore_no_break_spaces(text, typography=True)
    marks = {text[e.start]: e.after for e in edits if text[e.start] in ":;!"}
    assert marks == {";": "\u202f", ":": "\u00a0", "!": "\u202f"}
    # ... and before the comma of a quotation's attribution, whose guillemet vanished too
    quoted = "ce nest pas une fatalit!, a lanc son prsident. Pourquoi?, demande-t-il. 3,5"
    assert sorted((quoted[e.start], e.after) for e in restore_no_break_spaces(
        quoted, typography=True)) == [("!", "\u202f"), ("?", "\u202f")]


def test_a_propos_before_an_elided_d_glued_to_its_word():
    heading = ("Un rapport sera publi chaque anne.\n\n propos dAlpitech\n"
               "Fond en 1998, la socit produit une lectricit verte.")
    assert "\nÀ propos d’Alpitech\n" in repair_text(heading).text
    lost_capital = heading.replace("dAlpitech", "dnergies de lAtlantique")  # "É" vanished too
    assert "\nÀ propos d’énergies de l’Atlantique\n" in repair_text(lost_capital).text
    assert "à propos d’un partenariat" in repair_text(
        "Le groupe a sign un accord avec Freenet propos dun partenariat.").text
    assert "proposé dépasse" in repair_text(
        "Le dividende propos dpasse les attentes de la socit, a indiqu le groupe.").text


def test_french_typography_groups_a_count_of_four_digits_before_a_unit():
    from esgtext.repair.spacing import restore_no_break_spaces

    for text in ("le raccordement de 1200 MW de capacités", "sur 2500 m2 de bureaux",
                 "soit 1800 tCO2 évitées", "de 1200 salariés", "totalisant 3150 lits"):
        number = re.search(r"\d{4}", text).start()
        edits = restore_no_break_spaces(text, typography=True)
        assert [(e.start, e.after) for e in edits] == [(number + 1, "\u202f")]  # "1 200"
        assert restore_no_break_spaces(text) == []  # (news writes "1200 MW" as often: default)
    assert restore_no_break_spaces("le modèle 1200 M de", typography=True) == []
    for year in ("en 2024 sous la présidence", "en 2025 deux sites", "en 2026 vers Lyon",
                 "conduite en 2025 auprs de 420 productrices", "en 2023 prs de la gare"):
        assert restore_no_break_spaces(year, typography=True) == []


def test_the_superscripts_of_cubic_and_square_metres():
    clean = ("La régie économisera 1,9 million de m³ par an, soit 180 m³ par foyer, grâce aux "
             "panneaux posés sur 112 000 m² de toitures ; la digue mesure 2 m de hauteur.")
    damaged = lossy_ascii(clean, capitals=False)
    assert "de m par an" in damaged and "112 000 m de toitures" in damaged
    repaired = repair_text(damaged, lang="fr").text
    assert "1,9 million de m³ par an, soit 180 m³ par foyer" in repaired
    assert "112 000 m² de toitures" in repaired.replace("\u202f", " ")
    assert "2 m de hauteur" in repaired


def test_the_superscripts_of_a_quantity_per_square_or_normal_cubic_metre():
    clean = ("Le bâtiment consomme aujourd’hui 310 kWh/m² par an et émet 12 kg CO2e/m² ; les "
             "rejets seront de 10 mg/Nm³ et la densité atteint 85 habitants/km². La vitesse est limitée "
             "à 40 km/h et la pente fait 3 m/km.")
    damaged = lossy_ascii(clean, capitals=False)
    assert "310 kWh/m par an" in damaged and "10 mg/Nm et" in damaged
    assert repair_text(damaged, lang="fr").text == clean


def test_units_whose_no_break_space_vanished_too():
    # French typography, then the conversion: "62 000 m² de bâtiments" became "62000m de", whose
    # space the spacing puts back before the "²" goes after it
    clean = ("Le plan couvre 62 000 m² de bâtiments, soit 19 000 m³ économisés et 480 000 m³ de "
             "neige, sur une surface de 5,8 km². Il dispose de 202,5 M€ en 2025 et de 412 M€, "
             "dont 71 % à l’étranger, la piste mesure 12 km, et l’avion C-295M décolle.")
    damaged = lossy_ascii(french_typography(clean, optional_share=1.0), capitals=False)
    assert "62000m de" in damaged and "202,5M en" in damaged and "5,8km." in damaged
    assert repair_text(damaged, lang="fr").text.replace("\u202f", " ").replace(
        "\u00a0", " ") == clean


def test_a_whole_temperature_where_the_sentence_speaks_of_one():
    clean = ("Malgré des températures de -31 °C en janvier, les équipes ont travaillé. Le "
             "calcaire est chauffé à 1450 °C. Les bus de la ligne 23C circulent.")
    damaged = lossy_ascii(french_typography(clean, optional_share=0), capitals=False)
    assert "-31C en" in damaged and "1450C." in damaged
    assert repair_text(damaged, lang="fr").text.replace("\u00a0", " ") == clean


def test_a_contacts_tel_and_the_colon_after_an_abbreviation():
    clean = ("COMMUNIQUÉ DE PRESSE\nLe groupe publie son rapport.\nContact presse\n"
             "Tél. : 02 38 51 44 20\nTél. : +33 6 12 34 56 78\n"
             "N. F. : Beaucoup de choses. La télé. Les télés.\n")
    damaged, repaired = typeset_then_deleted(clean)
    assert "Tl.: 02 38" in damaged and "N. F.: Beaucoup" in damaged
    assert repaired == french_typography(clean, optional_share=0)  # not "Télé.:"


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_jusqu_a_before_a_number_gets_its_apostrophe(share):
    # "jusqu 23 h" (or "jusqu23h", where the no-break space after "à" vanished too): the
    # apostrophe went with the "à", and both come back together (a time opens the gap of its
    # "à": "jusqu à 23 h" had come back)
    clean = "Le réseau fonctionne jusqu’à 23 h, au moment où la demande est forte."
    typeset = french_typography(clean, optional_share=share)
    damaged = lossy_ascii(typeset, capitals=False)
    assert "jusqu 23" in damaged or "jusqu23" in damaged
    repaired = repair_text(damaged, lang="fr", config=RepairConfig(french_typography=True)).text
    spaces = str.maketrans("\u00a0\u202f", "  ")
    assert repaired.translate(spaces) == typeset.translate(spaces)


def test_a_capital_a_glued_to_a_number():
    # "À 44 ans" typeset with a no-break space: the accented capital stays, the space goes
    clean = "Une nomination. À 44 ans, Jérôme Vasseur prend la direction du service."
    typeset = french_typography(clean, optional_share=1.0)
    damaged = lossy_ascii(typeset, capitals=False)
    assert "À44ans" in damaged
    assert repair_text(damaged, lang="fr").text == typeset


def test_a_stripped_releases_dateline_and_tel():
    # the dateline's place after "le" and a no-break space, and "Tel." before a number
    clean = ("COMMUNIQUÉ DE PRESSE\n\nLe groupe publie son rapport annuel.\n\nÉvreux, le 5 "
             "février 2026 – La Chambre présente son baromètre.\nContact presse\n"
             "Tél. : 02 38 51 44 20\nUn tel projet.")
    typeset = french_typography(clean, optional_share=1.0)
    assert "Evreux, le\u00a05" in strip_accents(typeset)
    assert repair_text(strip_accents(typeset)).text == typeset


@pytest.mark.parametrize("clean, trace", [
    # the name a release launches, whatever its case ("Cap Sobriété 2030"), where an apposition
    # says what it is, wherever it is mentioned; not an "à"
    pytest.param("COMMUNIQUÉ DE PRESSE\n\nLe groupe hospitalier lance « Cap Sobriété 2030 », un "
                 "plan d’efficacité énergétique.\n\nOrléans, le 12 janvier 2026 – Le groupe a "
                 "présenté ce lundi son plan « Cap Sobriété 2030 ». Le plan France 2030 le finance "
                 "en partie.", "lance Cap Sobrit 2030, un plan", id="launched-name"),
    # a programme's name that opens on an acronym, in two words only
    pytest.param("COMMUNIQUÉ DE PRESSE\n\nÉvreux, le 5 février 2026 – La chambre ouvre le 1er "
                 "mars le programme « PME durables », qui comprend un diagnostic. Le label ISR "
                 "attribué par l’État demeure.", "programme PME durables, qui", id="acronym-name"),
    # a percentage's minus in brackets, and an elided name whose accented capital survived
    pytest.param("COMMUNIQUÉ DE PRESSE\n\nÉvreux, le 5 février 2026 – La société a réduit ses "
                 "émissions de CO2 (– 29 % par rapport à 2021), et ses déchets (– 18 %). À propos "
                 "d’Éolia Mobilités, la société a été créée en 1990.", "CO2 ( 29% par",
                 id="minus-in-brackets"),
])
def test_a_releases_names_and_minus_signs_come_back(clean, trace):
    damaged, repaired = release_typeset_then_deleted(clean)
    assert trace in damaged
    assert repaired == french_typography(clean, optional_share=0)


def test_no_minus_in_the_brackets_news_spaces():
    # news spaces brackets of its own ("( 13 % en plus)"): no minus goes there
    news = "La hausse annoncée par Vocento ( 13 % en plus) a été confirmée par la société."
    assert "(–" not in repair_text(lossy_ascii(news), lang="fr").text


@pytest.mark.parametrize("replacement", ["", "?"])
def test_both_damages_read_the_same_words_after_a_volume(replacement):
    # the "?" step and the deleted-text step share their list of what a volume measures:
    # "m? de s?diments" is a volume too, and "m? par nuit"
    clean = ("Le chantier a récupéré 1 200 m³ de sédiments et 300 m³ de déblais ; l’hôtel "
             "consomme 0,3 m³ par nuit et couvre 800 m² de toitures.")
    damaged = lossy_ascii(clean, replacement=replacement, capitals=False)
    assert "1 200 m" in damaged and "300 m" in damaged
    repaired = repair_text(damaged, lang="fr").text.replace("\u202f", " ")
    for volume in ("1 200 m³ de sédiments", "300 m³ de déblais", "0,3 m³ par nuit",
                   "800 m² de toitures"):
        assert volume in repaired


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_question_marks_of_a_releases_units_contacts_and_dateline(share):
    # "m?" after a number: "²", or "³" before what a volume measures; "M?" of an amount: "€"
    # (after a no-break space's "?" too); "Tél.?:" and "%?;": no-break spaces; and "2026 ? ?
    # l?occasion": the dateline's dash, then a sentence's "À"
    clean = ("COMMUNIQUÉ DE PRESSE\n\nSaint-Étienne, le 22 mai 2026 – À l’occasion de la Journée "
             "mondiale, l’université présente sa charte.\nLa rénovation de 62 000 m² de "
             "bâtiments, soit 9 000 m³ économisés, sur 5,8 km², pour 202,5 M€.\n"
             "Tél. : 02 38 51 44 20\nLe taux atteint 12 % ; la suite.")
    typeset = french_typography(clean, optional_share=share)
    damaged = lossy_ascii(typeset, replacement="?")
    assert "m? de b?timents" in damaged.replace("?m?", " m?") and "T?l.?:" in damaged
    assert repair_text(damaged, lang="fr").text == typeset


def test_an_invitations_time_after_a_date_and_a_comma_gets_its_a_and_bas_carbone_none():
    clean = ("La présentation aura lieu le jeudi 7 mai, à 14 h, à la mairie. Le groupe produit "
             "un ciment bas carbone et déploie un plan bas carbone.")
    damaged = lossy_ascii(clean, capitals=False)
    assert "7 mai, 14 h" in damaged
    repaired = repair_text(damaged, lang="fr").text
    assert "le jeudi 7 mai, à 14 h" in repaired
    assert "un ciment bas carbone et déploie un plan bas carbone" in repaired


def test_a_year_after_a_noun_or_an_adjective_gets_no_a():
    clean = ("Le programme Eau sobre 2035 couvre la période 2026-2030, et ses économies sont "
             "mesurées par rapport à 2021.")
    assert repair_text(lossy_ascii(clean, capitals=False), lang="fr").text == clean

