"""The meeting pack (one self-contained HTML file, and a PDF) and a PNG per chart.

The HTML pack carries plotly.js, its styles and every chart's data inline, and a
Content-Security-Policy of its own that forbids any request (`default-src 'none'`), so it
opens from a USB stick in a community centre without internet and nothing in it can reach
out. The PDF and PNGs are drawn by kaleido through the machine's Chromium (Debian's package),
one browser for all the charts of a request; the PDF is that page printed by Chromium.
"""
import asyncio
import base64
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import plotly
from flask import current_app, render_template
from markupsafe import Markup

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
STATIC = Path(__file__).resolve().parent.parent / "static"
PACK_CSS = STATIC / "pack.css"
CHARTFIT_JS = STATIC / "chartfit.js"
WIDTH = 1200


class ExportUnavailable(RuntimeError):
    """Chromium is missing or failed: the message says what to do."""


def _inline_js(path):
    # A literal "</script" inside would end the element early; plotly.min.js has none today,
    # but the escape costs nothing and keeps the file whole if that ever changes.
    return Markup(path.read_text(encoding="utf-8").replace("</script", "<\\/script"))


def _made():
    from portal.officer.filters import officer_time
    return officer_time(datetime.now(UTC))


def pack_html(context):
    """The pack as one HTML document (a str)."""
    # The charts fit the window as on the dashboard; the module's export becomes a plain function.
    chartfit = Markup(CHARTFIT_JS.read_text(encoding="utf-8").replace("export function", "function"))
    return render_template("officer/insights/pack.html", **context, plotly_js=_inline_js(PLOTLY_JS),
                           chartfit_js=chartfit, pack_css=Markup(PACK_CSS.read_text(encoding="utf-8")),
                           images=None, now_text=_made())


def chromium():
    path = current_app.config.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise ExportUnavailable("PDF and PNG downloads need Chromium on the server (apt-get install chromium). "
                                "The HTML meeting pack works without it.")
    return path


def _render(figures, fmt):
    import kaleido

    async def run():
        async with kaleido.Kaleido(n=1) as k:
            return [await k.calc_fig(figure, opts={"format": fmt, "width": WIDTH,
                                                   "height": figure.layout.height or 700})
                    for figure in figures]
    chromium()
    try:
        return _run_coroutine(run)
    except Exception as exc:  # noqa: BLE001 - a browser that fails to start says many things
        current_app.logger.exception("kaleido could not draw the charts")
        raise ExportUnavailable("The charts could not be drawn as images just now. Try again, or use the HTML "
                                "meeting pack.") from exc


def _run_coroutine(make):
    """asyncio.run(make()), in a thread of its own when this thread already runs an event loop
    (a worker serving with an async framework, or a test process that drove a browser)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def chart_png(chart):
    return _render([chart.figure], "png")[0]


def pack_pdf(context):
    """Every chart drawn as SVG by kaleido, placed in the pack, printed to PDF by Chromium."""
    charted = [v for v in context["views"] if v.chart is not None]
    svgs = _render([v.chart.figure for v in charted], "svg")
    images = {v.name: "data:image/svg+xml;base64," + base64.b64encode(svg).decode() for v, svg in zip(charted, svgs)}
    html = render_template("officer/insights/pack.html", **context, plotly_js=None, images=images,
                           pack_css=Markup(PACK_CSS.read_text(encoding="utf-8")), now_text=_made())
    with tempfile.TemporaryDirectory(prefix="streetvoice-pack-") as folder:
        page, pdf = Path(folder) / "pack.html", Path(folder) / "pack.pdf"
        page.write_text(html, encoding="utf-8")
        command = [chromium(), "--headless", "--disable-gpu", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--no-first-run",
                   f"--user-data-dir={folder}/profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                   page.as_uri()]
        if os.geteuid() == 0:  # Chromium's sandbox refuses to run as root
            command.insert(1, "--no-sandbox")
        try:
            subprocess.run(command, capture_output=True, timeout=120, check=True)
        except (subprocess.SubprocessError, OSError) as exc:
            current_app.logger.error("Chromium could not print the meeting pack: %s", exc.__class__.__name__)
            raise ExportUnavailable("The PDF could not be made just now. Try again, or use the HTML meeting "
                                    "pack.") from exc
        if not pdf.exists():
            raise ExportUnavailable("The PDF could not be made just now. Try again, or use the HTML meeting pack.")
        return pdf.read_bytes()
