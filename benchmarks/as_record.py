"""Clean one file through records mode: the file's text as a JSON Lines record, piped to
``articlefix --jsonl -``; the cleaned text printed. For the dev eval through records:

    python ../shared/eval/score.py --cmd 'python benchmarks/as_record.py {in}' --set dev

Its summary line must equal ``--cmd 'articlefix -q {in}'``'s: without --site-boilerplate a
record's text is cleaned exactly as ``clean(text)`` cleans it. The text is the file decoded
as articlefix decodes it (mojibake left alone: the record holds what a crawler stored).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from articlefix.decode import decode


def main() -> None:
    text = decode(Path(sys.argv[1]).read_bytes(), repair=False).text
    line = json.dumps({"id": sys.argv[1], "text": text}, ensure_ascii=False) + "\n"
    done = subprocess.run(
        [str(Path(sys.executable).with_name("articlefix")), "--jsonl", "-"],
        input=line.encode("utf-8"), capture_output=True, check=False,
    )  # fmt: skip
    sys.stderr.buffer.write(done.stderr)
    sys.stdout.write(json.loads(done.stdout)["text"])


if __name__ == "__main__":
    main()
