"""Readings the French restorer gets right from a word's neighbours: "l’a" and "l’an" whose
apostrophe vanished, the "à" of a number range or after a verb that takes it, "dû" before an
infinitive, the present after a subject pronoun, the auxiliary "a" before an adverb, a capital "À"
inside a line, codes such as "A380", names news writes accented ("José"), and the French lines
of a document told from English ones when their accents are gone."""

from __future__ import annotations

import math

import pytest

from esgtext.damage import french_typography, lossy_ascii, strip_accents
from esgtext.repair import RepairConfig, repair_text
from esgtext.repair.edits import apply_edits
from esgtext.repair.french import french_score, restore_french
from esgtext.repair.french.participles import participle_cue, participle_keys, participle_model
from esgtext.repair.french.tokens import _Candidate

# Enough damage around each example for the diagnosis: accents and apostrophes deleted.
DELETED = "Le dveloppement de lenvironnement a t reconnu par lquipe de lcole. "
STRIPPED = "Le developpement de l’environnement a ete reconnu par l’equipe de l’ecole. "


def repaired(text: str) -> str:
    """The repair of ``text`` after its first sentence (the damage that sets the diagnosis)."""
    return apply_edits(text, restore_french(text)).split(". ", 1)[1]


# A sentence of context before the sentence a test reads, for the diagnosis of its damage.
INTRO = "Le ministre a déclaré que la réforme était nécessaire pour l’économie. "
DAMAGE = {
    "deleted": lambda text: lossy_ascii(text, capitals=False),
    "stripped": strip_accents,
    "?": lambda text: text.encode("ascii", "replace").decode("ascii"),
}


def assert_repaired_back(clean: str, damage: str = "deleted", intro: str = "") -> None:
    """``intro + clean``, damaged as ``damage`` says, is repaired back to itself."""
    text = intro + clean
    assert repair_text(DAMAGE[damage](text), lang="fr").text == text


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        # conversational elisions: "J’aime" (not the name "Jaime", which a surname follows),
        # "t’a" after a subject, "T’es-tu", "L’as-tu" before an inverted subject
        ("Jaime le chocolat et il ta appel hier. Tes-tu lav les mains ? Las-tu vu ?",
         "J’aime le chocolat et il t’a appelé hier. T’es-tu lavé les mains ? L’as-tu vu ?"),
        ("Le banquier Jaime Guardiola a rpondu.", "Le banquier Jaime Guardiola a répondu."),
        # "a" that ends a clause is "ça" ("il y en a" keeps its verb); "ta" after "ne" or "qu’on"
        ("Je nai jamais vu a. Ne faites pas a! Il y en a. Est-ce quon ta dj dit la vrit ? Il "
         "ne ta jamais aim.",
         "Je n’ai jamais vu ça. Ne faites pas ça! Il y en a. Est-ce qu’on t’a déjà dit la vérité "
         "? Il ne t’a jamais aimé."),
        # ... and "a" after a word the verb cannot follow: "que", a verb that is no participle,
        # "comme", "pas"; not before a participle ("tout a été") nor after a verb that governs
        # "à" ("aider a limiter": its writer's "à")
        ("Est-ce que a va ? Je ne trouve pas a amusant, je vais faire a demain, cest comme a. "
         "Tout a t fait pour aider a limiter les dgts.",
         "Est-ce que ça va ? Je ne trouve pas ça amusant, je vais faire ça demain, c’est comme ça. "
         "Tout a été fait pour aider a limiter les dégâts."),
        # no "à" between a verb whose infinitive is bare and that infinitive, in any person
        ("Les chats aiment courir aprs les pelotes de laine. Je me rjouis que vous puissiez "
         "venir. Jai d payer en plus 5 dollars. Je pense que vous devriez partir tt.",
         "Les chats aiment courir après les pelotes de laine. Je me réjouis que vous puissiez "
         "venir. J’ai dû payer en plus 5 dollars. Je pense que vous devriez partir tôt."),
        # nothing after "aimer", "adorer", "détester", "préférer", "espérer" takes "à"
        ("Jaime votre cravate. Jaime celle-ci encore davantage. Jaime rire. Il dteste la pluie. "
         "Je connais quelquun qui parle bien.",
         "J’aime votre cravate. J’aime celle-ci encore davantage. J’aime rire. Il déteste la "
         "pluie. Je connais quelqu’un qui parle bien."),
        # "penser" then "être" or "avoir": what one believes ("penser à faire" keeps its "à")
        ("Je pensais tre heureuse. Jai pens avoir entendu des voix. Il pense rgler ce problme "
         "et pense acheter du pain.",
         "Je pensais être heureuse. J’ai pensé avoir entendu des voix. Il pense à régler ce "
         "problème et pense à acheter du pain."),
        # "Mme" before a lower-case word or a comma is "Même", but for a function's title
        ("Mme les enfants savent cela. Mme la ministre a parl. Mme la Mort aime jouer. Mme, "
         "lloge de soi-mme est vain.",
         "Même les enfants savent cela. Mme la ministre a parlé. Même la Mort aime jouer. Même, "
         "l’éloge de soi-même est vain."),
        # after "tu", the pronoun or "ne" elided before the verb ("tu les", "tu sais" stay)
        ("Je pense que tu las fait. Tu tes amus ? Tu laimes et tu nes pas seul. Tu les vois, tu "
         "sais. Je la vois, je taille la haie et tu tailles la tienne.",
         "Je pense que tu l’as fait. Tu t’es amusé ? Tu l’aimes et tu n’es pas seul. Tu les vois, "
         "tu sais. Je la vois, je taille la haie et tu tailles la tienne."),
        # "my" in French is "m’y"
        ("Penses-tu que je devrais my rendre par mes propres moyens ? Je ne my attendais pas, "
         "cest vrai.",
         "Penses-tu que je devrais m’y rendre par mes propres moyens ? Je ne m’y attendais pas, "
         "c’est vrai."),
        # after être and a negation or a degree adverb, an adjective as frequent as the
        # participle is the adjective; after "déjà", the participle
        ("Il ne sera pas prt. Larsenic est plus frquent ici. Les prochaines tapes sont dj "
         "fixes.",
         "Il ne sera pas prêt. L’arsenic est plus fréquent ici. Les prochaines étapes sont déjà "
         "fixées."),
        # ... nor with a negation, "tout" or "à peine" between them, nor after "ne pas"
        ("Je peux tout manger. Ils peuvent  peine imaginer cela. Il risque de ne pas venir.",
         "Je peux tout manger. Ils peuvent à peine imaginer cela. Il risque de ne pas venir."),
        # "ne sert à rien", "a du mal à", "a mal à" ("de mal en pis" keeps none)
        ("Cela ne sert rien. Il a du mal croire cela et il a mal la tte. Cela va de mal en pis.",
         "Cela ne sert à rien. Il a du mal à croire cela et il a mal à la tête. Cela va de mal en "
         "pis."),
        # "s’attendre à", with or without a negation ("je t’attends dans le hall" has none)
        ("Il ne sattendait pas vivre si longtemps. Les experts sattendent une baisse. Je tattends "
         "dans le hall.",
         "Il ne s’attendait pas à vivre si longtemps. Les experts s’attendent à une baisse. Je "
         "t’attends dans le hall."),
        # a pronominal verb whose object follows "à", its "s’" glued or not, in the perfect too
        # ("s’adapte le mieux" has none)
        ("Le Qubec sopposait un investissement. Elle sattaque la pauvret. Ceux qui se vouent "
         "loccultisme. Le projet se heurte des difficults et sest heurt un mur. Cest celle qui "
         "sadapte le mieux.",
         "Le Québec s’opposait à un investissement. Elle s’attaque à la pauvreté. Ceux qui se "
         "vouent à l’occultisme. Le projet se heurte à des difficultés et s’est heurté à un mur. "
         "C’est celle qui s’adapte le mieux."),
        # ", à savoir" after a comma; "savoir" after a colon or a full stop is the infinitive
        ("Les lus du conseil, savoir les membres du parti, ont vot. La question est simple : "
         "savoir si lÉtat paiera. Il sait tout. Savoir lire est utile.",
         "Les élus du conseil, à savoir les membres du parti, ont voté. La question est simple : "
         "savoir si l’État paiera. Il sait tout. Savoir lire est utile."),
        # "prendre part à" before a noun phrase; not before a time ("l’année dernière")
        ("Jai pris part la comptition. Il a pris part lanne dernire une action.",
         "J’ai pris part à la compétition. Il a pris part l’année dernière une action."),
        # "quelque chose à" before an infinitive and the pronoun before it; not after a verb of
        # perception
        ("Jai quelque chose vous dire. Jai une chose vous demander. Jai vu quelque chose bouger.",
         "J’ai quelque chose à vous dire. J’ai une chose à vous demander. J’ai vu quelque chose "
         "bouger."),
        # avoir, a negation, an infinitive: "à" before the infinitive
        ("Le Congrs na pas approuver le budget, il na rien faire hier et les dputs ont vot.",
         "Le Congrès n’a pas à approuver le budget, il n’a rien à faire hier et les députés ont "
         "voté."),
        # "la"/"ma" before a participle or an adverb was "l’a"/"m’a"
        ("Comme on la dj entendu, il la dit hier.", "Comme on l’a déjà entendu, il l’a dit hier."),
        ("Il ma promis une rponse.", "Il m’a promis une réponse."),
        # ... but "la" before a noun stays an article, after a preposition too
        ("Il a vu la maison et la mer.", "Il a vu la maison et la mer."),
        ("La Cte dIvoire attend dans la nervosit lannonce des rsultats.",
         "La Côte d’Ivoire attend dans la nervosité l’annonce des résultats."),
        # a word of one letter has only frequent readings ("e" is no "çe")
        ("Le secteur de la construction e Allemagne.", "Le secteur de la construction e Allemagne."),
        # "lan dernier" was "l’an dernier", not "élan dernier"
        ("La production a baiss lan dernier.", "La production a baissé l’an dernier."),
        # a range whose "à" vanished between two numbers; a thousands group or a telephone
        # number is none
        ("Les loyers ont augment de 15 38 pour cent sur 4 8 ans.",
         "Les loyers ont augmenté de 15 à 38 pour cent sur 4 à 8 ans."),
        ("Le taux des jeunes de 15 24 ans, des fissures allant de 2 5 cm.",
         "Le taux des jeunes de 15 à 24 ans, des fissures allant de 2 à 5 cm."),
        ("Appelez le 01 45 67 89 00 pour 1 233 000 euros.",
         "Appelez le 01 45 67 89 00 pour 1 233 000 euros."),
        # after a comma and a verb that attributes a quotation, a name is its speaker
        ("Nous voulons que plus aucune denre ne soit dtruite, dclare Claire Grard, prsidente.",
         "Nous voulons que plus aucune denrée ne soit détruite, déclare Claire Gérard, "
         "présidente."),
        # "quelle" that opens a question or stands before its noun is no "qu’elle"
        ("Quelles seront les consquences ? Il ne sait plus quelle mthode il suivra, ni quelle "
         "chance il a.",
         "Quelles seront les conséquences ? Il ne sait plus quelle méthode il suivra, ni quelle "
         "chance il a."),
        ("Il pense quelle est la meilleure, et quelle viendra demain.",
         "Il pense qu’elle est la meilleure, et qu’elle viendra demain."),
        # a figure that falls to a level, an estimate
        ("Le cot est valu 6,3 millions et la consommation devrait tomber 95 kWh par an.",
         "Le coût est évalué à 6,3 millions et la consommation devrait tomber à 95 kWh par an."),
        # ... or holds at one, or settles at one
        ("Le taux est rest stable 9,3 % et le prix sest envol 263 points.",
         "Le taux est resté stable à 9,3 % et le prix s’est envolé à 263 points."),
        # where the gap model finds an "à" likely, any word may precede it
        ("Il est pass travers le pays.", "Il est passé à travers le pays."),
        # a verb that takes "à" + a noun phrase
        ("Nous contribuons la nourriture des enfants.",
         "Nous contribuons à la nourriture des enfants."),
        # after a participle, a title and a name are the inverted subject of a quotation
        ("\"Nous partons\", a indiqu Mme Chow.", "\"Nous partons\", a indiqué Mme Chow."),
        # a name news writes accented
        ("Le directeur, Jos Antonio Olavarrieta, a rejet hier la proposition.",
         "Le directeur, José Antonio Olavarrieta, a rejeté hier la proposition."),
    ],
)
def test_deleted_apostrophes_and_names(damaged, expected):
    assert repaired(DELETED + damaged) == expected


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        # "dû" after an auxiliary before an infinitive, and before "à"
        ("Le groupe a du interrompre ses activites.", "Le groupe a dû interrompre ses activités."),
        ("C’est un rabais du a la quantite.", "C’est un rabais dû à la quantité."),
        ("Il a du travail et du pain.", "Il a du travail et du pain."),
        # the present after a subject pronoun; the participle after an inverted one
        ("Il affirme que la connexion a l’aeroport est importante.",
         "Il affirme que la connexion à l’aéroport est importante."),
        ("A-t-il declare cela hier ?", "A-t-il déclaré cela hier ?"),
        ("Le rapport a ete publie. Comment as-tu trouve le concert ? As-tu mange ?",
         "Le rapport a été publié. Comment as-tu trouvé le concert ? As-tu mangé ?"),
        # "a" before a word that is only an infinitive, an object pronoun between or not
        ("L'activite suffira-t-elle a redorer le blason ? Comment arrives-tu a te concentrer ?",
         "L'activité suffira-t-elle à redorer le blason ? Comment arrives-tu à te concentrer ?"),
        # a capital "A" that starts a sentence inside a line is "À"; a letter or a code is not
        ("Il a ete decide. A la suite de cette decision, le ministere a reagi.",
         "Il a été décidé. À la suite de cette décision, le ministère a réagi."),
        ("Le plan A et le plan B ont ete rejetes.", "Le plan A et le plan B ont été rejetés."),
        # a locution that always has "à" (the participle cue read "tout a fait" as "a fait")
        ("C’est tout a fait simple, juste a cote de la gare, a peu pres a 20 metres.",
         "C’est tout à fait simple, juste à côté de la gare, à peu près à 20 mètres."),
        ("Il a peu de temps et il a fait cela.", "Il a peu de temps et il a fait cela."),
        # "a" before an adverb and a participle is the auxiliary
        ("Petr Dolinek a carrement refuse le test.", "Petr Dolinek a carrément refusé le test."),
        ("Les onze A380 de la serie ont ete immobilises.",
         "Les onze A380 de la série ont été immobilisés."),
        # a word in "-e" after a noun, as the participle model reads its neighbours
        ("Le directeur logistique d’un distributeur base a Venissieux a parle.",
         "Le directeur logistique d’un distributeur basé à Vénissieux a parlé."),
        ("Le portefeuille finance permettra d’eviter 3 000 tonnes.",
         "Le portefeuille financé permettra d’éviter 3 000 tonnes."),
        ("Chaque metre cube economise aujourd’hui compte.",
         "Chaque mètre cube économisé aujourd’hui compte."),
        # ... and the present before "que" or an object
        ("Le groupe precise que ses ventes ont augmente.",
         "Le groupe précise que ses ventes ont augmenté."),
        ("Retisse developpe des solutions textiles.", "Retisse développe des solutions textiles."),
        # ... and a sentence's only verb after the noun that starts it
        ("Son anniversaire tombe dimanche. Le singe saute de branche en branche.",
         "Son anniversaire tombe dimanche. Le singe saute de branche en branche."),
    ],
)
def test_stripped_readings_from_the_context(damaged, expected):
    assert repaired(STRIPPED + damaged) == expected


def test_the_participle_model_speaks_for_the_present_only_before_que_or_an_object():
    readings = [_Candidate(w, (w,), "stripped", 0.0) for w in ("exploite", "exploité")]
    contexts = ("<p>", "elle", "exploite", "des", "usines")
    rate = participle_model().rates["word"]
    # the words alone say "exploité" more than the overall rate does; before "des", nothing
    assert participle_model().log_odds(participle_keys(*contexts)) > math.log10(rate / (1 - rate))
    reading, bonus, *more = participle_cue(contexts, 2, readings)
    assert (reading, bonus) == ("exploité", 0.0)
    reading, bonus, *more = participle_cue(("un", "distributeur", "base", "a", "lyon"), 2, [
        _Candidate(w, (w,), "stripped", 0.0) for w in ("base", "basé")])
    assert (reading, bonus > 0) == ("basé", True)
    # a word not in "-e", or whose readings are all participles, gets nothing
    assert participle_cue(("a", "ete", "propos", "de"), 2, readings)[1] == 0.0
    assert participle_cue(("le", "plan", "propose", "de"), 2, readings[2:])[1] == 0.0


def test_a_stripped_french_line_with_few_marker_words_is_repaired_as_french():
    # no marker word ("le", "de", ...) and no English one: its stripped words say French
    line = "A Bad Homburg egalement, Fujitsu a ete juste locataire."
    assert french_score(line) >= 0.25
    document = STRIPPED + "\n" + line + "\n"
    assert "À Bad Homburg également, Fujitsu a été juste locataire." in repair_text(
        document, lang="fr").text
    # elided words are French too, clean or damaged
    assert french_score("Cependant, l’Efsa n’admet l’existence d’aucun conflit d’interet.") >= 0.25
    # ... while an English line with a French name stays English
    assert french_score("Valery Giscard d'Estaing and Jacques Chirac had not the slightest "
                        "hesitation.") < 0.25


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        # no marker word: the words only French uses say French ("avait", "acquis", "camion")
        ("Rongen avait acquis 500 tonnes, 25 chargements complet dun camion.",
         "Rongen avait acquis 500 tonnes, 25 chargements complet d’un camion."),
        ("400 emplois dlocaliss", "400 emplois délocalisés"),
        # a date is French, its accents gone or not
        ("28aot 2009.", "28\u00a0août 2009."),
        ("Quelques emplois taient menacs.", "Quelques emplois étaient menacés."),
    ],
)
def test_a_short_damaged_line_without_marker_words_is_read_as_french(damaged, expected):
    assert repair_text(damaged).text == expected


@pytest.mark.parametrize(
    "line",
    ["Global warming threatens coastal towns.", "Sustainability report released today!",
     "Pierre Dupont, chief executive officer"],
)
def test_a_short_english_line_without_marker_words_stays_english(line):
    assert french_score(line) < 0.5
    assert repair_text(line).text == line


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        # as many words say "deleted" as "stripped": the text is read both ways
        ("Les remarques sont envoyes par les entrepreneurs.",
         "Les remarques sont envoyées par les entrepreneurs."),
        ("Elle a appel des pourparlers entre les entreprises prives et les syndicats.",
         "Elle a appelé des pourparlers entre les entreprises privées et les syndicats."),
        ("Les riverains sont exposes a la pollution.", "Les riverains sont exposés à la pollution."),
        ("Le taux reste inchange a 2 %.", "Le taux reste inchangé à 2 %."),
        # a participle stripped after avoir says "stripped" in a line of no other evidence
        ("Le groupe a signe un accord avec ses partenaires.",
         "Le groupe a signé un accord avec ses partenaires."),
        # the web's unaccented "tres", "meme", "etre" say "stripped" too
        ("Le projet est tres ambitieux.", "Le projet est très ambitieux."),
        # ... but a tie is thin evidence where the text kept straight apostrophes of its own
        ("Je suppose que peu importe le club auquel je m'affilie.",
         "Je suppose que peu importe le club auquel je m'affilie."),
    ],
)
def test_a_line_whose_words_say_deleted_and_stripped_alike_is_read_both_ways(damaged, expected):
    assert repair_text(damaged).text == expected


def test_vanished_no_break_spaces_after_an_elision_a_year_and_before_a_dollar():
    text = "En 2008a t dcid que lanne2010 serait la meilleure, avec 99$ de plus."
    out = repair_text(text, lang="fr").text.replace("\u00a0", "_")
    assert out == "En 2008_a été décidé que l’année_2010 serait la meilleure, avec 99_$ de plus."
    # a model year before a full stop, or a code, is no year before the verb "a"
    assert repair_text("Il a pay 12 dollars pour le modle 2008a.", lang="fr").text.endswith(
        "modèle 2008a.")


def test_a_single_sentence_whose_only_trace_is_a_vanished_apostrophe_is_repaired():
    # stripping accents keeps "’": only a conversion that deletes non-ASCII characters loses it,
    # so a glued elision is evidence that the accents were deleted too
    # (a vanished "à" before "cette" is a tie on this sentence alone: kept at 0.6, it goes at 0.7)
    sure = RepairConfig(min_confidence=0.7)
    assert repair_text("Cest le serveur de la BBC qui a transmis cette information.",
                       config=sure).text == (
        "C’est le serveur de la BBC qui a transmis cette information.")
    assert repair_text("Dans la rgion dOstrava, les gens recoivent les courriers.").text.startswith(
        "Dans la région d’Ostrava")
    # ... but not where the source's own straight apostrophes survived ("s'il")
    line = "Lavez les plats s'il vous plait."
    assert repair_text(line).text == line


def test_single_sentences_whose_apostrophes_went_with_the_accents():
    # glued elisions and no marker word: French all the same, and repaired
    assert repair_text("Cependant, lEfsa nadmet lexistence daucun conflit dintrt.").text == (
        "Cependant, l’Efsa n’admet l’existence d’aucun conflit d’intérêt.")
    # accents deleted and no apostrophe left: the apostrophes were deleted too, even where each
    # glued pair is also a word ("quelle", "lan", "la")
    assert repair_text("Comme la affirm mercredi le gant spcialis, lan prochain en juillet, "
                       "on ferme.").text == (
        "Comme l’a affirmé mercredi le géant spécialisé, l’an prochain en juillet, on ferme.")
    # an unaccented capital is how French is often written, no sign of stripped accents: the
    # vanished apostrophe decides
    assert repair_text("Etait-ce lannonce officielle de sa candidature?").text == (
        "Etait-ce l’annonce officielle de sa candidature?")
    # ... and an English line with glued words stays English
    line = "The lenders said the loan was repaid in full."
    assert repair_text(line).text == line


def test_single_sentences_with_one_trace_of_the_conversion():
    # a word after an auxiliary that is a frequent participle once its "é" is back
    assert repair_text("Un homme de la foule a tir sur le jeune homme.").text == (
        "Un homme de la foule a tiré sur le jeune homme.")
    # one frequent word glued to a number (a name or a code alone is no evidence: "Drive4")
    assert repair_text("Ils proposent des augmentations de loyer de 15 38pour cent.").text == (
        "Ils proposent des augmentations de loyer de 15 à 38\u00a0pour cent.")
    # a rare word that lost two letters or more ("flipe" alone is no "félipe")
    assert repair_text("Le paralllpipde faisait jadis partie de la tribune du stade.").text == (
        "Le parallélépipède faisait jadis partie de la tribune du stade.")
    # a title glued to a name
    assert repair_text("Les avocats de M.Hayes insistent sur cette revendication.").text == (
        "Les avocats de M.\u00a0Hayes insistent sur cette revendication.")
    for line in ("Le prix de la Drive4 est fixe.", "Il a cours le lundi et il a faim.",
                 "Le groupe flipe en ville.", "cmn_Hant"):
        assert repair_text(line).text == line


def test_a_lower_case_elision_glued_to_a_capitalised_name_gets_its_apostrophe():
    # "dEulen": no French word is written that way, so the elision wins over an unknown word
    damaged = ("Le prsident de la socit et le directeur dEulen ont dclar que lquipe "
               "dEspino tait prte.")
    repaired = repair_text(damaged, lang="fr").text
    assert "directeur d’Eulen ont" in repaired and "l’équipe d’Espino était" in repaired
    # a code after the letter is no name: "mRNA", "cDNA" stay as they are
    codes = "Le vaccin mRNA et la cDNA ont t tests par lquipe."
    assert "mRNA" in repair_text(codes, lang="fr").text
    assert "cDNA" in repair_text(codes, lang="fr").text


def test_a_word_that_is_no_word_in_damaged_text_takes_its_reading():
    # "nobtiendraient", "laideraient" are no words: in a text that lost its accents and
    # apostrophes they are damaged, and their elided readings win over keeping them
    prefix = "Le prsident a dclar que les membres de lquipe "
    assert "n’obtiendraient rien" in repair_text(prefix + "nobtiendraient rien.", lang="fr").text
    assert "l’aideraient beaucoup" in repair_text(prefix + "laideraient beaucoup.", lang="fr").text
    # a word that is one stays ("laides" is an adjective), and so does a clean text's rare word
    assert "laides" in repair_text(prefix + "sont laides.", lang="fr").text
    clean = "Les membres de l'équipe nobtiendraient rien."
    assert repair_text(clean, lang="fr").text == clean
    # a rare word whose only reading is rarer still stays ("tocade" is no "t’océade")
    assert repair_text("C'est une tocade.").text == "C'est une tocade."
    # a title in lower case is none: "tout de mme" is "tout de même"; "Mme Dupont" stays
    repaired = repair_text("Il reste tout de mme la dernire place, et mme la radio de Mme "
                           "Dupont.", lang="fr").text
    assert "tout de même la dernière" in repaired and "et même la radio de Mme Dupont" in repaired


def test_stripped_verbs_after_a_name_or_a_quotation_stay_verbs():
    # after a name, or at the end of a quotation, "affirme"/"declare" is the verb, not the
    # participle "affirmé"/"déclaré" that an auxiliary would need
    stripped = ("Mme Hilbeck affirme que l'industrie controle la recherche. \"Le jeu est "
                "termine\", declare M. Gibbs. La Bielorussie accepte de renoncer a son stock.")
    repaired = repair_text(stripped, lang="fr").text
    assert "Mme Hilbeck affirme que l'industrie contrôle" in repaired
    assert "\", déclare M. Gibbs" in repaired and "La Biélorussie accepte de" in repaired
    # ... but a participle after an auxiliary is one
    repaired = repair_text("Le projet a ete rejete. Il a declare que la societe a accepte de "
                           "payer.", lang="fr").text
    assert "Il a déclaré que la société a accepté de payer" in repaired


def test_stripped_des_and_la_before_words_no_article_precedes_are_des_and_la():
    stripped = ("Il utilise ce surnom des qu'elle etait petite, des le debut et des janvier. La "
                "ou il est, la aussi. C'est la que tout a commence avec des amis de la ville.")
    repaired = repair_text(stripped, lang="fr").text
    assert "dès qu'elle était petite, dès le début et dès janvier" in repaired
    assert "Là où il est, là aussi. C'est là que" in repaired
    assert "avec des amis de la ville" in repaired


@pytest.mark.parametrize(("stripped", "expected"), [
    # "des" before a year that counts nothing is "dès"; "ou" after "et" is "où"
    ("En abandonnant ce gaz des 2024, nous avons deja evite 2 000 tonnes. Des 2028, l'entreprise "
     "recrutera des 2000 salaries, dans une region ou le chomage est eleve et ou moins de 1 % des "
     "menages ont un acces a l'eau.",
     ["ce gaz dès 2024, nous", "Dès 2028,", "recrutera des 2000 salariés", "et où moins de 1 %"]),
    # after an adverb of degree, an adjective rather than a noun or a verb
    ("Les pays les plus peuples de la region ont ete touches, et les entreprises les mieux "
     "notees ont resiste.", ["les plus peuplés de la région", "les mieux notées"]),
    # a verb before its object, no auxiliary before it, is the present; after an auxiliary and
    # adverbs, before a time, it stays the participle
    ("Une nouvelle categorie recompense les firmes responsables, et une fondation qui "
     "sponsorise les enfants. Le groupe a ainsi salue le role des salaries et a signe le 24 "
     "novembre un accord.",
     ["catégorie récompense les firmes", "qui sponsorise les enfants", "a ainsi salué le rôle",
      "a signé le 24 novembre"]),
    # a present after an apposition's comma or before "aujourd’hui" and its object
    ("La mutuelle, assureur pour les particuliers et les artisans, publie aujourd’hui son "
     "rapport de durabilite 2025.", ["artisans, publie aujourd’hui son rapport"]),
    # a sentence that opens on a participle clause; a noun stays one
    ("Exploite depuis 2018 par la region, l'aeroport accueille 40 vols. Alimente en "
     "electricite verte, le site fonctionne. Controle de police a l'entree.",
     ["Exploité depuis 2018", "Alimenté en électricité", "Contrôle de police"]),
    # ... but an imperative, whose sentence goes on with no comma, stays one
    ("Monte dans la voiture immediatement. Reste en contact avec nous.",
     ["Monte dans la voiture", "Reste en contact"]),
    # no participle right after "ne", a pronoun or "qui": the auxiliary would stand between
    ("L'Insee ne publie plus ce taux. Un avocat qui se specialise dans la defense, et "
     "l'observateur s'interroge sur cette coincidence. Il ne l'a pas publie.",
     ["ne publie plus", "qui se spécialise dans", "s'interroge sur", "ne l'a pas publié"]),
])
def test_stripped_readings_from_the_word_before(stripped, expected):
    repaired = repair_text(stripped, lang="fr").text
    assert [part for part in expected if part not in repaired] == []


def test_a_deleted_participle_that_opens_a_sentence_before_de():
    # before "de", "du" only where the damaged word is none ("Ralise"): "Analyse de la" is a noun
    clean = ("Les dirigeants sont prêts. Réalisée du 6 au 12 décembre, l’enquête a porté sur "
             "mille entreprises. Analyse de la situation, dit-il.")
    assert repair_text(lossy_ascii(clean, capitals=False), lang="fr").text == clean


def test_d_ores_et_deja_and_a_releases_opening_participle_before_de():
    clean = ("Le groupe a d’ores et déjà réduit ses émissions de 27 %. Doté de 85 millions "
             "d’euros, le plan vise la neutralité. Les dorées et les argentées.")
    assert repair_text(lossy_ascii(clean, capitals=False), lang="fr").text == clean


def test_a_stripped_a_after_en_or_y_is_the_verb():
    # whatever follows: "il en a 25", "il y a 5 ans"
    repaired = repair_text("Le parti aurait 9 deputes (il en a 25). Il y a 5 ans, la societe "
                           "etait creee a Paris.", lang="fr").text
    assert "(il en a 25). Il y a 5 ans" in repaired


def test_an_adverb_between_auxiliary_and_participle_is_read_in_damaged_text_too():
    # "deja" (stripped) and "dj" (deleted) are "déjà": "a déjà dû supprimer", not "du"
    stripped = "La compagnie a deja du supprimer des trains, a declare le ministre."
    assert "a déjà dû supprimer" in repair_text(stripped, lang="fr").text


def test_a_stripped_ou_after_a_comma_before_a_clause_is_ou_with_its_accent():
    stripped = ("Par exemple au Perou, ou la croissance economique a atteint 8 %, les prix "
                "ont baisse. Il boit du the, ou du cafe, selon le jour.")
    repaired = repair_text(stripped, lang="fr").text
    assert "au Pérou, où la croissance économique a atteint" in repaired
    assert "du thé, ou du café" in repaired


def test_a_capitalised_word_news_often_capitalises_is_read_with_its_accents():
    # news writes "le Ministère" with a capital about half the time: a capitalised "Ministre"
    # is no name, and the context decides ("porte-parole du Ministère de la défense")
    damaged = ("Jan Pejsek, porte-parole du Ministre de la dfense, a dclar que les rgles ont "
               "chang. Le ministre est parti.")
    repaired = repair_text(damaged, lang="fr").text
    assert "porte-parole du Ministère de la défense" in repaired
    assert "Le ministre est parti" in repaired


def test_a_short_word_in_capitals_among_lower_case_words_is_an_acronym():
    damaged = "Le PRI a dclar que le quotidien MF DNES est parti. LE PRSIDENT A DCLAR TRS VITE."
    repaired = repair_text(damaged, lang="fr").text
    assert "Le PRI a déclaré que le quotidien MF DNES est parti." in repaired
    # a headline in capitals keeps its readings
    assert "LE PRÉSIDENT A DÉCLARÉ TRÈS VITE." in repaired


def test_a_lone_g_before_an_age_is_age():
    repaired = repair_text("Un homme g de 45 ans et une femme ge de 30 ans ont t arrts. Il "
                           "faut 5 g de sel.", lang="fr").text
    assert "Un homme âgé de 45 ans et une femme âgée de 30 ans" in repaired
    assert "5 g de sel" in repaired


def test_a_number_after_avoir_and_a_participle_is_its_object_not_the_object_of_a():
    # news, LM split: 46 numbers right after avoir + participle without "à", 9 with
    import esgtext.repair.french.decoder as decoder

    damaged = "La banque a prt 2 milliards deuros aux PME."
    assert repair_text(damaged, lang="fr").text == "La banque a prêté 2 milliards d’euros aux PME."
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(decoder, "HAVE_PARTICIPLE_NUMBER_PENALTY", 0.0)
        assert "prêté à 2" in repair_text(damaged, lang="fr").text
    # after the participle of a passive, a number still takes its "à"
    assert repair_text("Le prix a t fix 20 euros.", lang="fr").text == "Le prix a été fixé à 20 euros."


def test_an_elided_article_before_a_word_with_an_apostrophe_inside_gets_both_back():
    repaired = repair_text("Les prix daujourdhui sont hauts, et ceux de lanne aussi.", lang="fr").text
    assert repaired == "Les prix d’aujourd’hui sont hauts, et ceux de l’année aussi."


def test_an_old_spelling_the_dictionary_counts_does_not_beat_todays():
    # the Littré's bigrams count "complétement", "manége"; wordfreq says which spelling is used
    repaired = repair_text("Il a compltement chang de stratgie prs du mange.", lang="fr").text
    assert repaired == "Il a complètement changé de stratégie près du manège."
    # a reading that differs otherwise keeps its chances ("côte" / "coté" / "côté")
    assert repair_text("La cte est belle, de lautre ct de la baie.", lang="fr").text == (
        "La côte est belle, de l’autre côté de la baie.")
    # nor where a "?" hides the letter: the Littré counts "siége de"
    assert repair_text("Le si?ge de l?entreprise est ? Paris.", lang="fr").text == (
        "Le siège de l’entreprise est à Paris.")


def test_a_line_that_starts_with_a_space_lost_its_first_word():
    # every non-ASCII character deleted, capitals too: "À" vanished and left its space
    clean = ("À cet effet, le groupe a fermé une usine.\nÀ part les détails, tout est décidé.\n"
             "À Vienne, on affirme que la crise est finie.")
    damaged = lossy_ascii(clean)
    assert damaged.startswith(" cet effet") and "\n Vienne" in damaged
    assert repair_text(damaged, lang="fr").text == clean
    # an indented line that kept its accented capitals lost nothing at its start
    assert repair_text(" Élu en 2020, il a dmissionn.", lang="fr").text == (
        " Élu en 2020, il a démissionné.")


def test_a_restored_first_letter_of_a_proper_noun_is_a_capital():
    # (no accented capital survived: "dimbourg" was "Édimbourg")
    assert "à Édimbourg" in repair_text(lossy_ascii("Il vit à Édimbourg depuis 2010."),
                                        lang="fr").text


def test_a_lone_n_before_a_number_lost_its_degree_sign():
    result = repair_text("Le groupe est le n1 mondial, et sa chambre n 12 est rserve.", lang="fr")
    assert result.text == "Le groupe est le n°1 mondial, et sa chambre n° 12 est réservée."
    assert [e.kind for e in result.edits].count("deleted_symbol") == 2
    # not a word ending in n, nor text that kept its accents
    assert repair_text("Un n en 2 temps, et le numéro n4 reste.", lang="fr").text == (
        "Un n en 2 temps, et le numéro n4 reste.")


@pytest.mark.parametrize("damaged, clean", [
    ("Les ttes de liste ont t choisies par le parti.",
     "Les têtes de liste ont été choisies par le parti."),
    ("La Banque centrale a annonc une dvaluation de la monnaie.",
     "La Banque centrale a annoncé une dévaluation de la monnaie."),
    ("Il a t dmis de ses fonctions.", "Il a été démis de ses fonctions."),
])
def test_a_word_that_looks_like_an_elision_glued_to_another_is_still_a_word(damaged, clean):
    # "têtes" is no "t’êtes", "dévaluation" no "d’évaluation": the lexicon keeps the words its
    # spelling dictionary knows, and drops only web damage such as "lécole"
    assert repair_text(damaged, lang="fr").text == clean


@pytest.mark.parametrize("clean", [
    "Le candidat a présenté son programme devant ses électeurs.",
    "Il n’est pas clair si le gouvernement acceptera la proposition.",
])
def test_the_counts_are_rescaled_to_todays_word_frequencies(clean):
    # the Littré counts "n'est pas éclairé" and "ses lecteurs" more than today's French would
    # (without the rescaling: "pas éclairé si", "ses lecteurs")
    assert repair_text(lossy_ascii(clean, capitals=False), lang="fr").text == clean


@pytest.mark.parametrize("clean", [
    "Alexandre Guérini a été mis en examen pour détournement de fonds publics.",
    "Selon Météo France, des averses sont prévues dans la région.",
])
def test_a_capitalised_word_far_more_frequent_accented_gets_its_accent_back(clean):
    # "Guerini", "Meteo" are words as written, but wordfreq has "guérini", "météo" far more
    # often: a name written accented (before: "Alexandre Guerini", "Selon Meteo France")
    assert repair_text(strip_accents(clean), lang="fr").text == clean
    # ... while a name the web writes unaccented more often stays as it is written
    assert repair_text("Ruben Diaz a ete elu a la tete du comite.", lang="fr").text == (
        "Ruben Diaz a été élu à la tête du comité.")


@pytest.mark.parametrize("clean", [
    # the avoir form earlier in the sentence, before "et"
    "Le salon a remporté un grand succès et attiré des visiteurs venus de toute la région.",
    # two adverbs between the auxiliary and its participle
    "Le gouvernement n’a absolument pas respecté les directives de la Commission européenne.",
    # an adverb the list did not have
    "Il avait aussitôt présenté des demandes relatives à la sécurité.",
    # the auxiliary before an inverted subject
    "\"Je ne partirai pas\", leur avait-il lancé en juillet 2009 devant les députés.",
])
def test_a_participle_away_from_its_auxiliary_is_read_as_one(clean):
    # stripped text: "attire", "respecte", "presente", "lance" are verbs as written too
    assert repair_text(strip_accents(clean), lang="fr").text == clean


def test_an_avoir_that_is_no_auxiliary_makes_no_participle_after_et():
    # "a une maison": avoir is the verb itself, so "et utilise" is a verb too
    clean = "Elle a une maison à la campagne et utilise les services de la région."
    assert repair_text(strip_accents(clean), lang="fr").text == clean


@pytest.mark.parametrize("clean", [
    "Les prix ont augmenté peu à peu depuis le début de l’année.",
    "Les deux hommes marchaient côte à côte dans la rue.",
    "La fabrication paraît tout à fait simple.",
    "Tout à coup, la lumière s’est éteinte.",
    "Il cherche à se séparer de son associé.",  # a pronoun before the governed infinitive
    # ... after a verb that takes "à" only before an infinitive, and after "appelé", "formé"
    "Cette exigence nous oblige à le faire, et les agents seront formés à reconnaître les "
    "risques, et la population a été appelée à se prononcer.",
    "Il n’y avait rien à cacher dans ce dossier.",  # avoir, "rien", an infinitive
    # locutions read from the words after the gap, and "mener à bien"
    "Le comité s’est réuni à plusieurs reprises pour mener à bien le projet.",
    "La région participe à hauteur de 40 % et le plan assure la rentabilité à long terme.",
    "Les règles s’appliqueront à partir de 2025 à travers tout le pays.",
    # ... also where the elided article is glued to its noun ("letranger": "l’étranger"), and a
    # governed infinitive after a glued pronoun ("tient sexpliquer")
    "Il a travaillé dix ans en France et à l’étranger.",
    "Cette démarche est à la fois économique et sociale.",
    # nouns that take "à" before their complement
    "Les salariés ont participé à une journée de sensibilisation à la protection de l’eau.",
    "Il a levé les obstacles à la croissance.",
    "Le directeur tient à s’expliquer devant le conseil.",
    # the compounds and locutions of releases
    "Le site sera chauffé par des pompes à chaleur, et la coopérative est devenue une société "
    "à mission.",
    "Le tarif social s’appliquera à compter du 1er janvier, à condition que le conseil le vote.",
    "Les capteurs ont mesuré les particules fines à proximité du terminal.",
    "La centrale a fermé ses dernières turbines à combustion au gaz.",
    "La métropole loue des vélos à assistance électrique, et l’aciérie a mis en service son "
    "four à arc.",
    # locutions that news writes with "à" whatever word comes before
    "Les sanctions prises à son encontre peuvent tomber à tout moment.",
    "Il faut gagner à tout prix, et les voitures sont parties à toute vitesse.",
    "La station propose douze postes à temps plein et quatre emplois à temps partiel.",
    "Il n’est pas à l’aise avec les journalistes, qui restent à l’affût.",
    "Son épouse était à ses côtés et les ministres ont réagi à ce propos.",
])
def test_a_vanished_a_of_a_locution_comes_back(clean):
    assert_repaired_back(clean, "deleted", INTRO)


@pytest.mark.parametrize("clean", [
    "Il a tout fait pour gagner la course.",  # "tout fait pour": no locution
    "Il ne veut rien faire pour les aider.",  # no avoir before "rien"
    # a verb that takes "à" before an infinitive only: its object follows it directly
    "Nous visons la neutralité des émissions en 2040.",
    # ... nor before a quantity
    "Le film vise plusieurs groupes-cibles et la fondation a aidé six pays.",
    "La ville a engagé plusieurs chantiers de rénovation.",
    # no "à" of a locution after a preposition or a determiner
    "La maison se trouve en bord de Meuse, et le tribunal a statué en huis clos.",
    "Les statistiques offrent des données comparables sur les familles de faibles revenus.",
])
def test_no_a_where_the_words_around_say_the_pair_is_meant(clean):
    assert_repaired_back(clean, "deleted", INTRO)


@pytest.mark.parametrize("damaged, clean", [
    ("Lopinion publique.", "L’opinion publique."),  # two words: a glued elision says French
    ("Le17, des salutations et des plaintes.", "Le\u00a017, des salutations et des plaintes."),
    ("28aot 2009, selon le ministre.", "28\u00a0août 2009, selon le ministre."),
    # a count of five digits or more before a word: its groups lost their no-break spaces
    ("Il stocke 40000 tonnes.", "Il stocke 40\u202f000 tonnes."),
])
def test_a_short_line_shows_its_damage_in_few_words(damaged, clean):
    # lang=None: the line alone must say it is French and that the conversion happened
    assert repair_text(damaged).text == clean


def test_a_capitalised_non_word_inside_a_sentence_reads_as_the_name_news_capitalises():
    # "Grce": "Grâce" or "Grèce"; inside a sentence, news capitalises only the second
    clean = "Le ministre a déclaré que la Grèce était en crise."
    assert repair_text(lossy_ascii(clean, capitals=False), lang="fr").text == clean


def test_an_opening_parenthesis_then_a_space_lost_its_a():
    clean = "Les dotations de financement (à hauteur de 2,8 millions) sont prévues."
    damaged = lossy_ascii(clean, capitals=False)
    assert "( hauteur" in damaged
    assert repair_text(damaged, lang="fr").text == clean
    # a closing quotation mark is followed by a space as it should be: no "à" there
    clean = 'Il a dit "oui" la semaine dernière, a déclaré le ministre.'
    assert repair_text(lossy_ascii(clean, capitals=False), lang="fr").text == clean


def test_a_quotation_that_opens_with_a_space_and_a_capital_lost_no_a():
    # '" Tout était parfait": the source spaced its quotation mark; an "À" gone would have left
    # a lower-case "tout" (a name after the space may have lost one: '" Paris')
    clean = 'Le maire a réagi : " Tout était parfait, le réseau a été rétabli."'
    assert repair_text(lossy_ascii(clean), lang="fr").text == clean


def test_a_vanished_capital_a_after_an_opening_quotation_mark_is_a_capital():
    # capitals too: '"À tout point de vue' left '" tout point'; the "À" that comes back opens
    # the quotation, so it is a capital
    clean = 'La ministre a répondu.\n"À tout point de vue, la réforme est nécessaire."'
    assert repair_text(lossy_ascii(clean), lang="fr").text == clean


@pytest.mark.parametrize("damaged, clean", [
    # "-là" and "-même" without their accents: no French word ends so
    ("Depuis ce temps-l, Damas refuse toute discussion.",
     "Depuis ce temps-là, Damas refuse toute discussion."),
    ("Il faut que le parti fasse une introspection de soi-mme.",
     "Il faut que le parti fasse une introspection de soi-même."),
    # a word whose only stripped reading is a web misspelling ("europénnes") says nothing of
    # stripping, so its deleted reading decides
    ("Le double que le reste des Bourses europennes.",
     "Le double que le reste des Bourses européennes."),
])
def test_a_single_sentence_with_a_trace_in_a_hyphenated_word_or_a_rare_reading(damaged, clean):
    assert repair_text(damaged).text == clean


@pytest.mark.parametrize("clean", [
    # after a quotation and a verb of saying, the name is the inverted subject: no "à"
    '"C’est une bonne chose pour l’équipe", a déclaré Thomas Ullmann, le directeur.',
    '"Les véhicules ont été saisis", a indiqué Louis-Philippe Ruel, porte-parole de la police.',
    '"Nous allons gagner", a lancé Vladimir Poutine.',
])
def test_no_a_before_the_inverted_subject_of_a_quotation(clean):
    assert_repaired_back(clean, "deleted", INTRO)


def test_a_verb_of_saying_keeps_its_a_where_no_quotation_precedes_it():
    clean = "Le ministre a déclaré à Reuters que la réforme était nécessaire pour l’économie."
    assert repair_text(lossy_ascii(clean, capitals=False), lang="fr").text == clean


@pytest.mark.parametrize("clean", [
    # after être, an adjective at least as frequent as the participle reading is no participle
    "La réforme était prête.",
    "Les équipes sont prêtes.",
    # ... but a pronominal verb's participle stays one, and so does one with no adjective rival
    "Les électeurs se sont présentés aux urnes.",
    "La salle est équipée de chaises.",
])
@pytest.mark.parametrize("damage", ["deleted", "stripped"])
def test_an_adjective_after_etre_is_not_read_as_a_participle(clean, damage):
    assert_repaired_back(clean, damage, INTRO)


@pytest.mark.parametrize("clean", [
    # a "?" ending a word after its auxiliary hides the participle's "é", not a question,
    # before a number or a name too
    "Cette année, l’entreprise a versé 4 millions d’euros à des associations.",
    '"C’est très prometteur", a commenté Paul Davies, professeur.',
    "«\u00a0C’est très prometteur\u00a0», a commenté Paul Davies, professeur.",
])
def test_a_question_mark_after_an_auxiliary_ends_a_participle(clean):
    assert_repaired_back(clean, "?")
    # ... but a participle already ("dit") and nothing after it on the line: a real question
    assert repair_text("Qui lui avait dit?").text == "Qui lui avait dit?"


@pytest.mark.parametrize("clean", [
    # a leading "?" of a name takes its capital: a hyphenated name whose later part has one,
    # a word Grammalecte knows only as a name (a city)
    "La Région Île-de-France soutient le projet à Évry.",
    "Il a été élu à Épinay-sur-Seine, près de l’île.",
    # a surname after a first name: a word that is no common French word
    "Le président et David Álvarez ont dit que Paris était prête.",
])
def test_a_question_mark_starting_a_name_is_a_capital(clean):
    assert_repaired_back(clean, "?")


def test_a_deleted_capital_of_a_hyphenated_name_comes_back_as_one():
    clean = "Le ministre a déclaré que la réforme était nécessaire. La Région Île-de-France aussi."
    assert repair_text(lossy_ascii(clean, capitals=True), lang="fr").text == clean


def test_a_code_with_capitals_after_its_first_letter_is_no_elided_pair():
    # "SBTi" is no "S’Bâti"; "lAFP" is "l’AFP"
    clean = "Nos objectifs ont été validés par l’initiative Science Based Targets (SBTi) et l’AFP."
    assert repair_text(lossy_ascii(clean, capitals=False), lang="fr").text == clean


@pytest.mark.parametrize("clean", [
    # guillemets typed with plain spaces: a lone "?" before a word, paired with one after a
    # word on the same line, or before a sentence's capitalised pronoun or determiner
    "« Nous avons tenu nos engagements », se félicite le directeur financier.",
    "Selon elle, « la transition énergétique n’est plus une option, c’est une nécessité ».",
    "« Cette certification récompense l’engagement de nos équipes », a souligné Marie Lefèvre.",
    # with their no-break spaces: after a letter hidden by a "?" too, after a sentence's end,
    # before a lone "?" that is "À"; and a word's "?" then the no-break space before ":"
    "Selon elle, «\u00a0la transition n’est plus une option, c’est une nécessité\u00a0».",
    "Le PDG a ajouté\u00a0: «\u00a0Nous irons plus loin dès l’année prochaine.\u00a0»",
    "«\u00a0À terme, l’ensemble de nos usines fonctionnera sans énergie fossile\u00a0», précise-t-il.",
    # ... while a lone "?" before a name that starts the sentence is still "À"
    "À Vienne, le président a déclaré que la réforme était prête.",
])
def test_guillemets_turned_into_question_marks_come_back(clean):
    assert_repaired_back(clean, "?")


def test_a_line_that_lost_its_guillemet_gets_no_a_before_a_pronoun():
    # "« Nous avons…" loses its guillemet and keeps the space after it: no "À Nous"
    clean = "« Nous avons tenu nos engagements », se félicite le directeur financier."
    damaged = lossy_ascii(clean, capitals=False)
    assert repair_text(damaged, lang="fr").text.startswith(" Nous avons tenu")


@pytest.mark.parametrize("clean", [
    # a word whose last letter is a "?" ends no question: the next word keeps its lower case
    "La réduction des émissions passe par l’efficacité énergétique et la sobriété.",
    # "cr??" is "créé", not "cr" with a no-break space and a question mark
    "Un comité dédié aux questions sociales a été créé en 2022.",
])
def test_question_marks_that_end_a_word_are_its_letters(clean):
    assert_repaired_back(clean, "?")


@pytest.mark.parametrize("clean", [
    # a "?" hidden among letters is read with them ("d?clar?:" is "déclaré:", no space)
    'Le ministre a déclaré: "non".',
    # ... and no elision hides inside a word ("arr?t?es" is no "arr?t’es")
    "Les manifestantes ont été arrêtées hier soir.",
    # an elision before a name or an acronym, and "O’" before an Irish name
    "Le président d’Anlong Veng a rencontré M. O’Donovan et l’ODS.",
    # the no-break space and the euro or "à" after a number, the space between a month and a
    # year, the space before "$"
    "Le ticket coûte 1\u00a0€ par jour, de 15\u00a0à 20 pour les groupes, 40\u00a0$ en août\u00a02009.",
    # ... "à" after a year or a code, or before "la" or a name; "€" before "le" ("à le" is "au")
    "Il est parti en 2009\u00a0à la suite du vote, sur l’A7\u00a0à Flensburg, pour 5\u00a0€ le kilo.",
    # a word's last letter hidden by a "?", then the no-break space before a number
    "La société a levé\u00a050 millions d’euros.",
    # the no-break space after a title ("Dr", "Me"), as after "M." and "Mme"
    "Le président et le Dr\u00a0Sheppard ont été reçus par Me\u00a0Dupont dans la Drôme.",
    # a lone "?" after an opening quotation mark or parenthesis is "à"
    'Il a dit que "à la fin" les dotations (à hauteur de 3 %) seront versées.',
])
def test_question_marks_around_numbers_names_and_opening_marks(clean):
    assert_repaired_back(clean, "?")


def test_a_question_mark_in_a_word_no_lexicon_knows_is_guessed_as_e_with_its_doubt():
    text = "Le pr?sident dit que l?ars?nique et la d?ragulation ont ?t? vus par Puigcerc?s."
    result = repair_text(text, lang="fr")
    # an elided article's "?" is the apostrophe, the others "é"; a name is left as it is
    assert result.text == ("Le président dit que l’arsénique et la déragulation ont été vus "
                           "par Puigcerc?s.")
    guesses = [e for e in result.edits if e.before in ("l?ars?nique", "d?ragulation")]
    assert len(guesses) == 2 and all(e.confidence < 0.8 for e in guesses)
    assert all("guess" in e.reason for e in guesses)


@pytest.mark.parametrize("clean", [
    # before "par", a word that may be a participle is one: the agent of a passive
    "Le réseau de chaleur alimenté par la géothermie sera prêt en 2025.",
    # ... not a verb that takes "par", nor after a reflexive
    "La réduction des émissions passe par la sobriété énergétique.",
    "La baisse se traduit par une économie importante.",
])
@pytest.mark.parametrize("damage", ["deleted", "stripped"])
def test_a_participle_before_the_agent_of_a_passive(clean, damage):
    assert_repaired_back(clean, damage, INTRO)


@pytest.mark.parametrize("clean", [
    # a lone "?" before a word that never follows "à" stands for a dash
    "Le groupe a assuré – avec également la présence de l’État – pendant deux ans le service.",
    "Les économies seront réinvesties – ainsi que les bénéfices – dans la région.",
])
def test_a_lone_question_mark_before_a_word_no_a_precedes_is_a_dash(clean):
    assert_repaired_back(clean, "?")


@pytest.mark.parametrize("clean", [
    # ... but "à" before an object pronoun and its infinitive, or a stressed pronoun
    "Nous sommes prêts à les protéger si nécessaire, a déclaré le président.",
    "Les deux sociétés, quant à elles, ont été vendues.",
])
def test_a_lone_question_mark_is_still_a_before_pronouns_that_take_it(clean):
    assert_repaired_back(clean, "?")


@pytest.mark.parametrize("intro", ["", INTRO])
def test_no_vanished_a_before_a_word_whose_own_a_vanished(intro):
    # "vis--vis": the "à" went between the hyphens, and none stood before the word
    assert_repaired_back("Elle a souligné l’importance de la transparence vis-à-vis des parties "
                         "prenantes.", intro=intro)


@pytest.mark.parametrize("intro", ["", INTRO])
def test_no_vanished_a_inside_a_name(intro):
    # two capitalised words inside a sentence are one name: no "à" went between them
    assert_repaired_back("La Société du Grand Paris a présenté le métro Grand Paris Express, "
                         "a déclaré M. Russell Travers.", intro=intro)


@pytest.mark.parametrize("intro", ["", INTRO])
def test_no_vanished_a_before_a_code(intro):
    assert_repaired_back("Également sur l’autoroute D11, la circulation est très ralentie près de "
                         "l’échangeur.", intro=intro)


def test_no_vanished_a_after_a_capital_a_that_is_one():
    # some sources write "À" as "A": the locution after it has its "à" already
    text = INTRO + "A partir de janvier, les tarifs changent."
    assert repair_text(lossy_ascii(text, capitals=False), lang="fr").text == text


@pytest.mark.parametrize(
    "clean",
    ["Le train circule à grande vitesse entre les deux villes.",
     "Les prix ont augmenté à tel point que les ventes ont chuté.",
     "Le projet a coûté à peu près deux millions d’euros."],
)
def test_locutions_with_a_read_from_the_words_after_the_gap(clean):
    assert_repaired_back(clean, intro=INTRO)


def test_words_that_take_a_after_them_open_its_gap():
    assert_repaired_back("Contrairement à ses concurrents, le groupe publie ses données.",
                         intro=INTRO)


def test_where_before_a_subject_and_its_verb_in_stripped_text():
    # "ou" then a determiner, a word and a finite verb: a clause, so "où"
    assert_repaired_back("La région où les habitants vivent de la pêche a voté contre le projet.",
                         damage="stripped", intro=INTRO)


def test_an_elided_pronoun_and_en_stand_before_a_verb_only():
    # seed 000: "a en outre men diverses initiatives" read "m’en diverses"
    assert_repaired_back("Le groupe a en outre mené diverses initiatives, et il s’en félicite.",
                         intro=INTRO)


def test_verbs_that_take_a_before_their_object():
    # seed 000: "afin de parvenir une harmonie gagnant-gagnant"
    assert_repaired_back("Il faut parvenir à une harmonie gagnant-gagnant avec les consommateurs.",
                         intro=INTRO)


def test_emissions_counted_in_tonnes_of_co2_equivalent_are_emissions():
    # "tCO2e" is the tokens "tco", a number and "e": the carbon account's unit names emissions
    assert_repaired_back("L’inventaire de 2025 chiffre les émissions du groupe : "
                         "186 000 tCO2e, dont 40 % liées aux achats.", intro=INTRO)


def test_ne_before_a_vowel_is_no_negation_but_nee():
    assert_repaired_back("La diplomatie climatique, née en 1992 avec la convention de Rio, a "
                         "vieilli.", intro=INTRO)


def test_an_elided_article_at_a_sentences_start_beats_a_rarer_accented_reading():
    assert_repaired_back("L’an dernier, une altercation a eu lieu dans la rue.", intro=INTRO)


def test_a_name_in_lower_case_is_read_as_the_word_it_was():
    # "laura", "davis", "anne" are names; in lower case, in damaged text, they were words (but
    # the "line" of "on-line" is no "l’ine")
    assert_repaired_back("Les partenaires sont d’avis que la troisième année sera décisive, et "
                         "l’aura du projet grandit on-line.", intro=INTRO)


def test_a_name_is_read_the_same_way_throughout_its_text():
    # the heading's "Liège" came back; the dateline's, at a sentence's start, had stayed "Lige"
    clean = ("Ciments de la Meuse lance à Liège un pilote de captage du carbone\n"
             "Liège, le 5 février 2026 – Ciments de la Meuse a lancé aujourd’hui la "
             "construction d’une unité pilote sur son site d’Engis.")
    repaired = repair_text(lossy_ascii(clean, capitals=False), lang="fr").text
    assert repaired.count("Liège") == 2, repaired


def test_a_range_of_two_percentages_gets_its_a_back():
    # "de 58 % 71 %": the "à" between two percentages vanished, in deleted and stripped text
    clean = "La part des énergies renouvelables varie de 58 % à 71 % selon les régions."
    assert_repaired_back(clean, intro=INTRO)
    assert_repaired_back(clean, damage="stripped", intro=INTRO)


def test_reflexive_verbs_of_an_amount_take_a():
    assert_repaired_back("Le chiffre d’affaires s’établit à 4,2 milliards d’euros, et le comité "
                         "s’est réuni à huit reprises.", intro=INTRO)
    # ... in the perfect, where the "à" left no doubled space ("sest lev 3,05 milliards": the
    # no-break space French typography puts before a number went with it)
    damaged = lossy_ascii(INTRO + "Son produit net bancaire s’est élevé à\u00a03,05 milliards "
                          "d’euros en 2025.", capitals=False)
    assert "sest lev 3,05" in damaged
    assert "s’est élevé à 3,05 milliards" in repair_text(damaged, lang="fr").text


def test_the_dash_after_a_press_release_dateline_comes_back():
    clean = ("Paris, le 12 mars 2026 – Le groupe annonce la nomination de sa directrice.\n"
             "Saint-Denis, 1er décembre 2025 – La société a publié son rapport annuel.")
    assert repair_text(lossy_ascii(clean, capitals=False), lang="fr").text == clean
    # ... also where the no-break spaces of the date vanished with it ("le12mars2026")
    glued = lossy_ascii(french_typography(clean, optional_share=1.0), capitals=False)
    assert "le12mars2026 Le" in glued
    assert repair_text(glued, lang="fr").text.replace("\u00a0", " ") == clean
    # ... and where the place names its region and a wire service follows the date
    clean = ("Montbrison (Loire), le 3 mars 2026 – La coopérative a présenté son plan.\n"
             "Sète (Hérault), 8 juillet 2026 (Agence Presse Méditerranée) – Face à la "
             "sécheresse, la régie a réduit les prélèvements.")
    assert repair_text(lossy_ascii(clean, capitals=False), lang="fr").text == clean.replace(
        "Sète", "Ste")  # (the town's name is read as a saint's)
    # a date inside a sentence, or French that lost nothing, keeps its words
    for text in ("Paris, le 12 mars 2026 Le groupe", "Le 12 mars 2026, le groupe a publié."):
        assert repair_text(text, lang="fr").text == text


@pytest.mark.parametrize(
    "clean",
    ["Le groupe a présenté sa feuille de route climat à horizon 2035.",
     "La publication sera suivie d’une conférence téléphonique à destination des analystes.",
     # ... and no "à" after a word that takes one where a finite verb follows
     "Le rapport détaille également les risques liés au changement climatique."],
)
def test_press_release_locutions_and_verbs(clean):
    assert_repaired_back(clean, intro=INTRO)


def test_a_misspelling_says_stripped_only_where_no_word_says_deleted():
    from esgtext.repair.french.diagnosis import diagnose_damage

    # "tres", "meme": the web's own misspellings, weak evidence: a line that shows nothing else
    # is read as stripped, but a line whose other words lost accents by deletion stays deleted
    assert diagnose_damage("Le projet est tres ambitieux.").kinds == ("stripped",)
    assert diagnose_damage("Elle est tres, tres contente de la rforme.").kinds[0] == "deleted"


def test_a_stripped_a_after_a_clause_opening_noun_phrase_is_the_verb():
    # a determiner and its noun open the clause; a determiner or an adverb follows "a"
    stripped = ('"Cet organisme a une capacite double." Le Tresor a plus de 40 000 dollars. '
                "Le jeu a deux couleurs donne le ton et les jouets a piles sont interdits.")
    repaired = repair_text(stripped, lang="fr").text
    assert '"Cet organisme a une capacité double."' in repaired
    assert "Le Trésor a plus de" in repaired
    # before a number or a bare noun, "à" stays possible
    assert "Le jeu à deux couleurs" in repaired and "les jouets à piles" in repaired


SPANISH_NEWS = ("Le maire de Mazatlán, Jorge Abel López, a rencontré Rubén Sánchez et Isaías "
                "Dávalos à la mairie.")


@pytest.mark.parametrize("intro", ["", INTRO])
def test_spanish_names_among_spanish_names_get_their_accents_back(intro):
    # "Isaas", "Dvalos": no French word; among other Spanish names, Spanish ones
    assert_repaired_back(SPANISH_NEWS, intro=intro)
    # (stripped: after a sentence whose words say so; the names alone say nothing of the damage)
    stripped = repair_text(strip_accents(INTRO + SPANISH_NEWS), lang="fr")
    assert "Mazatlán" in stripped.text and "Dávalos" in stripped.text
    names = [e for e in stripped.edits if e.after in ("Mazatlán", "Dávalos")]
    assert names and all(e.reason.startswith("a Spanish name") for e in names)


def test_a_spanish_name_alone_or_one_french_writes_its_own_way_stays():
    # a name alone says nothing of its text; "Mexico" and "Chavez" are how French writes them
    alone = lossy_ascii(INTRO + "Hier, M. Dávalos a rencontré le maire de la ville.", capitals=False)
    assert "Dvalos" in repair_text(alone, lang="fr").text
    french = strip_accents(INTRO + "La ville de Mexico et le président Chavez ont signé un accord "
                           "avec Dávalos.")
    repaired = repair_text(french, lang="fr").text
    assert "Mexico" in repaired and "Chavez" in repaired


def test_a_stripped_text_that_names_many_spanish_people_writes_them_as_spanish_does():
    # four Spanish names or more: a text from a Spanish-speaking country, so "Fernández" and
    # "Chávez" too, which a French text may write without their accents
    clean = ("La présidente Fernández a reçu Hugo Chávez, Isaías Dávalos et le maire de Mazatlán, "
             "Jorge Abel López.")
    assert_repaired_back(clean, "stripped", INTRO)


def test_a_name_the_decoder_read_its_own_way_is_spanish_among_spanish_names():
    # the decoder reads "Jesus" as French does ("Jésus") and "Jose" as "José": among other
    # Spanish names they are Spanish, and count as such ("José" is the second name that makes
    # "Lopez" and "Davalos" Spanish); a word the decoder read as French whose Spanish reading is
    # no name French news quotes stays French ("Interrog" is "Interrogé", not "Interrogó")
    clean = "Le maire de Mazatlán, Jesús Álvarez, a rencontré Rubén Dávalos hier."
    assert_repaired_back(clean, "stripped", INTRO)
    clean = "Interrogé par la presse, José López a répondu à Rubén Dávalos."
    assert_repaired_back(clean, "stripped", INTRO)
    repaired = repair_text(lossy_ascii(INTRO + clean), lang="fr").text
    assert "Interrogé par la presse, José López" in repaired and "Rubén Dávalos" in repaired


def test_a_spanish_name_whose_capital_vanished_comes_back_capitalised():
    # every non-ASCII character deleted, capitals too: "Álvarez" left "lvarez", whose reading
    # restores a first letter; a Spanish name French news writes is a name ("élites", a French
    # word the Spanish table has too, stays in lower case)
    clean = INTRO + "Le ministre a reçu María Álvarez et les élites de la ville."
    repaired = repair_text(lossy_ascii(clean), lang="fr").text
    assert "Álvarez" in repaired and "les élites" in repaired


def test_an_elided_article_glued_to_an_acronym_at_a_sentence_start():
    # "LONU", "LUE": the apostrophe vanished where capitals start the sentence; inside one, an
    # acronym stays ("(DSH)", '"LED"'), and "LONG" is no "L’ONG" (it is the commoner word)
    clean = ("Le rapport a été publié hier. L’ONU a proposé une résolution. L’UE annonce un "
             "plan, selon la direction (DSH) et les lampes \"LED\" du réseau.")
    repaired = repair_text(lossy_ascii(INTRO + clean, capitals=False), lang="fr").text
    assert repaired == INTRO + clean


# Where a vanished "à" comes back and where none went, each a reading the lattice once got wrong
# (the comments say why; the counts behind each cue are in esgtext.repair.french.cues)
VANISHED_A_CASES = [
    # "aller" + "à" + a noun phrase; before an infinitive, no "à" ("va adopter", "allant voter")
    pytest.param("Il va à l’école tous les jours. Le gouvernement va adopter une loi. Elle a "
                 "l’intention d’aller à une exposition. Les électeurs y pensent en allant voter.",
                 id="aller"),
    # a noun before a percentage; participles of an amount; the locutions of results releases
    pytest.param("Le conseil a approuvé trois nominations, portant la part des femmes à 45 %.",
                 id="percentage"),
    pytest.param("Le chiffre d’affaires est en hausse de 6 % à périmètre constant. L’assemblée a "
                 "voté à 97 % la résolution, et le groupe a signé un financement à impact.",
                 id="figures"),
    # "missions", "mettent" near CO2, greenhouse gases, bonds are forms of "émettre"
    pytest.param("Ces centrales émettent 25 000 tonnes de CO2 par an, et les émissions globales "
                 "de GES ont augmenté.", id="emitting-pollutants"),
    pytest.param("Les obligations vertes émises en septembre financeront des bâtiments à haute "
                 "performance énergétique et des véhicules à faible émission.",
                 id="emitting-bonds"),
    # "au fur et à mesure", "à juste titre"
    pytest.param("Les jurés ont à juste titre récompensé les équipes, qui ont été formées au fur et "
                 "à mesure du projet.", id="fur-et-a-mesure"),
    # "laquelle" after a word that is no preposition lost its "à"
    pytest.param("Il a parlé d’une option à laquelle je suis favorable, la raison pour laquelle "
                 "le groupe attend.", id="a-laquelle"),
    # "ni" without a negation nor another "ni" in its sentence was "nié"; with them it stays
    pytest.param("Le directeur a nié catégoriquement les accusations. Il n’y aurait ni sabotage, "
                 "ni vol, et les inspecteurs n’ont ni confirmé ni démenti.", id="denied"),
    # ... opinions and warnings too, behind an elided article as well
    pytest.param("Les chercheurs ont émis l’hypothèse d’une fraude, le gouvernement n’a émis "
                 "aucune objection et Interpol a émis une alerte rouge.", id="emitting-opinions"),
    # ... and so are plural "missions" anywhere in a text that names a pollutant (a release
    # names emissions in every paragraph); "société à mission" keeps its "à"
    pytest.param("Le groupe a réduit ses émissions de CO2 de 12 % en 2025. Les transports "
                 "restent le principal défi du territoire, qui compte 300 000 habitants. Les "
                 "émissions liées aux déplacements des visiteurs représentent la moitié du total. "
                 "La société à mission a publié son rapport.", id="emitting-in-the-text"),
    # ... but "avoir pour mission", "mises à disposition", "mis en place" keep theirs
    pytest.param("La société s’est fixé pour mission de réduire son empreinte carbone.",
                 id="mission"),
    pytest.param("Les obligations ont été mises à disposition des clients, et le groupe a mis en "
                 "place un plan de réduction des émissions de CO2.", id="mettre"),
    # no "à" before a number after a capitalised word: a name and its number
    pytest.param("Il a travaillé dix ans dans la Formule 1 de Red Bull, dans l’usine de Formule 1 "
                 "de Milton Keynes.", id="name-number"),
    # "rapport à" is "par rapport à"; a report is "le rapport annuel"
    pytest.param("Le rapport annuel intégré et le rapport extra-financier seront publiés demain; "
                 "les ventes ont progressé par rapport à l’an dernier.", id="rapport"),
    # a time after a word is no object: "l’année dernière", "cette année", "le lundi"
    pytest.param("La décision prise l’année dernière d’abandonner le projet a été confirmée.",
                 id="last-year"),
    pytest.param("Dix patients ont été hospitalisés cette année, et les limites sont revues "
                 "chaque saison. Il a reçu le lundi un appel téléphonique.", id="time"),
    # a modal, an adverb, then its infinitive
    pytest.param("Les salariés peuvent souvent prendre deux jours, et la direction pourra "
                 "toujours dire non.", id="modal"),
    # "continuer à" takes an infinitive, its object follows directly; "commentaire" is no form
    # of "commencer"
    pytest.param("Wikileaks continue ses révélations et continue chaque année. Il s’est abstenu "
                 "de tout commentaire à ce sujet.", id="infinitive-only-governor"),
    # more locutions of releases, and "ressortir à" before an amount
    pytest.param("Le résultat net ressort à 167 millions d’euros, dont 71 % à l’international. "
                 "Les gares sont accessibles aux personnes à mobilité réduite, et l’assemblée a "
                 "voté à titre consultatif.",
                 id="release-locutions"),
    # ... whose first word news never has after "à" (the bigrams alone held the "à" out)
    pytest.param("Le groupe remplacera sa flotte par des véhicules à faibles émissions, et sa "
                 "croissance à périmètre constant atteint 4 %.", id="release-locutions-unseen"),
    # "en", a year, then a place; not a date's year ("en 2025 Renault" keeps its subject)
    pytest.param("La société, fondée en 1958 à Lille, ouvrira en 2027 à Saint-Priest une "
                 "plateforme. En 2025 Renault a vendu deux millions de voitures.",
                 id="year-then-place"),
    # ... a year of the nineteenth century too, which the cue and the gap read alike
    pytest.param("La maison, fondée en 1858 à Roubaix, emploie trois cents salariés.",
                 id="older-year-then-place"),
    # "à" before a time; not after another preposition ("de 9 h", "vers 10 h")
    pytest.param("L’assemblée se tiendra le 21 mai à 14 h 30 au siège, de 9 h à 17 h, et le "
                 "conseil vers 10 h.", id="a-before-a-time"),
    # an adverb between a verb that governs "à" and its infinitive; not after "penser"
    pytest.param("L’enseigne s’engage également à publier un rapport, et le groupe cherche "
                 "manifestement à récupérer ses coûts. Le président pense vraiment pouvoir "
                 "gagner.",
                 id="governor-adverb-infinitive"),
    # the locutions of releases: "à eux seuls", "à usage unique", "à plein régime"
    pytest.param("Les blocs représentent à eux seuls 18 % de la consommation. Les plastiques "
                 "à usage unique disparaissent, et l’usine tourne à plein régime.",
                 id="release-locutions-stop-34"),
    # "s’élever à" before an amount
    pytest.param("Le montant total s’élève à un million d’euros.", id="s-elever-a"),
    # "à propos" is "à propos de"
    pytest.param("Il a parlé à propos de la réforme.", id="a-propos"),
]


@pytest.mark.parametrize("intro", ["", INTRO])
@pytest.mark.parametrize("clean", VANISHED_A_CASES)
def test_where_a_vanished_a_comes_back_and_where_none_went(clean, intro):
    assert_repaired_back(clean, intro=intro)


@pytest.mark.parametrize("clean", ["Le dividende proposé s’élève à un euro.",
                                   "Le projet proposé sera présenté à l’assemblée."])
def test_no_a_propos_but_before_de(clean):
    # "proposé" lost its "é" and read "propos"; "à propos" is always "à propos de" (LM split:
    # 22 in 22), so no "à" goes before it here, whichever reading the word gets
    assert "à propos" not in repair_text(lossy_ascii(clean), lang="fr").text


@pytest.mark.parametrize("damage", ["deleted", "?"])
def test_the_dash_after_a_press_release_heading(damage):
    # "Communiqué de presse – Lyon": the heading, then its dash, not "presse à Lyon"; inside a
    # sentence the words are read as any others
    clean = ("Communiqué de presse – Lyon, le 14 octobre 2026. Le groupe annonce l’acquisition "
             "d’une société spécialisée.\nLe communiqué de presse a été publié à Lyon.")
    assert_repaired_back(clean, damage)


def _cases(damage: str, *cleans: str) -> list:
    return [pytest.param(clean, damage, id=f"{damage}-{clean[:40]}") for clean in cleans]


# Readings the words around a word decide, each once wrong on the tune split; with each, the
# readings the same rule must leave alone (the comments say why)
READINGS_FROM_THE_WORDS_AROUND = [
    # a range of days, months or numbers in words lost its "à" ("d’avril" glued: "davril");
    # not inside a number ("vingt deux", "dix mille"), nor after a lone day
    *_cases("deleted",
            "Les travaux auront lieu dans la nuit de mardi à mercredi, sous surveillance.",
            "Le contrat courait de juillet 2009 à mai 2010, selon la direction.",
            "Les élections ont eu lieu d’avril à fin septembre, dernier délai.",
            "La durée du traitement est de deux à quatre ans au maximum.",
            "Le groupe de vingt à trente pays a voté.",
            "Le groupe de vingt deux pays a voté.",
            "Il a reçu plus de dix mille lettres.",
            "Il a parlé de mardi dernier et de lundi prochain."),
    # "à nouveau", "à peine" after a verb; the adjective after a noun, after être before a
    # conjunction, after an adverb; "sa peine"
    *_cases("deleted",
            "Les immeubles seront à nouveau vendus cette année.",
            "Ce soir, tout va à nouveau bien chez eux.",
            "Il a à nouveau dénoncé la réforme.",
            "L’euro a à peine augmenté cette semaine.",
            "Le beaujolais nouveau est arrivé.",
            "Ce travail est nouveau car il change tout.",
            "Ce n’est pas nouveau.",
            "Un tout nouveau modèle.",
            "Il a purgé sa peine en prison."),
    # a capitalised stripped "Cote" before "d’" and a capitalised word is the coast; "du côté"
    *_cases("stripped",
            "Le scrutin de l’élection présidentielle en Côte d’Ivoire a été reporté.",
            "Dans les Charente-Maritime, Côtes d’Armor et Finistère, les routes sont fermées.",
            "Du côté d’Israël, le gouvernement a réagi à l’attaque."),
    # after a noun, the adjective reading; after an article the noun; inside a gloss, as written
    # ("green" is a French noun too, but "(green bond)" is no French noun phrase)
    *_cases("stripped",
            "Les puits sont dotés de niveaux élevés d’arsenic.",
            "Le vocabulaire codé que la presse emploie est connu.",
            "Les élèves de l’école sont partis en vacances.",
            "Le groupe a émis une obligation verte (green bond) d’un montant record."),
    *_cases("deleted",
            "Le groupe a émis une obligation verte (green bond) d’un montant record."),
    # "où" after a comma when the clause's verb comes within eight words
    *_cases("stripped",
            "Sur la place Baoguang, où les officiers de la police municipale patrouillent, "
            "le calme est revenu."),
    # a name set beside "ministre" by commas says the minister (not an acronym: "la NASA")
    *_cases("deleted",
            "Le ministre de l’Immigration, Jason Kenney, a répondu aux questions.",
            "Amado Boudou, le ministre de l’Économie, a présenté le budget.",
            "Le ministère de la Santé a publié un rapport sur l’épidémie.",
            "Il a rencontré la NASA, le ministère de l’Énergie et les industriels."),
    # a city the word classes know after a noun lost its "à"; a name after a noun did not
    *_cases("deleted",
            "Les négociations à Vienne ont échoué hier soir.",
            "Il a fêté son anniversaire à Dublin avec sa famille.",
            "La banque Bradford a fermé ses portes."),
    # the apostrophe of "O’Donovan", "N’Guessan" vanished; "OTAN" is an acronym
    *_cases("deleted",
            "Depuis six mois, O’Donovan sait ce que Pascal Affi N’Guessan a dit de l’OTAN.",
            "Le chef de l’OTAN et le secrétaire général de OTAN Europe ont parlé."),
    # a sentence that starts with "Là" lost its "à" ("L, ils", "L-bas"); an initial stays
    *_cases("deleted",
            "Là, ils ont lancé un appel. Là-bas aussi, il y a eu des morts.",
            "Le rapport de L. Dupont a été publié."),
    # an English possessive lost its apostrophe ("McDonalds"); a plural, a surname stay
    *_cases("deleted",
            "Le chiffre d’affaires de McDonald’s a été publié hier chez Sotheby’s.",
            "La banque Lloyds et l’orchestre de Billy Childs ont joué dans les Americas."),
    # "d’où" lost its apostrophe and its accent ("do"); the note "do" stays
    *_cases("deleted",
            "Au fait, d’où vient toute la neige ? Il ne sait pas d’où elles viennent.",
            "Il joue un do majeur au piano."),
    # "l’une des" lost its apostrophe ("Lune des"); the moon of a honeymoon stays
    *_cases("deleted",
            "L’une des raisons est simple : leur lune de miel a duré un an."),
    # a glued elision the web writes too ("lassociation", Zipf 2.3) is no word; nor is a
    # lower-case elision glued to a name the bigram model never saw ("dOlot", "dIeng")
    *_cases("deleted",
            "Le rapport a été publié ce mercredi par l’association Générations Futures.",
            "La maison de retraite d’Olot a signé avec les capitulations d’Ieng Sary.",
            "Il a purgé l’INDEC, le bureau statistique, et cédé une part d’AENA."),
    # "un d’eux", "chacun d’eux" whose apostrophe vanished; "deux" elsewhere
    *_cases("deleted",
            "Au moins un d’eux, le sénateur, a dit que chacun d’eux était là.",
            "Il a vu deux enfants et les deux autres."),
]


@pytest.mark.parametrize(("clean", "damage"), READINGS_FROM_THE_WORDS_AROUND)
def test_readings_from_the_words_around(clean, damage):
    assert_repaired_back(clean, damage, INTRO)


@pytest.mark.parametrize("clean", [
    # a given name that is also a word as damaged ("ins", "no"), before a surname
    "Le rapport est signé par Inès Hérault, présidente de la société.",
    "Nous avons planté 300 arbres, témoigne Noé Berthélemy, vice-président étudiant.",
    # a surname after a given name, no word as damaged ("Ferrire", "Hbrard")
    "Le programme est porté par Marc-Antoine Ferrière, directeur financier de la banque.",
    "La mise en service est prévue en 2028, souligne Thérèse Hébrard, présidente.",
])
def test_a_persons_given_name_and_surname_get_their_letters_back(clean):
    assert_repaired_back(clean, "deleted", INTRO)


def test_no_name_is_read_where_the_damage_kept_the_capital_or_a_word_follows():
    # "Ros" keeps its capital, so it was never "Éros"; "No-Fly-List" is no given name;
    # "Claire Marchal" is a name French writes (wordfreq knows "marchal"): no surname read
    for clean in ("Selon la co-auteure Ros Eeles, professeur à l’Institut, le risque a changé.",
                  'Il a été inscrit sur la "No-Fly-List" du gouvernement américain en 2009.',
                  "Le contact presse est Claire Marchal, de l’agence."):
        assert_repaired_back(clean, "deleted", INTRO)


def test_a_present_before_its_object_over_a_deleted_aujourdhui():
    # "aujourdhui" lost its apostrophe; "publiée" is the feminine participle whose present the
    # subject wants ("La mutuelle publie"); after the bracket of a subject's acronym too
    for clean in ("La mutuelle des artisans, présente dans douze départements, publie "
                  "aujourd’hui son rapport de durabilité.",
                  "Le groupe sidérurgique Aciéries de la Haute-Sambre (AHS) publie aujourd’hui "
                  "ses résultats consolidés."):
        assert_repaired_back(clean, "deleted", INTRO)
    # ... where no object follows, the participle stays ("L’étude publiée aujourd’hui montre")
    assert_repaired_back("L’étude publiée aujourd’hui montre une hausse des émissions.",
                         "deleted", INTRO)


def test_a_question_mark_after_a_word_whose_accent_a_deletion_took_asks_a_question():
    damaged = DELETED + "Es-tu fatigu? Je suis all au caf. As-tu mang?"
    assert repair_text(damaged, lang="fr").text.endswith(
        "Es-tu fatigué? Je suis allé au café. As-tu mangé?")
    # ... where no other "?" of the text stands where no question mark does ("pr?t", "r?sum?.")
    replaced = "Le r?sum? est pr?t et il a mang?"
    assert repair_text(replaced, lang="fr").text == "Le résumé est prêt et il a mangé"



def test_every_person_of_the_auxiliaries_and_the_adjective_after_them():
    # the participle after "aurais", "suis", "es" (stripped); after "vous êtes" and an inverted
    # "sommes-nous" an adjective as frequent as the participle stays one (deleted)
    stripped = ("J’aurais souhaité qu’Amazon prenne cette mesure, alors que je suis arrivé "
                "troisième. Tu t’es lavé les mains ?")
    assert repair_text(strip_accents(stripped), lang="fr").text == stripped
    deleted = "Vous êtes prête ? Sommes-nous prêtes à partir ? Je ne suis pas encore prêt."
    assert repair_text(lossy_ascii(deleted, capitals=False), lang="fr").text == deleted


def test_a_word_the_web_writes_stripped_is_read_with_its_accents():
    # "ca" is no French word, though wordfreq counts it (the web strips "ça"), and the bigram
    # tables had learnt "ca va"; "Ca" opens a sentence as "Ça"; a name keeps its capital's
    # spelling ("Karate" in an English name is not French)
    stripped = ("Le ministere a publie son rapport. Est-ce que ca va ? Ca va bien, merci. Elle "
                "est deja partie. La World Karate Association a repondu.")
    assert repair_text(stripped, lang="fr").text == (
        "Le ministère a publié son rapport. Est-ce que ça va ? Ça va bien, merci. Elle est déjà "
        "partie. La World Karate Association a répondu.")
