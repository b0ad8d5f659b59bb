"""Shared pieces of the load tests: a one-queue flow and a traffic file writer."""

from __future__ import annotations

import pytest

ONE_QUEUE = """\
ivr: 1
start: line
nodes:
  line: {type: queue}
"""


@pytest.fixture
def traffic(write):
    """traffic(body, flow=ONE_QUEUE) -> path of a traffic file (with `traffic: 1` and `flow:`) beside its flow."""

    def _traffic(body: str, flow: str = ONE_QUEUE, name: str = "t.traffic.yaml"):
        write(flow, "flow.yaml")
        return write("traffic: 1\nflow: flow.yaml\n" + body, name)

    return _traffic
