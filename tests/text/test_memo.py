"""The prompt readers remember their answers, and nobody can change an answer they share."""

from __future__ import annotations

import pytest

from ivr_lint.config import Config
from ivr_lint.engine import check_paths
from ivr_lint.text import _memo, hours, keys, numbers, readability, spoken

MENUS = 40


def _flow(changed: int | None = None) -> str:
    """A flow of MENUS menus; menu number `changed` says its prompt differently."""
    lines = ["ivr: 1", "language: fr-FR", "start: m0", "nodes:"]
    for i in range(MENUS):
        prompt = f"Pour le dossier {i}, tapez 1. Pour un conseiller, tapez 0."
        if i == changed:
            prompt = f"Pour le dossier {i} urgent, tapez 1. Pour un conseiller, tapez 0."
        following = f"m{i + 1}" if i + 1 < MENUS else "agent"
        lines += [f"  m{i}:", "    type: menu", f"    prompt: \"{prompt}\"",
                  f"    options: {{\"1\": {following}, \"0\": agent}}", "    on_max_retries: agent"]
    lines += ["  agent:", "    type: queue", "    prompt: \"Un conseiller va vous répondre.\""]
    return "\n".join(lines) + "\n"


def test_a_second_check_with_one_prompt_changed_reads_only_that_prompt(tmp_path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(_flow(), encoding="utf-8")
    _memo.clear()
    first = check_paths([str(path)], Config())
    read_once = keys.read_keys.cache_info().misses
    assert read_once >= MENUS  # every menu prompt was read
    path.write_text(_flow(changed=7), encoding="utf-8")
    before = {f: f.cache_info().misses for f in (keys.read_keys, spoken.estimate_seconds, readability.readability,
                                                  numbers.find_phone_numbers, hours.parse_spoken_hours)}
    second = check_paths([str(path)], Config())
    assert {f.__name__: f.cache_info().misses - n for f, n in before.items()} == {
        "read_keys": 1, "estimate_seconds": 1, "readability": 1, "find_phone_numbers": 1, "parse_spoken_hours": 1}
    assert [(f.rule, f.line) for f in second.findings] == [(f.rule, f.line) for f in first.findings]


def test_a_prompt_repeated_in_many_nodes_is_read_once(tmp_path) -> None:
    lines = ["ivr: 1", "start: p0", "nodes:"]
    for i in range(30):
        lines += [f"  p{i}:", "    type: play", "    prompt: \"Veuillez patienter, nous recherchons votre dossier.\"",
                  f"    next: p{i + 1}"]
    lines += ["  p30:", "    type: queue"]
    path = tmp_path / "flow.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _memo.clear()
    check_paths([str(path)], Config())
    assert spoken.estimate_seconds.cache_info().misses == 1
    assert hours.parse_spoken_hours.cache_info().misses == 1
    assert readability.readability.cache_info().misses == 1


def test_shared_answers_cannot_be_changed_by_a_caller() -> None:
    spoken_hours = hours.parse_spoken_hours("Nous sommes ouverts du lundi au vendredi de 9h à 17h.", "fr")
    assert spoken_hours is hours.parse_spoken_hours("Nous sommes ouverts du lundi au vendredi de 9h à 17h.", "fr")
    with pytest.raises(TypeError):
        spoken_hours.days[5] = ((540, 720),)  # type: ignore[index]
    assert isinstance(hours.find_time_mentions("Appelez après 14h le mardi.", "fr"), tuple)
    assert isinstance(numbers.find_phone_numbers("Appelez le 01 23 45 67 89.", "fr"), tuple)
    assert isinstance(readability.unexplained_acronyms("Votre dossier CPAM.", lang="fr"), tuple)
    reading = keys.read_keys("Pour un conseiller, tapez 0.")
    assert isinstance(reading.mentions, tuple) and reading is keys.read_keys("Pour un conseiller, tapez 0.")
    sentences = readability.split_sentences("Bonjour. Tapez 1.")
    sentences.append("changed")
    assert readability.split_sentences("Bonjour. Tapez 1.") == ["Bonjour.", "Tapez 1."]
