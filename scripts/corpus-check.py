#!/usr/bin/env python3
"""Run `respgrade check` over every corpus task and print what it finds.

Prints how many tasks pass the curator's bar, the count of documented flaws by status, every
documented flaw tied to a pattern (to read the mapping by eye), and every "moved" claim.

Usage: scripts/corpus-check.py [--binary build/respgrade] [--corpus ../shared/corpus]
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
    tasks = [os.path.join(tasks_dir, task) for task in sorted(os.listdir(tasks_dir))]
    result = subprocess.run([args.binary, "check", "--format", "json", *tasks],
                            capture_output=True, text=True, check=False)
    checks = [json.loads(line) for line in result.stdout.splitlines()]
    statuses = collections.Counter()
    tied, moved = [], []
    for check in checks:
        task = os.path.basename(check["task"])
        for flaw in check["documented_flaws"]:
            statuses[flaw["status"]] += 1
            if flaw["rule"]:
                tied.append(f"{task}: [{flaw['rule']}] {flaw['status']}: {flaw['title']}")
            if flaw["status"] == "moved":
                moved.append(f"{task}: {flaw['title']}: " + "; ".join(flaw["notes"]))

    passing = sum(1 for check in checks if check["passes"])
    print(f"tasks checked: {len(checks)}, passing the bar: {passing}, "
          f"unreadable: {len(result.stderr.splitlines())}")
    print("documented flaws by status: " +
          ", ".join(f"{status} {count}" for status, count in statuses.most_common()))
    print(f"\ndocumented flaws tied to a pattern ({len(tied)}):")
    for line in tied:
        print("  " + line)
    print(f"\nmoved claims ({len(moved)}):")
    for line in moved:
        print("  " + line)
    for line in result.stderr.splitlines():
        print("error: " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
