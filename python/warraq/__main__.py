"""``python -m warraq``: the ``warraq`` command (see :mod:`warraq.cli`).

>>> main(["info", "examples/no-such-folder"])
2
"""

from __future__ import annotations

from warraq.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(main())
