#!/usr/bin/env python3
"""Checks every shipped scenario and suite file against Scenarios/metarec.schema.json
with a standard JSON Schema validator (Python's jsonschema, draft 2020-12).

A shipped scenario or suite file is a YAML file under Scenarios/ or Examples/ whose top
level is a mapping with a 'suite' or a 'models' key. Files named on the command line are
checked instead. Exits 0 when every file is valid, 1 when one is not, and 0 with a
message when python3's jsonschema or yaml module is missing (pip install jsonschema pyyaml).
"""
import pathlib
import sys

try:
    import jsonschema
    import yaml
except ImportError as missing:
    print(f"check-scenario-schema: skipped, {missing.name} is not installed (pip install jsonschema pyyaml)")
    sys.exit(0)

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "Scenarios" / "metarec.schema.json"


def shipped_files():
    """The scenario and suite files under Scenarios/ and Examples/."""
    for folder in ("Scenarios", "Examples"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
            if isinstance(document, dict) and ("suite" in document or "models" in document):
                yield path


def main(arguments):
    import json

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = [pathlib.Path(argument) for argument in arguments] or list(shipped_files())
    failed = 0
    for path in files:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
        for error in errors:
            field = ".".join(str(part) for part in error.absolute_path) or "(top level)"
            print(f"{path}: field '{field}': {error.message}")
        failed += bool(errors)
    print(f"check-scenario-schema: {len(files) - failed} of {len(files)} file(s) valid against {SCHEMA.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
