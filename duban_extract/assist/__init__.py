"""Optional assist by a large language model (大模型辅助), off by default.

The rule-based extractor stands on its own; when an OpenAI-compatible endpoint
is configured (``DUBAN_LLM_URL``) a caller may ask the model for tasks too and
merge its answer in (see ``merge``). The extraction pipeline never imports
this package, and nothing opens a connection unless a ``ChatClient`` is passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from duban_extract.assist.client import AssistError, ChatClient, client_from_env
from duban_extract.assist.merge import ModelReply, ModelTask, ReplyShapeError, merge, parse_reply
from duban_extract.assist.prompt import messages
from duban_extract.pipeline import extract_document
from duban_extract.types import CleanedDocument, Extraction

__all__ = [
    "AssistError",
    "ChatClient",
    "ModelReply",
    "assist_extraction",
    "ask_model",
    "client_from_env",
    "extract_with_assist",
    "merge",
    "parse_reply",
]

#: Longest body sent in one request; longer documents go paragraph-aligned in several.
CHUNK_CHARS = 6000


def chunks(body: str, limit: int = CHUNK_CHARS) -> list[str]:
    """The body cut at line ends into pieces of at most ``limit`` characters (a longer line is cut)."""
    out: list[str] = []
    current = ""
    for raw in body.splitlines(keepends=True):
        line = raw
        while len(line) > limit:
            if current:
                out.append(current)
                current = ""
            out.append(line[:limit])
            line = line[limit:]
        if len(current) + len(line) > limit:
            out.append(current)
            current = ""
        current += line
    if current.strip():
        out.append(current)
    return [c for c in out if c.strip()]


def ask_model(client: ChatClient, body: str, ref_date: date) -> ModelReply:
    """The model's tasks and problems for ``body``, type-checked. Raises ``AssistError``."""
    tasks: list[ModelTask] = []
    problems: list[str] = []
    notes: list[str] = []
    for piece in chunks(body):
        data = client.complete_json(messages(piece, ref_date))
        try:
            reply = parse_reply(data)
        except ReplyShapeError as error:
            raise AssistError(client.endpoint, f"wrong shape: {error}", "shape") from error
        tasks += reply.tasks
        problems += reply.problems
        notes += reply.notes
    return ModelReply(tuple(tasks), tuple(problems), tuple(notes))


def assist_extraction(rules: Extraction, client: ChatClient) -> Extraction:
    """``rules`` with the model's answer merged in. Raises ``AssistError``; ``rules`` is then still valid."""
    return merge(rules, ask_model(client, rules.document.body, rules.ref_date))


def extract_with_assist(
    document: CleanedDocument, *, client: ChatClient, ref_date: date | None = None, units: Sequence[str] = ()
) -> Extraction:
    """``extract_document`` followed by the model's assist. Raises ``AssistError``."""
    return assist_extraction(extract_document(document, ref_date=ref_date, units=units), client)
