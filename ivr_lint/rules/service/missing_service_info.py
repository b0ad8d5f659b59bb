from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.rules.base import FlowContext, Report, Rule
from ivr_lint.rules.service._common import first_saying


class MissingServiceInfo(Rule):
    """
    ## What it does
    Checks that the flow declares the service's contact details (`service.name`,
    `service.phone`, and a `website` or an `email`), and that some prompt a caller can
    hear says the opening hours (in words, or with the `{opening_hours}` placeholder).
    A prompt that names hours in a shape the reader cannot confirm as opening hours
    gives an `info` that quotes it instead of the warning.

    ## Why is this bad
    M3: the phone service communicates its contact details, its opening hours and the
    essential information about procedures.

    ## Example
    ```yaml
    ivr: 1
    service: {name: "Mairie de Nantes"}
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: "Bienvenue à la mairie."
        next: agent
      agent:
        type: queue
    ```

    ## Use instead
    ```yaml
    ivr: 1
    service: {name: "Mairie de Nantes", phone: "02 40 41 90 00", website: "https://metropole.nantes.fr"}
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: "Bienvenue à la mairie, ouverte du lundi au vendredi de 8h30 à 17h30."
        next: agent
      agent:
        type: queue
    ```
    """

    code = "IVR109"
    name = "missing-service-info"
    severity = Severity.WARNING
    summary = "The flow lacks the service's contact details, or never says the opening hours."
    tags = ("service", "M3")
    source = "M3: contact details, opening hours and essential information"
    inbound_only = True
    reads_prompts = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        if ctx.graph.is_subflow:  # the line that jumps here says it
            return
        service = flow.service
        missing = [what for what, present in (
            ("a name (service.name)", service.name),
            ("a phone number (service.phone)", service.phone),
            ("a website or an e-mail (service.website / service.email)", service.website or service.email),
        ) if not present]
        if missing:
            where = "service" if "service" in flow.positions else "start"
            yield Report(f"the service block lacks {', '.join(missing)}", field=where)
        if not ctx.graph.entries:
            return
        said, readings = first_saying(sorted(ctx.graph.reachable), ctx, ctx.prompts.hours_cue)
        if said:
            return
        if readings:
            yield Report(f"could not confirm that a prompt says the opening hours: \"{readings[0].sentence}\": "
                         f"{readings[0].doubt}", field="start", severity=Severity.INFO)
            return
        yield Report("no prompt a caller can hear says the opening hours (say them, or use "
                     "{opening_hours})", field="start")
