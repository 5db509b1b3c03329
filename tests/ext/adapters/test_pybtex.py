"""The in-text citations' surname style formats as sphinxcontrib-bibtex's own "last" style."""

from __future__ import annotations

import pytest
from pybtex.database import Person
from sphinxcontrib.bibtex.style.names.last import LastNameStyle

from pprnet.adapters.pybtex import SurnameStyle

NAMES = [
    "Murphy, Siobhain",
    "Zilcha-Mano, Sigal",
    "van der Berg, Anna",
    "de la Fuente, J.",
    'Fl{\\"u}ckiger, Christoph',
    "{\\'E}mile Durand",
    "{World Health Organization}",
    "Ng, A",
    "von Ho, B.",
]


@pytest.mark.parametrize("name", NAMES)
def test_surnames_as_the_last_name_style_formats_them(name: str) -> None:
    person = Person(name)
    expected = LastNameStyle().format(person).format()
    assert SurnameStyle().format(person) == expected
    assert SurnameStyle().format(person).render_as("html") == expected.render_as("html")
