"""Colour contrast as WCAG 2 measures it, and colours inverted as mail clients that force a dark
scheme invert them (pure, no Sphinx)."""

from __future__ import annotations

import re

RGB = tuple[int, int, int]

_HEX_RE = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
MINIMUM = 4.5  # WCAG 2 AA for body text


def parse_colour(value: str) -> RGB:
    """`#rgb` or `#rrggbb` as three channels of 0-255; anything else is a ValueError (the
    newsletter's stylesheet writes its colours in hex only)."""
    match = _HEX_RE.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"not a hex colour: {value!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(char * 2 for char in digits)
    red, green, blue = (int(digits[index : index + 2], 16) for index in (0, 2, 4))
    return red, green, blue


def inverted(colour: RGB) -> RGB:
    """The colour a client that inverts the message shows: 255 minus each channel."""
    red, green, blue = colour
    return 255 - red, 255 - green, 255 - blue


def luminance(colour: RGB) -> float:
    """Relative luminance (WCAG 2)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: RGB, background: RGB) -> float:
    """The contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def worst_contrast(foreground: RGB, background: RGB) -> float:
    """The lower contrast of the pair as written and with both colours inverted."""
    return min(
        contrast(foreground, background), contrast(inverted(foreground), inverted(background))
    )
