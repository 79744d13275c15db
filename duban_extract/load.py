"""Loading documents (文件读取): bytes or a path → raw text.

Supported: .txt in UTF-8/GB18030/GBK/Big5 (detected), .docx (paragraphs and
tables, row by row, cells joined by tabs), .html (the article body), .pdf
(the text layer). Every failure is a ``LoadError`` whose message names the
file and says what to do.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from duban_extract.clean.encoding import DecodeError, decode_bytes
from duban_extract.container import OOXML_PARTS, ContainerError, ContainerErrorCode, Limits, container_check

#: Default size limit in bytes (20 MB); callers pass their own upload limit.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_BINARY_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 27)) | set(range(28, 32))


class LoadErrorCode(StrEnum):
    EMPTY = "empty"
    BINARY = "binary"
    OVERSIZED = "oversized"
    UNDECODABLE = "undecodable"
    CORRUPT = "corrupt"
    NO_TEXT_LAYER = "no_text_layer"
    UNSUPPORTED = "unsupported"
    NOT_FOUND = "not_found"
    UNPACKS_TOO_LARGE = "unpacks_too_large"


class LoadError(Exception):
    """A document that cannot be read; ``message`` names the file."""

    def __init__(self, code: LoadErrorCode, name: str, detail: str) -> None:
        self.code = code
        self.name = name
        self.message = f"{name}: {detail}"
        super().__init__(self.message)


@dataclass(frozen=True)
class LoadedDocument:
    """Raw text of a document and how it was read."""

    name: str
    text: str
    kind: str
    encoding: str = ""


def _kind(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".txt", ".text", ".md", ".csv", ".tsv", ""):
        if data.startswith(b"%PDF"):
            return "pdf"
        if data.startswith(b"PK\x03\x04"):
            return "docx"
        return "txt"
    if suffix in (".htm", ".html", ".xhtml", ".mhtml"):
        return "html"
    if suffix in (".docx", ".pdf"):
        return suffix[1:]
    raise LoadError(
        LoadErrorCode.UNSUPPORTED, name, f"unsupported file type {suffix!r}; use .txt, .docx, .html or .pdf"
    )


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for byte in sample if byte in _BINARY_CONTROL)
    return controls > len(sample) * 0.05


def _decode(name: str, data: bytes) -> tuple[str, str]:
    if _looks_binary(data):
        raise LoadError(
            LoadErrorCode.BINARY, name, "this is a binary file, not text; save it as .txt, .docx or .pdf"
        )
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        raise LoadError(
            LoadErrorCode.UNDECODABLE,
            name,
            "cannot detect the text encoding; save it as UTF-8 and upload again",
        ) from error
    if "\ufffd" in decoded.text[:2000] and decoded.text[:2000].count("\ufffd") > 5:
        raise LoadError(LoadErrorCode.UNDECODABLE, name, "the text encoding is damaged; save it as UTF-8")
    return decoded.text, decoded.encoding


def _docx_check(name: str, data: bytes, max_bytes: int) -> None:
    """Refuse a .docx that is not one, or would unpack out of proportion, before anything inflates it."""
    limits = Limits(unpacked_max=10 * max_bytes)
    try:
        container_check(io.BytesIO(data), size=len(data), parts=OOXML_PARTS[".docx"], limits=limits)
    except ContainerError as error:
        if error.code in (ContainerErrorCode.UNPACKS_TOO_LARGE, ContainerErrorCode.TOO_MANY_MEMBERS):
            raise LoadError(
                LoadErrorCode.UNPACKS_TOO_LARGE,
                name,
                f"the .docx would unpack to {error.unpacked:,} bytes in {error.members:,} parts, "
                "far more than a document holds; it is refused unread",
            ) from error
        raise LoadError(
            LoadErrorCode.CORRUPT, name, "the .docx file is damaged; open and save it again in Word"
        ) from error


def _docx_text(name: str, data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as error:
        raise LoadError(
            LoadErrorCode.CORRUPT, name, "the .docx file is damaged; open and save it again in Word"
        ) from error
    lines: list[str] = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.append("")
        for row in table.rows:
            cells = [" ".join(cell.text.split()) for cell in row.cells]
            lines.append("\t".join(cells))
    return "\n".join(lines)


def _pdf_text(name: str, data: bytes) -> str:
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise LoadError(
            LoadErrorCode.CORRUPT, name, "the .pdf file is damaged; export it to PDF again"
        ) from error
    text = "\n".join(pages)
    if not text.strip():
        raise LoadError(
            LoadErrorCode.NO_TEXT_LAYER,
            name,
            "the PDF has no text layer (a scan?); run OCR or upload the .docx",
        )
    return text


def _html_text(name: str, data: bytes) -> str:
    from bs4 import BeautifulSoup

    text, _ = _decode(name, data)
    soup = BeautifulSoup(text, "lxml")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe"]):
        tag.decompose()
    body = soup.find("article") or soup.find(class_=_ARTICLE_CLASS) or soup.body or soup
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    content = body.get_text("\n", strip=True)
    if title and title not in content[:200]:
        content = title + "\n" + content
    return str(content)


def _article_class(value: str | None) -> bool:
    return bool(value) and any(
        key in str(value).lower() for key in ("article", "content", "text", "zoom", "detail")
    )


_ARTICLE_CLASS = _article_class


def load_bytes(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedDocument:
    """Read a document from bytes; ``name`` (the file name) picks the format and names errors."""
    if not data or not data.strip():
        raise LoadError(LoadErrorCode.EMPTY, name, "the file is empty; choose the document again")
    if len(data) > max_bytes:
        raise LoadError(
            LoadErrorCode.OVERSIZED,
            name,
            f"the file is {len(data):,} bytes, over the limit of {max_bytes:,}; split it or compress images",
        )
    kind = _kind(name, data)
    if kind == "docx":
        _docx_check(name, data, max_bytes)
        return LoadedDocument(name, _docx_text(name, data), kind)
    if kind == "pdf":
        return LoadedDocument(name, _pdf_text(name, data), kind)
    if kind == "html":
        return LoadedDocument(name, _html_text(name, data), kind)
    text, encoding = _decode(name, data)
    if not text.strip():
        raise LoadError(LoadErrorCode.EMPTY, name, "the file holds no text")
    return LoadedDocument(name, text, kind, encoding)


def load_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedDocument:
    """Read a document from a path (see ``load_bytes``)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(
                LoadErrorCode.OVERSIZED,
                path.name,
                f"the file is {size:,} bytes, over the limit of {max_bytes:,}; split it",
            )
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise LoadError(LoadErrorCode.NOT_FOUND, str(path), "no such file; check the path") from error
    except IsADirectoryError as error:
        raise LoadError(LoadErrorCode.UNSUPPORTED, str(path), "this is a folder, not a file") from error
    return load_bytes(data, path.name, max_bytes=max_bytes)
