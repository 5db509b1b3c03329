"""WCAG contrast, and colours inverted as mail clients that force a dark scheme invert them."""

from __future__ import annotations

import pytest

from pprnet.model.contrast import contrast, inverted, parse_colour, worst_contrast


def test_colours_are_read_in_both_hex_forms() -> None:
    assert parse_colour("#fff") == parse_colour("#FFFFFF") == (255, 255, 255)
    assert parse_colour(" #0b4f8a ") == (11, 79, 138)


@pytest.mark.parametrize("value", ["red", "#ffff", "rgb(0, 0, 0)", "#gggggg", ""])
def test_anything_but_hex_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="not a hex colour"):
        parse_colour(value)


def test_contrast_runs_from_one_to_twenty_one() -> None:
    black, white = (0, 0, 0), (255, 255, 255)
    assert contrast(black, white) == pytest.approx(21)
    assert contrast(white, black) == pytest.approx(21)
    assert contrast(white, white) == pytest.approx(1)
    assert contrast(parse_colour("#767676"), white) == pytest.approx(4.54, abs=0.01)


def test_inversion_is_255_minus_each_channel() -> None:
    assert inverted((0, 79, 255)) == (255, 176, 0)


def test_a_pair_on_a_mid_tone_can_pass_as_written_and_fail_inverted() -> None:
    # Black on mid grey: 4.9 as written; inverted, white on a slightly lighter grey: 3.7.
    text, background = (0, 0, 0), parse_colour("#7a7a7a")
    assert contrast(text, background) >= 4.5 > worst_contrast(text, background)
