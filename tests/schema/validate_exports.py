#!/usr/bin/env python3
"""Validate exported documents against the shared schemas.

Usage: validate_exports.py DIR
  Every *.openslo.yaml in DIR: each document against the OpenSLO v1 schema.
  Every *.pyrra.yaml in DIR: each document against the openAPIV3Schema of
  Pyrra's ServiceLevelObjective CRD.
  Every *.sloth.yaml and alert-windows-*.yaml: parsed, with Sloth's field rules.
The schemas are read from $SLO_SCHEMAS_DIR, by default ../shared/schemas
relative to the repository root. Prints one line per checked file
("ok: ..." or "FAIL: ...") and exits 1 if any check failed.
"""
import json
import os
import pathlib
import re
import sys

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = pathlib.Path(os.environ.get("SLO_SCHEMAS_DIR", ROOT / ".." / "shared" / "schemas")).resolve()


class StringTimestampLoader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as strings, as the Go tools do."""


StringTimestampLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_docs(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.load_all(f, Loader=StringTimestampLoader) if d is not None]


def openslo_validator():
    base = SCHEMAS / "openslo-v1"
    registry = Registry()
    for p in [base / "openslo.schema.json", *sorted((base / "parts").glob("*.json"))]:
        schema = json.loads(p.read_text(encoding="utf-8"))
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7))
    root = json.loads((base / "openslo.schema.json").read_text(encoding="utf-8"))
    whole = jsonschema.Draft7Validator(root, registry=registry)
    parts = {
        "Service": "service", "SLI": "sli", "SLO": "slo", "DataSource": "datasource", "AlertPolicy": "alertpolicy",
        "AlertCondition": "alertcondition", "AlertNotificationTarget": "alertnotificationtarget",
    }
    by_kind = {
        kind: jsonschema.Draft7Validator(
            {"allOf": [{"$ref": "https://openslo.com/schemas/v1/parts/general.schema.json"},
                       {"$ref": f"https://openslo.com/schemas/v1/parts/{part}-spec.schema.json"}]},
            registry=registry)
        for kind, part in parts.items()
    }
    return KindValidator(whole, by_kind)


class KindValidator:
    """Validates against the whole OpenSLO schema; explains failures with the
    schema of the document's own kind, whose errors point at the field."""

    def __init__(self, whole, by_kind):
        self.whole, self.by_kind = whole, by_kind

    def iter_errors(self, doc):
        errors = list(self.whole.iter_errors(doc))
        if not errors:
            return []
        kind = doc.get("kind") if isinstance(doc, dict) else None
        detailed = list(self.by_kind[kind].iter_errors(doc)) if kind in self.by_kind else []
        return detailed or errors


def pyrra_validator():
    crd = json.loads((SCHEMAS / "pyrra" / "pyrra.dev_servicelevelobjectives.json").read_text(encoding="utf-8"))
    versions = crd["spec"].get("versions") or []
    schema = next((v["schema"]["openAPIV3Schema"] for v in versions if v.get("name") == "v1alpha1"), None)
    if schema is None:
        schema = crd["spec"]["validation"]["openAPIV3Schema"]
    return jsonschema.Draft7Validator(schema)


SLOTH_NAME = re.compile(r"^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$|^[A-Za-z0-9]$")


def sloth_errors(doc):
    if doc.get("apiVersion") == "sloth.slok.dev/v1":
        errs = [] if doc.get("kind") == "AlertWindows" else ["unknown kind"]
        for sev in ("page", "ticket"):
            for speed in ("quick", "slow"):
                w = (doc.get("spec", {}).get(sev) or {}).get(speed) or {}
                if not {"errorBudgetPercent", "shortWindow", "longWindow"} <= set(w):
                    errs.append(f"spec.{sev}.{speed} incomplete")
        return errs
    errs = []
    if doc.get("version") != "prometheus/v1":
        errs.append("version must be prometheus/v1")
    if not SLOTH_NAME.match(str(doc.get("service", ""))):
        errs.append(f"service name {doc.get('service')!r}")
    for i, slo in enumerate(doc.get("slos") or []):
        if not SLOTH_NAME.match(str(slo.get("name", ""))):
            errs.append(f"slos[{i}].name {slo.get('name')!r}")
        obj = slo.get("objective")
        if not isinstance(obj, (int, float)) or not 0 < obj <= 100:
            errs.append(f"slos[{i}].objective {obj!r}")
        sli = slo.get("sli") or {}
        if "raw" in sli:
            # Sloth's raw SLI: one error-ratio query, and no events.
            raw = (sli.get("raw") or {}).get("error_ratio_query", "")
            if "{{.window}}" not in raw:
                errs.append(f"slos[{i}] raw error_ratio_query needs {{{{.window}}}}")
            if "events" in sli:
                errs.append(f"slos[{i}] has both sli.raw and sli.events")
            continue
        ev = sli.get("events") or {}
        e, t = ev.get("error_query", ""), ev.get("total_query", "")
        if "{{.window}}" not in e or "{{.window}}" not in t:
            errs.append(f"slos[{i}] queries need {{{{.window}}}}")
        if e.strip() == t.strip():
            errs.append(f"slos[{i}] error and total queries must differ")
    if not doc.get("slos"):
        errs.append("no slos")
    return errs


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = pathlib.Path(sys.argv[1])
    checks = [
        ("Sloth field rules", "*.sloth.yaml", None),
        ("Sloth field rules", "alert-windows-*.yaml", None),
    ]
    if SCHEMAS.is_dir():
        checks[:0] = [
            ("OpenSLO v1 schema", "*.openslo.yaml", openslo_validator()),
            ("Pyrra CRD schema", "*.pyrra.yaml", pyrra_validator()),
        ]
    else:
        # A clone on its own has no ../shared: say so, and count these as skipped, never passed.
        for what, pattern in [("OpenSLO v1 schema", "*.openslo.yaml"), ("Pyrra CRD schema", "*.pyrra.yaml")]:
            n = len(list(out.glob(pattern)))
            print(f"skip: {what} on {n} files: schema directory {SCHEMAS} not found (set SLO_SCHEMAS_DIR)")
    failed = seen = 0
    for what, pattern, validator in checks:
        for path in sorted(out.glob(pattern)):
            seen += 1
            problems = []
            try:
                docs = load_docs(path)
            except yaml.YAMLError as e:
                docs, problems = [], [f"YAML: {e}"]
            if not docs and not problems:
                problems.append("no documents")
            for n, doc in enumerate(docs):
                if validator is not None:
                    for err in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
                        # oneOf/allOf failures: report the most relevant inner error.
                        while err.context:
                            err = jsonschema.exceptions.best_match(err.context)
                        loc = "/".join(str(p) for p in err.absolute_path) or "(root)"
                        problems.append(f"document {n + 1} {doc.get('kind', '')} {loc}: {err.message[:200]}")
                else:
                    problems.extend(f"document {n + 1}: {p}" for p in sloth_errors(doc))
            if problems:
                failed += 1
                print(f"FAIL: {what} {path}")
                for p in problems:
                    print(f"    {p}")
            else:
                print(f"ok: {what} {path} ({len(docs)} documents)")
    if seen == 0:
        print(f"FAIL: no exported documents found in {out}")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
