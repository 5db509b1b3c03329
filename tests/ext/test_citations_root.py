"""Citations in the `test-archive` root: APA in-text forms, cited-by, each post's references."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import ROOTS, BuildResult, assert_same_outputs, data_url_text, sphinx_build


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = sphinx_build(ROOTS / "test-archive", tmp_path_factory.mktemp("citations"))
    assert result.stderr == ""
    return result


def citations(page: BeautifulSoup) -> list[tuple[str, str]]:
    return [
        (span.get_text(), span.select_one("a")["href"])
        for span in page.select("span.bibtex-citation")
    ]


def test_narrative_and_parenthetical_citations_in_apa_form(built: BuildResult) -> None:
    empathy = soup(built.outdir / "posts/2021/05-empathy.html")
    assert citations(empathy) == [
        ("Flückiger et al. (2018)", "../../bibliography.html#ref-fluckiger2018alliance"),
        ("(Norcross & Lambert, 2018)", "../../bibliography.html#ref-norcross2018relationships"),
    ]
    commentary = soup(built.outdir / "posts/2021/05-commentary.html")
    assert [text for text, _ in citations(commentary)] == ["Norcross and Lambert (2018)"]


def test_the_bibliography_shows_who_summarises_then_who_cites(built: BuildResult) -> None:
    page = soup(built.outdir / "bibliography.html")
    assert [entry["id"] for entry in page.select("ul.pprnet-bibliography > li")] == [
        "ref-elliott2018empathy",
        "ref-fluckiger2018alliance",
        "ref-norcross2018relationships",
    ]
    assert page.select(".pprnet-bibliography .label") == []
    alliance = page.select_one("#ref-fluckiger2018alliance")
    summarised, cited = (
        alliance.select(".pprnet-summarised-in"),
        alliance.select(".pprnet-cited-by"),
    )
    assert (
        summarised[0].get_text()
        == "Summarised in: The Alliance in Adult Psychotherapy (March 2020)"
    )
    assert [a["href"] for a in summarised[0].select("a")] == ["posts/2020/03-alliance.html"]
    assert cited[0].get_text() == "Cited by: Therapist Empathy and Client Outcome (May 2021)"
    assert [a["href"] for a in cited[0].select("a")] == ["posts/2021/05-empathy.html"]
    assert alliance.select_one("p.pprnet-reference").get_text().startswith("Flückiger, C."), (
        "the hanging indent of a post's references"
    )
    norcross = page.select_one("#ref-norcross2018relationships .pprnet-cited-by")
    assert [a.get_text() for a in norcross.select("a")] == [
        "Therapist Empathy and Client Outcome",
        "Why Adherence Is Not Enough",
    ]


def test_a_post_prints_its_summarised_work_once_then_lists_the_cited_ones(
    built: BuildResult,
) -> None:
    page = soup(built.outdir / "posts/2021/05-empathy.html")
    header = page.select_one(".pprnet-post-header")
    assert header.select_one(".pprnet-reference").get_text().startswith("Elliott, R.")
    assert header.select_one(".pprnet-bibliography-link a")["href"] == (
        "../../bibliography.html#ref-elliott2018empathy"
    )
    assert page.get_text().count("Therapist empathy and client outcome: An updated") == 1
    items = page.select("section.pprnet-references li")
    texts = [item.select_one(".pprnet-reference").get_text() for item in items]
    assert [text.split(",")[0] for text in texts] == ["Flückiger", "Norcross"]
    links = [item.select_one(".pprnet-bibliography-link a")["href"] for item in items]
    assert links[0] == "../../bibliography.html#ref-fluckiger2018alliance"


def test_a_commentary_lists_what_it_cites_without_a_summarised_work(built: BuildResult) -> None:
    page = soup(built.outdir / "posts/2021/05-commentary.html")
    items = page.select("section.pprnet-references li")
    assert len(items) == 1 and "Summarised" not in items[0].get_text()
    assert page.select(".pprnet-downloads") == []


def test_cite_this_summary_and_the_downloads(built: BuildResult) -> None:
    page = soup(built.outdir / "posts/2020/03-alliance.html")
    assert page.select_one(".pprnet-citation").get_text() == (
        "Tasca, G. A. (2020, March). The Alliance in Adult Psychotherapy. PPRNet Blog."
    )
    assert page.select_one(".pprnet-citation em").get_text() == "PPRNet Blog"
    bib_link, ris_link = page.select(".pprnet-downloads a")
    assert (bib_link["download"], ris_link["download"]) == (
        "fluckiger2018alliance.bib",
        "fluckiger2018alliance.ris",
    )
    ris = data_url_text(ris_link["href"], "application/x-research-info-systems")
    assert ris.splitlines()[:3] == ["TY  - JOUR", "AU  - Flückiger, C.", "AU  - Del Re, A. C."]
    assert "DO  - 10.1037/pst0000172" in ris
    bib = data_url_text(bib_link["href"], "application/x-bibtex")
    source = (ROOTS / "test-archive/references.bib").read_text(encoding="utf-8")
    assert bib.startswith("@article{fluckiger2018alliance,")
    assert bib.rstrip("\n") in source, "the entry as the bibliography has it"
    assert not list(built.outdir.rglob("*.bib")) + list(built.outdir.rglob("*.ris"))
    meta = {tag["name"]: tag["content"] for tag in page.select('meta[name^="citation_"]')}
    assert meta == {
        "citation_title": "The Alliance in Adult Psychotherapy",
        "citation_author": "Giorgio A. Tasca",
        "citation_publication_date": "2020/03/01",
        "citation_journal_title": "PPRNet Blog",
        "citation_doi": "10.1037/pst0000172",
    }


def test_removing_a_citation_drops_its_backlink_after_an_incremental_build(
    tmp_path: Path,
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)
    assert sphinx_build(srcdir, tmp_path / "out").stderr == ""
    post = srcdir / "posts/2021/05-commentary.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace(", after\n{cite:t}`norcross2018relationships`", ""), "utf-8")
    result = sphinx_build(srcdir, tmp_path / "out")
    assert result.stderr == ""
    page = soup(result.outdir / "bibliography.html")
    norcross = page.select_one("#ref-norcross2018relationships .pprnet-cited-by")
    assert [a.get_text() for a in norcross.select("a")] == ["Therapist Empathy and Client Outcome"]


def test_a_new_entry_that_letters_a_year_rebuilds_every_page_that_shows_either_work(
    tmp_path: Path,
) -> None:
    """Year letters are the whole bibliography's (APA 9.47): an entry that turns a cited work
    into 2018a gives, on a rebuild, the pages of a clean build, the summary of that work too."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-archive", srcdir)
    assert sphinx_build(srcdir, tmp_path / "incremental").stderr == ""
    bib = srcdir / "references.bib"
    bib.write_text(bib.read_text("utf-8") + (
        "\n@article{fluckiger2018later,\n"
        "  author = {Flückiger, C. and Del Re, A. C. and Wampold, B. E. and Horvath, A. O.},\n"
        "  year = {2018},\n  title = {Unsettled questions about the alliance},\n"
        "  journal = {Psychotherapy},\n  volume = {55},\n  pages = {400--410}\n}\n"
    ), "utf-8")  # fmt: skip
    post = srcdir / "posts/2021/05-empathy.md"
    post.write_text(
        post.read_text("utf-8").replace(
            "{cite:t}`fluckiger2018alliance`", "{cite:t}`fluckiger2018alliance,fluckiger2018later`"
        ),
        "utf-8",
    )
    incremental = sphinx_build(srcdir, tmp_path / "incremental")
    clean = sphinx_build(srcdir, tmp_path / "clean")
    assert incremental.stderr == clean.stderr == ""
    assert_same_outputs(clean.outdir, incremental.outdir)
    alliance = (clean.outdir / "posts/2020/03-alliance.html").read_text("utf-8")
    assert "(2018a). The alliance in adult psychotherapy" in alliance
    empathy = soup(clean.outdir / "posts/2021/05-empathy.html").get_text()
    assert "Flückiger et al. (2018a, 2018b)" in empathy
