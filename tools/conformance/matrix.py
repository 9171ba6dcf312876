#!/usr/bin/env python3
"""Prints the conformance matrix (release x suite) as Markdown, from what the tests left in the
build folder (see matrix.sh, which runs them):

  - TESTS_FILE (-Dgoasm.testResults, written by goasm.matrix.TestResultsRecorder): one line per
    test, "OUTCOME<TAB>class<TAB>display path". A test whose display path names a release
    ("GO1_27", "go1.27", "Go 1.27", "1.27") counts for that release; a suite none of whose tests
    names a release is not yet parameterized and is Go 1.19's (the release the older tests
    compare with), shown in the 1.19 row only and marked so; in a suite that has both, the
    tests naming no release count in the 1.19 row too.
  - figure files CONFORMANCE_DIR/NAME-1.N.txt (corpus-1.27.txt, encoder-suites-1.27.txt ...)
    with an "all N / M" line or "N of M" (or "N / M") in their first line: a column NAME with
    that figure. Files without a figure are left out.

usage: matrix.py CONFORMANCE_DIR TESTS_FILE RELEASE...
"""
import collections
import os
import re
import sys

# Column, test classes, the command that reproduces one cell ({release} is filled in).
SUITES = [
    ("examples", ["goasm.conformance.ExamplesConformanceTest"], "mvn -B test -Dtest=ExamplesConformanceTest"),
    ("Go testdata listing", ["goasm.conformance.GoSuiteListingTest"], "mvn -B test -Dtest=GoSuiteListingTest"),
    ("encoder suites (tests)", ["goasm.conformance.EncoderSuitesTest"], "mvn -B test -Dtest=EncoderSuitesTest"),
    ("flags", ["goasm.conformance.FlagsConformanceTest"], "mvn -B test -Dtest=FlagsConformanceTest"),
    ("object files", ["goasm.conformance.ObjectFileConformanceTest"], "mvn -B test -Dtest=ObjectFileConformanceTest"),
    ("systems", ["goasm.conformance.TargetOsTest", "goasm.cli.GoEnvironmentTest", "goasm.conformance.JumpChainTest",
                 "goasm.conformance.SystemsConformanceTest"],
     "mvn -B test -Dtest='TargetOsTest,GoEnvironmentTest,JumpChainTest,SystemsConformanceTest'"),
    ("command line", ["goasm.conformance.CommandLineConformanceTest"], "mvn -B test -Dtest=CommandLineConformanceTest"),
    ("goasm run", ["goasm.run.DifferentialRunTest", "goasm.run.ReleaseRuntimeFactsTest", "goasm.run.FaultReportTest",
                   "goasm.run.LinkCheckTest", "goasm.run.GuestReachTest", "goasm.release.FaultFactsTest"],
     "mvn -B test -Dtest='DifferentialRunTest,ReleaseRuntimeFactsTest,FaultReportTest,LinkCheckTest,GuestReachTest,FaultFactsTest'"),
    ("bad input", ["goasm.conformance.BadInputTest"], "mvn -B test -Dtest=BadInputTest"),
    ("explain vs -S", ["goasm.explain.ExplainAgainstGoListingTest"],
     "mvn -B test -Dtest=ExplainAgainstGoListingTest"),
]
FIGURE_COMMANDS = {
    "corpus": "mvn -B test -Dtest=StdlibCorpusTest -Dgoasm.corpusReleases={release}",
    "encoder-suites": "mvn -B test -Dtest=EncoderSuitesTest",
    "error-suite": "mvn -B test -Dtest=EncoderSuitesTest",
    "toolexec": "mvn -B test -Dtest=ToolexecBuildTest -Dgoasm.toolexecReleases={release}",
    "explain": "mvn -B test -Dtest=ExplainAgainstGoListingTest",
}
# What a figure file's numbers count, for its column's heading.
FIGURE_LABELS = {
    "corpus": "corpus (linux cases)",
    "encoder-suites": "encoder suites (lines)",
    "error-suite": "amd64error.s (errors)",
    "toolexec": "toolexec build (identical executables)",
    "explain": "explain (reasons' numbers as in -S)",
}
LEGACY_RELEASE = "1.19"
RELEASE_PATTERNS = [re.compile(p) for p in (
    r"GO1_(\d+)\b", r"\bgo1\.(\d+)", r"\bGo 1\.(\d+)", r"(?<![\w.])1\.(\d+)(?![\w.])")]
FIGURE = re.compile(r"(\d+) (?:of|/) +(\d+)")
TOTAL_LINE = re.compile(r"\ball\s+(\d+) (?:of|/) +(\d+)")


def release_of(path, releases):
    minors = {r.split(".")[1]: r for r in releases}
    for pattern in RELEASE_PATTERNS:
        for m in pattern.finditer(path):
            if m.group(1) in minors:
                return minors[m.group(1)]
    return None


def read_tests(tests_file, releases):
    """{(class, release or None): Counter(outcome)}, and the tests that did not pass."""
    counts = collections.defaultdict(collections.Counter)
    failing = []
    if not os.path.isfile(tests_file):
        return counts, failing
    with open(tests_file, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            outcome, cls, path = parts
            release = release_of(path, releases)
            counts[(cls, release)][outcome] += 1
            if outcome in ("FAILED", "ABORTED") and (release is not None or not re.search(r"GO1_|go1\.|Go 1\.", path)):
                failing.append((outcome, path))
    return counts, failing


def test_cell(counts, classes, release, releases):
    """The suite's tests for the release; tests naming no release are Go 1.19's (what the
    older tests compare with), so they count in the 1.19 row."""
    per_release = any(r is not None for (c, r) in counts if c in classes)
    ran = any(c in classes for (c, _) in counts)
    if not ran:
        return "not run"
    wanted = {release}
    if release == LEGACY_RELEASE:
        wanted.add(None)
    total = collections.Counter()
    for (c, r), outcomes in counts.items():
        if c in classes and r in wanted:
            total.update(outcomes)
    n = sum(total.values())
    if n == 0:
        return "—"
    cell = "%d of %d tests pass" % (total["PASSED"], n)
    if total["ABORTED"]:
        cell += ", %d NOT CHECKED" % total["ABORTED"]
    if not per_release:
        cell += " (suite not yet per release)"
    return cell


def figure_of(path):
    """The file's figure: its "all N / M" line, else the first "N of M" (or "N / M") of its first line."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        m = TOTAL_LINE.search(line)
        if m:
            return m.group(1), m.group(2), line
    if lines:
        m = FIGURE.search(lines[0])
        if m:
            return m.group(1), m.group(2), lines[0]
    return None


def figure_cell(conformance_dir, name, release):
    path = os.path.join(conformance_dir, "%s-%s.txt" % (name, release))
    if not os.path.isfile(path):
        return "not run"
    figure = figure_of(path)
    if figure is None:
        return "?"
    n, m, line = figure
    cell = "%s of %s" % (n, m)
    if "exact release" in line:
        cell = "**%s** (required)" % cell
    return cell


def figure_names(conformance_dir, releases):
    names = set()
    if os.path.isdir(conformance_dir):
        for entry in os.listdir(conformance_dir):
            for r in releases:
                if entry.endswith("-%s.txt" % r) and figure_of(os.path.join(conformance_dir, entry)):
                    names.add(entry[: -len("-%s.txt" % r)])
    return sorted(names)


def main(argv):
    if len(argv) < 4:
        sys.stderr.write(__doc__)
        return 2
    conformance_dir, tests_file, releases = argv[1], argv[2], argv[3:]
    counts, failing = read_tests(tests_file, releases)
    figures = figure_names(conformance_dir, releases)
    header = ["release"] + [name for name, _, _ in SUITES] + [FIGURE_LABELS.get(f, f) for f in figures]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in releases:
        row = ["Go " + r]
        row += [test_cell(counts, classes, r, releases) for _, classes, _ in SUITES]
        row += [figure_cell(conformance_dir, name, r) for name in figures]
        print("| " + " | ".join(row) + " |")
    print()
    if failing:
        print("Tests that did not pass (%d):" % len(failing))
        print()
        for outcome, path in failing[:40]:
            print("- %s: %s" % (outcome, path))
        if len(failing) > 40:
            print("- ... and %d more (target/conformance/test-results.tsv)" % (len(failing) - 40))
        print()
    print("Reproduce a cell (every release of a suite runs in one command unless it names one):")
    print()
    for name, _, command in SUITES:
        print("- %s: `%s`" % (name, command))
    for name in figures:
        command = FIGURE_COMMANDS.get(name, "(written by the suite of %s-1.N.txt)" % name)
        print("- %s: `%s` (figures in `target/conformance/%s-1.N.txt`)" % (name, command.format(release="1.N"), name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
