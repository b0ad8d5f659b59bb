from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.model.flow import MenuNode
from ivr_lint.rules.base import FlowContext, Option, Report, Rule


class TooManyChoices(Rule):
    """
    ## What it does
    Reports a menu that offers more than `max_choices` choices. A repeat option
    (`{repeat: true}`) is not a choice.

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
        prompt: "Tapez 1, 2, 3, 4, 5 ou 6. Pour un conseiller, tapez 0."
        options: {"1": agent, "2": agent, "3": agent, "4": agent, "5": agent, "0": agent}
        on_max_retries: agent
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
        prompt: "Tapez 1, 2, 3 ou 4. Pour un conseiller, tapez 0. Pour réécouter, tapez étoile."
        options: {"1": agent, "2": agent, "3": agent, "4": agent, "0": agent, "*": {repeat: true}}
        on_max_retries: agent
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
    options = (Option("max_choices", 5, "Most choices a menu may offer (a repeat option does not count)."),)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        limit = ctx.options["max_choices"]
        for node in ctx.flow.nodes.values():
            if isinstance(node, MenuNode) and len(node.choices) > limit:
                yield Report(f"menu {node.id!r} offers {len(node.choices)} choices (limit {limit}): split it "
                             "or move the rarest choices to a sub-menu", node=node, field="options")
