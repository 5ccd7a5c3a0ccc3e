#!/usr/bin/env bash
# Measures how time and peak RSS grow with the number of files: N copies of the iOS Just-in-Time
# SSO example profile (each with its own identifiers and UUIDs, all with the same Microsoft login
# URLs, as every correct profile has), for N = base, 2×, 4× and 8× base, linted with `--jobs 1`
# and with all cores. Prints a Markdown table: the median of --runs runs (wall clock) and the
# largest peak RSS, and the growth against the first size.
#
# usage: scripts/scaling.sh [--bin PATH] [--base N] [--runs N] [--keep DIR]
#
#   --bin PATH   the profilelint binary (default: target/release/profilelint, built if missing)
#   --base N     profiles at 1× (default 3000)
#   --runs N     runs per measurement (default 3)
#   --keep DIR   generate the profiles in DIR and keep them (default: a temporary folder)
#
# Needs python3 and GNU time at /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="" base=3000 runs=3 keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin="$2"; shift ;;
        --base) base="$2"; shift ;;
        --runs) runs="$2"; shift ;;
        --keep) keep="$2"; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "scaling.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[ -x /usr/bin/time ] || { echo "scaling.sh: GNU time is needed at /usr/bin/time" >&2; exit 2; }
if [ -z "$bin" ]; then
    bin="${CARGO_TARGET_DIR:-target}/release/profilelint"
    [ -x "$bin" ] || cargo build --release --locked --bin profilelint >&2
fi
if [ -n "$keep" ]; then
    work="$keep"
    mkdir -p "$work"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi

python3 - "$work" "$base" "$runs" "$bin" << 'PY'
import os, re, statistics, subprocess, sys

work, base, runs, binary = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
template = open("examples/ios-jit-sso.mobileconfig").read()

def make(n):
    folder = os.path.join(work, f"profiles-{n}")
    if os.path.isdir(folder) and len(os.listdir(folder)) == n:
        return folder
    os.makedirs(folder, exist_ok=True)
    for i in range(n):
        text = re.sub(r"<string>([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-)[0-9A-F]{12}</string>",
                      lambda m: f"<string>{m.group(1)}{i:012X}</string>", template)
        text = text.replace("<string>com.contoso.ios.sso", f"<string>com.contoso.ios{i}.sso")
        with open(os.path.join(folder, f"p{i:05}.mobileconfig"), "w") as f:
            f.write(text)
    return folder

def measure(folder, jobs):
    times, peaks = [], []
    command = ["/usr/bin/time", "-f", "%e %M", binary, "check", "--no-config", "--fail-on", "never",
               "--format", "concise", *jobs, folder]
    for _ in range(runs):
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
        seconds, kib = done.stderr.strip().splitlines()[-1].split()
        times.append(float(seconds))
        peaks.append(int(kib) / 1024)
    return statistics.median(times), max(peaks)

print("| Profiles | `--jobs 1` time | `--jobs 1` peak RSS | all cores time | all cores peak RSS |")
print("|---|---|---|---|---|")
first = None
for factor in (1, 2, 4, 8):
    n = base * factor
    folder = make(n)
    one = measure(folder, ["--jobs", "1"])
    every = measure(folder, [])
    if first is None:
        first = (one, every)
    grow = lambda now, then: f"×{now / then:.2f}" if then else ""
    print(f"| {n:,} ({factor}×) | {one[0]:.2f} s {grow(one[0], first[0][0])} | {one[1]:.0f} MiB "
          f"{grow(one[1], first[0][1])} | {every[0]:.2f} s {grow(every[0], first[1][0])} | {every[1]:.0f} MiB "
          f"{grow(every[1], first[1][1])} |", flush=True)
PY
