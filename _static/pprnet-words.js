// Words as a reader means them, shared by the search page and the explorer: letter case,
// accents and punctuation aside ("Schröder" finds "Schroder", "drop-out" finds "drop out"),
// and a word or phrase finding the others of its group of search terms (vocabulary.toml:
// "CBT" finds "cognitive behavioural therapy"). Also the full-text index (Pagefind), loaded
// once from the site's root, whatever the depth of the page.
"use strict";
window.pprnetWords = (() => {
  const fold = (text) =>
    text
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, "")
      .toLocaleLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();

  // What a query asks for, given the groups of search terms: for each of its terms, the
  // alternatives any of which a text must contain. A phrase of a group is one term; any other
  // word is a term of its own.
  const parser = (searchTerms) => {
    const groups = (searchTerms || [])
      .flatMap((group) => group.map((term) => [fold(term), group.map(fold)]))
      .sort(([a], [b]) => b.length - a.length);
    return (query) => {
      let rest = ` ${fold(query)} `;
      const found = [];
      for (const [term, group] of groups) {
        while (rest.includes(` ${term} `)) {
          rest = rest.replace(` ${term} `, " ");
          found.push(group);
        }
      }
      return [...found, ...rest.split(" ").filter(Boolean).map((word) => [word])];
    };
  };

  // The queries to put to the full-text index, which finds pages having every word of one
  // query: one query per choice of an alternative for each term, the first `limit` of them.
  const queries = (terms, limit = 12) =>
    terms
      .reduce(
        (partial, alternatives) =>
          partial.flatMap((words) => alternatives.map((term) => [...words, term])).slice(0, limit),
        [[]],
      )
      .map((words) => words.join(" "))
      .filter(Boolean);

  // The site's root, as the theme writes it on every page (data-content_root).
  const root = new URL(document.documentElement.dataset.content_root || "./", location.href);
  let index = null;
  const pagefind = () => {
    index ??= import(new URL("pagefind/pagefind.js", root).href).then(async (engine) => {
      await engine.options({ baseUrl: root.pathname });
      return engine;
    });
    return index;
  };

  // What of the index has every term of a query (one of the alternatives of each): each
  // alternative searched as a quoted phrase, which matches whole words as the index stems
  // them ("adolescent" finds "adolescents"). Unquoted, the index also returns pages having
  // only some of the words, and, for a word it does not hold, pages having a shorter one
  // ("rct" finds the initial "R."). `keys` names what a search response found, as [key,
  // value] pairs: its results by id, or the values of a filter.
  const matching = async (engine, terms, filters, keys) => {
    let found = null;
    for (const alternatives of terms) {
      const responses = await Promise.all(
        alternatives.map((term) => engine.search(`"${term}"`, { filters })),
      );
      const these = new Map(responses.flatMap(keys));
      found = found === null ? these : new Map([...found].filter(([key]) => these.has(key)));
      if (!found.size) break;
    }
    return found || new Map();
  };
  const results = (response) => response.results.map((result) => [result.id, result]);

  // The addresses (from the site's root) of the summaries having every term of a query, from
  // the counts of each summary's own filter (written by the build), fetching no result.
  let filtersLoaded = null;
  const summariesMatching = async (terms) => {
    const engine = await pagefind();
    filtersLoaded ??= engine.filters(); // the counts come with each search once loaded
    await filtersLoaded;
    const summaries = (response) =>
      Object.entries(response.filters.summary || {}).filter(([, count]) => count > 0);
    return new Set((await matching(engine, terms, { tier: "summaries" }, summaries)).keys());
  };

  return { fold, parser, queries, pagefind, matching, results, summariesMatching, root };
})();
