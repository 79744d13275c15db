"""duban_extract — rule-based extraction of supervision drafts from government documents.

A pure library: it never imports Django (a test asserts it). Entry points:
``load_document`` (bytes/path → text), ``clean_document`` (text → body and
metadata) and ``extract`` (text → ``Extraction``).
"""

from duban_extract.clean import clean_document
from duban_extract.load import LoadError, load_bytes, load_document
from duban_extract.pipeline import MissingReferenceDateError, extract, extract_document

__all__ = [
    "LoadError",
    "MissingReferenceDateError",
    "clean_document",
    "extract",
    "extract_document",
    "load_bytes",
    "load_document",
]
