#!/usr/bin/env python3
"""Scan every response of the corpus and compare the statuses with its answer key.

Prints, per pattern, how many responses are flawed, clean, not applicable and unknown, then
the share of (response, pattern) statuses that agree with ../shared/corpus/expected-scan.jsonl,
then every disagreement with both statuses and evidence.

Usage: scripts/corpus-scan.py [--binary build/respgrade] [--corpus ../shared/corpus]
Exit status: 0, or 77 when the corpus is not there (a fresh clone has none).
"""
import argparse
import collections
import json
import os
import subprocess
import sys

STATUSES = ["flawed", "clean", "not_applicable", "unknown"]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(root, "build", "respgrade"))
    parser.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus"))
    parser.add_argument("--min-agreement", type=float, default=None,
                        help="exit 1 when the status agreement is below this share (0 to 1)")
    args = parser.parse_args()

    key_path = os.path.join(args.corpus, "expected-scan.jsonl")
    if not os.path.exists(key_path):
        print(f"skipped: {key_path} not found (a fresh clone has no corpus)")
        return 77
    key = {}
    with open(key_path, encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            key[(row["task"], row["file"])] = row["patterns"]

    paths = [os.path.join(args.corpus, "pulumi-py", task, name) for task, name in sorted(key)]
    result = subprocess.run([args.binary, "scan", "--format", "json", *paths],
                            capture_output=True, text=True, check=False)
    if result.returncode not in (0,):
        sys.stderr.write(result.stderr)
    ours = {}
    for line in result.stdout.splitlines():
        row = json.loads(line)
        parts = row["file"].split(os.sep)
        ours[(parts[-2], parts[-1])] = {f["rule"]: f for f in row["findings"]}

    counts = collections.defaultdict(collections.Counter)
    agree = total = 0
    disagreements = []
    for (task, name), patterns in sorted(key.items()):
        found = ours.get((task, name))
        if found is None:
            disagreements.append(f"{task}/{name}: not scanned")
            continue
        for rule, expected in patterns.items():
            mine = found[rule]
            counts[rule][mine["status"]] += 1
            total += 1
            if mine["status"] == expected["status"]:
                agree += 1
                continue
            disagreements.append(
                f"{task}/{name} {rule}: respgrade {mine['status']} {mine['evidence']}, "
                f"key {expected['status']} {expected['evidence']}"
                + (f"; {mine['unknown_reasons'][0]}" if mine.get("unknown_reasons") else ""))

    print(f"{'pattern':32} " + " ".join(f"{s:>14}" for s in STATUSES))
    for rule in counts:
        print(f"{rule:32} " + " ".join(f"{counts[rule][s]:>14}" for s in STATUSES))
    share = agree / total if total else 0
    print(f"\nresponses: {len(ours)} of {len(key)}; status agreement with the key: "
          f"{agree}/{total} = {share:.2%}")
    if disagreements:
        print(f"\n{len(disagreements)} disagreements:")
        for line in disagreements:
            print("  " + line)
    if args.min_agreement is not None and share < args.min_agreement:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
