#!/usr/bin/env bash
# Checks action.yml and the GitHub workflows: the published JSON schemas (offline copies that
# ship with check-jsonschema), zizmor's security audit (offline; any finding fails), and the
# version the action installs by default. (scripts/check-wheel.sh runs the action's steps.)
#
#   scripts/check-workflows.sh
#
# Python tools come from the package index into a venv under target/.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=$(scripts/python-tools.sh target/python-workflow-tools check-jsonschema==0.39.0 zizmor==1.32.0)

workflows=(.github/workflows/*.yml)
"$tools/check-jsonschema" --builtin-schema vendor.github-actions action.yml
"$tools/check-jsonschema" --builtin-schema vendor.github-workflows "${workflows[@]}"
"$tools/zizmor" --offline --no-progress --color never action.yml "${workflows[@]}"
scripts/check-versions.sh
