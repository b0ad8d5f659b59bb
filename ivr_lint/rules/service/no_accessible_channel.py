from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.rules.base import FlowContext, Report, Rule
from ivr_lint.rules.service._common import first_saying


class NoAccessibleChannel(Rule):
    """
    ## What it does
    Checks that the flow declares an adapted channel for deaf and hard-of-hearing
    callers (`service.accessible`: a relay service, a written or sign-language
    channel) or announces one in a prompt callers can hear. A prompt that speaks of
    accessibility without naming such a channel ("pour l'accessibilité, tapez 5") gives an
    `info` that quotes it instead of the warning.

    ## Why is this bad
    M7 and the law (art. 78 of loi 2005-102, as amended in 2016): public phone services
    offer simultaneous written and visual translation at no extra cost, over the same
    hours as the phone line since 1 October 2026.

    ## Example
    ```yaml
    ivr: 1
    service: {name: "CAF"}
    start: agent
    nodes:
      agent: {type: queue}
    ```

    ## Use instead
    ```yaml
    ivr: 1
    service: {name: "CAF", accessible: "https://www.caf.fr/accessibilite"}
    start: agent
    nodes:
      agent: {type: queue}
    ```
    """

    code = "IVR115"
    name = "no-accessible-channel"
    severity = Severity.WARNING
    summary = "No adapted channel for deaf and hard-of-hearing callers is declared or announced."
    tags = ("service", "M7")
    source = "M7; loi 2005-102 art. 78 (as amended by loi 2016-1321 art. 105); décret 2017-875"
    inbound_only = True
    reads_prompts = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        if ctx.graph.is_subflow:  # the line that jumps here says it
            return
        if flow.service.accessible:
            return
        heard = sorted(ctx.graph.reachable if ctx.graph.entries else set(flow.nodes))
        said, readings = first_saying(heard, ctx, ctx.prompts.accessible_cue)
        if said:
            return
        where = "service" if "service" in flow.positions else "start"
        if readings:
            yield Report(f"could not confirm an adapted channel for deaf and hard-of-hearing callers: "
                         f"\"{readings[0].sentence}\": {readings[0].doubt}", field=where, severity=Severity.INFO)
            return
        yield Report("no adapted channel for deaf and hard-of-hearing callers: set service.accessible "
                     "(relay service, written or sign-language channel) or announce it", field=where)
