#!/usr/bin/env bash
# Makes sure a virtualenv holds exactly the pinned Python tools the checks need, installing
# them from the package index when it does not yet, and prints the venv's bin folder.
#
#   bin=$(scripts/python-tools.sh target/python-tools maturin==1.16.0)   # an absolute path
#
# A venv whose recorded requirements differ is rebuilt from scratch; one that matches is reused,
# so a second run costs nothing.
set -euo pipefail

die() {
    echo "python-tools.sh: $*" >&2
    exit 1
}

[ $# -ge 2 ] || die "usage: python-tools.sh VENV REQUIREMENT..."
venv=$1
shift
wanted=$(printf '%s\n' "$@" | sort)

python=$(command -v python3 || command -v python) || die "needs python3 on PATH"
bin=$venv/bin
[ -d "$venv/Scripts" ] && bin=$venv/Scripts

if [ "$(cat "$venv/requirements.txt" 2>/dev/null)" != "$wanted" ]; then
    rm -rf "$venv"
    "$python" -m venv "$venv" >&2 || die "could not create a virtualenv with $python"
    [ -d "$venv/Scripts" ] && bin=$venv/Scripts
    "$bin/python" -m pip install --quiet --disable-pip-version-check "$@" >&2 \
        || die "could not install $* from the package index"
    printf '%s\n' "$wanted" > "$venv/requirements.txt"
fi
(cd "$bin" && pwd)
