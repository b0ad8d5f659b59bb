from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.rules.base import FlowContext, Option, Report, Rule


class LongPrompt(Rule):
    """
    ## What it does
    Estimates how long each node's prompt lasts when spoken (words as a voice says
    them, numbers and addresses included, at the configured `words-per-minute`, 150 by
    default; measured TTS audio with `--measure-audio`) and reports prompts longer than
    `max_prompt_seconds`.

    ## Why is this bad
    M2: short prompts. Callers cannot act while a prompt plays; guidance puts 30 s as
    the most a caller should wait before being able to do anything.

    ## Example
    ```yaml
    ivr: 1
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: >-
          Bienvenue au service des impôts des particuliers de Lille. Nous vous rappelons que
          la date limite de déclaration de vos revenus approche et que vous pouvez effectuer
          toutes vos démarches en ligne depuis votre espace particulier sur le site internet
          impots point gouv point f r, où vous trouverez également de nombreuses réponses à
          vos questions les plus fréquentes concernant le prélèvement à la source, la taxe
          foncière, la taxe d'habitation sur les résidences secondaires et vos avis d'impôt.
        next: agent
      agent:
        type: queue
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: "Bienvenue au service des impôts de Lille. Vos démarches sont aussi sur impots.gouv.fr."
        next: agent
      agent:
        type: queue
    ```
    """

    code = "IVR107"
    name = "long-prompt"
    severity = Severity.WARNING
    summary = "A prompt lasts longer than callers should wait before they can act."
    tags = ("service", "M2")
    source = "M2; UK premium-rate regulator guidance: 30 s at most before the caller can act"
    reads_prompts = True
    options = (Option("max_prompt_seconds", 30.0, "Longest acceptable prompt, in seconds."),)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        limit = ctx.options["max_prompt_seconds"]
        for node in ctx.flow.nodes.values():
            if node.prompt:
                seconds = ctx.prompts.seconds(node)
                if seconds > limit:
                    yield Report(f"the prompt of {node.id!r} lasts about {over(seconds, limit)} s "
                                 f"(limit {limit:g} s)",
                                 node=node, field="prompt", extra={"seconds": round(seconds, 1)})


def over(seconds: float, limit: float) -> str:
    """`seconds` with as few decimals as show it above `limit`: 20.3 s is never "20 s (limit 20 s)"."""
    for decimals in range(3):
        text = f"{seconds:.{decimals}f}"
        if float(text) > limit:
            return text
    return f"{seconds:.3f}"
