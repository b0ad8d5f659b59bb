"""Reading prompt text: what a caller hears, how long it lasts, what it tells them.

Language-aware helpers (French and English) shared by the public-service rules, the
renderer and the simulator. Each function takes the language as a primary subtag
("fr" or "en"); anything else falls back to French rules of thumb.
"""
