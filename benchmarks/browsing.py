"""What a reader waits for in the browser on a built site: the explorer's data, served
compressed, and the time from a change of one of its filters to the next painted frame, in
Debian's Chromium. For `run.py`; its rows hold at 1,000 posts: data under 250 kB, a change
under 50 ms."""

from __future__ import annotations

import gzip
import statistics
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

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
# Words typed into the text filter, until the whole texts (the search index) have answered.
TYPE = """async (words) => {
  const explorer = document.querySelector(".pprnet-explorer");
  const box = document.querySelector("#pprnet-q");
  const start = performance.now();
  box.value = words;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  while (explorer.dataset.searched !== words) await new Promise((done) => setTimeout(done, 1));
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return performance.now() - start;
}"""


def _median_ms(page: Page, script: str, args: list[str]) -> float:
    return statistics.median(page.evaluate(script, arg) for arg in args)


def explorer_figures(html: Path, words: list[str]) -> dict[str, float]:
    """The explorer's data (kB, gzip -6) and the median milliseconds of a topic ticked, a type
    chosen, and text typed (the first query, which loads the index, and later ones)."""
    data = gzip.compress((html / "explorer.json").read_bytes(), compresslevel=6, mtime=0)
    with serve_compressed(html) as (url, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{url}/explorer.html")
        page.wait_for_selector(".pprnet-explorer[data-ready]", state="attached")
        topic = ".pprnet-filter-topics input"
        figures = {
            "explorer data (kB gz)": len(data) / 1e3,
            "explorer: tick a topic (ms)": _median_ms(page, CHANGE, [topic] * REPEATS),
            "explorer: type, first query (ms)": page.evaluate(TYPE, words[0]),
            "explorer: type, later query (ms)": _median_ms(page, TYPE, words[1 : 1 + REPEATS]),
        }
        browser.close()
    return figures
