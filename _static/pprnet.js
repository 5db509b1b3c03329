// Progressive enhancement: a "Copy" button for each "Cite this summary" citation. Without
// JavaScript the citation is plain, selectable text and no button is shown.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
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
