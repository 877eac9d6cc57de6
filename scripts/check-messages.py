#!/usr/bin/env python3
"""Fails when text a person reads is written in the code instead of coming from the message catalogue (SPEC 11).

Every message lives in Sources/RiskModel/Catalogue/ with its Chinese and English text; code builds a `Message`
(`RejectText.idEmpty()`, `RunText.runSummary([...])`) and renders it at the edge. This check reads the Swift
sources outside the catalogue and flags string literals holding English words (two or more words of letters, or
Chinese characters, outside interpolations) in the places messages are made:
  - `description` implementations, and the `message`/`reason`/`warning` properties errors and problems have;
  - error constructors: `.configuration("…")`, `.inputRejected("…")`, `.internal("…")`, `.locked("…")`,
    `FieldProblem("…")`, `ValidationError("…")`, a `reason:`/`message:` argument;
  - what is shown or logged: `print("…")`, `printError("…")`, `warn("…")`, `logger.<level>("…")`, progress labels
    (`watching("…")`, `start("…")`);
  - argument-parser help: `help: "…"`, `abstract: "…"`, `discussion: "…"`, `ArgumentHelp("…")`, option group titles.

What it cannot catch: text built from pieces that are each below the threshold ("row" + "s"), a message passed
around as a plain `String` variable and shown later, Chinese words that are data rather than messages (the
aliases of headers, 高风险 read from a rule file) where they appear in the places above, and wording in Mustache
templates or file formats. A line that must keep its literal says why with `// message-lint: allow <why>`, on it or the line before.

Files rewritten by other work in flight are listed in SECOND_PASS: their findings are counted, not failed; remove a
path from the list when its messages are converted, and fix what the check then shows.

Usage: scripts/check-messages.py   (from anywhere)
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SKIP = ("Sources/RiskModel/Catalogue/", "Sources/TestSupport/", "Sources/Benchmarks/", "Sources/C")

# Files whose messages are still being moved into the catalogue (none at present).
SECOND_PASS = ()

STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
INTERPOLATION = re.compile(r"\\\((?:[^()]|\([^()]*\))*\)")
WORDS = re.compile(r"[A-Za-z]{2,}[ ,;:'’-]+[A-Za-z]{2,}")
HAN = re.compile(r"[\u4e00-\u9fff]")

CALLS = re.compile(
    r"(\.configuration|\.inputRejected|\.internal|\.locked|FieldProblem|ValidationError|printError|\bprint|\bwarn"
    r"|logger\??\.(?:trace|debug|info|notice|warning|error|critical)|fileOnly\??\.(?:notice|error|warning)|watching|\.start"
    r"|ArgumentHelp|OptionGroup)\(\s*\"")
ARGUMENTS = re.compile(r"\b(help|abstract|discussion|reason|message|title|expected):\s*\"")
PROPERTIES = re.compile(r"\b(?:public\s+)?var\s+(description|message|reason|warning|chinese)\s*:\s*\w+\??\s*\{")


def literals(line):
    """The text of each string literal on the line, interpolations removed."""
    return [INTERPOLATION.sub(" ", m.group(1)) for m in STRING.finditer(line)]


def wordy(text, han=True):
    return bool(WORDS.search(text)) or (han and bool(HAN.search(text)))


def emit_stage(lines):
    """The line numbers of the emit stage of Run.swift (`func emit(` to the next `func `)."""
    inside, numbers = False, set()
    for i, line in enumerate(lines, 1):
        if re.search(r"\bfunc emit\(", line):
            inside = True
        elif inside and re.search(r"^\s*(///|func |static func )", line) and "func emit(" not in line:
            inside = False
        if inside:
            numbers.add(i)
    return numbers


def check(path, rel):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    pending_emit = emit_stage(lines) if rel == "Sources/Pipeline/Run/Run.swift" else set()
    findings = []
    depth = None  # brace depth inside a message property
    for i, line in enumerate(lines, 1):
        allowed = "message-lint: allow" in line or (i > 1 and "message-lint: allow" in lines[i - 2])
        code = "" if line.strip().startswith("//") else line.split(" //", 1)[0]
        in_property = depth is not None
        if PROPERTIES.search(code):
            depth = 0
            in_property = True
        if depth is not None:
            depth += code.count("{") - code.count("}")
            if depth <= 0:
                depth = None
        if allowed:
            continue
        flagged = False
        if in_property and any(wordy(t) for t in literals(code)):
            flagged = True
        for m in list(CALLS.finditer(code)) + list(ARGUMENTS.finditer(code)):
            rest = code[m.end() - 1:]
            first = STRING.match(rest)
            if first and wordy(INTERPOLATION.sub(" ", first.group(1))):
                flagged = True
        if flagged:
            findings.append((i, line.strip(), i in pending_emit))
    return findings


def main():
    failures, pending = [], 0
    for base in ("Sources",):
        for directory, _, files in os.walk(os.path.join(ROOT, base)):
            for name in sorted(files):
                if not name.endswith(".swift"):
                    continue
                path = os.path.join(directory, name)
                rel = os.path.relpath(path, ROOT)
                if rel.startswith(SKIP):
                    continue
                second = any(rel.startswith(p) for p in SECOND_PASS if not p.endswith(":emit"))
                for number, text, in_emit in check(path, rel):
                    if second or in_emit:
                        pending += 1
                    else:
                        failures.append(f"{rel}:{number}: {text}")
    if pending:
        print(f"check-messages: {pending} literal(s) left in the files of the second pass (SECOND_PASS)")
    if failures:
        print("check-messages: text for people written outside the message catalogue (Sources/RiskModel/Catalogue/):")
        for f in failures:
            print("  " + f)
        return 1
    print("check-messages: every message comes from the catalogue")
    return 0


if __name__ == "__main__":
    sys.exit(main())
