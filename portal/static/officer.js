// Officer area: GOV.UK Frontend components, and keyboard shortcuts on the response page.
// Progressive enhancement only: every page works without this file.
import { initAll } from "/assets/govuk-frontend.min.js";

initAll();

const reviewForm = document.querySelector("form[data-review-form]");
if (reviewForm) {
  const answers = Array.from(reviewForm.querySelectorAll(".sv-review-answer"));
  let current = 0;
  const show = (index) => {
    if (!answers.length) return;
    current = Math.max(0, Math.min(answers.length - 1, index));
    answers.forEach((a, i) => a.classList.toggle("sv-review-answer--current", i === current));
  };
  show(0);
  // Clicking or tabbing into an answer makes it the current one.
  answers.forEach((a, i) => a.addEventListener("focusin", () => show(i)));
  const typing = (el) => el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName)
    && !["checkbox", "radio", "submit", "button"].includes(el.type));
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || typing(event.target)) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      reviewForm.requestSubmit(reviewForm.querySelector("[data-shortcut='s']"));
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (/^[1-9]$/.test(event.key) && answers.length) {
      const box = answers[current].querySelector(`input[data-theme-index='${event.key}']`);
      if (box) {
        event.preventDefault();
        box.click();
        box.focus();
      }
    } else if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      show(current + (event.key === "j" ? 1 : -1));
      const first = answers[current] && answers[current].querySelector("input[type='checkbox']");
      if (first) first.focus();
    } else if (event.key === "s") {
      event.preventDefault();
      reviewForm.requestSubmit(reviewForm.querySelector("[data-shortcut='s']"));
    } else if (event.key === "n") {
      const skip = reviewForm.querySelector("a[data-shortcut='n']");
      if (skip) {
        event.preventDefault();
        window.location.assign(skip.href);
      }
    }
  });
}
