#!/usr/bin/env bash
# The version is written in Cargo.toml; action.yml's default `version` input must name the same
# release, and so must the tag being released when one is given.
#
#   scripts/check-versions.sh          # Cargo.toml and action.yml agree
#   scripts/check-versions.sh v0.1.0   # ... and the tag names that version
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
action=$(sed -n '/^  version:$/,/^  [a-z]/s/^    default: "\(.*\)"$/\1/p' action.yml)
[ -n "$version" ] || { echo "check-versions.sh: no version in Cargo.toml" >&2; exit 1; }
if [ "$action" != "$version" ]; then
    echo "check-versions.sh: action.yml installs '$action' by default, Cargo.toml is $version" >&2
    exit 1
fi
if [ $# -gt 0 ] && [ "$1" != "v$version" ]; then
    echo "check-versions.sh: tag $1 does not match Cargo.toml version $version" >&2
    exit 1
fi
echo "version $version: Cargo.toml and action.yml agree${1:+, tag $1}"
