"""Public-service rules: what a phone menu owes its callers (Référentiel Marianne M1-M9).

Sources are in shared/reference/marianne-svi.md, summarised in each rule's `source`.
"""
