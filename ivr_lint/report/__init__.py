"""`ivr-lint report`: one self-contained HTML page for people who do not read YAML.

    model.py        what the page holds, gathered from the engine, render, simulate, load
    commitments.py  the charter's commitments M1..M9: status from the findings, and evidence
    catalogue.py    every label, in French and English
    html.py         the page (escaped, well-formed), with assets/ inlined
    pdf.py          the page printed by a headless Chromium

Heavy parts (graphviz, the journey planner, speech, matplotlib) are imported only by the
step that needs them.
"""
