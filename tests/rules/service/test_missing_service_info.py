from tests.rules.service.flows import WELL_MADE


def test_no_website_nor_email(lint):
    text = WELL_MADE.replace('  website: "https://www.testville.fr"\n', "")
    found, [finding] = lint(text, "missing-service-info")
    assert found == [("missing-service-info", 5, 3, None)]
    assert "a website or an e-mail" in finding.message


def test_hours_never_said(lint):
    text = WELL_MADE.replace("La mairie est ouverte du lundi au vendredi de 8h30 à 12h et de 13h30 à 17h. ", "")
    found, [finding] = lint(text, "missing-service-info")
    assert found == [("missing-service-info", 14, 8, None)]
    assert "says the opening hours" in finding.message


def test_placeholder_says_the_hours(lint):
    text = WELL_MADE.replace("La mairie est ouverte du lundi au vendredi de 8h30 à 12h et de 13h30 à 17h.",
                             "La mairie est ouverte {opening_hours}.")
    assert lint(text, "missing-service-info")[0] == []


def test_well_made_passes(lint):
    assert lint(WELL_MADE, "missing-service-info")[0] == []


def test_hours_named_in_another_shape_are_an_info(lint):
    text = WELL_MADE.replace("La mairie est ouverte du lundi au vendredi de 8h30 à 12h et de 13h30 à 17h. ",
                             "Le traitement des dossiers se fait 8h30-17h. ")
    found, [finding] = lint(text, "missing-service-info")
    assert found == [("missing-service-info", 14, 8, None)]
    assert finding.severity.name == "INFO"
    assert '"Le traitement des dossiers se fait 8h30-17h. Vos démarches sont aussi sur testville.fr."' in finding.message
