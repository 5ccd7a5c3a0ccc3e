#!/usr/bin/env bash
# Builds the Python wheel (the `profilelint` command, no Python code), installs it into a fresh
# virtualenv and runs it with no Rust toolchain on PATH: `profilelint --version`, then
# `profilelint check examples`, which must exit 1 with the examples' known findings. Then runs
# action.yml's steps with that wheel in place of PyPI (scripts/check-action.py).
#
#   scripts/check-wheel.sh               # dev profile: reuses what `cargo test` built (CI)
#   scripts/check-wheel.sh --release     # the release build; on Linux manylinux2014 via zig
#   scripts/check-wheel.sh --wheel FILE  # no build: check a wheel built elsewhere (release.yml)
#
# Python tools come from the package index into a venv under target/.
set -euo pipefail
cd "$(dirname "$0")/.."

MATURIN=maturin==1.16.0
ZIG=ziglang==0.17.1
YAML=ruamel.yaml==0.19.1

die() {
    echo "check-wheel.sh: $*" >&2
    exit 1
}

mode=dev
case "${1:-}" in
    "" | --dev) ;;
    --release) mode=release ;;
    --wheel) mode=given ;;
    *) die "usage: check-wheel.sh [--dev | --release | --wheel FILE]" ;;
esac

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || die "no version in Cargo.toml"

out=target/wheel-check/$mode
if [ "$mode" = given ]; then
    [ $# -eq 2 ] && [ -f "$2" ] || die "--wheel needs one wheel file"
    case "$2" in "$out"/* | ./"$out"/*) die "give a wheel outside $out" ;; esac
    tools=$(scripts/python-tools.sh target/python-tools-yaml "$YAML")
    rm -rf "$out"
    mkdir -p "$out"
    cp "$2" "$out/"
elif [ "$mode" = dev ]; then
    rm -rf "$out"
    tools=$(scripts/python-tools.sh target/python-tools "$MATURIN" "$YAML")
    "$tools/maturin" build --locked --profile dev --out "$out"
elif [ "$(uname -s)" = Linux ]; then
    rm -rf "$out"
    tools=$(scripts/python-tools.sh target/python-tools-zig "$MATURIN" "$ZIG" "$YAML")
    # maturin finds zig through the venv's Python (`python -m ziglang`).
    PATH="$tools:$PATH" "$tools/maturin" build --locked --release --zig --compatibility manylinux2014 --out "$out"
else
    rm -rf "$out"
    tools=$(scripts/python-tools.sh target/python-tools "$MATURIN" "$YAML")
    "$tools/maturin" build --locked --release --out "$out"
fi

wheels=("$out"/profilelint-"$version"-*.whl)
[ ${#wheels[@]} -eq 1 ] && [ -f "${wheels[0]}" ] || die "expected one wheel in $out, found: ${wheels[*]}"
wheel=${wheels[0]}
echo "wheel: $(basename "$wheel") ($(wc -c < "$wheel" | tr -d ' ') bytes)"

# A fresh virtualenv; the wheel only, nothing from the index.
venv=$PWD/target/wheel-check/venv
rm -rf "$venv"
"$tools/python" -m venv "$venv"
bin=$venv/bin
[ -d "$venv/Scripts" ] && bin=$venv/Scripts
"$bin/python" -m pip install --quiet --disable-pip-version-check --no-index --no-deps "$wheel"

# PATH without any folder that holds cargo or rustc, and no rustup/cargo settings.
no_rust_path=$bin
IFS=: read -r -a dirs <<< "$PATH"
for d in "${dirs[@]}"; do
    [ -z "$d" ] || [ -e "$d/cargo" ] || [ -e "$d/rustc" ] || [ -e "$d/cargo.exe" ] && continue
    no_rust_path=$no_rust_path:$d
done
bare() {
    env -u CARGO_HOME -u RUSTUP_HOME -u RUSTUP_TOOLCHAIN -u CARGO -u CARGO_TARGET_DIR \
        PATH="$no_rust_path" NO_COLOR=1 "$@"
}
bare "$BASH" -c '! command -v cargo && ! command -v rustc' > /dev/null \
    || die "cargo or rustc is still on the reduced PATH"

found=$(bare "$BASH" -c 'command -v profilelint') || die "profilelint is not on the venv's PATH"
case "$found" in
    "$bin"/profilelint*) ;;
    *) die "profilelint resolves to $found, not to the venv" ;;
esac

got=$(bare profilelint --version)
[ "$got" = "profilelint $version" ] || die "profilelint --version printed '$got', expected 'profilelint $version'"

status=0
output=$(bare profilelint check --color never examples 2>&1) || status=$?
[ "$status" -eq 1 ] || die "profilelint check examples exited with $status, expected 1:
$output"
for expected in "SSO101(extension-identifier)" "examples/ios-jit-sso-broken.mobileconfig" "SSO402"; do
    case "$output" in
        *"$expected"*) ;;
        *) die "profilelint check examples did not report $expected:
$output" ;;
    esac
done
echo "wheel check passed: $got from $(basename "$wheel"), no Rust on PATH, examples lint with exit 1"

bare "$tools/python" scripts/check-action.py --wheels "$out"
