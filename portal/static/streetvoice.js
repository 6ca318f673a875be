// Progressive enhancement only: every page works without this file.
import { initAll } from "/assets/govuk-frontend.min.js";

initAll();

// Leave on Escape, as the force's existing site does. The exit link goes through /exit,
// which deletes unfinished answers before sending the browser to a neutral site.
const exitLink = document.querySelector(".govuk-js-exit-this-page-button");
if (exitLink) {
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    // Escape first closes an open street suggestion list, as people expect.
    const combo = event.target.closest && event.target.closest(".autocomplete__wrapper");
    if (combo && combo.querySelector(".autocomplete__menu--visible")) return;
    document.body.classList.add("sv-leaving");
    window.location.replace(exitLink.href);
  });
}

// The street <select> works without JavaScript; with it, residents can type to search.
const streetSelect = document.querySelector("select[data-autocomplete='street']");
if (streetSelect && window.accessibleAutocomplete) {
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: streetSelect,
    defaultValue: "",
    showAllValues: true,
    dropdownArrow: () => "",
    tNoResults: () => "No streets found",
  });
}
