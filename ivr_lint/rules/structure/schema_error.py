from ivr_lint.findings import Severity
from ivr_lint.rules.base import LoadRule


class SchemaError(LoadRule):
    """
    ## What it does
    Reports YAML that is not a flow of format version 1: a missing or mistyped field,
    an unknown field, an unknown node type, an unsupported `ivr` version, an hour range
    that is not "HH:MM-HH:MM", an unknown time zone or holiday calendar.

    ## Why is this bad
    A field the tool does not know is a field the platform will not apply: a typo such
    as `on_max_retry` silently drops the error handling you thought you wrote.

    ## Example
    ```yaml
    ivr: 1
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: "Bienvenue"
        nxt: goodbye
      goodbye:
        type: hangup
    ```

    ## Use instead
    ```yaml
    ivr: 1
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: "Bienvenue"
        next: goodbye
      goodbye:
        type: hangup
    ```
    """

    code = "IVR002"
    name = "schema-error"
    severity = Severity.ERROR
    summary = "A field is missing, unknown or of the wrong type."
    tags = ("structure",)
