"""What a reader waits for in the browser on a built site: the explorer's data, served
compressed, and the time from a change of one of its filters to the next painted frame, in
Debian's Chromium. For `run.py`; at 1,000 posts the data must stay under 250 kB and a change
be answered under 50 ms (the whole texts may take longer: a new word's part of the search
index is fetched first)."""

from __future__ import annotations

import gzip
import statistics
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from serving import serve_compressed

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
REPEATS = 5

# A change, then the frame after it: the time a reader sees the answer.
CHANGE = """async (selector) => {
  const control = document.querySelector(selector);
  const start = performance.now();
  control.click();
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return performance.now() - start;
}"""
# Words typed into the text filter: the frame after the explorer's own data has answered, and
# the frame after the whole texts (the search index, which may fetch a chunk) have.
TYPE = """async (words) => {
  const explorer = document.querySelector(".pprnet-explorer");
  const box = document.querySelector("#pprnet-q");
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const start = performance.now();
  box.value = words;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  await frame();
  const first = performance.now() - start;
  while (explorer.dataset.searched !== words) await new Promise((done) => setTimeout(done, 1));
  await frame();
  return [first, performance.now() - start];
}"""


def _median_ms(page: Page, script: str, args: list[str]) -> float:
    return statistics.median(page.evaluate(script, arg) for arg in args)


def explorer_figures(
    html: Path, words: list[str], browser: Browser | None = None
) -> dict[str, float]:
    """The explorer's data (kB, gzip -6) and the median milliseconds of a topic ticked and of
    words typed, first answered from the explorer's data, then from the whole texts. In
    `browser`, or in a Chromium of its own."""
    if browser is None:
        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return explorer_figures(html, words, own)
            finally:
                own.close()
    data = gzip.compress((html / "explorer.json").read_bytes(), compresslevel=6, mtime=0)
    with serve_compressed(html) as (url, _):
        page = browser.new_page()
        page.goto(f"{url}/explorer.html")
        page.wait_for_selector(".pprnet-explorer[data-ready]", state="attached")
        tick = _median_ms(page, CHANGE, [".pprnet-filter-topics input"] * REPEATS)
        page.evaluate(TYPE, words[0])  # the first query loads the index's entry and filters
        typed = [page.evaluate(TYPE, word) for word in words[1 : 1 + REPEATS]]
        page.close()
    return {
        "explorer data (kB gz)": len(data) / 1e3,
        "explorer: tick a topic (ms)": tick,
        "explorer: type, its data answers (ms)": statistics.median(t[0] for t in typed),
        "explorer: type, whole texts answer (ms)": statistics.median(t[1] for t in typed),
    }
