// "Print this page": without script the page shows a plain instruction instead
// (partials/print.mustache); with it, a button that opens the browser's print dialog.
(function () {
  "use strict";
  for (const tools of document.querySelectorAll("[data-print-label]")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "print-button";
    button.textContent = tools.getAttribute("data-print-label");
    button.addEventListener("click", () => window.print());
    tools.replaceChildren(button);
  }
})();
