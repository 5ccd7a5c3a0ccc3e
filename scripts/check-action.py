#!/usr/bin/env python3
"""Runs the shell steps of action.yml the way GitHub runs them, against a local profilelint.

    python3 scripts/check-action.py --wheels DIR   # install the wheel in DIR as the action does
    python3 scripts/check-action.py --bin DIR      # use the profilelint binary in DIR

Steps run with `bash --noprofile --norc -eo pipefail`, as on the runners, and get their inputs
only through the steps' `env:`. With `--wheels`, the "Install profilelint" step runs with pip
pointed at DIR instead of PyPI (`PIP_NO_INDEX`, `PIP_FIND_LINKS`), installing the action's
default `version`; a version that is not a plain release number is refused. Then, on the
bundled examples:

- findings at or above `fail-on` give exit-code 1, GitHub annotations and a SARIF report, and
  the final step fails;
- `fail-on: never` gives exit-code 0 and the final step is skipped;
- `paths` is one path per line, spaces kept; `args` reach `profilelint check`;
- a usage error stops the step with exit code 2.

The upload step (github/codeql-action) is not run. Needs `ruamel.yaml`.
"""

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

from ruamel.yaml import YAML

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXPR = re.compile(r"^\$\{\{\s*(inputs|steps)\.([A-Za-z0-9_.-]+)\s*\}\}$")


def fail(message):
    print(f"check-action.py: {message}", file=sys.stderr)
    sys.exit(1)


def step(action, name):
    for s in action["runs"]["steps"]:
        if s.get("name") == name:
            return s
    fail(f"action.yml has no step named {name!r}")


def run_step(s, inputs, outputs, workdir, extra_env=None):
    """Runs one `run:` step; returns (exit code, its output, the step's outputs)."""
    env = dict(os.environ, **(extra_env or {}))
    for key, value in s.get("env", {}).items():
        m = EXPR.match(str(value))
        if not m:
            fail(f"env {key} = {value!r} is not a plain input or step output")
        kind, name = m.groups()
        env[key] = inputs[name] if kind == "inputs" else outputs.get(name, "")
    with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as script:
        script.write(s["run"])
    out_file = workdir / "github_output"
    out_file.write_text("")
    env["GITHUB_OUTPUT"] = str(out_file)
    try:
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", script.name],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(script.name)
    got = dict(line.split("=", 1) for line in out_file.read_text().splitlines() if "=" in line)
    return done.returncode, done.stdout + done.stderr, got


def run_action(action, bin_dir, workdir, **overrides):
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    inputs.update({k.replace("_", "-"): v for k, v in overrides.items()})
    return run_step(step(action, "Run profilelint"), inputs, {"install.outputs.bin": str(bin_dir)}, workdir)


def install(action, wheels, work):
    """Runs the install step against a folder of wheels; returns the bin folder it reports."""
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    s = step(action, "Install profilelint")
    temp = work / "runner-temp"
    temp.mkdir()
    env = {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels), "RUNNER_TEMP": str(temp)}
    code, log, outputs = run_step(s, dict(inputs, version="0.1; echo injected"), {}, work, env)
    ran = any(line.strip() == "injected" for line in log.splitlines())
    if code != 1 or "version must be an exact release" not in log or ran:
        fail(f"install: a malformed version was not refused (exit {code})\n{log}")
    code, log, outputs = run_step(s, inputs, {}, work, env)
    if code != 0 or "bin" not in outputs:
        fail(f"install: step exit {code}, outputs {outputs}\n{log}")
    return pathlib.Path(outputs["bin"])


def main():
    args = sys.argv[1:]
    if len(args) != 2 or args[0] not in ("--wheels", "--bin"):
        fail("usage: check-action.py --wheels DIR | --bin DIR")
    action = YAML(typ="safe").load((ROOT / "action.yml").read_text())

    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        given = pathlib.Path(args[1]).resolve()
        bin_dir = install(action, given, work) if args[0] == "--wheels" else given
        if not any((bin_dir / n).is_file() for n in ("profilelint", "profilelint.exe")):
            fail(f"no profilelint in {bin_dir}")
        shutil.copytree(ROOT / "examples", work / "examples")
        spaced = work / "Device Configurations"
        spaced.mkdir()
        shutil.copy(ROOT / "examples" / "ios-jit-sso-broken.mobileconfig", spaced / "jit.mobileconfig")

        # Findings at the default fail-on, with SARIF.
        code, log, raw = run_action(action, bin_dir, work, paths="examples", upload_sarif="true")
        if code != 0 or raw.get("exit-code") != "1":
            fail(f"findings: step exit {code}, exit-code {raw.get('exit-code')!r}\n{log}")
        if "::error file=examples/ios-jit-sso-broken.mobileconfig" not in log:
            fail(f"findings: no GitHub annotation for the broken example\n{log}")
        sarif = json.loads((work / raw.get("sarif-file", "missing")).read_text())
        results = sarif["runs"][0]["results"]
        if not any(r["ruleId"] == "SSO101" for r in results):
            fail("findings: SSO101 missing from the SARIF report")
        final = step(action, "Fail on findings")
        code, log, _ = run_step(final, {"fail-on": "error"}, {"check.outputs.exit-code": raw["exit-code"]}, work)
        if code != 1:
            fail(f"the final step exited {code}, expected 1\n{log}")

        # fail-on never: exit-code 0, no SARIF unless asked.
        code, log, raw = run_action(action, bin_dir, work, paths="examples", fail_on="never")
        if code != 0 or raw.get("exit-code") != "0" or "sarif-file" in raw:
            fail(f"fail-on never: step exit {code}, outputs {raw}\n{log}")
        if final["if"].strip() != "steps.check.outputs.exit-code != '0'":
            fail(f"the final step's condition changed: {final['if']!r}")

        # One path per line, spaces kept; extra arguments reach `check`.
        code, log, raw = run_action(
            action, bin_dir, work, paths="  Device Configurations  \n\nexamples/ios-jit-sso.mobileconfig\n",
            args="--select SSO101", fail_on="error",
        )
        if code != 0 or raw.get("exit-code") != "1":
            fail(f"paths with spaces: step exit {code}, outputs {raw}\n{log}")
        codes = set(re.findall(r"title=([A-Z]+[0-9]+)", log))
        if codes != {"SSO101"} or "file=Device Configurations/jit.mobileconfig" not in log:
            fail(f"paths with spaces and --select: unexpected annotations {codes}\n{log}")

        # A usage error stops the step with 2.
        code, log, raw = run_action(action, bin_dir, work, paths="examples", args="--no-such-option")
        if code != 2:
            fail(f"usage error: step exit {code}, expected 2\n{log}")

    how = "installed from the wheel" if args[0] == "--wheels" else "local binary"
    print(f"action.yml steps behave ({how}): findings, fail-on never, paths with spaces, args, usage error")


if __name__ == "__main__":
    main()
