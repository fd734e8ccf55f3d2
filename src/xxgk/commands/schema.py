"""`xxgk schema`: the JSON Schema of rules files, for editors' autocompletion."""

from __future__ import annotations

import json

from xxgk.rules import rules_json_schema


def run() -> None:
    print(json.dumps(rules_json_schema(), ensure_ascii=False, indent=2))
