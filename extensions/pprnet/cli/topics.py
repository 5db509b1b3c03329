"""`pprnet topics`: the vocabulary, with the number of posts for each entry."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from pprnet.cli.project import load_project
from pprnet.model.checks import build_date, check_text
from pprnet.model.problems import decode


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "topics", help="list the topics and types of research, with their number of posts"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = load_project(Path.cwd())
    topics: Counter[str] = Counter()
    research_types: Counter[str] = Counter()
    today = build_date()
    keys = project.bibliography.keys()
    for path in sorted(project.posts_dir.rglob("*.md")):
        # A post that cannot be read counts nowhere; `pprnet check` says why.
        text, _ = decode(path.read_bytes())
        front = check_text(text, project.vocabulary, keys, today).front
        if front is not None:
            topics.update(front.topics)
            research_types[front.research_type] += 1
    for title, terms, counts in (
        ("Topics", project.vocabulary.topics, topics),
        ("Types of research", project.vocabulary.types, research_types),
    ):
        print(f"{title}:")
        width = max(len(term.slug) for term in terms)
        for term in terms:
            print(f"  {term.slug:<{width}}  {counts[term.slug]:>4}  {term.label}")
    return 0
