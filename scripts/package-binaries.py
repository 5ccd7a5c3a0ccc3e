#!/usr/bin/env python3
"""Makes the release archives of the bare `profilelint` binary from the built wheels.

    python3 scripts/package-binaries.py --out dist/archives dist/*.whl

Each wheel already carries the binary (under `profilelint-<version>.data/scripts/`), built for
its platform; taking it from there ships the very same binary through pip and as an archive.
For every wheel this writes `profilelint-<version>-<target>.tar.gz` (`.zip` for Windows) holding
the binary, README.md, CHANGELOG.md and the licences, and `<archive>.sha256` in the format
`sha256sum -c` reads. Archives are reproducible: fixed timestamps, owners and order.
Source distributions (`.tar.gz`) among the arguments are skipped. Standard library only.
"""

import argparse
import gzip
import hashlib
import io
import pathlib
import re
import sys
import tarfile
import zipfile

# Wheel platform tag (its architecture suffix) -> Rust target triple, the name users know.
TARGETS = [
    (re.compile(r"^manylinux.*_x86_64$"), "x86_64-unknown-linux-gnu"),
    (re.compile(r"^manylinux.*_aarch64$"), "aarch64-unknown-linux-gnu"),
    (re.compile(r"^musllinux.*_x86_64$"), "x86_64-unknown-linux-musl"),
    (re.compile(r"^musllinux.*_aarch64$"), "aarch64-unknown-linux-musl"),
    (re.compile(r"^macosx_.*_x86_64$"), "x86_64-apple-darwin"),
    (re.compile(r"^macosx_.*_arm64$"), "aarch64-apple-darwin"),
    (re.compile(r"^macosx_.*_universal2$"), "universal2-apple-darwin"),
    (re.compile(r"^win_amd64$"), "x86_64-pc-windows-msvc"),
    (re.compile(r"^win_arm64$"), "aarch64-pc-windows-msvc"),
    (re.compile(r"^linux_x86_64$"), "x86_64-unknown-linux-gnu"),
    (re.compile(r"^linux_aarch64$"), "aarch64-unknown-linux-gnu"),
]

# Files shipped next to the binary, relative to the repository root.
DOCS = ["README.md", "CHANGELOG.md", "LICENSE-MIT", "LICENSE-APACHE"]

# 1980-01-01, the earliest time a zip entry can hold.
EPOCH = 315532800


def fail(message):
    print(f"package-binaries.py: {message}", file=sys.stderr)
    sys.exit(1)


def target_of(wheel):
    """The Rust target triple of a wheel, from the first platform tag of its file name."""
    parts = wheel.name[: -len(".whl")].split("-")
    if len(parts) < 5:
        fail(f"{wheel.name} is not a wheel file name")
    platform = parts[-1].split(".")[0]
    for pattern, triple in TARGETS:
        if pattern.match(platform):
            return parts[1], triple
    fail(f"{wheel.name}: no target known for platform tag {platform}")


def binary_of(wheel, version):
    """The name and bytes of the `profilelint` binary inside a wheel."""
    with zipfile.ZipFile(wheel) as z:
        prefix = f"profilelint-{version}.data/scripts/"
        found = [n for n in z.namelist() if n in (prefix + "profilelint", prefix + "profilelint.exe")]
        if len(found) != 1:
            fail(f"{wheel.name}: expected one binary under {prefix}, found {found}")
        name = found[0]
        return name.rsplit("/", 1)[-1], z.read(name)


def tar_gz(members):
    raw = io.BytesIO()
    # gzip with mtime 0 so the archive bytes depend only on the contents.
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
            for name, data, mode in members:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                info.mode = mode
                info.mtime = EPOCH
                info.uname = info.gname = ""
                tar.addfile(info, io.BytesIO(data))
    return raw.getvalue()


def zip_bytes(members):
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data, mode in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return raw.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=pathlib.Path, help="folder for the archives")
    parser.add_argument("--root", default=".", type=pathlib.Path, help="repository root (for the docs)")
    parser.add_argument("dists", nargs="+", type=pathlib.Path, help="built wheels (sdists are skipped)")
    args = parser.parse_args()

    docs = []
    for doc in DOCS:
        path = args.root / doc
        if not path.is_file():
            fail(f"{path} is missing")
        docs.append((doc, path.read_bytes()))

    wheels = [p for p in args.dists if p.name.endswith(".whl")]
    if not wheels:
        fail("no wheel among the arguments")
    args.out.mkdir(parents=True, exist_ok=True)
    seen = set()
    for wheel in sorted(wheels):
        version, target = target_of(wheel)
        if target in seen:
            fail(f"two wheels for {target}")
        seen.add(target)
        exe, binary = binary_of(wheel, version)
        stem = f"profilelint-{version}-{target}"
        members = [(f"{stem}/{exe}", binary, 0o755)] + [(f"{stem}/{n}", d, 0o644) for n, d in docs]
        if target.endswith("windows-msvc"):
            name, data = f"{stem}.zip", zip_bytes(members)
        else:
            name, data = f"{stem}.tar.gz", tar_gz(members)
        (args.out / name).write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        (args.out / f"{name}.sha256").write_text(f"{digest}  {name}\n")
        print(f"{digest}  {name} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
