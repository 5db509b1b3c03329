"""APA 7 strings checked by hand against the APA manual, starting with the seed page's six."""

from __future__ import annotations

import random
import string

import pytest
from pybtex.database import parse_string
from pybtex.richtext import Text

from pprnet.model import apa
from pprnet.model.apa import format_reference
from pprnet.model.bibfile import read_bibliography
from support import PROJECT

REFERENCES = read_bibliography((PROJECT / "references.bib").read_text("utf-8"))

SEED = {
    "steel2017systematic": "Steel, C., Macdonald, J., & Schroder, T. (2017). A systematic review "
    "of the effect of therapists’ internalized models of relationships on the quality of the "
    "therapeutic relationship. Journal of Clinical Psychology. Advance online publication.",
    "hayes2017contribution": "Hayes, J. A., Owen, J., & Nissen-Lie, H. A. (2017). The contribution "
    "of client culture to differential therapist effectiveness. In L. G. Castonguay & C. E. Hill "
    "(Eds.), How and why are some therapists better than others? Understanding therapist effects. "
    "American Psychological Association.",
    "stiles2017appropriate": "Stiles, W. B., & Horvath, A. O. (2017). Appropriate responsiveness "
    "as a contribution to therapist effects. In L. G. Castonguay & C. E. Hill (Eds.), How and why "
    "are some therapists better than others? Understanding therapist effects. American "
    "Psychological Association.",
    "murphy2017therapist": "Murphy, R., & Hutton, P. (2017). Therapist variability, patient "
    "reported therapeutic alliance, and clinical outcomes in adolescents undergoing mental health "
    "treatment: A systematic review and meta-analysis. The Journal of Child Psychology and "
    "Psychiatry. Advance online publication. https://doi.org/10.1111/jcpp.12767",
    "zilchamano2017alliance": "Zilcha-Mano, S. (2017). Is the alliance really therapeutic? "
    "Revisiting this question in light of recent methodological advances. American Psychologist, "
    "72, 311–325.",
    "greenberg2016rebirth": "Greenberg, R. P. (2016). The rebirth of psychosocial importance in a "
    "drug-filled world. American Psychologist, 71, 781–791.",
}


@pytest.mark.parametrize("key", sorted(SEED))
def test_the_seed_references(key: str) -> None:
    entry = REFERENCES.get(key)
    assert entry is not None
    assert str(format_reference(entry.entry)) == SEED[key]


def entry(bibtex: str):  # type: ignore[no-untyped-def]
    return next(iter(parse_string(bibtex, "bibtex").entries.values()))


def test_journal_and_volume_in_italics_issue_in_parentheses_doi_as_link() -> None:
    html = format_reference(entry(
        "@article{k, author={Flückiger, C. and Del Re, A. C.}, year={2018},"
        " title={The alliance in adult psychotherapy}, journal={Psychotherapy}, volume={55},"
        " number={4}, pages={316--340}, doi={10.1037/pst0000172}}"
    )).render_as("html")  # fmt: skip
    assert html == (
        "Flückiger, C., &amp; Del Re, A. C. (2018). The alliance in adult psychotherapy. "
        "<em>Psychotherapy</em>, <em>55</em>(4), 316–340. "
        '<a href="https://doi.org/10.1037/pst0000172">https://doi.org/10.1037/pst0000172</a>'
    )


def test_a_book_with_edition() -> None:
    text = str(format_reference(entry(
        "@book{k, author={Yalom, Irvin D. and Leszcz, Molyn}, year={2020}, edition={6th},"
        " title={The theory and practice of group psychotherapy}, publisher={Basic Books}}"
    )))  # fmt: skip
    assert text == (
        "Yalom, I. D., & Leszcz, M. (2020). The theory and practice of group psychotherapy "
        "(6th ed.). Basic Books."
    )


def test_a_chapter_with_pages_and_one_editor() -> None:
    text = str(format_reference(entry(
        "@incollection{k, author={Norcross, J. C.}, year={2011}, title={Psychotherapy relationships"
        " that work}, booktitle={Psychotherapy relationships that work}, editor={Norcross, J. C.},"
        " pages={3--21}, publisher={Oxford University Press}}"
    )))  # fmt: skip
    assert text == (
        "Norcross, J. C. (2011). Psychotherapy relationships that work. In J. C. Norcross (Ed.), "
        "Psychotherapy relationships that work (pp. 3–21). Oxford University Press."
    )


def test_twenty_one_authors_are_cut_with_an_ellipsis_before_the_last() -> None:
    authors = " and ".join(f"Author{i}, A." for i in range(1, 22))
    text = str(format_reference(entry(
        f"@article{{k, author={{{authors}}}, year={{2020}}, title={{T}}, journal={{J}}, "
        "volume={1}}"
    )))  # fmt: skip
    assert text.startswith("Author1, A., Author2, A.,")
    assert "Author19, A., … Author21, A. (2020)." in text
    assert "Author20" not in text


def test_hyphenated_first_names_keep_the_hyphen_in_initials() -> None:
    text = str(format_reference(entry(
        "@article{k, author={Bernier, Jean-Paul}, year={2019}, title={T}, journal={J}, volume={1}}"
    )))  # fmt: skip
    assert text.startswith("Bernier, J.-P. (2019).")


def test_a_report_with_its_number_and_institution() -> None:
    text = str(format_reference(entry(
        "@techreport{k, author={{National Institute for Health and Care Excellence}}, year={2022},"
        " title={Depression in adults: Treatment and management}, number={NG222},"
        " type={NICE Guideline}, institution={NICE}, url={https://www.nice.org.uk/guidance/ng222}}"
    )))  # fmt: skip
    assert text == (
        "National Institute for Health and Care Excellence. (2022). Depression in adults: "
        "Treatment and management (NICE Guideline No. NG222). NICE. "
        "https://www.nice.org.uk/guidance/ng222"
    )


def test_a_title_ending_in_a_question_mark_takes_no_period() -> None:
    text = str(format_reference(entry(
        "@article{k, author={Zilcha-Mano, S.}, year={2017}, title={Is the alliance therapeutic?},"
        " journal={American Psychologist}, volume={72}, pages={311--325}}"
    )))  # fmt: skip
    assert "Is the alliance therapeutic? American Psychologist" in text


def test_fields_without_latex_skip_the_decoder_with_the_same_result() -> None:
    alphabet = string.ascii_letters + string.digits + " \t.,;:!?()[]/&*+=@|<>'\"-é–~$`\n"
    rng = random.Random(2013)  # noqa: S311 (reproducible test data, not secrets)
    samples = ["", "Zilcha-Mano", "1--20", "x---y", ",,a", " a", "a  b", "!`", "{APA}", '{\\"u}']
    samples += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(20000)
    ]
    for value in samples:
        assert apa.from_latex(value) == Text.from_latex(value), value
