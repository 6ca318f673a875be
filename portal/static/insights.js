// Draws each chart from its JSON (rendered by the server, escaped for HTML). Every chart also
// has a text alternative and a table of its numbers in the page, so nothing is lost without it.
for (const holder of document.querySelectorAll("[data-chart]")) {
  const figure = JSON.parse(document.getElementById(holder.dataset.chart).textContent);
  window.Plotly.newPlot(holder, figure.data, figure.layout, { displayModeBar: false, responsive: true });
}
