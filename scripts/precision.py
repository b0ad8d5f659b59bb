"""Figures of the precision corpus (tests/corpus/): per rule, true and false positives and misses.

    .venv/bin/python scripts/precision.py [--cases] [--infos]

A true positive is a finding a one-fault flow declares (`# expect: RULE line N`); a false
positive is any other warning or error, on a well-made or a one-fault flow; a false
negative is a declared finding the linter did not report. Info findings are counted apart
(allowed on every flow). The test tests/corpus/test_precision.py applies the same bar.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent))  # tests/ as a package; ivr_lint as installed

from tests.corpus.corpus import all_cases, check, describe, score  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", action="store_true", help="list every case that is not exact, with its findings")
    parser.add_argument("--infos", action="store_true", help="list the info findings (allowed, not counted as false)")
    args = parser.parse_args(argv)

    tp, fp, fn, infos = Counter(), Counter(), Counter(), Counter()
    folders = Counter()
    inexact, info_lines = [], []
    for case in all_cases():
        result = score(case, check(case))
        folders[case.folder] += 1
        tp.update(f["rule"] for f in result.true_positives)
        fp.update(f["rule"] for f in result.false_positives)
        fn.update(e.rule for e in result.false_negatives)
        infos.update(f["rule"] for f in result.infos)
        info_lines += [describe(f) for f in result.infos]
        if not result.exact:
            inexact.append((case, result))

    rules = sorted(set(tp) | set(fp) | set(fn) | set(infos))
    width = max(len(r) for r in rules + ["rule"])
    print(f"Precision corpus: {folders['well-made']} well-made and {folders['one-fault']} one-fault cases")
    print(f"{'rule':<{width}}  {'TP':>3}  {'FP':>3}  {'FN':>3}  {'info':>4}")
    for rule in rules:
        print(f"{rule:<{width}}  {tp[rule]:>3}  {fp[rule]:>3}  {fn[rule]:>3}  {infos[rule]:>4}")
    found, missed, false = sum(tp.values()), sum(fn.values()), sum(fp.values())
    recall = found / (found + missed) if found + missed else 1.0
    print(f"{'total':<{width}}  {found:>3}  {false:>3}  {missed:>3}  {sum(infos.values()):>4}")
    print(f"recall {recall:.1%} ({found} of {found + missed} expected findings); "
          f"{false} false positives (warnings and errors nobody expected); "
          f"{len(inexact)} of {sum(folders.values())} cases not exact")
    if args.cases:
        for case, result in inexact:
            print(f"\n{case.id}")
            for e in result.false_negatives:
                print(f"  missed: {e.file}:{e.line}: [{e.rule}]")
            for f in result.false_positives:
                print(f"  false:  {describe(f)}")
    if args.infos:
        print(f"\ninfo findings ({len(info_lines)}):")
        for line in info_lines:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
