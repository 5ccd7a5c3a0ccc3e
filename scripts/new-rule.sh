#!/usr/bin/env bash
# Writes the stubs of a new rule: its implementation file (declared in its family's mod.rs), its doc
# with the required headings, and a fail/pass fixture pair; then prints the catalog entry to add by
# hand, which registers the rule, so nothing runs before it is reviewed.
#
#   scripts/new-rule.sh CODE name family [severity] [fix]
#   scripts/new-rule.sh SSO609 psso-example platform_sso warning none
#
# family: one of the folders of src/rules (input, profile, identity, extension_data, bundle_ids,
# authenticator, deployment, platform_sso). severity: error|warning|info. fix: none|safe|unsafe.
set -euo pipefail

if [[ $# -lt 3 ]]; then
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
code=$1 name=$2 family=$3 severity=${4:-warning} fix=${5:-none}
cd "$(dirname "$0")/.."

[[ $code =~ ^(PL|SSO)[0-9]{3}$ ]] || { echo "code must look like PL123 or SSO123: $code" >&2; exit 2; }
[[ $name =~ ^[a-z][a-z0-9-]*$ ]] || { echo "name must be kebab-case: $name" >&2; exit 2; }
[[ -d src/rules/$family ]] || { echo "no rule family src/rules/$family" >&2; exit 2; }
case $severity in error|warning|info) ;; *) echo "severity: error, warning or info" >&2; exit 2 ;; esac
case $fix in none|safe|unsafe) ;; *) echo "fix: none, safe or unsafe" >&2; exit 2 ;; esac
if grep -qE "^\s+$code," src/contract/codes.rs; then echo "$code is already in the catalog" >&2; exit 2; fi

lower=$(tr '[:upper:]' '[:lower:]' <<<"$code")
snake=${name//-/_}
file=src/rules/$family/${lower}_${snake}.rs
type=$(sed -E 's/(^|-)([a-z])/\U\2/g' <<<"$name")
capital() { sed -E 's/^(.)/\U\1/' <<<"$1"; }

for f in "$file" "rules/$code.md" "tests/fixtures/$code"; do
    [[ -e $f ]] && { echo "$f exists" >&2; exit 2; }
done

cat >"$file" <<RS
//! $code $name: TODO one sentence: what is wrong, where.
//!
//! TODO why, with the source (the rule doc has the full story).

use crate::rules::codes::$code;
use crate::rules::{Context, Rule, RuleMeta};

/// See the module docs.
pub struct $type;

impl Rule for $type {
    fn meta(&self) -> &'static RuleMeta {
        &$code
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut crate::rules::Findings<'_>) {
        // TODO: push \`_cx.report(&$code, message, location)\` for each finding.
    }
}
RS

cat >"rules/$code.md" <<MD
# $code: $name

| Code | Name | Default severity | Fix |
|---|---|---|---|
| $code | $name | $severity | $fix |

## What it checks

TODO

## Why it matters

TODO

## Example

Failing:

\`\`\`xml fail
TODO: a complete document on which the rule fires
\`\`\`

Passing:

\`\`\`xml pass
TODO: a complete document the rule leaves quiet
\`\`\`

## How to fix

TODO

## References

- TODO: each source, public and named.
MD

mkdir -p "tests/fixtures/$code"
touch "tests/fixtures/$code/fail_TODO.mobileconfig" "tests/fixtures/$code/pass_TODO.mobileconfig"

# The family declares the new file (after its last rule module, so it stays in code order when
# codes are added in order).
last=$(grep -n '^pub(super) mod ' "src/rules/$family/mod.rs" | tail -1 | cut -d: -f1)
sed -i "${last:-0}a pub(super) mod ${lower}_${snake};" "src/rules/$family/mod.rs"

cat <<NEXT
Wrote $file, rules/$code.md and tests/fixtures/$code/{fail,pass}_TODO.mobileconfig, and declared
the module in src/rules/$family/mod.rs. Now add the catalog entry, in catalog order, to
src/contract/codes.rs (it registers the implementation too):
    $code, "$name", $(capital "$severity"), $(capital "$fix"),
        Checked($family::${lower}_${snake}::$type),
        "TODO summary";
Then: the README rule table (PROFILELINT_BLESS=1 cargo test --test it guard::), the rule's
snapshot tests/snapshots/rules/$code.snap (INSTA_UPDATE=always cargo test --test it
rule_fixtures::) and a CHANGELOG line.
NEXT
