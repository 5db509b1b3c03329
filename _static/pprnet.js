// Progressive enhancement. Without JavaScript each citation is plain, selectable text, and
// each e-mail address reads "name at example dot org".
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // E-mail addresses are published as words, never as addresses (model/addresses.py): here
  // each becomes a link again, in the reader's browser only.
  for (const element of document.querySelectorAll(".pprnet-email")) {
    const words = element.textContent.trim().split(" at ");
    if (words.length !== 2) continue;
    const address = `${words[0]}@${words[1].split(" dot ").join(".")}`;
    const link = document.createElement("a");
    link.href = `mailto:${address}`;
    link.textContent = address;
    element.replaceChildren(link);
  }
  // A "Copy" button for each "Cite this summary" citation.
  for (const citation of document.querySelectorAll(".pprnet-cite-this .pprnet-citation")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "pprnet-copy";
    button.textContent = "Copy citation";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(citation.textContent.trim());
        button.textContent = "Copied";
      } catch {
        button.textContent = "Select the text to copy it";
      }
      setTimeout(() => { button.textContent = "Copy citation"; }, 2000);
    });
    citation.after(button);
  }
});
