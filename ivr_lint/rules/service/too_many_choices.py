from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import MenuNode
from ivr_lint.rules.base import FlowContext, Option, Report, Rule


class TooManyChoices(Rule):
    """
    ## What it does
    Reports a menu that offers more than `max_choices` choices. A choice is a distinct
    destination the caller chooses between: keys that all lead to the same node are one
    choice ("press any key to continue", an outbound "press 1" where every key is
    captured), and a repeat option (`{repeat: true}`, or a key back to the menu itself)
    is none.

    ## Why is this bad
    M2: menus stay simple. Callers cannot hold more than four or five options in mind;
    by the sixth they have forgotten the first and replay the menu or give up.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Allocations, 1. Logement, 2. Retraite, 3. Famille, 4. Handicap, 5. Un conseiller, 0."
        options: {"1": benefits, "2": housing, "3": pension, "4": family, "5": disability, "0": agent}
        on_max_retries: agent
      benefits: {type: play, prompt: "Les allocations sont sur le site.", next: agent}
      housing: {type: play, prompt: "Le logement est sur le site.", next: agent}
      pension: {type: play, prompt: "La retraite est sur le site.", next: agent}
      family: {type: play, prompt: "La famille est sur le site.", next: agent}
      disability: {type: play, prompt: "Le handicap est sur le site.", next: agent}
      agent:
        type: queue
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Allocations, 1. Logement, 2. Autres sujets, 3. Un conseiller, 0. Réécouter, étoile."
        options: {"1": benefits, "2": housing, "3": more, "0": agent, "*": {repeat: true}}
        on_max_retries: agent
      more:
        type: menu
        prompt: "Retraite, 1. Famille, 2. Handicap, 3. Un conseiller, 0."
        options: {"1": pension, "2": family, "3": disability, "0": agent}
        on_max_retries: agent
      benefits: {type: play, prompt: "Les allocations sont sur le site.", next: agent}
      housing: {type: play, prompt: "Le logement est sur le site.", next: agent}
      pension: {type: play, prompt: "La retraite est sur le site.", next: agent}
      family: {type: play, prompt: "La famille est sur le site.", next: agent}
      disability: {type: play, prompt: "Le handicap est sur le site.", next: agent}
      agent:
        type: queue
    ```
    """

    code = "IVR105"
    name = "too-many-choices"
    severity = Severity.WARNING
    summary = "A menu offers more choices than callers can keep in mind."
    tags = ("service", "M2")
    source = "M2; Avaya and AT&T guidance: four or five choices at most"
    options = (Option("max_choices", 5, "Most distinct destinations a menu may offer (a repeat option does not count)."),)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        limit = ctx.options["max_choices"]
        for node in ctx.flow.nodes.values():
            if not isinstance(node, MenuNode):
                continue
            destinations = {option.next for option in node.choices if option.next and option.next != node.id}
            if len(destinations) > limit:
                keys = len(node.choices)
                told = f" ({keys} keys)" if keys != len(destinations) else ""
                yield Report(f"menu {node.id!r} offers {len(destinations)} choices{told} (limit {limit}): split it "
                             "or move the rarest choices to a sub-menu", node=node, field="options",
                             extra={"choices": len(destinations)})
