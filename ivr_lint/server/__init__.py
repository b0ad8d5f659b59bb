"""`ivr-lint server`: the linter as a Language Server Protocol server (pygls).

Like ruff's built-in server, it has no engine of its own: every diagnostic comes from
`ivr_lint.engine.check_loaded` on files loaded by `ivr_lint.project`, with the same
configuration discovery, presets and suppressions as `ivr-lint check`. One module per
feature area; `app` wires them to the protocol.
"""
