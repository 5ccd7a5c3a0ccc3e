#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the test fixtures and examples (run from anywhere).
# The corpora are not checked in: they are rebuilt from the fixtures at run time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
corpus="$here/corpus"
mkdir -p "$corpus"/{parse_any,stream,xml_vs_plist,json,cms,fix_roundtrip}

# Name each seed by a hash of its content, as libFuzzer does, so reruns add nothing twice.
seed() {
  local target="$1" file="$2"
  local sum
  sum="$(sha1sum "$file" | cut -d' ' -f1)"
  cp "$file" "$corpus/$target/$sum"
}

# What a file is, from its first bytes (as `source::sniff` does, roughly).
kind() {
  local first
  first="$(head -c 64 "$1" | LC_ALL=C tr -d ' \t\r\n' | head -c 8 | od -An -tx1 | tr -d ' \n')"
  case "$first" in
    62706c697374*) echo binary ;;                 # bplist
    30*) echo der ;;                              # SEQUENCE
    3c*|efbbbf3c*|fffe3c00*|feff003c*) echo xml ;;
    7b*|5b*|efbbbf7b*|efbbbf5b*|fffe7b00*|fffe5b00*) echo json ;;
    *) echo other ;;
  esac
}

while IFS= read -r -d '' file; do
  seed parse_any "$file"
  case "$(kind "$file")" in
    der) seed cms "$file" ;;
    xml) seed xml_vs_plist "$file"; seed fix_roundtrip "$file" ;;
    json) seed json "$file"; seed fix_roundtrip "$file" ;;
  esac
done < <(find "$root/tests/fixtures" "$root/examples" -type f \
  \( -name '*.mobileconfig' -o -name '*.plist' -o -name '*.json' -o -name '*.xml' -o -name '*.p7m' -o -name '*.p7s' \) -print0)

# Multi-file fixtures (folders inside a rule's fixture folder) become one parse_any seed each,
# the files joined by the separator that `checks::split_files` splits on.
while IFS= read -r -d '' dir; do
  out="$(mktemp)"
  first=1
  while IFS= read -r -d '' file; do
    if [ "$first" = 0 ]; then printf '\n--profilelint-fuzz-file--\n' >> "$out"; fi
    cat "$file" >> "$out"
    first=0
  done < <(find "$dir" -type f \( -name '*.json' -o -name '*.mobileconfig' -o -name '*.plist' \) -print0 | sort -z | head -z -n 6)
  seed parse_any "$out"
  rm -f "$out"
done < <(find "$root/tests/fixtures" -mindepth 2 -maxdepth 2 -type d -print0)

# Generated shapes that the fixtures lack: a binary plist whose arrays share children (7 levels
# of 14 references, too many values once expanded) alone and as a custom profile's base64
# payload; a minified Graph export with many fixes; a CR-only profile; malformed JSON nested
# beyond the depth limit.
gen="$(mktemp -d)"
{
  printf 'bplist00\x09'
  for level in 0 1 2 3 4 5 6; do
    printf '\xae'
    for _ in $(seq 14); do printf "\\x$(printf %02x "$level")"; done
  done
  printf '\x08\x09\x18\x27\x36\x45\x54\x63'
  printf '\x00\x00\x00\x00\x00\x00\x01\x01'
  printf '\x00\x00\x00\x00\x00\x00\x00\x08'
  printf '\x00\x00\x00\x00\x00\x00\x00\x07'
  printf '\x00\x00\x00\x00\x00\x00\x00\x72'
} > "$gen/shared.plist"
printf '{"@odata.type":"#microsoft.graph.iosCustomConfiguration","payloadFileName":"a.mobileconfig","payload":"%s"}' \
  "$(base64 -w0 "$gen/shared.plist")" > "$gen/custom-shared.json"
{
  printf '{"value":['
  for i in $(seq 200); do
    [ "$i" = 1 ] || printf ','
    printf '{"@odata.type":"#microsoft.graph.iosDeviceFeaturesConfiguration","id":"%s","iosSingleSignOnExtension":{"@odata.type":"#microsoft.graph.iosAzureAdSingleSignOnExtension","configurations":[{"@odata.type":"#microsoft.graph.keyStringValuePair","key":"device_registration","value":"{{DEVICEREGISTRATION}}"}%s]}}' \
      "$i" "$([ $((i % 2)) = 0 ] && printf ',{"@odata.type":"#microsoft.graph.keyIntegerValuePair","key":"browser_sso_interaction_enabled","value":0}')"
  done
  printf ']}'
} > "$gen/minified-export.json"
tr '\n' '\r' < "$root/examples/ios-jit-sso-broken.mobileconfig" | tr -d '\n' > "$gen/cr-only.mobileconfig"
{ printf '{"a": 1,, "b": '; printf '[%.0s' $(seq 200); printf ']%.0s' $(seq 200); printf '}'; } > "$gen/deep-malformed.json"
seed parse_any "$gen/shared.plist"
for f in custom-shared.json minified-export.json cr-only.mobileconfig deep-malformed.json; do
  seed parse_any "$gen/$f"
  seed fix_roundtrip "$gen/$f"
done
rm -rf "$gen"

# The stream target reads its input as parse_any does: the same seeds.
cp "$corpus/parse_any/"* "$corpus/stream/"

# The checked-in regressions are seeds as well.
for target in parse_any stream xml_vs_plist json cms fix_roundtrip; do
  if [ -d "$here/regressions/$target" ]; then
    find "$here/regressions/$target" -type f ! -name '*.md' -exec cp {} "$corpus/$target/" \;
  fi
done

for target in parse_any stream xml_vs_plist json cms fix_roundtrip; do
  echo "$target: $(find "$corpus/$target" -type f | wc -l) seeds"
done
