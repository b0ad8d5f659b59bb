"""The keys a prompt announces, on French and English prompts written as teams write them.

Each case is (prompt, the keys it announces). An empty string is a prompt that announces
no key: numbers that are phone numbers, hours, amounts, dates, lengths of a number to
type, keys already pressed, or no number at all.
"""

from __future__ import annotations

import pytest

from ivr_lint.text.keys import key_named, read_keys, sentence_around

FRENCH = [
    # a verb, then the key
    ("Pour un conseiller, tapez 0.", "0"),
    ("Tapez 1 pour suivre votre dossier.", "1"),
    ("Si vous appelez pour un remboursement, tapez le 2.", "2"),
    ("Appuyez sur 3 pour la carte Vitale.", "3"),
    ("Appuyez sur la touche 4 de votre téléphone pour les allocations.", "4"),
    ("Pour toute autre demande, appuyez sur la touche étoile.", "*"),
    ("Pour terminer, appuyez sur la touche dièse.", "#"),
    ("Pour réécouter ce message, tapez étoile.", "*"),
    ("Faites le 0 pour joindre l'accueil.", "0"),
    ("Faites le 9 pour revenir au menu précédent.", "9"),
    ("Pour l'état civil, composez le 1.", "1"),
    ("Pressez 5 pour les élections.", "5"),
    ("Sélectionnez 2 si vous êtes un professionnel de santé.", "2"),
    ("Dites « conseiller » ou tapez 0.", "0"),
    ("Dites ou tapez 3.", "3"),
    ("Tapez ou dites 1 pour un rendez-vous.", "1"),
    ("Vous pouvez taper 1 à tout moment pour revenir au début.", "1"),
    ("Il vous suffit d'appuyer sur 0 pour être mis en relation.", "0"),
    ("En appuyant sur la touche 2, vous serez rappelé.", "2"),
    ("Pour parler à un agent, tapez zéro.", "0"),
    ("Pour les cartes grises, tapez un.", "1"),
    ("Pour un permis de conduire, tapez deux.", "2"),
    ("Pour les passeports, tapez trois ; pour les cartes d'identité, tapez quatre.", "3 4"),
    ("Tapez cinq pour les associations, six pour les manifestations.", "5 6"),
    ("Tapez neuf pour revenir au menu principal.", "9"),
    ("Pour nous laisser un message, tapez sept maintenant.", "7"),
    ("Tapez huit, puis laissez votre message après le bip.", "8"),
    ("Tapez 1 maintenant.", "1"),
    ("Tapez directement 2 si vous connaissez votre numéro de dossier.", "2"),
    ("Pour confirmer, tapez 1 ; pour corriger, tapez 2.", "1 2"),
    ("Tapez 0 ou restez en ligne.", "0"),
    ("Tapez 1 sur votre clavier.", "1"),
    ("Si vous êtes une entreprise, tapez sur la touche 6.", "6"),
    ("Pour la touche étoile : tapez étoile pour réécouter.", "*"),
    ("APPUYEZ SUR 1 POUR LE SERVICE DES EAUX.", "1"),
    ("Pour ecouter nos horaires tapez 3", "3"),
    ("Pour un acte de naissance, tapez le 1 !", "1"),
    ("Tapez 2 – pour une réclamation.", "2"),
    ("Choisissez 4 pour les autres demandes.", "4"),
    # lists and ranges
    ("Tapez 1, 2 ou 3 selon votre situation.", "1 2 3"),
    ("Tapez 1 pour le RSA, 2 pour la prime d'activité, ou 3 pour les aides au logement.", "1 2 3"),
    ("Tapez 1 pour oui, 2 pour non.", "1 2"),
    ("Tapez 1 pour oui ou 2 pour non.", "1 2"),
    ("Tapez de 1 à 4 selon le service souhaité.", "1 2 3 4"),
    ("Tapez 1 à 3 pour choisir votre créneau.", "1 2 3"),
    ("Tapez un chiffre entre 1 et 3.", "1 2 3"),
    ("Tapez un chiffre de 5 à 7.", "5 6 7"),
    ("Appuyez sur 1 ou sur 2.", "1 2"),
    ("Pour le matin, tapez 1 ; l'après-midi, tapez 2 ; pour un autre jour, tapez 3.", "1 2 3"),
    # "touche", "option", "pour X, le N"
    ("Touche 1 : les paiements. Touche 2 : les attestations.", "1 2"),
    ("La touche 0 vous met en relation avec un conseiller.", ""),
    ("Pour les paiements, le 1. Pour les attestations, le 2.", "1 2"),
    ("Pour les impôts locaux, tapez 1 ; pour l'impôt sur le revenu, le 2.", "1 2"),
    ("Pour un conseiller, tapez 0. Pour un rappel, le 5.", "0 5"),
    ("Pour les horaires d'ouverture, le 3.", "3"),
    ("Pour les urgences, la touche 9.", "9"),
    ("Pour un rendez-vous, tapez 1 ; pour une annulation, 2 ; pour autre chose, 3.", "1 2 3"),
    ("Option 4 : les demandes de logement.", "4"),
    ("Choisissez l'option 2 pour une attestation.", "2"),
    ("Si vous avez un compte, l'option 1 ; sinon, tapez 2.", "1 2"),
    # several sentences, several styles
    ("Bonjour. Pour la cantine, tapez 1. Pour le périscolaire, tapez 2. Pour réécouter, tapez étoile.", "1 2 *"),
    ("Pour parler à un conseiller, faites le zéro. Pour revenir en arrière, faites le dièse.", "0 #"),
    ("Nous sommes ouverts de 9h à 17h. Pour un conseiller, tapez 0.", "0"),
    ("Si vous appelez au sujet d'un courrier reçu le 3 mars, tapez 1.", "1"),
    ("Un conseiller vous répond du lundi au vendredi. Pour être rappelé, tapez 1.", "1"),
    ("Pour déclarer un sinistre survenu il y a moins de 5 jours, tapez 2.", "2"),
    ("Attention : pour les appels urgents, composez le 15. Pour nos services, tapez 1.", "1"),
    ("Si vous connaissez le poste de votre correspondant, tapez 4, puis le numéro de poste.", "4"),
    ("Tapez 1, un conseiller vous répondra.", "1"),
    ("Pour l'accueil, tapez 0 ; vous pouvez aussi nous écrire sur caf.fr.", "0"),
    # must not read: phone numbers, hours, amounts, dates, lengths, keys already pressed
    ("Appelez le 3230, service gratuit.", ""),
    ("Composez le 3939 depuis la France.", ""),
    ("Composez le 01 23 45 67 89.", ""),
    ("Faites le 15 en cas d'urgence vitale.", ""),
    ("Faites le 112 depuis un portable.", ""),
    ("Tapez votre numéro d'allocataire à 7 chiffres, suivi de la touche dièse.", ""),
    ("Tapez votre code postal en 5 chiffres.", ""),
    ("Tapez les 13 chiffres de votre numéro de sécurité sociale.", ""),
    ("Tapez votre date de naissance, par exemple 0 1 0 3 1 9 8 0.", ""),
    ("Vous avez tapé 3, les attestations.", ""),
    ("Vous avez choisi l'option 2.", ""),
    ("Si vous avez déjà appuyé sur 1, patientez.", ""),
    ("N'appuyez pas sur 0 pendant le message.", ""),
    ("Ne tapez pas 1 tant que le message n'est pas terminé.", ""),
    ("Nos bureaux ouvrent à 9h et ferment à 17h.", ""),
    ("Un conseiller vous répond de 8h30 à 12h.", ""),
    ("Notre service est disponible 24h/24 et 7j/7.", ""),
    ("Nous sommes joignables 7 jours sur 7.", ""),
    ("Les allocations sont versées le 5 de chaque mois.", ""),
    ("Le 1er mai, nos bureaux sont fermés.", ""),
    ("Les allocations sont versées, pour la plupart, le 5.", ""),
    ("Tapez le 1 pour la piscine municipale, le 2 pour la médiathèque.", "1 2"),
    ("Pour les analyses, veuillez taper 1, pour les résultats le 2, pour autre chose le 3.", "1 2 3"),
    ("Votre paiement de 3 euros a bien été enregistré.", ""),
    ("Le temps d'attente est estimé à 4 minutes.", ""),
    ("Vous êtes le 2e en ligne.", ""),
    ("Rendez-vous au 3, rue de la Paix, au 2e étage.", ""),
    ("Appuyez sur une touche pour continuer.", ""),
    ("Tapez le numéro de votre dossier, puis dièse.", ""),
    ("Pour un conseiller, restez en ligne.", ""),
    ("Bienvenue à la mairie de Testville.", ""),
    ("Faites votre choix.", ""),
    ("Pour faire le point sur votre dossier, connectez-vous à votre espace.", ""),
    ("Si vous connaissez le numéro de poste, tapez-le maintenant.", ""),
    ("Tapez un numéro de téléphone où vous joindre.", ""),
    ("Pour l'horaire du 2, consultez notre site.", ""),
    ("Ce service coûte 0,15 euro par minute.", ""),
    ("Notre nouveau numéro est le 09 69 32 15 15.", ""),
    ("Les démarches sont en ligne sur le site, rubrique 3.", ""),
    ("Veuillez patienter, nous recherchons votre dossier.", ""),
    ("Tapez sur l'étoile du berger pour rêver.", ""),
    ("Pour vous, un conseiller est disponible.", ""),
    ("En 2024, plus de 3 millions d'appels ont été traités.", ""),
    ("Pour les moins de 2 ans, le dossier est différent.", ""),
    ("Votre choix numéro 3 n'est pas disponible.", ""),
    ("Pour le mois de mai, les permanences ont lieu le 6 et le 20.", ""),
]

ENGLISH = [
    ("To speak to an adviser, press 0.", "0"),
    ("Press 1 to pay your bill.", "1"),
    ("For billing, press 2.", "2"),
    ("If you are calling about a repair, press 3.", "3"),
    ("Please press 4 for housing benefit.", "4"),
    ("Press the star key to hear these options again.", "*"),
    ("Press star to repeat.", "*"),
    ("Press the pound key when you are finished.", "#"),
    ("Press hash to go back.", "#"),
    ("Press the hash key to return to the previous menu.", "#"),
    ("Press the number sign to end.", "#"),
    ("Dial zero for the operator.", "0"),
    ("Dial 9 to leave a message.", "9"),
    ("Say or press 3.", "3"),
    ("Say 'payments', or press 1.", "1"),
    ("Press or say 5 for parking permits.", "5"),
    ("Press one to confirm.", "1"),
    ("Press two if you are a landlord.", "2"),
    ("To change your appointment, press three.", "3"),
    ("For council tax, press four; for business rates, press five.", "4 5"),
    ("Press six for waste and recycling.", "6"),
    ("Press seven to report a missed collection.", "7"),
    ("Press eight now.", "8"),
    ("Press nine to start again.", "9"),
    ("Press oh for the operator.", "0"),
    ("Push 1 for English.", "1"),
    ("Hit 2 to skip this message.", "2"),
    ("Select 3 for the opening times.", "3"),
    ("Enter 1 to accept, or 2 to decline.", "1 2"),
    ("Choose 4 for anything else.", "4"),
    ("You can press 0 at any time to speak to someone.", "0"),
    ("You may press 1 now.", "1"),
    ("By pressing 1, you agree to be recorded.", "1"),
    ("Just press 2.", "2"),
    ("Press 1 on your keypad.", "1"),
    ("Press the 1 key to confirm.", "1"),
    ("PRESS 5 FOR SCHOOL ADMISSIONS.", "5"),
    ("to hear our address press 6", "6"),
    ("Press 2 - for appointments.", "2"),
    ("Press 1 again to confirm.", "1"),
    # lists and ranges
    ("Press 1, 2 or 3.", "1 2 3"),
    ("Press 1, 2, or 3 to rate our service.", "1 2 3"),
    ("Press 1 for sales, 2 for support, or 3 for billing.", "1 2 3"),
    ("Press 1 for yes or 2 for no.", "1 2"),
    ("Press 1 through 4 to choose a day.", "1 2 3 4"),
    ("Press 1 to 5 to rate the call.", "1 2 3 4 5"),
    ("Press a number from 1 to 3.", "1 2 3"),
    ("Press 1 or 2.", "1 2"),
    ("Press 1 to continue or press 9 to go back.", "1 9"),
    ("Press 7, or 8 for more options.", "7 8"),
    # "option N", "for X, N"
    ("Option 4: housing repairs.", "4"),
    ("For option 2, press 2.", "2"),
    ("For repairs, press 1. For rent, 2.", "1 2"),
    ("For billing, press 1; for sales, 2; for anything else, 3.", "1 2 3"),
    ("For the library, the 3 key.", "3"),
    ("For English, press 1. Para español, oprima el dos.", "1 2"),
    ("Para español, marque 9.", "9"),
    # sentences with other numbers beside the keys
    ("Our lines are open 9am to 5pm. To speak to an adviser, press 0.", "0"),
    ("If you received a letter dated 3 March, press 1.", "1"),
    ("To report a problem with a bin collected within 2 days, press 2.", "2"),
    ("For emergencies, dial 999. For everything else, press 1.", "1"),
    ("If you know the extension, press 4 and then dial it.", "4"),
    ("Press 1, an adviser will call you back.", "1"),
    ("Welcome. For council tax press 1, for benefits press 2, for anything else press 0.", "0 1 2"),
    ("To pay by card, press 1. Otherwise, please hang up.", "1"),
    ("To go back, press star. To hear this again, press 9.", "* 9"),
    ("If you'd like a call back, press 1 now.", "1"),
    ("If you'd like to continue where you left off, press 1 or press 9 to go to the main menu.", "1 9"),
    # must not read
    ("Please call 0113 222 4404.", ""),
    ("Dial 999 in an emergency.", ""),
    ("Dial 111 for non-urgent medical help.", ""),
    ("Please call us on 0 800 123 456.", ""),
    ("Enter your 10-digit account number.", ""),
    ("Please enter your 6 digit reference.", ""),
    ("Enter your date of birth, for example 0 1 0 3 1 9 8 0.", ""),
    ("Enter the amount, followed by the pound key.", ""),
    ("You pressed 3.", ""),
    ("You have selected option 2.", ""),
    ("You chose option 4, housing.", ""),
    ("Do not press 1 until the message ends.", ""),
    ("Don't press 0 during this message.", ""),
    ("Our offices open at 9 and close at 5.", ""),
    ("We are open from 8am to 6:30pm.", ""),
    ("We are open 24 hours a day, 7 days a week.", ""),
    ("We are open 24/7.", ""),
    ("Your payment of 5 pounds has been received.", ""),
    ("Your expected wait is 4 minutes.", ""),
    ("You are number 2 in the queue.", ""),
    ("Bins are collected on the 1st and 15th of each month.", ""),
    ("Press any key to continue.", ""),
    ("Press a key when you are ready.", ""),
    ("Please hold for the next available adviser.", ""),
    ("Welcome to Leeds City Council.", ""),
    ("Please make your selection.", ""),
    ("Press one of the keys on your phone.", ""),
    ("Enter your extension now.", ""),
    ("If you know your party's extension, you may dial it at any time.", ""),
    ("Visit leeds.gov.uk/counciltax for more.", ""),
    ("Our address is 2 Park Square, floor 3.", ""),
    ("Thank you. One of our advisers will be with you shortly.", ""),
    ("Your reference is 7 4 2 9.", ""),
    ("Calls cost 2 pence per minute plus your phone company's access charge.", ""),
    ("In 2023 we answered over 2 million calls.", ""),
    ("Stay on the line to speak to someone.", ""),
    ("Please select from the following options.", ""),
    ("The star of our service is you.", ""),
    ("There are 3 ways to pay your bill.", ""),
    ("Press release 4 is on our website.", ""),
    ("For children under 5, please see a GP.", ""),
    ("We will call you back within 2 working days.", ""),
    ("Your balance is 85 dollars and 64 cents.", ""),
    ("Hold on, one moment please.", ""),
]


def _keys(text: str) -> str:
    return " ".join(sorted(read_keys(text).announced, key=lambda k: ("0123456789*#".index(k))))


def _expected(keys: str) -> str:
    return " ".join(sorted(keys.split(), key=lambda k: "0123456789*#".index(k)))


@pytest.mark.parametrize(("text", "keys"), FRENCH, ids=[t for t, _ in FRENCH])
def test_french_prompts(text, keys):
    assert _keys(text) == _expected(keys)


@pytest.mark.parametrize(("text", "keys"), ENGLISH, ids=[t for t, _ in ENGLISH])
def test_english_prompts(text, keys):
    assert _keys(text) == _expected(keys)


def test_the_corpus_is_big_enough_and_a_third_reads_no_key():
    for cases in (FRENCH, ENGLISH):
        assert len(cases) >= 100
        assert sum(1 for _, keys in cases if not keys) * 3 >= len(cases)


@pytest.mark.parametrize("text", [
    "Tapez votre numéro d'allocataire à 7 chiffres.", "Appelez le 3230.", "Nous ouvrons à 9h.",
    "Your reference is 7 4 2 9.", "Notre service est disponible 24h/24.",
])
def test_numbers_that_are_not_keys_are_not_even_mentioned(text):
    assert read_keys(text).mentioned == frozenset()


@pytest.mark.parametrize(("text", "mentioned"), [
    ("1 : les paiements. 2 : les attestations.", {"1", "2"}),  # a list read out, no request
    ("Vous avez tapé 3.", {"3"}),
    ("Tapez le numéro de votre dossier, puis dièse.", {"#"}),
    ("Enter the amount, followed by the pound key.", {"#"}),
])
def test_bare_keys_are_mentions_not_announcements(text, mentioned):
    reading = read_keys(text)
    assert reading.announced == frozenset()
    assert reading.mentioned == mentioned


@pytest.mark.parametrize("text", ["Appuyez sur une touche pour continuer.", "Appuyez sur n'importe quelle touche.",
                                  "Press any key to continue.", "Press a key when you are ready."])
def test_any_key(text):
    assert read_keys(text).any_key


def test_a_placeholder_is_a_gap_no_key_is_read_across():
    reading = read_keys("Pour {service}, tapez {key}. Pour un conseiller, tapez 0.")
    assert reading.announced == {"0"}
    assert reading.placeholders == ("{service}", "{key}")


def test_where_a_key_is_said_and_the_sentence_around_it():
    text = "Bienvenue. Pour un conseiller, tapez 3. Au revoir."
    mention = read_keys(text).first("3")
    assert text[mention.start:mention.end] == "3"
    assert sentence_around(text, mention) == "Pour un conseiller, tapez 3"


@pytest.mark.parametrize(("name", "key"), [("étoile", "*"), ("Dièse", "#"), ("star", "*"), ("pound", "#"),
                                           ("zéro", "0"), ("seven", "7"), ("7", "7"), ("menu", None)])
def test_key_named(name, key):
    assert key_named(name) == key
