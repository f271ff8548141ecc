#!/usr/bin/env python3
"""Measure respgrade batch against parsing alone, across threads and at twenty times the size.

Prints three ratios measured in this one run, on the corpus of task folders:
  1. `batch -j 1` time over `parse_only` time, where parse_only loads the same responses
     (read, extract the code blocks, parse the Python ones with tree-sitter) and nothing else;
  2. `batch -j 2` speed over `batch -j 1` speed;
  3. the corpus repeated twenty times (symbolic links to each task folder) against one pass,
     with all cores: time per response, and peak resident memory from /usr/bin/time -v.

Times come from hyperfine, memory from GNU time. The three commands of ratios 1 and 2 run in
rounds after a warm-up round, one run of each per round. Each ratio is the median of the ratios
within a round. On a shared machine the speed drifts over a minute, so two times taken seconds
apart give a steadier ratio than two medians taken a minute apart.
Installs hyperfine and GNU time with apt-get when they are missing.

Usage: scripts/benchmark.py [--build build] [--corpus ../shared/corpus/pulumi-py] [--runs 9]
Exit status: 0, or 77 when the corpus is not there (a fresh clone has none).
"""
import argparse
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def install_missing():
    missing = []
    if shutil.which("hyperfine") is None:
        missing.append("hyperfine")
    if not os.path.exists("/usr/bin/time"):
        missing.append("time")
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print(f"benchmark: installing {' '.join(missing)}", file=sys.stderr)
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                   check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def hyperfine_round(commands):
    """Run each command once, in order, and return its wall time and user plus system CPU time."""
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        # --ignore-failure: batch exits 2 on the corpus, whose two non-UTF-8 responses fail.
        subprocess.run(["hyperfine", "--style", "none", "--ignore-failure", "--runs", "1",
                        "--export-json", export.name, *commands],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(export.name, encoding="utf-8") as exported:
            results = json.load(exported)["results"]
    return [(result["times"][0], result["user"] + result["system"]) for result in results]


def rounds(commands, count):
    """Time the commands in `count` rounds after a warm-up round.

    Returns one list per round, holding (wall, CPU) for each command. Odd rounds run the commands
    in reverse order, so that no command always runs first."""
    hyperfine_round(commands)
    measured = []
    for number in range(count):
        order = list(range(len(commands)))
        if number % 2 == 1:
            order.reverse()
        times = hyperfine_round([commands[index] for index in order])
        by_command = [None] * len(commands)
        for position, index in enumerate(order):
            by_command[index] = times[position]
        measured.append(by_command)
    return measured


def time_and_memory(command, runs):
    """Return the median wall time and CPU time in seconds and the largest peak RSS in KiB."""
    times, cpu_times, peaks = [], [], []
    for _ in range(runs):
        result = subprocess.run(["/usr/bin/time", "-v", *command], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, check=False)
        peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
        wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)",
                         result.stderr)
        if peak is None or wall is None:
            sys.exit(f"benchmark: no figures from /usr/bin/time for {command}:\n{result.stderr}")
        hours, minutes, seconds = int(wall.group(1) or 0), int(wall.group(2)), float(wall.group(3))
        times.append(hours * 3600 + minutes * 60 + seconds)
        cpu_times.append(sum(float(value) for value in re.findall(
            r"(?:User|System) time \(seconds\): ([\d.]+)", result.stderr)))
        peaks.append(int(peak.group(1)))
    return statistics.median(times), statistics.median(cpu_times), max(peaks)


def repeated_corpus(corpus, tasks, copies, into):
    """Fill `into` with `copies` links to every task folder, so each ideal has its own path."""
    for copy in range(copies):
        for task in tasks:
            os.symlink(os.path.join(corpus, task), os.path.join(into, f"r{copy:02d}-{task}"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus",
                                                         "pulumi-py"))
    parser.add_argument("--runs", type=int, default=9,
                        help="rounds of the first two ratios, and runs of the third")
    parser.add_argument("--copies", type=int, default=20, help="size of the large batch")
    args = parser.parse_args()

    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(corpus):
        print(f"skipped: {corpus} not found (a fresh clone has no corpus)")
        return 77
    install_missing()
    respgrade = os.path.join(args.build, "respgrade")
    parse_only = os.path.join(args.build, "bench", "parse_only")
    for binary in (respgrade, parse_only):
        if not os.access(binary, os.X_OK):
            sys.exit(f"benchmark: {binary} not found; build first with scripts/setup.sh")

    tasks = sorted(name for name in os.listdir(corpus)
                   if os.path.isdir(os.path.join(corpus, name)) and not name.startswith("."))
    responses = sorted(glob.glob(os.path.join(corpus, "*", "*_RESPONSE.md")))
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch:
        listing = os.path.join(scratch, "responses.txt")
        with open(listing, "w", encoding="utf-8") as out:
            out.write("\n".join(responses) + "\n")
        measured = rounds([
            f"{parse_only} --list {listing}",
            f"{respgrade} batch -j 1 {corpus} --summary /dev/null",
            f"{respgrade} batch -j 2 {corpus} --summary /dev/null",
        ], args.runs)
        parse_wall, one_thread_wall, two_threads_wall = (
            statistics.median(timed[i][0] for timed in measured) for i in range(3))
        parse_cpu, one_thread_cpu, two_threads_cpu = (
            statistics.median(timed[i][1] for timed in measured) for i in range(3))
        overhead = statistics.median(timed[1][0] / timed[0][0] for timed in measured)
        overhead_cpu = statistics.median(timed[1][1] / timed[0][1] for timed in measured)
        speed_up = statistics.median(timed[1][0] / timed[2][0] for timed in measured)
        cpu_of_two_threads = statistics.median(timed[2][1] / timed[1][1] for timed in measured)

        large = os.path.join(scratch, "large")
        os.mkdir(large)
        repeated_corpus(corpus, tasks, args.copies, large)
        single_time, single_cpu, single_peak = time_and_memory(
            [respgrade, "batch", corpus, "--summary", "/dev/null"], args.runs)
        large_time, large_cpu, large_peak = time_and_memory(
            [respgrade, "batch", large, "--summary", "/dev/null"], max(1, args.runs // 2))

    load_after = os.getloadavg()[0]
    count = len(tasks)
    per_single = single_time / count
    per_large = large_time / (count * args.copies)
    print(f"corpus: {count} tasks, {len(responses)} responses, "
          f"{sum(os.path.getsize(p) for p in responses) / 1e6:.1f} MB; "
          f"{os.cpu_count()} cores; {args.runs} rounds, medians")
    print(f"load average (1 min) before and after: {load_before:.2f}, {load_after:.2f}; "
          f"a load over 0 means other programs shared the cores")
    print(f"parse_only (load the responses only)   {parse_wall:7.3f} s wall, {parse_cpu:7.3f} s CPU")
    print(f"batch -j 1                             {one_thread_wall:7.3f} s wall, "
          f"{one_thread_cpu:7.3f} s CPU")
    print(f"batch -j 2                             {two_threads_wall:7.3f} s wall, "
          f"{two_threads_cpu:7.3f} s CPU")
    print(f"1. batch -j 1 / parse_only             {overhead:7.3f}   (target <= 1.15)")
    print(f"   the same in CPU time                {overhead_cpu:7.3f}")
    print(f"2. speed-up of -j 2 over -j 1          {speed_up:7.3f}   (target >= 1.8)")
    print(f"   CPU time of -j 2 over -j 1          {cpu_of_two_threads:7.3f}   "
          f"(two free cores give at most 2 / this)")
    print(f"3. {args.copies}x corpus: {count * args.copies} tasks in {large_time:.2f} s, "
          f"one pass in {single_time:.3f} s (all cores)")
    print(f"   time per task, {args.copies}x / 1x          {per_large / per_single:7.3f}   "
          f"(target within 1.05)")
    print(f"   CPU time per task, {args.copies}x / 1x      "
          f"{large_cpu / (count * args.copies) / (single_cpu / count):7.3f}")
    print(f"   peak memory, 1x                     {single_peak / 1024:7.1f} MiB")
    print(f"   peak memory, {args.copies}x                    {large_peak / 1024:7.1f} MiB")
    print(f"   peak memory, {args.copies}x / 1x               {large_peak / single_peak:7.3f}   "
          f"(target within 1.10, and under 64 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
