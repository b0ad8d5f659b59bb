"""Each preset really changes what is reported."""

from tests.conftest import run_json
from tests.rules.service.flows import WELL_MADE, with_choices


def test_strict_turns_plain_language_into_warnings(write):
    path = str(write(WELL_MADE.replace("Vos actes d'état civil", "Vos actes et votre RSA")))
    _, data = run_json("check", path)
    assert [(f["rule"], f["severity"]) for f in data["findings"]] == [("unclear-language", "info")]
    code, data = run_json("check", "--preset", "strict", path)
    assert [(f["rule"], f["severity"]) for f in data["findings"]] == [("unclear-language", "warning")]
    assert code == 0  # warnings do not fail unless --fail-on says so


def test_strict_allows_four_choices_not_five(write):
    path = str(write(with_choices(4)))
    assert run_json("check", path)[1]["findings"] == []
    _, data = run_json("check", "--preset", "strict", path)
    assert [(f["rule"], f["line"], f["node"]) for f in data["findings"]] == [("too-many-choices", 28, "main-menu")]


def test_preset_from_pyproject(write, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.ivr-lint]\npreset = "strict"\n')
    path = str(write(with_choices(4)))
    assert [f["rule"] for f in run_json("check", path)[1]["findings"]] == ["too-many-choices"]
    # the command line wins over the file
    assert run_json("check", "--preset", "recommended", path)[1]["findings"] == []
