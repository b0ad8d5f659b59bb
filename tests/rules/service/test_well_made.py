from ivr_lint.config import Config
from ivr_lint.engine import check_paths
from tests.rules.service.flows import WELL_MADE


def test_the_well_made_flow_passes_every_rule_in_every_preset(write):
    path = write(WELL_MADE)
    for preset in ("recommended", "strict"):
        config = Config()
        config.preset = preset
        assert check_paths([str(path)], config).findings == []
