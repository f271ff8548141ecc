#!/usr/bin/env python3
"""Run respgrade batch as a stage of a Dask cluster and check it against one process.

Builds a JSONL manifest, grades it once in a single process, then twice on a Dask local
cluster of worker processes:
  - as a pipe stage: the manifest lines are split into a Dask bag's partitions, and each
    partition is piped into `respgrade batch --manifest -`, which writes results to stdout;
  - as shards: each Dask task runs `respgrade batch --manifest FILE --shard I/N`.
Each way, the outputs concatenated in partition order must equal the single-process output.

With --tasks DIR, the manifest lists the task folders of DIR (MODEL_RESPONSE.md against
IDEAL_RESPONSE.md, in the folder or its lib/). Without it, the manifest lists every rule fixture
under fixtures/rules against the bundled example's ideal, so the script runs in a fresh clone.

Usage: scripts/dask-batch.py [--binary build/respgrade] [--tasks DIR] [--partitions 4]
Exit status: 0 when both runs equal the single-process one, 1 when not, 77 when Dask's
distributed package (Debian: python3-distributed) is not installed.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def task_file(folder, name):
    for candidate in (os.path.join(folder, name), os.path.join(folder, "lib", name)):
        if os.path.isfile(candidate):
            return candidate
    return os.path.join(folder, name)  # respgrade reports it as not found


def manifest_lines(tasks):
    if tasks:
        tasks = os.path.abspath(tasks)
        folders = sorted(entry for entry in os.listdir(tasks)
                         if os.path.isdir(os.path.join(tasks, entry)) and not entry.startswith("."))
        rows = [{"id": name,
                 "response": task_file(os.path.join(tasks, name), "MODEL_RESPONSE.md"),
                 "ideal": task_file(os.path.join(tasks, name), "IDEAL_RESPONSE.md")}
                for name in folders]
    else:
        ideal = os.path.join(ROOT, "examples", "private-network", "IDEAL_RESPONSE.md")
        fixtures = sorted(glob.glob(os.path.join(ROOT, "fixtures", "rules", "**", "*.md"),
                                    recursive=True))
        rows = [{"id": os.path.relpath(path, ROOT), "response": path, "ideal": ideal}
                for path in fixtures if os.path.basename(path) != "README.md"]
    return [json.dumps(row) for row in rows]


def grade_lines(binary, lines):
    """Pipe manifest lines into one respgrade process; return its result lines."""
    result = subprocess.run([binary, "batch", "--manifest", "-", "-j", "1",
                             "--summary", os.devnull],
                            input="".join(line + "\n" for line in lines),
                            capture_output=True, text=True, check=False)
    if result.returncode not in (0, 2):  # 2: some responses could not be graded
        raise RuntimeError(f"respgrade exited {result.returncode}: {result.stderr}")
    return result.stdout.splitlines()


def grade_shard(binary, manifest, shard, count):
    result = subprocess.run([binary, "batch", "--manifest", manifest, "--shard",
                             f"{shard}/{count}", "-j", "1", "--summary", os.devnull],
                            capture_output=True, text=True, check=False)
    if result.returncode not in (0, 2):
        raise RuntimeError(f"respgrade exited {result.returncode}: {result.stderr}")
    return result.stdout


def compare(name, expected, actual):
    if expected == actual:
        print(f"{name}: {len(actual)} results equal the single-process run")
        return True
    for number, (want, got) in enumerate(zip(expected, actual), start=1):
        if want != got:
            print(f"{name}: result {number} differs:\n  single: {want[:200]}\n  dask:   {got[:200]}")
            return False
    print(f"{name}: {len(actual)} results, the single-process run has {len(expected)}")
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "respgrade"))
    parser.add_argument("--tasks", help="folder of task folders (default: the rule fixtures)")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    try:
        import dask.bag
        from dask.distributed import Client, LocalCluster
    except ImportError:
        # Debian installs the package for its own interpreter, which may not be first on PATH.
        debian = "/usr/bin/python3"
        if os.path.exists(debian) and os.path.realpath(sys.executable) != os.path.realpath(debian):
            os.execv(debian, [debian, os.path.abspath(__file__), *sys.argv[1:]])
        print("skipped: Dask's distributed package is not installed "
              "(apt-get install python3-distributed)")
        return 77

    binary = os.path.abspath(args.binary)
    lines = manifest_lines(args.tasks)
    with tempfile.TemporaryDirectory() as scratch:
        manifest = os.path.join(scratch, "manifest.jsonl")
        with open(manifest, "w", encoding="utf-8") as out:
            out.write("".join(line + "\n" for line in lines))
        single = grade_lines(binary, lines)

        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            bag = dask.bag.from_sequence(lines, npartitions=args.partitions)
            piped = bag.map_partitions(lambda part: grade_lines(binary, list(part))).compute()
            futures = client.map(grade_shard, [binary] * args.partitions,
                                 [manifest] * args.partitions,
                                 range(1, args.partitions + 1),
                                 [args.partitions] * args.partitions)
            sharded = "".join(client.gather(futures)).splitlines()

    print(f"manifest: {len(lines)} responses; Dask: {args.workers} worker processes, "
          f"{args.partitions} partitions")
    ok = compare("pipe stage (bag partitions into --manifest -)", single, list(piped))
    ok = compare("shards (--shard I/N)", single, sharded) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
