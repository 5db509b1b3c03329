// The explorer's filters: progressive enhancement of the plain list of every summary that the
// page already shows. The page has the controls (written by the build, so that nothing moves
// when they start to work); the summaries' data comes from explorer.json (linked from the
// page). The filters' state lives in the address (?topic=a&topic=b&type=t&from=2017&to=2018&
// q=words), so a view can be bookmarked or shared and the back button steps through earlier
// views. Every text from the index is set with textContent, never parsed as HTML.
"use strict";
(() => {
  const explorer = document.querySelector(".pprnet-explorer");
  const dataLink = explorer && explorer.querySelector("a.pprnet-explorer-data");
  const list = explorer && explorer.querySelector(".pprnet-explorer-list");
  if (!dataLink || !list || !window.fetch || !window.URLSearchParams) return;

  const form = explorer && explorer.querySelector(".pprnet-explorer-filters");
  const status = explorer && explorer.querySelector(".pprnet-explorer-status");
  const words = window.pprnetWords;
  if (!form || !status || !words) return;
  // Text compared as a reader means it (pprnet-words.js): letter case, accents and punctuation
  // aside, and a word finding the others of its group of search terms. A summary matches
  // when its title, authors, reference and take-home (in the explorer's data) have every
  // typed word at the start of one of theirs ("alli" finds "alliance", "ct" does not find
  // "effect"), or when its whole text has every word (the search index, which the explorer
  // asks once per query; until it answers, the first test alone).
  const fold = words.fold;

  function start(index) {
    const indexUrl = new URL(dataLink.getAttribute("href"), location.href);
    const items = new Map();
    for (const item of list.querySelectorAll(".pprnet-explorer-item")) {
      const link = item.querySelector(".pprnet-explorer-title a");
      if (link) items.set(new URL(link.getAttribute("href"), location.href).href, item);
    }
    const summaries = index.summaries
      .map((summary) => ({
        item: items.get(new URL(summary.url, indexUrl).href),
        topics: new Set(summary.topics.map((topic) => topic.slug)),
        type: summary.type.slug,
        year: summary.date.slice(0, 4),
        text: ` ${fold([summary.title, summary.authors, summary.reference, summary.implication].join(" "))} `,
        address: new URL(summary.url, indexUrl).href,
      }))
      .filter((summary) => summary.item);
    if (!summaries.length) return;
    const terms = words.parser(index.search_terms);
    let lastQuery = null;
    let lastTerms = [];
    const termsOf = (query) => {
      if (query !== lastQuery) [lastQuery, lastTerms] = [query, terms(query)];
      return lastTerms;
    };
    // The summaries whose whole text has every word of a query, by address, once known.
    const fullText = new Map();

    // The controls, as the page has them.
    const search = form.querySelector("#pprnet-q");
    const topicBoxes = [...form.querySelectorAll('input[name="topic"]')].map((box) => ({
      slug: box.value,
      box,
      count: box.labels[0].querySelector(".pprnet-count"),
    }));
    const typeSelect = form.querySelector("#pprnet-type");
    const fromSelect = form.querySelector("#pprnet-from");
    const toSelect = form.querySelector("#pprnet-to");
    const reset = form.querySelector(".pprnet-explorer-reset");
    const years = [...fromSelect.options].map((choice) => choice.value).filter(Boolean);
    const typeLabels = new Map([["", "All types"], ...index.types.map((t) => [t.slug, t.label])]);

    // The state and the address.
    const topicSlugs = topicBoxes.map((topic) => topic.slug);
    const known = (value, allowed) => (allowed.includes(value) ? value : "");
    const fromAddress = () => {
      const params = new URLSearchParams(location.search);
      const chosen = new Set(params.getAll("topic"));
      return {
        topics: topicSlugs.filter((slug) => chosen.has(slug)),
        type: known(params.get("type") || "", index.types.map((type) => type.slug)),
        from: known(params.get("from") || "", years),
        to: known(params.get("to") || "", years),
        q: (params.get("q") || "").trim(),
      };
    };
    const fromForm = () => ({
      topics: topicBoxes.filter((topic) => topic.box.checked).map((topic) => topic.slug),
      type: typeSelect.value,
      from: fromSelect.value,
      to: toSelect.value,
      q: search.value.trim(),
    });
    const address = (state) => {
      const params = new URLSearchParams();
      for (const slug of state.topics) params.append("topic", slug);
      for (const name of ["type", "from", "to", "q"]) if (state[name]) params.set(name, state[name]);
      const query = params.toString();
      return query ? `?${query}` : location.pathname;
    };
    const show = (state) => {
      for (const topic of topicBoxes) topic.box.checked = state.topics.includes(topic.slug);
      typeSelect.value = state.type;
      fromSelect.value = state.from;
      toSelect.value = state.to;
      if (search.value.trim() !== state.q) search.value = state.q;
    };

    // Filtering, and the counts each choice would give with the other filters kept: one pass
    // over the summaries per kind of choice (topics, types, years), whatever their number.
    const matchesText = (summary, q) =>
      termsOf(q).every((alternatives) =>
        alternatives.some((term) => summary.text.includes(` ${term}`)),
      ) || Boolean(fullText.get(q)?.has(summary.address));
    const matchesBut = (summary, state, ignored) =>
      (ignored === "topics" || state.topics.every((slug) => summary.topics.has(slug))) &&
      (ignored === "type" || !state.type || summary.type === state.type) &&
      (ignored === "years" || ((!state.from || summary.year >= state.from) &&
                               (!state.to || summary.year <= state.to))) &&
      matchesText(summary, state.q);
    const tally = (state, ignored, keysOf) => {
      const counts = new Map();
      let all = 0;
      for (const summary of summaries) {
        if (!matchesBut(summary, state, ignored)) continue;
        all += 1;
        for (const key of keysOf(summary)) counts.set(key, (counts.get(key) || 0) + 1);
      }
      return { counts, all };
    };
    // The list shows the first LISTED matches, and more on request: laying out 1,000 items
    // again after each change took Chromium 100 to 150 ms (`make bench`, explorer rows).
    const LISTED = 50;
    let listed = LISTED;
    const more = document.createElement("button");
    more.type = "button";
    more.className = "pprnet-explorer-more";
    more.hidden = true;
    list.after(more);
    const apply = (state) => {
      let shown = 0;
      const topicCounts = new Map();
      for (const summary of summaries) {
        const matching = matchesBut(summary, state, null);
        const hidden = !matching || shown >= listed;
        if (summary.item.hidden !== hidden) summary.item.hidden = hidden;
        if (!matching) continue;
        shown += 1;
        for (const slug of summary.topics) topicCounts.set(slug, (topicCounts.get(slug) || 0) + 1);
      }
      more.hidden = shown <= listed;
      more.textContent = `Show ${Math.min(LISTED, shown - listed)} more of the ${shown - listed} not listed`;
      // A topic ticked or not, the count of the summaries shown once it is ticked too.
      for (const topic of topicBoxes) {
        const count = state.topics.includes(topic.slug) ? shown : topicCounts.get(topic.slug) || 0;
        topic.count.textContent = `(${count})`;
      }
      const types = tally(state, "type", (summary) => [summary.type]);
      for (const choice of typeSelect.options) {
        const count = choice.value ? types.counts.get(choice.value) || 0 : types.all;
        choice.textContent = `${typeLabels.get(choice.value)} (${count})`;
      }
      const years = tally(state, "years", (summary) => [summary.year]);
      for (const select of [fromSelect, toSelect]) {
        for (const choice of select.options) {
          if (choice.value) choice.textContent = `${choice.value} (${years.counts.get(choice.value) || 0})`;
        }
      }
      const noun = summaries.length === 1 ? "summary" : "summaries";
      status.textContent = shown
        ? `Showing ${shown} of ${summaries.length} ${noun}.`
        : "No summary matches these filters.";
    };

    // A change of a control is a new view in the history; typing in the search box replaces
    // the view it started, so that the back button does not step through every keystroke.
    let typing = false;
    // A query's full-text matches, asked of the search index once; the view is shown again
    // when they come, if it still shows that query.
    const searchText = (state) => {
      if (!state.q || fullText.has(state.q)) return;
      const query = state.q;
      fullText.set(query, null);
      words
        .summariesMatching(termsOf(query))
        .then((found) => {
          const addresses = new Set([...found].map((url) => new URL(url, words.root).href));
          fullText.set(query, addresses);
          const now = fromForm();
          if (now.q === query) apply(now);
          explorer.dataset.searched = query; // the whole texts have answered this query
        })
        .catch(() => fullText.delete(query)); // without the index: the explorer's data only
    };
    const view = (state) => {
      apply(state);
      // After the frame that shows the explorer's own answer: the index searches on the page.
      requestAnimationFrame(() => setTimeout(() => searchText(state), 0));
    };
    more.addEventListener("click", () => {
      listed += LISTED;
      apply(fromForm());
    });
    const update = (replace) => {
      listed = LISTED; // a new view starts at its first matches
      const state = fromForm();
      const url = address(state);
      if (replace) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
      view(state);
    };
    form.addEventListener("change", (event) => {
      if (event.target === search) return;
      typing = false;
      update(false);
    });
    search.addEventListener("input", () => {
      update(typing);
      typing = true;
    });
    search.addEventListener("blur", () => { typing = false; });
    form.addEventListener("submit", (event) => event.preventDefault());
    reset.addEventListener("click", () => {
      typing = false;
      show({ topics: [], type: "", from: "", to: "", q: "" });
      update(false);
    });
    window.addEventListener("popstate", () => {
      typing = false;
      listed = LISTED;
      const state = fromAddress();
      show(state);
      view(state);
    });

    const initial = fromAddress();
    show(initial);
    view(initial);
    explorer.dataset.ready = "true"; // the filters work from now on
  }

  fetch(dataLink.href)
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then(start)
    .catch(() => {
      // Without its data the explorer stays the plain list of every summary.
    });
})();
