#!/usr/bin/env python3
"""Fails when a target's imports and the dependencies Package.swift declares for it differ.

SwiftPM lets a module import any module built before it, declared or not, so the manifest alone does not keep
the stages flowing one way: this check does. Every module a target's sources import must be one of its declared
dependencies (a product counts for the modules it brings), and every declared dependency must be imported
somewhere in the target. System modules (Foundation, Glibc, Dispatch, ...) need no declaration.

Usage: scripts/check-imports.py   (from anywhere; reads `swift package dump-package`)
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Modules that come with the toolchain or the system, never declared.
SYSTEM = {"Foundation", "FoundationEssentials", "Glibc", "Darwin", "Dispatch", "Synchronization", "Testing", "XCTest",
          "CoreFoundation", "_Concurrency", "Observation"}

# Products of package dependencies and the modules each brings.
PRODUCT_MODULES = {
    "GRDB": {"GRDB", "GRDBSQLite"},
    "Logging": {"Logging"},
    "ArgumentParser": {"ArgumentParser"},
    "Mustache": {"Mustache"},
    "TOMLKit": {"TOMLKit"},
    "ZIPFoundation": {"ZIPFoundation"},
}

IMPORT = re.compile(r"^(?:@testable\s+|@_exported\s+|@preconcurrency\s+)*import\s+(?:(?:struct|class|enum|func|protocol|typealias|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def main() -> int:
    dump = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True,
                                     capture_output=True, text=True).stdout)
    problems = []
    for target in dump["targets"]:
        if target["type"] in ("system", "plugin", "binary"):
            continue
        name = target["name"]
        path = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", name)
        folder = os.path.join(ROOT, path)
        declared = {}
        for dependency in target["dependencies"]:
            if "byName" in dependency:
                module = dependency["byName"][0]
                declared[module] = {module} | PRODUCT_MODULES.get(module, set())
            elif "target" in dependency:
                declared[dependency["target"][0]] = {dependency["target"][0]}
            elif "product" in dependency:
                product = dependency["product"][0]
                declared[product] = PRODUCT_MODULES.get(product, {product})
        imported = {}
        for directory, _, files in os.walk(folder):
            for file in files:
                if not file.endswith(".swift"):
                    continue
                source = os.path.join(directory, file)
                with open(source, encoding="utf-8") as f:
                    for match in IMPORT.finditer(f.read()):
                        imported.setdefault(match.group(1), os.path.relpath(source, ROOT))
        provided = set().union(*declared.values()) if declared else set()
        for module, where in sorted(imported.items()):
            if module in SYSTEM or module == name:
                continue
            if module not in provided:
                problems.append(f"{where}: imports {module}, which target {name} does not declare in Package.swift")
        for dependency, modules in sorted(declared.items()):
            if not modules & set(imported):
                problems.append(f"Package.swift: target {name} declares {dependency} but no source of it imports it")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"check-imports: {len(problems)} problem(s); declare what a target imports, and import what it declares", file=sys.stderr)
        return 1
    print("check-imports: every target imports exactly what it declares")
    return 0


if __name__ == "__main__":
    sys.exit(main())
