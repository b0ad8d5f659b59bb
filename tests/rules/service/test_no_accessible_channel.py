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
