"""Storing uploaded evidence: checked by the one upload check (name, size, type by content), hashed.

The file on disk lives only as long as its row: it is deleted again if the
transaction that saves the row does not commit (``core.filestore``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from duban.core import clock
from duban.core.filestore import keep_only_on_commit
from duban.core.uploads import EVIDENCE, content_type, upload_check
from duban.org.models import User
from duban.supervision.models import Attachment


def attachment_store(*, actor: User, upload: UploadedFile, **owner: Any) -> Attachment:
    """Store one checked file for an owner (source, item, report or transition).

    Call inside the owner's transaction; the owner's service writes the audit row.
    """
    name = upload_check(upload, kinds=EVIDENCE, field="files")
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        original_name=name,
        size=upload.size or 0,
        content_type=content_type(name),  # the checked kind's, not the browser's claim
        sha256=digest.hexdigest(),
        uploaded_by=actor,
        uploaded_at=clock.now(),
        **owner,
    )
    attachment.file.save(attachment.original_name, upload, save=False)
    keep_only_on_commit(attachment.file.storage, attachment.file.name)
    attachment.save()
    return attachment
