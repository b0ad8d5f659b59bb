from ivr_lint.findings import Severity
from ivr_lint.rules.base import LoadRule


class YamlSyntaxError(LoadRule):
    """
    ## What it does
    Reports a file that is not valid YAML text: a parser error, a tab used for
    indentation, non-UTF-8 or binary content, several documents in one file, or
    absurdly deep nesting. The finding is at the parser's line and column; the other
    files are still checked.

    ## Why is this bad
    The platform will refuse the file, or worse, read it differently from what you meant.

    ## Example
    ```yaml
    ivr: 1
    start: welcome
    nodes:
      welcome:
        type: play
        prompt: "Bienvenue"
         next: goodbye
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

    code = "IVR001"
    name = "syntax-error"
    severity = Severity.ERROR
    summary = "The file is not valid YAML text."
    tags = ("structure",)
