"""A writer process for the user-store crash, fault-injection and concurrency tests.

Run as ``python tests/helpers/writer.py MODE ...`` with NKRU_USER_DB naming the store.
It prints a line only after the call it reports has returned (flushed), so whatever the parent
reads was acknowledged. Fault injection patches os functions in this process only.

Modes:
  loop SEED              READY, then applies common.ops_for(SEED) printing "A <i>" after each
  fault OP POINT         OP in insert/update/delete; dies with os._exit(77) at POINT:
                         write:<pct> | fsync1:before|after | fsync2:before|after |
                         replace:before|after
  many TAG N GOFILE [tinydb]   waits for GOFILE, then adds N notes TAG-<i>; prints DONE
  setnotes JSON          sets {target: text} (text given \\u-escaped), prints the notes read back
  dump                   prints the notes as ASCII-escaped JSON
"""

from __future__ import annotations

import json
import os
import random
import sys
import time

from common import ops_for

from nkru_tui.core.userlayer import UserLayer


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def mode_loop(seed: str) -> None:
    layer = UserLayer.open(None)
    say("READY")
    for i, op in enumerate(ops_for(int(seed))):
        if op[0] == "set":
            layer.set_note(op[1], op[2])
        else:
            layer.delete_note(op[1])
        say(f"A {i}")


def install_fault(point: str) -> None:
    real_write, real_fsync, real_replace = os.write, os.fsync, os.replace
    kind, _, arg = point.partition(":")
    fsyncs = [0]

    def is_temp(fd: int) -> bool:
        try:
            return ".tmp-" in os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            return True

    def write(fd, data):
        if kind == "write" and is_temp(fd):
            cut = int(len(data) * int(arg) / 100)
            done = 0
            while done < cut:
                done += real_write(fd, memoryview(data)[done:cut])
            os._exit(77)
        return real_write(fd, data)

    def fsync(fd):
        fsyncs[0] += 1
        mine = kind == f"fsync{fsyncs[0]}"
        if mine and arg == "before":
            os._exit(77)
        real_fsync(fd)
        if mine and arg == "after":
            os._exit(77)

    def replace(src, dst, **kw):
        if kind == "replace" and arg == "before":
            os._exit(77)
        real_replace(src, dst, **kw)
        if kind == "replace" and arg == "after":
            os._exit(77)

    os.write, os.fsync, os.replace = write, fsync, replace


def mode_fault(op: str, point: str) -> None:
    layer = UserLayer.open(None)
    install_fault(point)
    if op == "insert":
        layer.set_note("new", "새 노트 — новая заметка")
    elif op == "update":
        layer.set_note("upd", "updated text — обновлено")
    elif op == "delete":
        layer.delete_note("del")
    else:
        raise SystemExit(f"unknown op {op}")
    say("ACK")  # the fault point was never reached


def mode_many(tag: str, n: str, gofile: str, how: str = "layer") -> None:
    layer = UserLayer.open(None)
    db = layer.store if how == "tinydb" else None
    deadline = time.monotonic() + 30
    while not os.path.exists(gofile):
        if time.monotonic() > deadline:
            raise SystemExit("no go signal")
        time.sleep(0.001)
    for i in range(int(n)):
        if db is not None:
            db.table("notes").insert({"target": f"{tag}-{i}", "text": f"note {i} from {tag}"})
        else:
            layer.set_note(f"{tag}-{i}", f"note {i} from {tag}")
        time.sleep(random.random() / 1000)  # let the others in, as real users would
    say("DONE")


def mode_setnotes(spec: str) -> None:
    layer = UserLayer.open(None)
    for target, text in json.loads(spec).items():
        layer.set_note(target, text)
    say(json.dumps({n["target"]: n["text"] for n in layer.notes()}, ensure_ascii=True))


def mode_dump() -> None:
    layer = UserLayer.open(None)
    say(json.dumps({n["target"]: n["text"] for n in layer.notes()}, ensure_ascii=True))


def main() -> None:
    mode, *args = sys.argv[1:]
    {"loop": mode_loop, "fault": mode_fault, "many": mode_many, "setnotes": mode_setnotes,
     "dump": mode_dump}[mode](*args)


if __name__ == "__main__":
    main()
