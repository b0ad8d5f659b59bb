from typing import Iterator

from ivr_lint.analysis.depth import is_menu, menu_depth, offers_nothing_new, place_name
from ivr_lint.findings import Severity
from ivr_lint.model.flow import MenuNode
from ivr_lint.rules.base import FlowContext, Option, Report, Rule
from ivr_lint.rules.service._common import arrow


class MenuTooDeep(Rule):
    """
    ## What it does
    Counts the successive menus a caller chooses through, on the shortest way from the
    start, and reports the first menu deeper than `max_depth` on each way (deeper
    menus are behind it, so one finding covers them).

    Depth follows navigation only. It is not carried through a destination (a queue, a
    transfer, a callback, a voicemail): the congestion menu of a queue ("tapez 1 pour
    être rappelé") is an overflow offer, not one more level. Nor is it carried along
    silence, wrong keys or timeouts: a menu met only that way is judged by its own rules
    (choices, length), in its scenario. A menu that offers nothing new, only a way back
    or a replay besides a person (after a message: "pour réécouter, tapez 1; pour revenir
    au menu, tapez 9"), is no level: everything it leads to is reached sooner. Depth is
    summed across `goto`: a main menu continuing into a sub-flow's two menus is three
    levels, reported in the sub-flow.

    ## Why is this bad
    M2: few levels. Each level costs a prompt, a choice and a chance to get lost;
    guidance caps menus at three levels.

    ## Example
    ```yaml
    ivr: 1
    start: m1
    nodes:
      m1: {type: menu, prompt: "Tapez 1.", options: {"1": m2, "0": agent}, on_max_retries: agent}
      m2: {type: menu, prompt: "Tapez 1.", options: {"1": m3, "0": agent}, on_max_retries: agent}
      m3: {type: menu, prompt: "Tapez 1.", options: {"1": m4, "0": agent}, on_max_retries: agent}
      m4: {type: menu, prompt: "Tapez 1.", options: {"1": info, "0": agent}, on_max_retries: agent}
      info: {type: play, prompt: "Votre attestation est sur le site.", next: agent}
      agent: {type: queue}
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: m1
    nodes:
      m1: {type: menu, prompt: "Tapez 1.", options: {"1": m2, "0": agent}, on_max_retries: agent}
      m2: {type: menu, prompt: "Tapez 1.", options: {"1": m3, "0": agent}, on_max_retries: agent}
      m3: {type: menu, prompt: "Tapez 1.", options: {"1": info, "0": agent}, on_max_retries: agent}
      info: {type: play, prompt: "Votre attestation est sur le site.", next: agent}
      agent: {type: queue}
    ```
    """

    code = "IVR106"
    name = "menu-too-deep"
    severity = Severity.WARNING
    summary = "A destination needs more successive menus than callers can follow."
    tags = ("service", "M2")
    source = "M2; AT&T/Lucent and Aastra guidance: three menu levels at most"
    options = (Option("max_depth", 3, "Most successive menus on the shortest way to any destination."),)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        home = ctx.graph
        limit = ctx.options["max_depth"]
        depth = menu_depth(home)
        for node_id, node in home.flow.nodes.items():
            place = (home, node_id)
            if not isinstance(node, MenuNode) or depth.menus(place) != limit + 1:
                continue  # the first level too deep only; deeper ones are behind it
            if offers_nothing_new(depth, place):
                continue
            way = depth.path(place)
            menus = [place_name(p, home) for p in way if is_menu(*p)]
            yield Report(f"menu {node_id!r} is the {_ordinal(len(menus))} successive menu on the shortest way from "
                         f"the start (limit {limit}): {arrow(menus)}",
                         node=node, path=[place_name(p, home) for p in way])


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
