"""The hosting files are valid for their services, and pull requests never get write access."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from support import PROJECT

WORKFLOWS = PROJECT / ".github" / "workflows"
SCHEMAS = [
    (".readthedocs.yaml", "vendor.readthedocs"),
    (".github/workflows/pull-request.yml", "vendor.github-workflows"),
    (".github/workflows/deploy.yml", "vendor.github-workflows"),
    # Every job has a timeout, so that a hung browser cannot hold a runner for six hours.
    (".github/workflows/pull-request.yml", "custom.github-workflows-require-timeout"),
    (".github/workflows/deploy.yml", "custom.github-workflows-require-timeout"),
]


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def run(*command: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """A command run in the project, its output captured."""
    return subprocess.run(
        command, cwd=PROJECT, input=stdin, capture_output=True, text=True, check=False
    )


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean true.
    value = workflow.get("on", workflow.get(True))
    assert isinstance(value, dict)
    return value


def test_every_workflow_is_checked() -> None:
    assert {path.name for path in WORKFLOWS.glob("*.y*ml")} == {
        Path(name).name for name, _ in SCHEMAS if name.startswith(".github/")
    }


@pytest.mark.parametrize(("name", "schema"), SCHEMAS)
def test_hosting_file_matches_its_schema(name: str, schema: str) -> None:
    done = run(sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, name)
    assert done.returncode == 0, done.stdout + done.stderr


def test_pull_requests_run_with_a_read_only_token_and_no_secrets() -> None:
    path = WORKFLOWS / "pull-request.yml"
    code = "\n".join(line.partition("#")[0] for line in path.read_text("utf-8").splitlines())
    workflow = load(path)
    assert set(triggers(workflow)) == {"pull_request"}
    assert "pull_request_target" not in code
    assert "secrets." not in code
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert set(job.get("permissions", {}).values()) <= {"read", "none"}
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "make test" in steps


def test_main_is_built_with_make_dist_and_deployed_to_pages() -> None:
    workflow = load(WORKFLOWS / "deploy.yml")
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "make dist" in [step.get("run") for step in build["steps"]]
    (upload,) = [s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert upload["with"]["path"] == "_build/dist"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_read_the_docs_builds_like_make_html() -> None:
    config = load(PROJECT / ".readthedocs.yaml")
    assert config["build"]["tools"]["python"] == "3.11"
    assert config["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}
    assert config["python"]["install"] == [{"method": "pip", "path": "."}]


def test_pre_commit_checks_posts_when_the_archive_content_changes() -> None:
    config = load(PROJECT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "check-readthedocs", "check-github-workflows"} <= set(
        hooks
    )
    check = hooks["pprnet-check"]
    assert check["entry"].endswith("pprnet check")
    assert check["pass_filenames"] is False
    files = re.compile(check["files"])
    content = ["posts/2018/01-therapist-internalized-models.md", "references.bib"]
    assert all(files.search(name) for name in [*content, "vocabulary.toml"])
    others = ["conf.py", "README.md", "tests/ext/roots/test-archive/references.bib", "posts/x.py"]
    assert not any(files.search(name) for name in others)


def test_workflows_pass_the_actions_security_linter() -> None:
    done = run(str(Path(sys.executable).parent / "zizmor"), "--offline", str(WORKFLOWS))
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_action_is_pinned_to_a_commit() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for job in load(path)["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step


def test_a_pull_request_summary_separates_content_from_code() -> None:
    changed = "posts/2020/03-a.md\nposts/2020/figure.png\nindex.md\nreferences.bib\n"
    changed += "conf.py\n_static/pprnet.js\nREADME.md\n.github/workflows/deploy.yml\n"
    done = run(sys.executable, str(PROJECT / ".ci" / "review_scope.py"), stdin=changed)
    assert done.returncode == 0, done.stderr
    assert "**Content** (4 file(s))" in done.stdout
    listed = re.findall(r"^- `(.+)`$", done.stdout, flags=re.MULTILINE)
    assert listed == [".github/workflows/deploy.yml", "README.md", "_static/pprnet.js", "conf.py"]
    workflow = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    assert 'review_scope.py >> "$GITHUB_STEP_SUMMARY"' in workflow
