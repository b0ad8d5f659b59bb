from typing import Iterator

from ivr_lint.findings import Severity
from ivr_lint.importers.result import UNKNOWN_PATTERN, has_unknown_text
from ivr_lint.model.flow import DTMF_KEYS, BranchNode, HoursNode, MenuNode, Node, PlayNode, Prompt
from ivr_lint.rules.base import FlowContext, Option, Report, Rule
from ivr_lint.text.cues import fold
from ivr_lint.text.keys import KeyReading, key_named, read_keys, sentence_around

#: placeholders that stand for a number the caller hears, never for the menu's keys
_NUMBER_PLACEHOLDERS = ("wait", "minute", "queue", "position", "rank", "rang", "attente", "opening_hours", "hours",
                        "horaires", "amount", "montant", "balance", "solde", "date")
#: nodes the caller goes through without being asked anything: what they say leads into the next node
_PASS_THROUGH = (PlayNode, HoursNode, BranchNode)
#: how far back a chain of messages leading into a menu is read ("Bienvenue." -> "Pour X, tapez 1." -> menu)
_LEAD_IN_DEPTH = 4


def _readable(text: str) -> str:
    """Imported prompts' unknown parts become gaps: a key is never read across them."""
    return UNKNOWN_PATTERN.sub(" {…} ", text) if "[unknown:" in text else text


class _Heard:
    """One prompt part a caller hears for a menu, and the keys it names."""

    def __init__(self, node: Node, prompt: Prompt):
        self.node = node
        self.prompt = prompt
        self.text = _readable(prompt.text)
        self.reading: KeyReading = read_keys(self.text)

    @property
    def unsure(self) -> bool:
        """Some words are unknown (audio, run-time text) and may announce keys."""
        return has_unknown_text(self.prompt.text) or any(
            not any(word in fold(p) for word in _NUMBER_PLACEHOLDERS) for p in self.reading.placeholders)


class MenuPromptMismatch(Rule):
    """
    ## What it does
    Reads the keys a menu's prompt tells the caller to press ("pour un conseiller,
    tapez 3", "press the star key", "dial zero", "say or press 2", "tapez 1 à 3",
    "pour les horaires, le 2") and compares them with the menu's options:

    - **error**: the prompt announces a key the menu does not accept;
    - **warning**: the menu accepts a key its prompt never names (a hidden option).
      The conventional `*` and `#` (option `unannounced_keys`), options marked
      `hidden: true`, options whose `speech` words the prompt says, and keys that lead
      where an announced key leads (a "press any key" catch-all) are not hidden.

    Keys said in the messages that lead into the menu (a `play` whose `next` is the
    menu, or reaches it through `hours` and `branch` nodes) count as announced. The
    announcement of a key a menu lacks is taken from such a message only when the
    menu's own prompt announces none and every way into the menu passes through it.
    When the prompt says one key and the menu takes another ("tapez 3", option "0"),
    the error names both and no separate warning is given. Numbers that are not keys
    (phone numbers, hours, amounts, "votre numéro à 7 chiffres", "24h/24") are not read;
    neither are placeholders and the unknown parts of imported prompts, and the
    hidden-option check skips a menu whose prompt is partly unknown or names no key at
    all. A menu whose wrong keys go to a node of its own choosing (`on_no_match`) gets
    the milder warning for a key it lacks.

    ## Why is this bad
    M2 (simple journeys) and M8 (accurate information): a caller who presses the key
    the prompt gave hears "choix invalide" and is sent round the menu again, or hung up
    on after the last retry. An option nobody is told of is a choice callers cannot
    make, and usually a leftover that still routes somewhere.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        prompt: "Pour vos paiements, tapez 1. Pour parler à un conseiller, tapez 3."
        options:
          "1": agent
          "0": agent
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
        prompt: "Pour vos paiements, tapez 1. Pour parler à un conseiller, tapez 0."
        options:
          "1": agent
          "0": agent
          "*": {repeat: true}
          "7": {next: agent, hidden: true}
        on_max_retries: agent
      agent:
        type: queue
    ```

    ## Options
    - `unannounced_keys` (default `["*", "#"]`): keys a menu may accept without saying
      so. Add `"0"` if your menus take zero for a person everywhere without announcing it.
    """

    code = "IVR116"
    name = "menu-prompt-mismatch"
    severity = Severity.ERROR
    summary = "A menu's prompt announces a key the menu does not accept, or hides one it does."
    tags = ("service", "M2", "M8")
    source = "M2, M8; GetHuman standard and ETSI ETR 096 key conventions"
    reads_prompts = True
    options = (Option("unannounced_keys", ("*", "#"), "Keys a menu may accept without announcing them."),)

    def check(self, ctx: FlowContext) -> Iterator[Report]:
        flow = ctx.flow
        lead_ins: dict[str, list[Node]] = {}
        for node in flow.nodes.values():
            if isinstance(node, _PASS_THROUGH):
                for target in {t.target for t in node.transitions if t.target != node.id and not t.implicit}:
                    lead_ins.setdefault(target, []).append(node)
        for node in flow.nodes.values():
            if isinstance(node, MenuNode) and (node.options or not node.broken):
                yield from self.check_menu(ctx, node, lead_ins)

    @staticmethod
    def written_keys(menu: MenuNode) -> set[str]:
        """Every key the menu's options name, even an option whose value has a schema error or
        whose key is written as a word (`étoile:`, which `invalid-dtmf` reports)."""
        written = set(menu.options)
        written.update([name[8:-4] for name in menu.positions if name[-4:] == "@key" and name[:8] == "options."])
        # a key written as itself ("1", "*") names itself: only the others are read as names
        return written | {key_named(key) for key in written if key not in DTMF_KEYS} - {None}

    @staticmethod
    def lead_in_chain(menu: MenuNode, lead_ins: dict[str, list[Node]]) -> list[Node]:
        """The messages (and the routing nodes between them) that lead into the menu, a few steps back."""
        chain, frontier, seen = [], [menu.id], {menu.id}
        for _ in range(_LEAD_IN_DEPTH):
            if not frontier:
                break
            step = [play for target in frontier for play in lead_ins.get(target, ()) if play.id not in seen]
            seen.update(play.id for play in step)
            chain += step
            frontier = [play.id for play in step]
        return chain

    def check_menu(self, ctx: FlowContext, menu: MenuNode, lead_ins: dict[str, list[Node]]) -> Iterator[Report]:
        own = [_Heard(menu, prompt) for prompt in menu.prompt]
        before = [_Heard(play, prompt) for play in self.lead_in_chain(menu, lead_ins) for prompt in play.prompt]
        written = self.written_keys(menu)
        sources = own if any(h.reading.announced for h in own) else (
            before if self.only_way_in(ctx, menu, lead_ins) else [])
        hidden = list(self.hidden_options(ctx, menu, own + before))
        # the usual slip: the prompt says one key and the option takes another ("tapez 3" / "0"):
        # one finding, the error, that names the key the menu takes instead
        instead = (f"; it takes {', '.join(repr(r.extra['key']) for r in hidden)} instead, which no prompt "
                   "announces" if hidden else "")
        reported = set()
        wrong_key = menu.on_no_match or ctx.flow.defaults.on_no_match
        for heard in sources:
            for key in sorted(heard.reading.announced - written - reported, key=lambda k: heard.reading.first(k).start):
                reported.add(key)
                sentence = sentence_around(heard.text, heard.reading.first(key))
                where = "its prompt" if heard.node is menu else f"the message {heard.node.id!r} that leads into it"
                said = f"menu {menu.id!r} has no option {key!r}, but {where} announces it (\"{sentence}\")"
                if wrong_key and wrong_key != menu.id:
                    # wrong keys go somewhere chosen: the key may be meant for that catch-all
                    yield Report(f"{said}: the key only reaches the wrong-key branch {wrong_key!r}{instead}; give it "
                                 "its own option", node=menu, pos=heard.prompt.pos, severity=Severity.WARNING,
                                 extra={"key": key})
                else:
                    yield Report(f"{said}: a caller who presses it hears that the choice is invalid{instead}",
                                 node=menu, pos=heard.prompt.pos, extra={"key": key})
        if not reported:
            yield from hidden

    @staticmethod
    def only_way_in(ctx: FlowContext, menu: MenuNode, lead_ins: dict[str, list[Node]]) -> bool:
        """Every caller reaching the menu has just heard its one lead-in message."""
        plays = lead_ins.get(menu.id, [])
        if len(plays) != 1 or not isinstance(plays[0], PlayNode) or ctx.graph is None or menu.id in ctx.graph.entries:
            return False
        return set(ctx.graph.multi.predecessors(menu.id)) <= {plays[0].id, menu.id}

    def hidden_options(self, ctx: FlowContext, menu: MenuNode, heard: list[_Heard]) -> Iterator[Report]:
        if not any(h.reading.announced for h in heard) or any(h.unsure or h.reading.any_key for h in heard):
            return  # the menu says its keys some way we cannot read, or in words we do not know
        mentioned = set().union(*(h.reading.mentioned for h in heard))
        conventional = set(ctx.options["unannounced_keys"])
        destinations = said = None  # worked out for the first key that needs them
        for key, option in menu.options.items():
            if key in mentioned or key in conventional or option.hidden or key not in DTMF_KEYS:
                continue
            if destinations is None:
                announced = set().union(*(h.reading.announced for h in heard))
                destinations = {self.destination(menu, menu.options[k]) for k in announced if k in menu.options}
            if self.destination(menu, option) in destinations:
                continue
            if option.speech and said is None:
                said = fold(" ".join(h.text for h in heard))
            if any(_says(said, fold(word)) for word in option.speech):
                continue
            yield Report(f"menu {menu.id!r} accepts key {key!r}, which its prompt never announces: say it, remove "
                         "it, or mark the option `hidden: true`", node=menu, field=f"options.{key}@key",
                         severity=Severity.WARNING, extra={"key": key})

    @staticmethod
    def destination(menu: MenuNode, option) -> str | None:
        return menu.id if option.repeat else option.next


def _says(folded_text: str, word: str) -> bool:
    """The prompt says this word (whole words only: "dossier" is not in "dossiers")."""
    if not word.strip():
        return False
    start = folded_text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not folded_text[start - 1].isalnum()) and (end == len(folded_text)
                                                                     or not folded_text[end].isalnum()):
            return True
        start = folded_text.find(word, start + 1)
    return False
