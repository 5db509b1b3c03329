// The search page: a query and filters from the address (?q=words&topic=t&type=t&year=y),
// searched in the Pagefind index (written by the build: stages/render/search.py), each group of
// search terms honoured by searching each of its spellings and merging the results. The state
// lives in the address, so a search can be bookmarked or shared; typing replaces the current
// view in the history, a submitted search or a changed filter adds one. Text from the index is
// set as text; an excerpt's <mark> elements are rebuilt from an inert parse, nothing else.
"use strict";
(() => {
  const form = document.querySelector(".pprnet-search");
  const status = document.querySelector(".pprnet-search-status");
  const list = document.querySelector(".pprnet-search-results");
  const more = document.querySelector(".pprnet-search-more");
  const words = window.pprnetWords;
  if (!form || !status || !list || !more || !words || !window.URLSearchParams) return;

  const box = form.querySelector("#pprnet-search-q");
  const selects = ["topic", "type", "year"].map((name) => form.querySelector(`#pprnet-search-${name}`));
  const terms = words.parser(JSON.parse(form.dataset.searchTerms || "[]"));
  const PAGE_SIZE = 10;
  const ENTRIES_SHOWN = 3;
  const BIBLIOGRAPHY_ENTRY = /^ref-/;

  const known = (select, value) =>
    [...select.options].some((option) => option.value === value) ? value : "";
  const fromAddress = () => {
    const params = new URLSearchParams(location.search);
    return {
      q: (params.get("q") || "").trim(),
      filters: Object.fromEntries(selects.map((s) => [s.name, known(s, params.get(s.name) || "")])),
    };
  };
  const fromForm = () => ({
    q: box.value.trim(),
    filters: Object.fromEntries(selects.map((select) => [select.name, select.value])),
  });
  const show = (state) => {
    if (box.value.trim() !== state.q) box.value = state.q;
    for (const select of selects) select.value = state.filters[select.name];
  };
  const address = (state) => {
    const params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    for (const [name, value] of Object.entries(state.filters)) if (value) params.set(name, value);
    const query = params.toString();
    return query ? `?${query}` : location.pathname;
  };

  // An excerpt as text with its highlighted words: only text and <mark> are kept.
  const excerpt = (html) => {
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
    const paragraph = document.createElement("p");
    paragraph.className = "pprnet-search-excerpt";
    for (const node of parsed.body.firstChild.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.append(mark);
      } else {
        paragraph.append(node.textContent);
      }
    }
    return paragraph;
  };

  // The innermost element with an id (a section, an entry) before a word of the page.
  const anchorsOf = (data) =>
    data.anchors.filter((a) => a.id).sort((a, b) => a.location - b.location);
  const anchorBefore = (anchors, location) => anchors.filter((a) => a.location <= location).pop();

  // The bibliography's entries a result's hits are in (each entry is an element whose id
  // starts "ref-"), most hits first: a hit opens the bibliography at its entry.
  const entries = (data) => {
    const anchors = anchorsOf(data);
    const content = data.content.split(/\s+/);
    const hits = new Map();
    for (const location of data.locations) {
      const at = anchorBefore(anchors, location);
      if (!at || !BIBLIOGRAPHY_ENTRY.test(at.id)) continue;
      const next = anchors.find((a) => a.location > at.location);
      const entry = hits.get(at.id) || { id: at.id, hits: new Set(), start: at.location,
                                         end: next ? next.location : content.length };
      entry.hits.add(location);
      hits.set(at.id, entry);
    }
    return [...hits.values()]
      .sort((a, b) => b.hits.size - a.hits.size || a.start - b.start)
      .slice(0, ENTRIES_SHOWN)
      .map((entry) => {
        const text = document.createElement("span");
        for (let at = entry.start; at < entry.end; at += 1) {
          if (at > entry.start) text.append(" ");
          if (entry.hits.has(at)) {
            const mark = document.createElement("mark");
            mark.textContent = content[at];
            text.append(mark);
          } else {
            text.append(content[at]);
          }
        }
        return { url: `${data.url.split("#")[0]}#${entry.id}`, text };
      });
  };

  // What a result is: a summary's month and type of research, or a topic or type page.
  const typeLabels = new Map([...selects[1].options].map((option) => [option.value, option.text]));
  const label = (data) => {
    const [month] = data.filters.month || [];
    const [type] = data.filters.type || [];
    if (month) {
      const date = new Date(`${month}-01T00:00:00Z`);
      const when = date.toLocaleDateString("en", { month: "long", year: "numeric", timeZone: "UTC" });
      return type ? `${when} · ${typeLabels.get(type) || type}` : when;
    }
    if ((data.filters.tier || []).includes("collections")) {
      return /\/types\/[^/]*$/.test(data.url) ? "Type of research" : "Topic";
    }
    return "";
  };

  const resultItem = (data) => {
    const item = document.createElement("li");
    item.className = "pprnet-search-result";
    const found = data.anchors.some((a) => BIBLIOGRAPHY_ENTRY.test(a.id || "")) ? entries(data) : [];
    // A page other than a summary opens where its words weigh most (a section's heading).
    let section = null;
    if (!data.filters.summary && data.weighted_locations.length) {
      const best = data.weighted_locations.reduce((a, b) => (b.balanced_score > a.balanced_score ? b : a));
      const at = anchorBefore(anchorsOf(data), best.location);
      if (at) section = { url: `${data.url.split("#")[0]}#${at.id}` };
    }
    const title = document.createElement("p");
    title.className = "pprnet-search-title";
    const link = document.createElement("a");
    link.href = found.length ? found[0].url : section ? section.url : data.url;
    link.textContent = data.meta.title || data.url;
    title.append(link);
    item.append(title);
    const what = label(data);
    if (what) {
      const line = document.createElement("p");
      line.className = "pprnet-search-label";
      line.textContent = what;
      item.append(line);
    }
    if (found.length) {
      const entryList = document.createElement("ul");
      entryList.className = "pprnet-search-entries";
      for (const entry of found) {
        const entryItem = document.createElement("li");
        const entryLink = document.createElement("a");
        entryLink.href = entry.url;
        entryLink.append(entry.text);
        entryItem.append(entryLink);
        entryList.append(entryItem);
      }
      item.append(entryList);
    } else {
      item.append(excerpt(data.excerpt));
    }
    return item;
  };

  // One search: the pages having every term of the query (words.matching), summaries first,
  // then topic and type pages, then the other pages (each page's `tier` filter), each tier
  // ranked by the index's scores for the query's spellings (the best kept). Without words:
  // the filtered summaries, newest first.
  const TIERS = ["collections", "pages"]; // and the summaries, the pages of neither
  let tierOf = null; // page id -> its position among the tiers, once
  const tiers = async (pagefind) => {
    tierOf ??= Promise.all(
      TIERS.map((tier) => pagefind.search(null, { filters: { tier } })),
    ).then((responses) => {
      const map = new Map();
      responses.forEach((response, at) => {
        for (const result of response.results) map.set(result.id, at + 1);
      });
      return map;
    });
    return tierOf;
  };
  const search = async (state) => {
    const pagefind = await words.pagefind();
    const filters = Object.fromEntries(Object.entries(state.filters).filter(([, v]) => v));
    if (!state.q) {
      const response = await pagefind.search(null, { filters, sort: { date: "desc" } });
      return response.results;
    }
    const queryTerms = terms(state.q);
    const [found, ranked, tier] = await Promise.all([
      words.matching(pagefind, queryTerms, filters, words.results),
      Promise.all(words.queries(queryTerms).map((query) => pagefind.search(query, { filters }))),
      tiers(pagefind),
    ]);
    const score = new Map();
    for (const result of ranked.flatMap((response) => response.results)) {
      score.set(result.id, Math.max(score.get(result.id) || 0, result.score));
    }
    return [...found.values()].sort(
      (a, b) =>
        (tier.get(a.id) || 0) - (tier.get(b.id) || 0) ||
        (score.get(b.id) || 0) - (score.get(a.id) || 0),
    );
  };

  let current = 0; // the latest search; an older one that answers late is dropped
  let shownResults = [];
  let shown = 0;
  const showMore = async (searchNumber) => {
    const next = shownResults.slice(shown, shown + PAGE_SIZE);
    const pages = await Promise.all(next.map((result) => result.data()));
    if (searchNumber !== current) return;
    list.append(...pages.map(resultItem));
    shown += next.length;
    more.hidden = shown >= shownResults.length;
  };
  const run = async (state) => {
    current += 1;
    const searchNumber = current;
    const filtered = Object.values(state.filters).some(Boolean);
    if (!state.q && !filtered) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Type words to search, or choose a topic, a type of research or a year.";
      return;
    }
    status.textContent = "Searching…";
    let results;
    try {
      results = await search(state);
    } catch {
      if (searchNumber === current) status.textContent = "The search index could not be loaded.";
      return;
    }
    if (searchNumber !== current) return;
    list.replaceChildren();
    shownResults = results;
    shown = 0;
    await showMore(searchNumber);
    if (searchNumber !== current) return;
    const count = results.length;
    const noun = count === 1 ? "result" : "results";
    const what = state.q ? ` for “${state.q}”` : "";
    status.textContent = count
      ? `${count} ${noun}${what}${filtered ? ", in the summaries you chose" : ""}.`
      : `Nothing found${what}${filtered ? " with these filters" : ""}. Try fewer or other words${filtered ? ", or fewer filters" : ""}.`;
  };

  let typing = false;
  let timer = null;
  const update = (replace) => {
    const state = fromForm();
    const url = address(state);
    if (url !== location.search && url !== location.pathname + location.search) {
      if (replace) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
    }
    run(state);
  };
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      update(typing);
      typing = true;
    }, 150);
  });
  box.addEventListener("blur", () => { typing = false; });
  form.addEventListener("change", (event) => {
    if (event.target === box) return;
    typing = false;
    update(false);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    typing = false;
    update(false);
  });
  more.addEventListener("click", () => showMore(current));
  window.addEventListener("popstate", () => {
    typing = false;
    const state = fromAddress();
    show(state);
    run(state);
  });

  const initial = fromAddress();
  show(initial);
  run(initial).then(() => { form.dataset.ready = "true"; });
})();
