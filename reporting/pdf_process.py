"""PDFs are rendered in a process of their own, forked for each document from a server that has WeasyPrint ready.

A render holds tens of megabytes of WeasyPrint's boxes and computed styles while it runs (about 35 MB
for the review pack), and a process rarely gives such memory back to the system once it has used it.
Rendered here, it all goes back when the document's process ends; a web worker never loads WeasyPrint,
so it keeps only what serving pages needs. A document that makes WeasyPrint fail, crash or hang cannot
take the worker with it: it gets a `RenderError` instead.

The server is multiprocessing's fork server, started at the first document a worker renders; it imports
`reporting.pdf_renderer` (WeasyPrint, the fonts and the stylesheet) once. Forking from it costs a few
tens of milliseconds a document.
"""

import gc
import multiprocessing
from dataclasses import dataclass

RENDERER = "reporting.pdf_renderer"
TIMEOUT_SECONDS = 120
_CONTEXT = multiprocessing.get_context("forkserver")


class RenderError(RuntimeError):
    """The render process failed, ended without a PDF, or took longer than `TIMEOUT_SECONDS`."""


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    peak_kb: int  # the render process's peak resident memory (VmHWM)


def render(html: str) -> bytes:
    """The document's HTML as a PDF's bytes, rendered in a process of its own."""
    return render_measured(html).pdf


def render_measured(html: str, timeout: float = TIMEOUT_SECONDS) -> Rendered:
    """As `render`, with the peak memory the render process reached."""
    _CONTEXT.set_forkserver_preload([RENDERER])  # read when the server starts, at the first render
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=_render_in_child, args=(html, sender), name="pdf-render", daemon=True)
    try:
        process.start()
        sender.close()  # the render process holds the only sending end: its end means no PDF is coming
        if not receiver.poll(timeout):
            if process.is_alive():
                process.kill()
            raise RenderError(f"the PDF took longer than {timeout:g} s to render")
        outcome = receiver.recv()
    except EOFError:
        outcome = None
    finally:
        sender.close()
        receiver.close()
        if process.pid is not None:
            process.join()
    if outcome is None:
        raise RenderError(f"the PDF render process ended without a PDF (exit code {process.exitcode})")
    if isinstance(outcome, str):
        raise RenderError(outcome)
    return Rendered(*outcome)


def _render_in_child(html: str, sender) -> None:
    # Everything the process started with outlives the render: leave it out of the collector's passes,
    # which would otherwise walk all of it again at every full collection of a long render.
    gc.freeze()
    from . import pdf_renderer  # already loaded: the fork server imported it

    try:
        pdf = pdf_renderer.render(html)
    except Exception as error:  # reported to the worker, which raises it as a RenderError
        sender.send(f"WeasyPrint could not render the PDF: {type(error).__name__}: {error}")
    else:
        sender.send((pdf, _peak_kb()))
    finally:
        sender.close()


def _peak_kb() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:  # not Linux
        pass
    return 0
