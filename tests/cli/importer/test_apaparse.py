"""APA reference strings as BibTeX entries, their keys and their layout in references.bib."""

from __future__ import annotations

from typing import Any

import pytest
from pybtex.richtext import Text

from pprnet.cli.importer.apaparse import (
    format_entry,
    latex_escape,
    make_key,
    parse_direct_names,
    parse_names,
    parse_reference,
    protect_capitals,
)
from pprnet.model.bibfile import read_bibliography


def fields_of(text: str) -> dict[str, Any]:
    """Type, people and fields of the parsed entry, as plain values to compare."""
    entry = parse_reference(text).entry
    people = {role: [str(person) for person in persons] for role, persons in entry.persons.items()}
    return {"type": entry.type, **people, **dict(entry.fields)}


# The six reference lines of the seed page, each checked by hand against the line.
SEED_REFERENCES = [
    (
        "Steel, C., Macdonald, J., & Schroder, T. (2017). A systematic review of the effect of "
        "therapists’ internalized models of relationships on the quality of the therapeutic "
        "relationship. Journal of Clinical Psychology. Advance online publication.",
        "steel2017systematic",
        {
            "type": "article",
            "author": ["Steel, C.", "Macdonald, J.", "Schroder, T."],
            "year": "2017",
            "title": "A systematic review of the effect of therapists’ internalized models of "
            "relationships on the quality of the therapeutic relationship",
            "journal": "Journal of Clinical Psychology",
            "note": "Advance online publication",
        },
    ),
    (
        "Hayes, J. A., Owen, J., Nissen-Lie, H. A. (2017). The contribution of client culture to "
        "differential therapist effectiveness. In L. G. Castonguay and C. E. Hill (Eds.) How and "
        "why are some therapists better than others? Understanding therapist effects (Ch. 9). "
        "Washington: American Psychological Association.",
        "hayes2017contribution",
        {
            "type": "incollection",
            "author": ["Hayes, J. A.", "Owen, J.", "Nissen-Lie, H. A."],
            "editor": ["Castonguay, L. G.", "Hill, C. E."],
            "year": "2017",
            "title": "The contribution of client culture to differential therapist effectiveness",
            "booktitle": "How and why are some therapists better than others? Understanding "
            "therapist effects",
            "chapter": "9",
            "publisher": "American Psychological Association",
            "address": "Washington",
        },
    ),
    (
        "Stiles, W. B. & Horvath, A. O. (2017). Appropriate responsiveness as a contribution to "
        "therapist effects. In L. Castonguay and C. Hill (Eds.). How and why some therapists are "
        "better than others?: Understanding therapist effects (Ch. 4). Washington: American "
        "Psychological Association.",
        "stiles2017appropriate",
        {
            "type": "incollection",
            "author": ["Stiles, W. B.", "Horvath, A. O."],
            "editor": ["Castonguay, L.", "Hill, C."],
            "year": "2017",
            "title": "Appropriate responsiveness as a contribution to therapist effects",
            # As the page prints it; references.bib has the book's real title.
            "booktitle": "How and why some therapists are better than others?: Understanding "
            "therapist effects",
            "chapter": "4",
            "publisher": "American Psychological Association",
            "address": "Washington",
        },
    ),
    (
        "Murphy, R. & Hutton, P. (2017). Therapist variability, patient reported therapeutic "
        "alliance, and clinical outcomes in adolescents undergoing mental health treatment: A "
        "systematic review and meta-analysis. The Journal of Child Psychology and Psychiatry, "
        "doi:10.1111/jcpp.12767.",
        "murphy2017therapist",
        {
            "type": "article",
            "author": ["Murphy, R.", "Hutton, P."],
            "year": "2017",
            "title": "Therapist variability, patient reported therapeutic alliance, and clinical "
            "outcomes in adolescents undergoing mental health treatment: {A} systematic review "
            "and meta-analysis",
            "journal": "The Journal of Child Psychology and Psychiatry",
            "doi": "10.1111/jcpp.12767",
        },
    ),
    (
        "Zilcha-Mano, S. (2017). Is the alliance really therapeutic? Revisiting this question in "
        "light of recent methodological advances. American Psychologist, 72, 311-325.",
        "zilchamano2017alliance",
        {
            "type": "article",
            "author": ["Zilcha-Mano, S."],
            "year": "2017",
            "title": "Is the alliance really therapeutic? {Revisiting} this question in light of "
            "recent methodological advances",
            "journal": "American Psychologist",
            "volume": "72",
            "pages": "311--325",
        },
    ),
    (
        "Greenberg, R.P. (2016). The rebirth of psychosocial importance in a drug-filled world. "
        "American Psychologist, 71, 781-791.",
        "greenberg2016rebirth",
        {
            "type": "article",
            "author": ["Greenberg, R. P."],
            "year": "2016",
            "title": "The rebirth of psychosocial importance in a drug-filled world",
            "journal": "American Psychologist",
            "volume": "71",
            "pages": "781--791",
        },
    ),
]


@pytest.mark.parametrize(("text", "key", "expected"), SEED_REFERENCES, ids=lambda v: str(v)[:12])
def test_the_seed_references(text: str, key: str, expected: dict[str, Any]) -> None:
    parsed = parse_reference(text)
    assert parsed.complete and parsed.notes == ()
    assert fields_of(text) == expected
    assert make_key(parsed.entry, frozenset()) == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a chapter with edition, volume and pages, editors joined with "&"
            "Norcross, J. C., & Lambert, M. J. (2019). Evidence-based psychotherapy "
            "relationships. In J. C. Norcross & M. J. Lambert (Eds.), Psychotherapy relationships "
            "that work (3rd ed., Vol. 1, pp. 1–23). New York: Oxford University Press.",
            {
                "type": "incollection",
                "author": ["Norcross, J. C.", "Lambert, M. J."],
                "editor": ["Norcross, J. C.", "Lambert, M. J."],
                "year": "2019",
                "title": "Evidence-based psychotherapy relationships",
                "booktitle": "Psychotherapy relationships that work",
                "edition": "3rd",
                "volume": "1",
                "pages": "1--23",
                "publisher": "Oxford University Press",
                "address": "New York",
            },
        ),
        (  # a book with its edition and place
            "Wampold, B. E., & Imel, Z. E. (2015). The great psychotherapy debate: The evidence "
            "for what makes psychotherapy work (2nd ed.). New York: Routledge.",
            {
                "type": "book",
                "author": ["Wampold, B. E.", "Imel, Z. E."],
                "year": "2015",
                "title": "The great psychotherapy debate: {The} evidence for what makes "
                "psychotherapy work",
                "edition": "2nd",
                "publisher": "Routledge",
                "address": "New York",
            },
        ),
        (  # an APA 7 book: no place
            "Yalom, I. D., & Leszcz, M. (2020). The theory and practice of group psychotherapy "
            "(6th ed.). Basic Books.",
            {
                "type": "book",
                "author": ["Yalom, I. D.", "Leszcz, M."],
                "year": "2020",
                "title": "The theory and practice of group psychotherapy",
                "edition": "6th",
                "publisher": "Basic Books",
            },
        ),
        (  # an edited book: its editors lead the entry
            "Castonguay, L. G., & Hill, C. E. (Eds.). (2017). How and why are some therapists "
            "better than others? Understanding therapist effects. Washington: American "
            "Psychological Association.",
            {
                "type": "book",
                "editor": ["Castonguay, L. G.", "Hill, C. E."],
                "year": "2017",
                "title": "How and why are some therapists better than others? {Understanding} "
                "therapist effects",
                "publisher": "American Psychological Association",
                "address": "Washington",
            },
        ),
        (  # volume(issue), an en dash in the pages, a DOI as a link
            "Swift, J. K., & Greenberg, R. P. (2012). Premature discontinuation in adult "
            "psychotherapy: A meta-analysis. Journal of Consulting and Clinical Psychology, "
            "80(4), 547–559. https://doi.org/10.1037/a0028226",
            {
                "type": "article",
                "author": ["Swift, J. K.", "Greenberg, R. P."],
                "year": "2012",
                "title": "Premature discontinuation in adult psychotherapy: {A} meta-analysis",
                "journal": "Journal of Consulting and Clinical Psychology",
                "volume": "80",
                "number": "4",
                "pages": "547--559",
                "doi": "10.1037/a0028226",
            },
        ),
        (  # a group author, braced so that BibTeX reads one name
            "American Psychological Association. (2017). Ethical principles of psychologists and "
            "code of conduct. Washington: American Psychological Association.",
            {
                "type": "book",
                "author": ["{American Psychological Association}"],
                "year": "2017",
                "title": "Ethical principles of psychologists and code of conduct",
                "publisher": "American Psychological Association",
                "address": "Washington",
            },
        ),
        (  # non-ASCII and particle surnames, an article number
            "de Jong, K., Flückiger, C., & Del Re, A. C. (2021). Using progress feedback: A "
            "multilevel meta-analysis. Clinical Psychology Review, 85, Article 102002.",
            {
                "type": "article",
                "author": ["de Jong, K.", "Flückiger, C.", "Del Re, A. C."],
                "year": "2021",
                "title": "Using progress feedback: {A} multilevel meta-analysis",
                "journal": "Clinical Psychology Review",
                "volume": "85",
                "pages": "102002",
            },
        ),
    ],
    ids=["chapter-pages", "book-edition", "book-apa7", "edited-book", "doi-link", "group", "names"],
)
def test_chapters_books_and_articles(text: str, expected: dict[str, Any]) -> None:
    parsed = parse_reference(text)
    assert parsed.notes == ()
    assert fields_of(text) == expected


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Personal communication with the author, 2016.", "no 'Authors (year).' at its start"),
        ("Smith J (2016). Title. Journal, 1, 1-2.", "authors not in the form"),
        ("Doe, J. (2015). Notes on therapy, as given at a meeting.", "title and source not"),
        ("Doe, J. (2015). Notes {on therapy. Journal, 1, 1-2.", "unbalanced braces"),
    ],
)
def test_what_cannot_be_read_becomes_misc_with_the_whole_text(text: str, note: str) -> None:
    parsed = parse_reference(text)
    assert not parsed.complete and parsed.entry.type == "misc"
    assert note in parsed.notes[0] and "kept whole in note" in parsed.notes[0]
    kept = str(Text.from_latex(parsed.entry.fields["note"]))
    assert kept == text.replace("{", "(")


def test_odd_forms_are_read_and_flagged() -> None:
    abridged = parse_reference(
        "Lambert, M. J., Whipple, J. L., . . . Kleinstäuber, M. (2018). Collecting and "
        "delivering progress feedback. Psychotherapy, 55(4), 520-537."
    )
    assert [str(p) for p in abridged.entry.persons["author"]] == [
        "Lambert, M. J.",
        "Whipple, J. L.",
        "Kleinstäuber, M.",
    ]
    assert abridged.notes == ("the author list is abridged ('…'): complete it",)
    in_press = parse_reference(
        "Flückiger, C., & Del Re, A. C. (in press). The alliance in adult psychotherapy. "
        "Psychotherapy. doi: 10.1037/pst0000172"
    )
    assert in_press.entry.type == "article"
    assert in_press.entry.fields["year"] == "in press"
    assert in_press.entry.fields["doi"] == "10.1037/pst0000172"
    assert in_press.notes == ("no year of publication (in press)",)
    assert make_key(in_press.entry, frozenset()) == "fluckigerinpressalliance"
    suffixed = parse_reference("Smith, A. (2017a). Second paper. Psychotherapy, 54, 1-10.")
    assert suffixed.entry.fields["year"] == "2017"


def test_names_in_both_orders() -> None:
    assert parse_names("Stiles, W. B. & Horvath, A. O.") == ["Stiles, W. B.", "Horvath, A. O."]
    assert parse_names("Greenberg, R.P.") == ["Greenberg, R. P."]
    assert parse_names("Dupont, J.-P., and Roy, M.") == ["Dupont, J.-P.", "Roy, M."]
    assert parse_names("Smith, Jones") is None
    assert parse_direct_names("L. G. Castonguay and C. E. Hill") == [
        "Castonguay, L. G.",
        "Hill, C. E.",
    ]
    assert parse_direct_names("J. C. Norcross, M. J. Lambert, & B. E. Wampold") == [
        "Norcross, J. C.",
        "Lambert, M. J.",
        "Wampold, B. E.",
    ]


def test_keys_skip_short_words_fold_to_ascii_and_stay_unique() -> None:
    entry = parse_reference(
        "Flückiger, C. (2018). The alliance in adult psychotherapy. Psychotherapy, 55, 1-2."
    ).entry
    assert make_key(entry, frozenset()) == "fluckiger2018alliance"
    taken = frozenset({"fluckiger2018alliance", "fluckiger2018allianceb"})
    assert make_key(entry, taken) == "fluckiger2018alliancec"
    del_re = parse_reference("Del Re, A. C. (2012). On a test. Psychotherapy, 49, 1-2.").entry
    assert make_key(del_re, frozenset()) == "delre2012test"
    misc = parse_reference("Personal communication with the author, 2016.").entry
    assert make_key(misc, frozenset()) == "personalnd"


def test_the_layout_of_references_bib() -> None:
    text, key, _ = SEED_REFERENCES[1]
    assert format_entry(key, parse_reference(text).entry) == (
        "@incollection{hayes2017contribution,\n"
        "  author = {Hayes, J. A. and Owen, J. and Nissen-Lie, H. A.},\n"
        "  year = {2017},\n"
        "  title = {The contribution of client culture to differential therapist "
        "effectiveness},\n"
        "  booktitle = {How and why are some therapists better than others? Understanding "
        "therapist effects},\n"
        "  editor = {Castonguay, L. G. and Hill, C. E.},\n"
        "  chapter = {9},\n"
        "  publisher = {American Psychological Association},\n"
        "  address = {Washington}\n"
        "}\n"
    )


@pytest.mark.parametrize(("text", "_key", "_expected"), SEED_REFERENCES, ids=lambda v: str(v)[:12])
def test_every_entry_reads_back_the_same(text: str, _key: str, _expected: object) -> None:
    entry = parse_reference(text).entry
    bib = read_bibliography(format_entry("k", entry))
    assert bib.problems == []
    read = bib.entries["k"].entry
    assert dict(read.fields) == dict(entry.fields)
    assert {r: list(map(str, p)) for r, p in read.persons.items()} == {
        r: list(map(str, p)) for r, p in entry.persons.items()
    }


def test_special_characters_survive_bibtex() -> None:
    text = "50% of A & B ~ C \\ D"
    assert str(Text.from_latex(latex_escape(text))) == text
    bib = read_bibliography("@misc{k,\n  note = {" + latex_escape(text) + "}\n}\n")
    assert str(Text.from_latex(bib.entries["k"].entry.fields["note"])) == text


def test_capitals_after_the_first_word_are_protected() -> None:
    assert protect_capitals("Is it? Revisiting “Alliance” (CBT) and PTSD: A review") == (
        "Is it? {Revisiting} “{Alliance}” ({CBT}) and {PTSD}: {A} review"
    )
    assert protect_capitals("CBT for depression") == "{CBT} for depression"
    assert protect_capitals("The rebirth of psychosocial importance") == (
        "The rebirth of psychosocial importance"
    )
