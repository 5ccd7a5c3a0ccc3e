#!/usr/bin/env python3
"""Loads every XML property list under the given paths with plistlib, and nothing more.

This is what pre-commit plist hooks do today (parse each file, report the ones that fail), and
it is the peer baseline of scripts/bench.sh: profilelint's full lint of a tree is compared with
Python merely loading the same files. Files that are not XML plists (JSON, binary or signed
profiles) are skipped after reading them.

usage: plistlib_load.py PATH...
"""

import os
import plistlib
import sys


def files(path):
    if os.path.isfile(path):
        yield path
        return
    for folder, _, names in os.walk(path):
        for name in names:
            yield os.path.join(folder, name)


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    loaded = skipped = failed = 0
    for root in paths:
        for path in files(root):
            with open(path, "rb") as handle:
                data = handle.read()
            if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                skipped += 1
                continue
            try:
                plistlib.loads(data, fmt=plistlib.FMT_XML)
                loaded += 1
            except Exception:  # noqa: BLE001 - any parse failure counts as a failed file
                failed += 1
    print(f"plistlib: loaded {loaded}, failed {failed}, skipped {skipped} (not XML plists)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
