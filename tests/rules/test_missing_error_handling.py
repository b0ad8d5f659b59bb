from tests.conftest import MINIMAL, findings

NO_MAX = MINIMAL.replace("    on_max_retries: agent\n", "")


def test_menu_without_on_max_retries_is_reported_at_the_node(write):
    assert findings(write(NO_MAX), select="missing-error-handling") == [("missing-error-handling", 4, 3)]


def test_defaults_cover_the_menu(write):
    path = write(NO_MAX.replace("start: menu", "start: menu\ndefaults: {on_max_retries: agent}"))
    assert findings(path, select="missing-error-handling") == []


def test_unlimited_retries_are_reported_at_retries(write):
    path = write(MINIMAL.replace("    on_max_retries: agent", "    on_max_retries: agent\n    retries: -1"))
    assert findings(path, select="missing-error-handling") == [("missing-error-handling", 9, 14)]


def test_input_without_on_max_retries(write):
    path = write("ivr: 1\nstart: i\nnodes:\n  i: {type: input, variable: n, next: a}\n  a: {type: queue}\n")
    assert findings(path, select="missing-error-handling") == [("missing-error-handling", 4, 3)]


def test_built_in_no_input_and_no_match_defaults_count_as_handled(write):
    assert findings(write(MINIMAL), select="missing-error-handling") == []
