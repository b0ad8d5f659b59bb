import pytest

from ivr_lint.config import Config
from ivr_lint.engine import check_paths


@pytest.fixture
def lint(write):
    """lint(text, rule, **options) -> [(rule, line, column, node)] and the findings themselves."""

    def _lint(text: str, rule: str, **options):
        config = Config()
        config.select = [rule]
        if options:
            config.rules[rule] = options
        result = check_paths([str(write(text))], config)
        assert not result.input_errors, result.input_errors
        return [(f.rule, f.line, f.column, f.node) for f in result.findings], result.findings

    return _lint
