# The real archive's configuration, with validation reporting problems instead of leaving posts
# out, so that every payload below reaches the pages, templates and feeds it could reach.
from pathlib import Path

_project = Path(__file__).resolve().parents[4]
exec((_project / "conf.py").read_text(encoding="utf-8"))  # noqa: S102 (our own conf.py)

templates_path = [str(_project / "_templates")]
html_static_path = [str(_project / "_static")]
html_favicon = str(_project / "_static/favicon.svg")
exclude_patterns = ["_build"]
pprnet_strict = False
