// Progressive enhancement only: every page works without this file.
import { initAll } from "/assets/govuk-frontend.min.js";

initAll();

// Leave on Escape, as the force's existing site does. The exit link goes through /exit,
// which deletes unfinished answers before sending the browser to a neutral site.
const exitLink = document.querySelector(".govuk-js-exit-this-page-button");
if (exitLink) {
  // Capture phase: this must see the suggestion list before the autocomplete's own Escape
  // handler closes it (its re-render runs as a microtask before a bubbling listener here would).
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    // Escape while an input method is composing (Chinese, Japanese, Korean...) cancels the
    // composition; it must not throw the resident out of the survey.
    if (event.isComposing || event.keyCode === 229) return;
    // Escape first closes an open street suggestion list, as people expect.
    const combo = event.target.closest && event.target.closest(".autocomplete__wrapper");
    if (combo && combo.querySelector(".autocomplete__menu--visible")) return;
    document.body.classList.add("sv-leaving");
    window.location.replace(exitLink.href);
  }, true);
}

// The street <select> works without JavaScript; with it, residents can type to search.
const streetSelect = document.querySelector("select[data-autocomplete='street']");
if (streetSelect && window.accessibleAutocomplete) {
  const inputId = streetSelect.id; // the typed-in field takes the select's id
  const optionFor = (text) => Array.from(streetSelect.options)
    .find((option) => option.value && option.textContent.trim() === (text || "").trim());
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: streetSelect,
    defaultValue: "",
    showAllValues: true,
    // Never pick a street for the resident: with autoselect (enhanceSelectElement's default),
    // leaving the field confirmed the first suggestion, so typing "Gr" or clearing the field
    // and pressing Continue sent a street they never chose.
    autoselect: false,
    dropdownArrow: () => "",
    tNoResults: () => "No streets found",
    // Keep the hidden <select> in step with the field: a street only when the field shows one,
    // otherwise none, so the page asks "Select your street" rather than sending an old choice.
    onConfirm: (chosen) => {
      const field = document.getElementById(inputId);
      const option = optionFor(chosen) || optionFor(field && field.value);
      streetSelect.value = option ? option.value : "";
    },
  });
}
