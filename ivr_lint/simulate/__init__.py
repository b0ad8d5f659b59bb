"""Walk through a flow as a caller would: the call engine and what is built on it.

- `clock`: when the call happens (`--at`) and the state of each schedule then;
- `answers`: what a caller can answer (keys, words, digits, silence) and scripted callers;
- `placeholders`: prompt placeholders filled as the platform would;
- `engine`: the call itself, following the format's semantics step by step;
- `transcript`: what happened (steps, outcome, path, elapsed time) and how it is shown;
- `loading`: the flow to simulate, refused when `check` finds errors;
- `journeys` (file format), `runner` (expectations), `scenarios` and `generate`
  (covering every edge), `junit` (CI reports).
"""
