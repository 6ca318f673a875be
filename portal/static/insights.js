// Draws each chart from its JSON (rendered by the server, escaped for HTML). Every chart also
// has a text alternative and a table of its numbers in the page, so nothing is lost without it.
import { fit, readableAt } from "./chartfit.js";

for (const holder of document.querySelectorAll("[data-chart]")) {
  const figure = JSON.parse(document.getElementById(holder.dataset.chart).textContent);
  if (!readableAt(figure, holder.clientWidth)) {
    holder.hidden = true;
    const numbers = holder.closest(".sv-chart").querySelector(".sv-chart__numbers");
    if (numbers) numbers.open = true;
    continue;
  }
  const fitted = fit(figure, holder.clientWidth);
  window.Plotly.newPlot(holder, fitted.data, fitted.layout, { displayModeBar: false, responsive: true });
}
