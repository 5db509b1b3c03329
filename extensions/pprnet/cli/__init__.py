"""`pprnet`: the contributor's and the editor's command line (check, new, newsletter, ...)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pprnet.cli import check, new, newsletter, topics
from pprnet.cli.importer import command as importer
from pprnet.cli.project import ProjectError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="pprnet", description="Tools for contributors to the PPRNet research archive."
    )
    commands = parser.add_subparsers(
        title="commands", required=True, metavar="COMMAND", dest="command"
    )
    for command in (new, check, topics, importer, newsletter):
        command.register(commands)
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
    except ProjectError as error:
        print(f"pprnet {args.command}: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the output went to a pager or `head` that closed early
        return 0
    return result
