#!/usr/bin/env python3
"""Interrupt a running `respgrade batch` and check that nothing written is lost or broken.

Grades the bundled example thousands of times, and while it runs:
  1. sends SIGINT (Ctrl-C) to a batch writing to standard output: it must exit with 130,
     say where it stopped, and have written whole JSON lines for the first N responses only;
  2. the same with --out FILE over an earlier file: FILE must then hold those whole lines;
  3. sends SIGKILL to a batch writing with --out FILE: FILE must still hold the earlier run.
  4. sends SIGINT to `scan --out FILE`: FILE must still hold the earlier run, and the temporary
     file must be gone.

Usage: tests/batch-interrupt.py --binary build/respgrade
Exit status: 0 when every check holds, 1 when one fails.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "private-network")
RESPONSES = 20000
EARLIER_RUN = '{"id": "from an earlier run"}\n'

failures = []


def check(condition, description):
    if not condition:
        failures.append(description)
        print("FAIL: " + description, file=sys.stderr)


def write_manifest(folder):
    path = os.path.join(folder, "manifest.jsonl")
    with open(path, "w", encoding="utf-8") as manifest:
        for i in range(RESPONSES):
            name = "MODEL_RESPONSE.md" if i % 2 == 0 else "IDEAL_RESPONSE.md"
            manifest.write(json.dumps({
                "id": "r%05d" % i,
                "response": os.path.join(EXAMPLE, name),
                "ideal": os.path.join(EXAMPLE, "IDEAL_RESPONSE.md"),
            }) + "\n")
    return path


def line_count(path):
    with open(path, "rb") as text:
        return text.read().count(b"\n")


def catches_interrupt(pid):
    """Whether the process has a handler for SIGINT, read from the SigCgt mask in /proc."""
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith("SigCgt:"):
                    return int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)) != 0
    except OSError:
        pass
    return False


def interrupt(args, growing_file, sig, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
    """Starts the batch, waits until the file `growing_file()` names has 200 lines, then sends
    `sig` and returns the exit status. With `growing_file` None, it waits instead until the
    process handles SIGINT, which the batch starts to do right before grading."""
    process = subprocess.Popen(args, stdout=stdout, stderr=stderr)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if growing_file is None:
            if catches_interrupt(process.pid):
                break
            time.sleep(0.01)
            continue
        path = growing_file()
        if path and line_count(path) >= 200:
            break
        time.sleep(0.01)
    check(process.poll() is None, "the batch was still running when the signal was due")
    process.send_signal(sig)
    return process.wait(timeout=60)


def check_whole_prefix(path, label):
    """Every line is a whole JSON object, and the ids are r00000, r00001, ... with none missing."""
    with open(path, "rb") as text:
        data = text.read()
    check(data.endswith(b"\n"), label + ": the output ends with a line end")
    lines = data.decode("utf-8").splitlines()
    for index, line in enumerate(lines):
        try:
            record = json.loads(line)
        except ValueError:
            check(False, "%s: line %d is not whole JSON: %.60s" % (label, index + 1, line))
            return 0
        check(record.get("id") == "r%05d" % index,
              "%s: line %d has id r%05d" % (label, index + 1, index))
        check("score" in record, "%s: line %d is graded" % (label, index + 1))
    check(0 < len(lines) < RESPONSES, "%s: the batch stopped early (%d lines)" % (label, len(lines)))
    return len(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "respgrade"))
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="respgrade-interrupt-") as folder:
        manifest = write_manifest(folder)
        batch = [options.binary, "batch", "-j", "2", "--manifest", manifest]

        output = os.path.join(folder, "stdout.jsonl")
        with open(output, "wb") as out, tempfile.TemporaryFile("w+") as err:
            status = interrupt(batch, lambda: output, signal.SIGINT, stdout=out, stderr=err)
            err.seek(0)
            message = err.read()
        check(status == 130, "Ctrl-C gives exit status 130, not %d" % status)
        written = check_whole_prefix(output, "standard output")
        stop_line = "respgrade: stopped by Ctrl-C (SIGINT) after %d of %d responses" % (
            written, RESPONSES)
        check(stop_line in message, "stderr names where the batch stopped: %r" % message[-300:])

        # With --out, the lines go to a temporary file beside the target until the batch ends.
        results = os.path.join(folder, "results.jsonl")
        with open(results, "w") as earlier:
            earlier.write(EARLIER_RUN)

        def temporary_files():
            return [os.path.join(folder, name) for name in os.listdir(folder)
                    if name.startswith(".results.jsonl.")]

        def growing():
            return next(iter(temporary_files()), None)

        status = interrupt(batch + ["--out", results], growing, signal.SIGKILL)
        check(status == -signal.SIGKILL, "SIGKILL ends the batch")
        with open(results) as text:
            check(text.read() == EARLIER_RUN, "a killed batch leaves the --out file as it was")
        for path in temporary_files():  # left by SIGKILL, as the README documents
            os.remove(path)

        summary = os.path.join(folder, "summary.txt")
        status = interrupt(batch + ["--out", results, "--summary", summary], growing,
                           signal.SIGINT)
        check(status == 130, "Ctrl-C with --out gives exit status 130, not %d" % status)
        written = check_whole_prefix(results, "--out file")
        with open(summary) as text:
            note = "stopped by Ctrl-C (SIGINT) after %d of %d responses\n" % (written, RESPONSES)
            check(text.read().endswith(note), "the summary file says where the batch stopped")
        check(not temporary_files(), "no temporary file is left after Ctrl-C")

        # A document from a stopped batch records the stop: SARIF reports the run as failed.
        # It writes to standard output: with --out, an early handler for SIGINT would be there
        # from the start.
        sarif = os.path.join(folder, "results.sarif")
        with open(sarif, "wb") as out:
            status = interrupt(batch + ["--format", "sarif"], None, signal.SIGINT, stdout=out)
        check(status == 130, "Ctrl-C with --format sarif gives exit status 130, not %d" % status)
        with open(sarif) as text:
            invocation = json.load(text)["runs"][0]["invocations"][0]
        check(invocation["executionSuccessful"] is False, "a stopped SARIF run is not successful")
        notes = [note["message"]["text"] for note in invocation["toolExecutionNotifications"]]
        check(any("stopped by Ctrl-C (SIGINT) after" in note for note in notes),
              "the SARIF notifications say where the batch stopped: %r" % notes)

        # Other commands stop at once on Ctrl-C, removing their temporary file.
        scan = [options.binary, "scan", "--format", "json", "--out", results]
        scan += [os.path.join(EXAMPLE, "MODEL_RESPONSE.md")] * 5000
        with open(results, "w") as earlier:
            earlier.write(EARLIER_RUN)
        status = interrupt(scan, growing, signal.SIGINT)
        check(status == -signal.SIGINT, "Ctrl-C ends scan as the signal does, not %d" % status)
        with open(results) as text:
            check(text.read() == EARLIER_RUN, "an interrupted scan leaves the --out file as it was")
        check(not temporary_files(), "an interrupted scan removes its temporary file")

    if failures:
        print("%d checks failed" % len(failures), file=sys.stderr)
        return 1
    print("interrupted batches left whole JSON lines, and --out files whole")
    return 0


if __name__ == "__main__":
    sys.exit(main())
