from typing import Iterator

from ivr_lint.analysis.depth import is_destination, is_menu, menu_depth, place_name
from ivr_lint.findings import Severity
from ivr_lint.rules.base import FlowContext, Option, Report, Rule
from ivr_lint.rules.service._common import arrow


class MenuTooDeep(Rule):
    """
    ## What it does
    Counts the successive menus a caller chooses through, on the shortest way from the
    start, to reach each destination (a queue, a transfer, a callback, a voicemail, a
    message), and reports the menu that makes a destination deeper than `max_depth`:
    the first menu past the limit on that way, once, whatever lies behind it.

    Depth follows navigation only. It is not carried through a destination (the
    congestion menu of a queue, "tapez 1 pour être rappelé", is an overflow offer, not
    one more level), nor along silence, wrong keys or timeouts: a menu met only that
    way is judged by its own rules. A menu that offers nothing new (after a message:
    "pour revenir au menu, tapez 9; pour un conseiller, tapez 0") adds no depth, since
    everything it leads to is reachable sooner. Depth is summed across `goto`: a main
    menu continuing into a sub-flow's two menus is three levels.

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
        culprit: dict = {}  # place -> the first menu past the limit on its way (None: within it)

        def first_too_deep(place):
            """Walk back to a place already known, then label the walked places (linear overall)."""
            walked = []
            while place is not None and place not in culprit:
                if depth.menus(place) <= limit:
                    culprit[place] = None
                    break
                if is_menu(*place) and depth.menus(place) == limit + 1:
                    culprit[place] = place
                    break
                walked.append(place)
                place = depth.previous(place)
            found = culprit.get(place) if place is not None else None
            for step in walked:
                culprit[step] = found
            return found

        reported = set()
        for place in depth.places():
            if depth.menus(place) <= limit or not is_destination(*place):
                continue
            menu = first_too_deep(place)
            if menu is None or menu[0] is not home or menu in reported:
                continue
            reported.add(menu)
            way = depth.path(menu)
            menus = [place_name(p, home) for p in way if is_menu(*p)]
            levels = len(menus)
            yield Report(f"menu {menu[1]!r} is the {levels}th successive menu on the shortest way from the start to "
                         f"{place_name(place, home)!r} (limit {limit}): {arrow(menus)}",
                         node=home.flow.nodes[menu[1]], path=[place_name(p, home) for p in way])
