// Fits a chart drawn for a projector (large type, long labels on the left) to the width it is
// shown at. The page's heading already states each chart's finding, so the figure's own title
// (kept in PNG and PDF exports) is dropped. Below 700 pixels, type gets smaller and long
// category labels are shortened with an ellipsis; the full names stay in the hover text and in
// the table of numbers under every chart.
const NARROW = 700;
const SHORT = 16;

function shorten(text) {
  const plain = String(text);
  return plain.length > SHORT ? `${plain.slice(0, SHORT - 1)}\u2026` : plain;
}

function categories(figure, axis) {
  const key = axis === "yaxis" ? "y" : "x";
  const seen = [];
  for (const trace of figure.data) {
    const values = trace[key];
    if (!Array.isArray(values)) continue;
    for (const value of values) {
      if (typeof value === "string" && !seen.includes(value) && !/^\d{4}-\d{2}-\d{2}/.test(value)) seen.push(value);
    }
  }
  return seen;
}

function wrap(text, columns) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && (line + " " + word).length > columns) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join("<br>");
}

export function fit(figure, width) {
  const layout = figure.layout;
  const top = layout.title && layout.title.text ? 34 * (String(layout.title.text).split("<br>").length) : 0;
  layout.title = { text: "" };
  if (layout.margin) layout.margin.t = Math.max(20, (layout.margin.t || 0) - top);
  if (layout.height) layout.height = Math.max(240, layout.height - top);
  if (width >= NARROW) return figure;
  const oldLeft = (layout.margin && layout.margin.l) || 80;
  layout.font = { ...(layout.font || {}), size: 12 };
  for (const axis of ["yaxis", "xaxis"]) {
    const names = categories(figure, axis);
    if (!names.length || !names.some((n) => n.length > SHORT)) continue;
    layout[axis] = { ...(layout[axis] || {}), tickmode: "array", tickvals: names, ticktext: names.map(shorten) };
  }
  layout.margin = { ...(layout.margin || {}), l: Math.min(oldLeft, 130), r: 10 };
  for (const note of layout.annotations || []) {
    note.font = { ...(note.font || {}), size: Math.min((note.font && note.font.size) || 12, 11) };
    if (note.xref === "paper" && typeof note.xshift === "number" && note.xshift < 0) {
      // The footer (source, n, share reviewed, what the markers mean): wrapped to the width.
      note.xshift = 10 - layout.margin.l;
      const before = String(note.text).split("<br>").length;
      note.text = wrap(String(note.text).split("<br>").join(" "), Math.max(30, Math.floor(width / 7)));
      const extra = (note.text.split("<br>").length - before) * 14;
      if (extra > 0) {
        layout.margin.b = (layout.margin.b || 0) + extra;
        if (layout.height) layout.height += extra;
      }
    }
  }
  if (layout.legend) layout.legend.font = { ...(layout.legend.font || {}), size: 11 };
  return figure;
}

// A grid of many columns cannot be read on a phone: there the table under it is shown instead.
export function readableAt(figure, width) {
  if (width >= NARROW) return true;
  return !figure.data.some((trace) => trace.type === "heatmap" && Array.isArray(trace.x) && trace.x.length > 5);
}
