"""The load model (`ivr-lint load`): a week of calls on a flow, before it goes live.

One module per responsibility:
    schema.py      the traffic file's JSON Schema and the validator that keeps line and column
    traffic.py     the traffic file read into a `Traffic` (calls, staff, handling, patience, choices)
    walk.py        how callers move through the flow: each node's ways out, shares and durations
    plan.py        the flow (through `project`), the names checked, one slot per interval
    erlang.py      closed forms: Erlang C, Erlang A, targets, agents needed
    closed.py      the closed-form engine over the flow and the period
    simulation.py  the discrete-event engine (simpy)
    stats.py       streaming per-interval counters both engines fill
    run.py         one run: closed forms, or replications in parallel processes
    checks.py      findings: intervals below target, what the load says of the flow
    output.py      text, JSON, CSV, Markdown
    plots.py       matplotlib charts (PNG, SVG)
    template.py    a commented traffic file for a flow

simpy, matplotlib and numpy come with the `ivr-lint[load]` extra and are imported only here.
"""
