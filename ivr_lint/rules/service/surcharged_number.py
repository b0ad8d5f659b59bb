from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import Flow, TransferNode
from ivr_lint.rules.base import FlowContext, Report, Rule
from ivr_lint.text.numbers import Tariff, classify_number, find_phone_numbers


def region_of(flow: Flow) -> str:
    """The numbering plan to judge national numbers by: the language tag's region, else FR."""
    parts = flow.language.replace("_", "-").split("-")
    if len(parts) > 1 and len(parts[1]) == 2:
        return parts[1].upper()
    return "GB" if parts[0].lower() == "en" else "FR"


class SurchargedNumber(Rule):
    """
    ## What it does
    Judges every phone number the flow declares (`service.phone`, `transfer` numbers)
    or speaks in a prompt against the numbering plan: in France (ARCEP), 081, 082 and
    089 numbers, other 08 numbers outside 0800-0809, and 118 directory numbers are
    surcharged; other countries' numbers are judged by `phonenumbers`. A short number
    32xx-39xx, whose price is set number by number, gets an info finding asking for the
    service's `tariff`.

    ## Why is this bad
    M6: calls are not surcharged. Since 2021 French State administrations may not use
    surcharged numbers with the public (loi ESSOC, art. 28).

    ## Example
    ```yaml
    ivr: 1
    service: {name: "Service", phone: "0 892 68 01 01"}
    start: agent
    nodes:
      agent: {type: queue}
    ```

    ## Use instead
    ```yaml
    ivr: 1
    service: {name: "Service", phone: "0 809 40 14 01"}
    start: agent
    nodes:
      agent: {type: queue}
    ```
    """

    code = "IVR114"
    name = "surcharged-number"
    severity = Severity.ERROR
    summary = "A number the flow declares or speaks is premium-rate."
    tags = ("service", "M6")
    source = "M6; ARCEP numbering plan; loi ESSOC n° 2018-727 art. 28"
    reads_prompts = True

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        region = region_of(flow)
        service = flow.service
        if service.phone:
            verdict = classify_number(service.phone, region)
            where = service.positions.get("phone")
            if verdict.tariff is Tariff.SURCHARGED and service.tariff != "free":
                yield Report(f"service.phone {service.phone!r} is surcharged: {verdict.reason}", pos=where)
            elif verdict.tariff is Tariff.SHORT_UNDECLARED and service.tariff is None:
                yield Report(f"service.phone {service.phone!r} is a short number whose price is set per number: "
                             "declare service.tariff (free, standard or surcharged)", pos=where,
                             severity=Severity.INFO)
            if service.tariff == "surcharged":
                yield Report("service.tariff says calls are surcharged", pos=service.positions.get("tariff"))
        for node in flow.nodes.values():
            if isinstance(node, TransferNode) and node.number:
                verdict = classify_number(node.number, region)
                if verdict.tariff is Tariff.SURCHARGED:
                    yield Report(f"transfer number {node.number!r} is surcharged: {verdict.reason}", node=node,
                                 field="number")
            for prompt in node.prompt:
                for _, _, number in find_phone_numbers(prompt.text, flow.lang):
                    verdict = classify_number(number, region)
                    if verdict.tariff is Tariff.SURCHARGED:
                        yield Report(f"the prompt of {node.id!r} gives the surcharged number {number!r}: "
                                     f"{verdict.reason}", node=node, pos=prompt.pos)
