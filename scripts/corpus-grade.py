#!/usr/bin/env python3
"""Grade every corpus task's model answer against its ideal and print the score distribution.

Usage: scripts/corpus-grade.py [--binary build/respgrade] [--corpus ../shared/corpus]
Exit status: 0, or 77 when the corpus is not there (a fresh clone has none).
"""
import argparse
import collections
import json
import os
import subprocess
import sys


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(root, "build", "respgrade"))
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus"))
    args = parser.parse_args()

    tasks_dir = os.path.join(args.corpus, "pulumi-py")
    if not os.path.isdir(tasks_dir):
        print(f"skipped: {tasks_dir} not found (a fresh clone has no corpus)")
        return 77

    scores, errors = [], []
    verdicts = collections.defaultdict(collections.Counter)
    for task in sorted(os.listdir(tasks_dir)):
        folder = os.path.join(tasks_dir, task)
        result = subprocess.run(
            [args.binary, "grade", "--format", "json", os.path.join(folder, "MODEL_RESPONSE.md"),
             "--ideal", os.path.join(folder, "IDEAL_RESPONSE.md")],
            capture_output=True, text=True, check=False)
        if result.returncode == 2:
            errors.append(f"{task}: {result.stderr.strip()}")
            continue
        grade = json.loads(result.stdout)
        scores.append((grade["score"], task))
        for pattern in grade["patterns"]:
            verdicts[pattern["rule"]][pattern["verdict"]] += 1

    graded = sorted(score for score, _ in scores if score is not None)
    print(f"tasks graded: {len(scores)}, with a score: {len(graded)}, "
          f"without (nothing graded): {len(scores) - len(graded)}, errors: {len(errors)}")
    buckets = collections.Counter(min(int(score * 10), 9) for score in graded)
    for bucket in range(10):
        low = bucket / 10
        print(f"  {low:.1f}-{low + 0.1:.1f}  {buckets[bucket]:4}  {'#' * buckets[bucket]}")
    if graded:
        print(f"mean {sum(graded) / len(graded):.3f}, median {graded[len(graded) // 2]:.3f}")
    print(f"\n{'pattern':32} {'pass':>6} {'fail':>6} {'missing':>8} {'not graded':>11}")
    for rule, counts in verdicts.items():
        print(f"{rule:32} {counts['pass']:6} {counts['fail']:6} {counts['missing']:8} "
              f"{counts['not_graded']:11}")
    for line in errors:
        print("error: " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
