#!/usr/bin/env bash
# Measures profilelint against the speed and memory budget and prints the table of BENCHMARKS.md:
#
#   - `profilelint check one.mobileconfig`, whole process;
#   - a 10,000-file export tree with `--jobs 1` and with the default (all cores);
#   - one 50 MB Graph collection file;
#   - peak RSS of each;
#   - Python's plistlib merely loading 10,000 XML profiles (scripts/plistlib_load.py) against
#     profilelint linting the same files: the peer baseline;
#   - the criterion benches (benches/lint.rs): full lint / plain parse of the same document;
#   - with --callgrind, the same ratios in instructions (benches/instructions.rs under valgrind),
#     which machine load does not disturb;
#   - with --scaling, time and peak RSS at 1×, 2×, 4× and 8× 3,000 profiles (scripts/scaling.sh).
#
# usage: scripts/bench.sh [--install] [--no-criterion] [--callgrind] [--scaling] [--runs N] [--keep DIR] [--seed N]
#
#   --install       install hyperfine and GNU time with apt-get if missing (needs root or sudo)
#   --no-criterion  skip `cargo bench` (the process-level table only)
#   --callgrind     also count instructions with valgrind (Debian/Ubuntu: `apt-get install valgrind`)
#   --scaling       also measure how time and peak RSS grow with the number of files
#   --runs N        hyperfine runs for the tree and collection measurements (default 10)
#   --keep DIR      generate the corpus in DIR and keep it (default: a temporary folder, removed)
#   --seed N        corpus seed (default 1)
#
# Needs: cargo, python3, hyperfine (Debian/Ubuntu: `apt-get install hyperfine`; elsewhere
# `cargo install hyperfine`), GNU time at /usr/bin/time (Debian/Ubuntu: `apt-get install time`).
# Timings are medians; run on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."

install=0 criterion=1 callgrind=0 scaling=0 runs=10 keep="" seed=1
while [ $# -gt 0 ]; do
    case "$1" in
        --install) install=1 ;;
        --no-criterion) criterion=0 ;;
        --callgrind) callgrind=1 ;;
        --scaling) scaling=1 ;;
        --runs) runs="$2"; shift ;;
        --keep) keep="$2"; shift ;;
        --seed) seed="$2"; shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

missing=()
command -v hyperfine > /dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$install" = 1 ]; then
        sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        $sudo apt-get install -y "${missing[@]}"
    else
        echo "bench.sh: missing ${missing[*]}: install with \`sudo apt-get install ${missing[*]}\`" \
            "(or \`cargo install hyperfine\`), or run scripts/bench.sh --install" >&2
        exit 2
    fi
fi
command -v python3 > /dev/null || { echo "bench.sh: python3 is needed" >&2; exit 2; }
if [ "$callgrind" = 1 ] && ! command -v valgrind > /dev/null; then
    echo "bench.sh: --callgrind needs valgrind: install with \`sudo apt-get install valgrind\`" >&2
    exit 2
fi

target="${CARGO_TARGET_DIR:-target}"
echo "== building (release)" >&2
cargo build --release --locked --bin profilelint --example gen_corpus >&2
bin="$target/release/profilelint"
gen="$target/release/examples/gen_corpus"

if [ -n "$keep" ]; then
    work="$keep"
    mkdir -p "$work"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi
corpus="$work/corpus"
results="$work/results"
mkdir -p "$results"
if [ ! -f "$corpus/collection.json" ]; then
    echo "== generating the corpus (seed $seed)" >&2
    "$gen" --seed "$seed" --out "$corpus" --files 10000 --profiles 10000 --collection-mb 50 >&2
fi

# Findings are expected (the corpus has mistakes on purpose): `--fail-on never` keeps the exit
# code 0 unless something could not be read, which would abort the measurement. Runs over many
# files use the concise format (one line per finding, as in CI logs); the single file and one
# extra tree run use the default human format.
check=("$bin" check --no-config --fail-on never)
concise=("${check[@]}" --format concise)

# Peak RSS in KiB of one run of a command.
rss() { /usr/bin/time -f '%M' -o "$results/rss" "$@" > /dev/null 2>&1; cat "$results/rss"; }

echo "== hyperfine" >&2
hyperfine -N --warmup 20 --runs 300 --export-json "$results/one.json" \
    "${check[*]} $corpus/one.mobileconfig" >&2
hyperfine --warmup 1 --runs "$runs" --export-json "$results/tree.json" \
    "${concise[*]} --jobs 1 '$corpus/tree'" "${concise[*]} '$corpus/tree'" "${check[*]} '$corpus/tree'" >&2
hyperfine --warmup 1 --runs "$runs" --export-json "$results/collection.json" \
    "${concise[*]} '$corpus/collection.json'" >&2
# Python takes seconds per run: fewer runs.
hyperfine --warmup 1 --runs "$(( runs < 5 ? runs : 5 ))" --export-json "$results/peer.json" \
    "${concise[*]} '$corpus/profiles'" "python3 scripts/plistlib_load.py '$corpus/profiles'" \
    "python3 scripts/plistlib_load.py '$corpus/tree'" >&2

echo "== peak RSS" >&2
{
    echo "one $(rss "${check[@]}" "$corpus/one.mobileconfig")"
    echo "tree1 $(rss "${concise[@]}" --jobs 1 "$corpus/tree")"
    echo "tree $(rss "${concise[@]}" "$corpus/tree")"
    echo "treehuman $(rss "${check[@]}" "$corpus/tree")"
    echo "collection $(rss "${concise[@]}" "$corpus/collection.json")"
    echo "profiles $(rss "${concise[@]}" "$corpus/profiles")"
    echo "python $(rss python3 scripts/plistlib_load.py "$corpus/profiles")"
} > "$results/rss.txt"
stat -c '%s' "$corpus/collection.json" > "$results/collection_size"
"${check[@]}" --format json "$corpus/tree" > "$results/tree-report.json" || true
"${check[@]}" --format json "$corpus/collection.json" > "$results/collection-report.json" || true
# The human format on the collection, for the record (it has crashed on a one-line 50 MB file).
if "${check[@]}" "$corpus/collection.json" > /dev/null 2>&1; then echo ok; else echo "exit $?"; fi \
    > "$results/collection-human"

if [ "$scaling" = 1 ]; then
    echo "== scaling (scripts/scaling.sh)" >&2
    scripts/scaling.sh --bin "$bin" --keep "$work/scaling" > "$results/scaling.md"
fi

if [ "$criterion" = 1 ]; then
    echo "== criterion (cargo bench --bench lint)" >&2
    rm -rf "$target/criterion"
    cargo bench --locked --bench lint >&2
fi

if [ "$callgrind" = 1 ]; then
    echo "== instructions (valgrind --tool=callgrind)" >&2
    exe=$(cargo bench --locked --bench instructions --no-run --message-format=json 2> /dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "instructions":
        print(m["executable"])')
    count() {
        valgrind --tool=callgrind --callgrind-out-file="$results/callgrind.out" "$exe" "$@" > /dev/null 2>&1
        callgrind_annotate "$results/callgrind.out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
    }
    : > "$results/instructions.txt"
    for doc in xml_profile binary_profile signed_profile device_features_json settings_catalog_json graph_collection_1mb; do
        n1=50 n2=150
        [ "$doc" = graph_collection_1mb ] && n1=2 n2=6
        for step in floor parse full; do
            a=$(count "$doc" "$step" "$n1")
            b=$(count "$doc" "$step" "$n2")
            echo "$doc $step $(((b - a) / (n2 - n1)))" >> "$results/instructions.txt"
        done
    done
fi

python3 - "$results" "$target/criterion" "$criterion" << 'EOF'
import json, os, sys

results, crit_dir, with_criterion = sys.argv[1], sys.argv[2], sys.argv[3] == "1"

def medians(name):
    with open(os.path.join(results, name)) as f:
        return [r["median"] for r in json.load(f)["results"]]

rss = dict(line.split() for line in open(os.path.join(results, "rss.txt")))
mib = lambda key: int(rss[key]) / 1024
one, = medians("one.json")
tree1, tree, tree_human = medians("tree.json")
collection, = medians("collection.json")
profiles, python_profiles, python_tree = medians("peer.json")
size = int(open(os.path.join(results, "collection_size")).read()) / 2**20

def mark(ok):
    return "yes" if ok else "**no**"

rows = [
    ("`profilelint check one.mobileconfig`, whole process", f"{one * 1e3:.1f} ms", f"{mib('one'):.1f} MiB",
     "≤ 5 ms", mark(one <= 0.005)),
    ("10,000-file export tree, `--jobs 1`", f"{tree1:.2f} s", f"{mib('tree1'):.0f} MiB", "", ""),
    ("10,000-file export tree, default jobs", f"{tree:.2f} s ({tree1 / tree:.2f}× `--jobs 1`)",
     f"{mib('tree'):.0f} MiB", "≤ 0.5 s; ≥ 1.6×; ≤ 100 MiB",
     mark(tree <= 0.5 and tree1 / tree >= 1.6 and mib("tree") <= 100)),
    ("… the same with the default human format", f"{tree_human:.2f} s", f"{mib('treehuman'):.0f} MiB", "", ""),
    (f"{size:.0f} MiB Graph collection file", f"{collection:.2f} s", f"{mib('collection'):.0f} MiB "
     f"({mib('collection') / size:.1f}× the file)", "≤ 1.0 s; ≤ 2× the file",
     mark(collection <= 1.0 and mib("collection") <= 2 * size)),
    ("10,000 XML profiles: profilelint check (full lint)", f"{profiles:.2f} s", f"{mib('profiles'):.0f} MiB", "", ""),
    ("… the same files merely loaded by Python plistlib", f"{python_profiles:.2f} s "
     f"(profilelint {python_profiles / profiles:.1f}× faster)", f"{mib('python'):.0f} MiB", "≥ 10× faster",
     mark(python_profiles / profiles >= 10)),
    ("Python plistlib loading only the XML plists of the export tree", f"{python_tree:.2f} s", "", "", ""),
]
print()
print("| Measurement | Median | Peak RSS | Target | Met |")
print("|---|---|---|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")

if with_criterion and os.path.isdir(crit_dir):
    groups = {}
    for root, _, names in os.walk(crit_dir):
        if os.path.basename(root) == "new" and "estimates.json" in names:
            bench = json.load(open(os.path.join(root, "benchmark.json")))
            est = json.load(open(os.path.join(root, "estimates.json")))
            groups.setdefault(bench["group_id"], {})[bench["function_id"]] = est["median"]["point_estimate"]
    # The issue sets ratios for the XML profile (1.5 accepted for now) and the Intune JSON; the
    # binary and signed variants are measured, with no target of their own.
    targets = {"xml_profile": "≤ 1.0 (1.5 accepted)", "device_features_json": "≤ 1.5",
               "settings_catalog_json": "≤ 1.5", "graph_collection_1mb": "≤ 1.5"}
    print()
    print("| Same document | Floor | Floor median | profilelint parse | Full lint | Full lint / floor | Target |")
    print("|---|---|---|---|---|---|---|")
    fmt = lambda ns: f"{ns / 1e3:.1f} µs" if ns < 1e6 else f"{ns / 1e6:.2f} ms"
    order = ["xml_profile", "binary_profile", "signed_profile", "device_features_json", "settings_catalog_json",
             "graph_collection_1mb"]
    for group in sorted(groups, key=lambda g: order.index(g) if g in order else 99):
        fns = groups[group]
        floor_name = next(f for f in fns if not f.startswith("profilelint"))
        floor = fns[floor_name]
        full = fns.get("profilelint/full_lint", float("nan"))
        parse = fns.get("profilelint/parse", float("nan"))
        print(f"| {group} | `{floor_name}` | {fmt(floor)} | {fmt(parse)} | {fmt(full)} | {full / floor:.2f} | "
              f"{targets.get(group, '')} |")

instructions = os.path.join(results, "instructions.txt")
if os.path.exists(instructions):
    counts = {}
    for line in open(instructions):
        doc, step, n = line.split()
        counts.setdefault(doc, {})[step] = int(n)
    print()
    print("| Same document (instructions per run) | Floor | profilelint parse | Full lint | Full lint / floor | Target |")
    print("|---|---|---|---|---|---|")
    # The issue sets ratios for the XML profile (1.5 accepted for now) and the Intune JSON; the
    # binary and signed variants are measured, with no target of their own.
    targets = {"xml_profile": "≤ 1.0 (1.5 accepted)", "device_features_json": "≤ 1.5",
               "settings_catalog_json": "≤ 1.5", "graph_collection_1mb": "≤ 1.5"}
    fmt = lambda n: f"{n / 1e6:.2f} M" if n >= 1e6 else f"{n / 1e3:.0f} k"
    for doc, c in counts.items():
        print(f"| {doc} | {fmt(c['floor'])} | {fmt(c['parse'])} | {fmt(c['full'])} | {c['full'] / c['floor']:.2f} | "
              f"{targets.get(doc, '')} |")

print()
for name in ("tree", "collection"):
    try:
        report = json.load(open(os.path.join(results, f"{name}-report.json")))
        print(f"{name} report summary: {json.dumps(report.get('summary', {}))}")
    except (OSError, ValueError) as e:
        print(f"{name} report: unreadable ({e})")
print(f"human format on the collection: {open(os.path.join(results, 'collection-human')).read().strip()}")
scaling = os.path.join(results, "scaling.md")
if os.path.exists(scaling):
    print()
    print(open(scaling).read().rstrip())
EOF
