"""APA 7 in-text citations: the one formatter of pages and feeds (model/intext.py)."""

from __future__ import annotations

import pytest
from pybtex.database import parse_string

from pprnet.model.intext import Cited, citation_text, format_citation, parse_citation
from pprnet.model.reference_list import References

ENTRIES = {
    key: next(iter(parse_string(text, "bibtex").entries.values()))
    for key, text in {
        "two": "@article{two, author={Murphy, R. and Hutton, P.}, year={2017}, title={T}}",
        "three": "@article{three, author={Steel, C. and Macdonald, J. and Schroder, T.},"
        " year={2017}, title={T}}",
        "van": "@article{van, author={van Dijk, A.}, year={2019}, title={T}}",
        "eds": "@book{eds, editor={Castonguay, L. G. and Hill, C. E.}, year={2017}, title={T}}",
    }.items()
}


REFERENCES = References(ENTRIES)


def cite(role: str, target: str) -> str:
    works = parse_citation(target)
    assert works is not None
    return citation_text(format_citation(role, works, REFERENCES))


@pytest.mark.parametrize(
    ("role", "target", "expected"),
    [
        ("t", "two", "Murphy and Hutton (2017)"),
        ("p", "two", "(Murphy & Hutton, 2017)"),
        ("t", "three", "Steel et al. (2017)"),
        ("ts", "three", "Steel, Macdonald, and Schroder (2017)"),
        ("ps", "three", "(Steel, Macdonald, & Schroder, 2017)"),
        ("p", "three,two", "(Murphy & Hutton, 2017; Steel et al., 2017)"),
        ("t", "three,two", "Steel et al. (2017), Murphy and Hutton (2017)"),
        ("p", "{see}three{p. 3}", "(see Steel et al., 2017, p. 3)"),
        ("t", "three{Table 2}", "Steel et al. (2017, Table 2)"),
        ("year", "two", "2017"),
        ("yearpar", "two", "(2017)"),
        ("author", "three", "Steel et al."),
        ("authors", "three", "Steel, Macdonald, and Schroder"),
        ("authorpar", "two", "(Murphy and Hutton)"),
        ("alp", "two,three", "Murphy & Hutton, 2017; Steel et al., 2017"),
        ("t", "van", "van Dijk (2019)"),
        ("ct", "van", "Van Dijk (2019)"),
        ("cauthor", "van", "Van Dijk"),
        ("p", "eds", "(Castonguay & Hill, 2017)"),
        ("p", "two,missing", "(Murphy & Hutton, 2017; missing)"),
    ],
)
def test_each_role_as_apa_writes_it(role: str, target: str, expected: str) -> None:
    assert cite(role, target) == expected


def test_the_links_cover_the_year_in_narrative_and_the_whole_in_parenthetical() -> None:
    narrative = format_citation("t", [Cited("two")], REFERENCES)
    assert narrative == [("Murphy and Hutton (", None), ("2017", "two"), (")", None)]
    parenthetical = format_citation("p", [Cited("two", "see")], REFERENCES)
    assert parenthetical == [("(", None), ("see Murphy & Hutton, 2017", "two"), (")", None)]


@pytest.mark.parametrize("target", ["", "a b", "{see}", "a,,b", "a{x", "a}"])
def test_a_malformed_target_is_none(target: str) -> None:
    assert parse_citation(target) is None


def test_targets_with_notes_and_spaces() -> None:
    assert parse_citation(" {see} a {p. 3} , b") == [Cited("a", "see", "p. 3"), Cited("b")]


def test_an_et_al_stands_for_two_names_or_more() -> None:
    """APA 8.18: works that "et al." would make look alike list the names that tell them
    apart; when only the last name would be left, all are listed ("et al." is plural)."""
    entries = {
        key: next(iter(parse_string(text, "bibtex").entries.values()))
        for key, text in {
            "a": "@article{a, author={Kim, A. and Li, B. and Ray, C.}, year={2019}, title={A}}",
            "b": "@article{b, author={Kim, A. and Li, B. and Sen, D.}, year={2019}, title={B}}",
            "c": "@article{c, author={Kim, A. and Ng, E. and Ray, C. and Sen, D.}, year={2019},"
            " title={C}}",
            "d": "@article{d, author={Kim, A. and Ng, E. and Ota, F. and Sen, D.}, year={2019},"
            " title={D}}",
        }.items()
    }
    references = References(entries)
    cited = [citation_text(format_citation("p", [Cited(k)], references)) for k in "abcd"]
    assert cited == [
        "(Kim, Li, & Ray, 2019)",
        "(Kim, Li, & Sen, 2019)",
        "(Kim, Ng, Ray, & Sen, 2019)",  # not "Kim, Ng, Ray, et al.": et al. for one name
        "(Kim, Ng, Ota, & Sen, 2019)",
    ]  # (two names abbreviated: the oracle's Kazdin, Blase, et al., 2019)
