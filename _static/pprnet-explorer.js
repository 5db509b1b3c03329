// The explorer's filters: progressive enhancement of the plain list of every summary that the
// page already shows. Filters come from explorer.json (linked from the page); their state lives
// in the address (?topic=a&topic=b&type=t&from=2017&to=2018&q=words), so a view can be
// bookmarked or shared and the back button steps through earlier views. Every text from the
// index is set with textContent, never parsed as HTML.
"use strict";
(() => {
  const explorer = document.querySelector(".pprnet-explorer");
  const dataLink = explorer && explorer.querySelector("a.pprnet-explorer-data");
  const list = explorer && explorer.querySelector(".pprnet-explorer-list");
  if (!dataLink || !list || !window.fetch || !window.URLSearchParams) return;

  const element = (tag, properties = {}, children = []) => {
    const node = Object.assign(document.createElement(tag), properties);
    node.append(...children);
    return node;
  };
  const words = (text) => text.toLocaleLowerCase().split(/\s+/).filter(Boolean);

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
        text: [summary.title, summary.authors, summary.reference].join(" ").toLocaleLowerCase(),
      }))
      .filter((summary) => summary.item);
    if (!summaries.length) return;
    const years = [...new Set(summaries.map((summary) => summary.year))].sort();

    // The controls: real form elements with labels, usable by keyboard alone.
    const search = element("input", { type: "search", id: "pprnet-q", name: "q" });
    const topicBoxes = index.topics.map((topic) => {
      const box = element("input", {
        type: "checkbox", id: `pprnet-topic-${topic.slug}`, name: "topic", value: topic.slug,
      });
      const count = element("span", { className: "pprnet-count" });
      const label = element("label", { htmlFor: box.id }, [`${topic.label} `, count]);
      return { slug: topic.slug, box, count, field: element("div", { className: "pprnet-check" }, [box, label]) };
    });
    const option = (value, text) => element("option", { value, textContent: text });
    const typeSelect = element("select", { id: "pprnet-type", name: "type" }, [
      option("", "All types"),
      ...index.types.map((type) => option(type.slug, type.label)),
    ]);
    const typeLabels = new Map([["", "All types"], ...index.types.map((t) => [t.slug, t.label])]);
    const yearSelect = (id, name, anyText) =>
      element("select", { id, name }, [option("", anyText), ...years.map((y) => option(y, y))]);
    const fromSelect = yearSelect("pprnet-from", "from", "Earliest");
    const toSelect = yearSelect("pprnet-to", "to", "Latest");
    const reset = element("button", {
      type: "button", className: "pprnet-explorer-reset", textContent: "Clear filters",
    });
    const field = (className, children) => element("div", { className }, children);
    const form = element("form", { className: "pprnet-explorer-filters", role: "search" }, [
      field("pprnet-filter pprnet-filter-text", [
        element("label", { htmlFor: search.id, textContent: "Words in the title, authors or reference" }),
        search,
      ]),
      element("fieldset", { className: "pprnet-filter pprnet-filter-topics" }, [
        element("legend", { textContent: "Topics (a summary must have all those ticked)" }),
        ...topicBoxes.map((topic) => topic.field),
      ]),
      field("pprnet-filter pprnet-filter-type", [
        element("label", { htmlFor: typeSelect.id, textContent: "Type of research" }),
        typeSelect,
      ]),
      element("fieldset", { className: "pprnet-filter pprnet-filter-years" }, [
        element("legend", { textContent: "Years" }),
        field("pprnet-year", [element("label", { htmlFor: fromSelect.id, textContent: "From" }), fromSelect]),
        field("pprnet-year", [element("label", { htmlFor: toSelect.id, textContent: "To" }), toSelect]),
      ]),
      reset,
    ]);
    form.setAttribute("aria-label", "Filter the summaries");
    const status = element("p", { className: "pprnet-explorer-status" });
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    list.before(form, status);

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

    // Filtering, and the counts each choice would give with the other filters kept.
    const matches = (summary, state) =>
      state.topics.every((slug) => summary.topics.has(slug)) &&
      (!state.type || summary.type === state.type) &&
      (!state.from || summary.year >= state.from) &&
      (!state.to || summary.year <= state.to) &&
      words(state.q).every((word) => summary.text.includes(word));
    const count = (state) => summaries.filter((summary) => matches(summary, state)).length;
    const apply = (state) => {
      let shown = 0;
      for (const summary of summaries) {
        summary.item.hidden = !matches(summary, state);
        if (!summary.item.hidden) shown += 1;
      }
      for (const topic of topicBoxes) {
        const topics = state.topics.includes(topic.slug) ? state.topics : [...state.topics, topic.slug];
        topic.count.textContent = `(${count({ ...state, topics })})`;
      }
      for (const choice of typeSelect.options) {
        choice.textContent = `${typeLabels.get(choice.value)} (${count({ ...state, type: choice.value })})`;
      }
      for (const select of [fromSelect, toSelect]) {
        for (const choice of select.options) {
          if (!choice.value) continue;
          const yearOnly = { ...state, from: choice.value, to: choice.value };
          choice.textContent = `${choice.value} (${count(yearOnly)})`;
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
    const update = (replace) => {
      const state = fromForm();
      const url = address(state);
      if (replace) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
      apply(state);
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
      const state = fromAddress();
      show(state);
      apply(state);
    });

    const initial = fromAddress();
    show(initial);
    apply(initial);
  }

  fetch(dataLink.href)
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then(start)
    .catch(() => {
      // Without its data the explorer stays the plain list of every summary.
    });
})();
