#!/usr/bin/env bash
# Runs fuzz targets one after the other, one fuzzing job at a time, each for SECONDS
# (default 900), continuing after crashes (saved under artifacts/<target>/, logs under logs/).
# Usage: fuzz/run.sh [SECONDS] [TARGET...]   (default: every target)
# The targets are built once first; with NO_BUILD=1 the binaries already built are used.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
seconds="${1:-900}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(parse_any stream cms fix_roundtrip xml_vs_plist json)
fi
[ -d corpus ] || ./build_seeds.sh
if [ "${NO_BUILD:-0}" != 1 ]; then
  RUSTC_BOOTSTRAP=1 cargo fuzz build -s none -a
fi
bin="target/$(rustc -vV | sed -n 's/^host: //p')/release"
mkdir -p logs
for target in "${targets[@]}"; do
  dict=plist.dict
  [ "$target" = json ] && dict=json.dict
  [ "$target" = cms ] && dict=""
  mkdir -p "artifacts/$target"
  echo "== $target: ${seconds}s"
  "$bin/$target" "corpus/$target" -artifact_prefix="artifacts/$target/" \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    ${dict:+-dict=$dict} > "logs/$target.log" 2>&1 || true
  grep -E '^#[0-9]+: cov' "logs/$target.log" | tail -1 || true
done
