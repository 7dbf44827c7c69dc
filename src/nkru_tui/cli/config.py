"""`nkru-tui config`: where the settings file is and the settings in force; `--default`
prints a commented file to start from."""

from __future__ import annotations

import json
import sys

from ..core.config import DEFAULT_FILE, load
from ..core.errors import EXIT_OK, EXIT_USAGE


def cmd_config(ctx) -> int:
    if ctx.args.default:
        sys.stdout.write(DEFAULT_FILE)
        return EXIT_OK
    st = load()
    for line in st.problems:
        print(f"nkru-tui: {line}", file=sys.stderr)
    print(f"# {st.path} ({'read' if st.found else 'not there: all defaults'})")
    for key, value in st.in_force().items():
        if key == "keys":
            continue
        print(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    if st.keys:
        print("[keys]")
        for bid, keys in st.keys.items():
            print(f"{bid} = {json.dumps(keys)}")
    return EXIT_USAGE if st.problems else EXIT_OK


def register(sub, common) -> None:
    p = sub.add_parser(
        "config",
        parents=[common],
        help="where the settings file is and the settings in force (--default: a file to start)",
    )
    p.add_argument("--default", action="store_true", help="print a commented default file")
    p.set_defaults(handler=cmd_config)


__all__ = ["register"]
