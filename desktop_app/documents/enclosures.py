"""The attachments of a dossier copy: which can be included, why the others cannot, and the merge.

Each attachment the physician chose is tried before the copy is laid out, so the copy says of each
one what happened to it: an image is shown in the copy, a PDF follows the copy's own pages, and
one that cannot be included is listed with the reason in Dutch (damaged, protected by a password,
a type a copy cannot hold, more than the copy can carry). A PDF counts as readable only once it has
been copied page by page and written out again, which is exactly what the merge does later.
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = ["MAX_TOTAL", "MAX_PIXELS", "Enclosure", "append_pdfs", "prepare"]

MAX_TOTAL = 100 * 1024 * 1024  # the attachments of one copy together, in bytes
MAX_PIXELS = 60_000_000  # an image larger than this is not drawn (memory while embedding)

NOT_CHOSEN = "niet opgenomen; op verzoek verkrijgbaar"
ON_REQUEST = "; op verzoek verkrijgbaar"
DAMAGED_PDF = "de PDF is beschadigd en kan niet worden gelezen"
PROTECTED_PDF = "de PDF is met een wachtwoord beveiligd"
EMPTY_PDF = "de PDF heeft geen pagina's"
DAMAGED_IMAGE = "de afbeelding is beschadigd en kan niet worden gelezen"
LARGE_IMAGE = f"de afbeelding is te groot (meer dan {MAX_PIXELS // 1_000_000} megapixel)"
UNSUPPORTED = "dit soort bestand ({mime}) kan niet in een afschrift worden opgenomen"


@dataclass(frozen=True)
class Enclosure:
    """One attachment as the copy treats it.

    ``kind`` is "image" (drawn in the copy), "pdf" (its ``pages`` follow the copy; ``data`` is the
    checked, rewritten PDF), "left_out" (not chosen) or "failed" (``reason`` says why).
    """

    name: str
    mime: str
    kind: str
    data: bytes | None = None
    pages: int = 0
    reason: str = ""

    @property
    def included(self) -> bool:
        return self.kind in ("image", "pdf")

    def note(self) -> str:
        """What the copy says about it, after its name."""
        if self.kind == "image":
            return "opgenomen in dit afschrift"
        if self.kind == "pdf":
            pages = "1 pagina" if self.pages == 1 else f"{self.pages} pagina's"
            return f"opgenomen achter dit afschrift ({pages})"
        if self.kind == "failed":
            return f"niet opgenomen: {self.reason}{ON_REQUEST}"
        return NOT_CHOSEN


def prepare(attachments: Sequence[tuple[str, str, bytes | None]]) -> list[Enclosure]:
    """Each ``(name, mime, data or None)`` tried for inclusion, in the order given."""
    out = []
    total = 0
    for name, mime, data in attachments:
        mime = str(mime)
        if not data:
            out.append(Enclosure(name, mime, "left_out"))
            continue
        if total + len(data) > MAX_TOTAL:
            out.append(Enclosure(name, mime, "failed", reason=_too_much()))
            continue
        if mime == "application/pdf":
            enclosure = _pdf(name, mime, data)
        elif mime in ("image/png", "image/jpeg"):
            enclosure = _image(name, mime, data)
        else:
            enclosure = Enclosure(name, mime, "failed", reason=UNSUPPORTED.format(mime=mime or "onbekend"))
        if enclosure.included:
            total += len(data)
        out.append(enclosure)
    return out


def _too_much() -> str:
    megabytes = MAX_TOTAL / (1024 * 1024)
    shown = f"{megabytes:.0f}" if megabytes >= 1 else f"{megabytes:.2f}".replace(".", ",")
    return f"het afschrift zou met deze bijlage groter worden dan {shown} MB"


@contextmanager
def _quiet() -> Iterator[None]:
    """pypdf's and PIL's complaints about a damaged file: the copy itself reports the outcome."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        log.setLevel(level)


def _pdf(name: str, mime: str, data: bytes) -> Enclosure:
    from pypdf import PdfReader, PdfWriter

    with _quiet():
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _opens_without_password(reader):
                return Enclosure(name, mime, "failed", reason=PROTECTED_PDF)
            if len(reader.pages) == 0:
                return Enclosure(name, mime, "failed", reason=EMPTY_PDF)
            writer = PdfWriter()
            writer.append(reader)
            out = io.BytesIO()
            writer.write(out)
            return Enclosure(name, mime, "pdf", out.getvalue(), len(reader.pages))
        except Exception:  # pypdf raises many kinds for a damaged file; each means "cannot be read"
            return Enclosure(name, mime, "failed", reason=DAMAGED_PDF)


def _opens_without_password(reader) -> bool:
    """A PDF protected only against changes (empty user password) opens; one that needs a
    password to be read does not."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # an encryption pypdf cannot undo: as good as a password
        return False


def _image(name: str, mime: str, data: bytes) -> Enclosure:
    """Decoded once in full: the copy only says "opgenomen" of an image that can be drawn."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    with _quiet():
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return Enclosure(name, mime, "failed", reason=LARGE_IMAGE)
                image.load()
            ImageReader(io.BytesIO(data)).getSize()
        except Image.DecompressionBombError:
            return Enclosure(name, mime, "failed", reason=LARGE_IMAGE)
        except Exception:  # PIL raises many kinds for a damaged file
            return Enclosure(name, mime, "failed", reason=DAMAGED_IMAGE)
    return Enclosure(name, mime, "image", data)


def append_pdfs(pdf: bytes, enclosures: Sequence[Enclosure]) -> bytes:
    """The copy with the included PDFs after its own pages (they keep their own numbering)."""
    pdfs = [e.data for e in enclosures if e.kind == "pdf" and e.data]
    if not pdfs:
        return pdf
    from pypdf import PdfReader, PdfWriter

    with _quiet():
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
        for data in pdfs:
            writer.append(PdfReader(io.BytesIO(data)))  # checked by prepare(): written once already
        out = io.BytesIO()
        writer.write(out)
    return out.getvalue()
