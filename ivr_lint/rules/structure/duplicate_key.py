from ivr_lint.findings import Severity
from ivr_lint.rules.base import LoadRule


class DuplicateKey(LoadRule):
    """
    ## What it does
    Reports a mapping that repeats a key: two nodes with the same id, a menu key
    given twice, a field written twice in a node.

    ## Why is this bad
    YAML keeps only the last value without a word: the first node or menu choice
    silently disappears from the call.

    ## Example
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        options:
          "1": agent
          "1": goodbye
        on_max_retries: agent
      agent:
        type: queue
      goodbye:
        type: hangup
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: menu
    nodes:
      menu:
        type: menu
        options:
          "1": agent
          "2": goodbye
        on_max_retries: agent
      agent:
        type: queue
      goodbye:
        type: hangup
    ```
    """

    code = "IVR003"
    name = "duplicate-key"
    severity = Severity.ERROR
    summary = "A mapping repeats a key; YAML would keep only the last one."
    tags = ("structure",)
