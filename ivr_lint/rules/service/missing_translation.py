from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.rules.base import FlowContext, Report, Rule


class MissingTranslation(Rule):
    """
    ## What it does
    In a flow that declares the languages its prompts are given in (`languages: [fr-FR,
    en-GB]`), reports every prompt that has no text in one of them, and every language a
    prompt gives that `languages` does not declare (a misspelt tag such as `en-EN`). A
    prompt written as one text is in the flow's `language`; a prompt given per language
    (`prompt: {fr-FR: "...", en-GB: "..."}`) is in the languages it names. Flows without
    `languages` are not checked.

    ## Why is this bad
    A caller who chose English hears the French text, or silence, where the translation is
    missing: the menu stops being usable for them at that step. The recording studio and the
    translators work from the list of prompts (`ivr-lint prompts --missing LANG`); a missing
    text is a recording nobody ordered.

    ## Example
    ```yaml
    ivr: 1
    language: fr-FR
    languages: [fr-FR, en-GB]
    start: menu
    nodes:
      menu:
        type: menu
        prompt:
          fr-FR: "Pour un conseiller, tapez 0."
          en-GB: "For an advisor, press 0."
        options: {"0": agent}
        on_max_retries: agent
      agent:
        type: queue
        prompt: "Veuillez patienter, un conseiller va vous répondre."
    ```

    ## Use instead
    ```yaml
    ivr: 1
    language: fr-FR
    languages: [fr-FR, en-GB]
    start: menu
    nodes:
      menu:
        type: menu
        prompt:
          fr-FR: "Pour un conseiller, tapez 0."
          en-GB: "For an advisor, press 0."
        options: {"0": agent}
        on_max_retries: agent
      agent:
        type: queue
        prompt:
          fr-FR: "Veuillez patienter, un conseiller va vous répondre."
          en-GB: "Please hold, an advisor will answer shortly."
    ```
    """

    code = "IVR119"
    name = "missing-translation"
    severity = Severity.WARNING
    summary = "A prompt has no text in a language the flow declares in `languages`."
    tags = ("service", "translation")
    source = "the flow's own `languages` declaration"

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        declared = flow.languages
        if not declared:
            return
        for node in flow.nodes.values():
            if not node.prompt:
                continue
            missing = [language for language in declared if flow.prompt_in(node, language) is None]
            if missing:
                given = list(node.translations) or [flow.prompt_language]
                yield Report(f"the prompt of {node.id!r} has no {_list(missing)} text (given: {_list(given)}; "
                             f"`languages` declares {_list(declared)})", node=node, field="prompt",
                             extra={"missing": missing})
            for language, prompts in node.translations.items():
                if language not in declared:
                    yield Report(f"the prompt of {node.id!r} is given in {language}, which `languages` does not "
                                 f"declare ({_list(declared)}): a misspelt tag, or a language to declare",
                                 node=node, pos=prompts[0].pos, extra={"language": language})


def _list(languages) -> str:
    return ", ".join(languages)
