// Presentation mode: one slide at a time, moved by the arrow keys, Page Up/Down (what a
// presentation clicker sends), Space and Backspace, Home and End; F for full screen, N for the
// speaker notes, B or . to blank the screen. Charts are drawn from data already in the page,
// so nothing is fetched once it has loaded.
import { fit } from "./chartfit.js";

const slides = Array.from(document.querySelectorAll(".sv-slide"));
const counter = document.getElementById("counter");
const notes = document.getElementById("notes");
const notesButton = document.querySelector("[data-toggle='notes']");
let current = 0;

function draw(slide) {
  const holder = slide.querySelector("[data-chart]");
  if (!holder) return;
  if (!holder.dataset.drawn) {
    const figure = fit(JSON.parse(document.getElementById(holder.dataset.chart).textContent), holder.clientWidth);
    figure.layout.height = Math.max(320, window.innerHeight - 260);
    window.Plotly.newPlot(holder, figure.data, figure.layout, { displayModeBar: false, responsive: true, staticPlot: true });
    holder.dataset.drawn = "yes";
  } else {
    window.Plotly.Plots.resize(holder);
  }
}

function show(index) {
  current = Math.max(0, Math.min(slides.length - 1, index));
  slides.forEach((slide, i) => { slide.hidden = i !== current; });
  draw(slides[current]);
  counter.textContent = `Slide ${current + 1} of ${slides.length}`;
  const source = slides[current].querySelector(".sv-notes");
  notes.replaceChildren(...(source ? Array.from(source.childNodes, (node) => node.cloneNode(true)) : []));
}

function toggleNotes() {
  notes.hidden = !notes.hidden;
  notesButton.setAttribute("aria-pressed", String(!notes.hidden));
}

function toggleFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen().catch(() => {});
}

const NEXT = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"]);
const PREVIOUS = new Set(["ArrowLeft", "ArrowUp", "PageUp", "Backspace"]);

document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.target.closest && event.target.closest("button, a") && (event.key === "Enter" || event.key === " ")) return;
  let handled = true;
  if (NEXT.has(event.key)) show(current + 1);
  else if (PREVIOUS.has(event.key)) show(current - 1);
  else if (event.key === "Home") show(0);
  else if (event.key === "End") show(slides.length - 1);
  else if (event.key === "f" || event.key === "F") toggleFullscreen();
  else if (event.key === "n" || event.key === "N") toggleNotes();
  else if (event.key === "b" || event.key === "B" || event.key === ".") document.body.classList.toggle("sv-blank");
  else handled = false;
  if (handled) event.preventDefault();
});

document.querySelectorAll("[data-go]").forEach((button) => {
  button.addEventListener("click", () => show(current + Number(button.dataset.go)));
});
notesButton.addEventListener("click", toggleNotes);
document.querySelector("[data-toggle='fullscreen']").addEventListener("click", toggleFullscreen);
window.addEventListener("resize", () => draw(slides[current]));
show(0);
