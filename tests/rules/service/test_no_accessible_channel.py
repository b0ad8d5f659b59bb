from tests.rules.service.flows import WELL_MADE

WITHOUT = WELL_MADE.replace('  accessible: "https://www.testville.fr/accessibilite"\n', "")


def test_no_channel_declared_nor_announced(lint):
    found, [finding] = lint(WITHOUT, "no-accessible-channel")
    assert found == [("no-accessible-channel", 5, 3, None)]


def test_announced_in_a_prompt(lint):
    text = WITHOUT.replace('"Bienvenue à la mairie de Testville."',
                           '"Bienvenue. Personnes sourdes ou malentendantes : utilisez notre service Acceo sur testville.fr."')
    assert lint(text, "no-accessible-channel")[0] == []


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "no-accessible-channel")[0] == []


def test_announced_in_other_words(lint):
    text = WITHOUT.replace('"Bienvenue à la mairie de Testville."',
                           '"Bienvenue. Vous êtes sourd ou malentendant ? Écrivez-nous via notre tchat en LSF."')
    assert lint(text, "no-accessible-channel")[0] == []


def test_accessibility_without_a_channel_is_an_info(lint):
    text = WITHOUT.replace('"Bienvenue à la mairie de Testville."',
                           '"Bienvenue. Pour toute question sur l\'accessibilité de nos locaux, tapez 5."')
    found, [finding] = lint(text, "no-accessible-channel")
    assert found == [("no-accessible-channel", 5, 3, None)]
    assert finding.severity.name == "INFO"
    assert "accessibilité de nos locaux" in finding.message


def test_a_denied_channel_does_not_count(lint):
    text = WITHOUT.replace('"Bienvenue à la mairie de Testville."',
                           '"Bienvenue. Ce service n\'est pas encore accessible aux personnes sourdes."')
    found, [finding] = lint(text, "no-accessible-channel")
    assert found == [("no-accessible-channel", 5, 3, None)]
    assert finding.severity.name == "WARNING"
