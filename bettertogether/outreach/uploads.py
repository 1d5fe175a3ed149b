"""What a resource upload may be: a few document and image types, checked by content, within a size.

The stored name is random (models.resource_upload_to); the uploader's name is cleaned to a short
download name only. The type is decided from the file's first bytes, never from what the browser said.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    inline: bool  # shown in the browser (PDF) rather than downloaded


PDF = FileType(".pdf", "application/pdf", True)
PNG = FileType(".png", "image/png", False)
JPEG = FileType(".jpg", "image/jpeg", False)
DOCX = FileType(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", False)

ALLOWED_EXTENSIONS = {".pdf": PDF, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG, ".docx": DOCX}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "BT_RESOURCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def extension_of(filename: str) -> str:
    suffix = PurePosixPath(PureWindowsPath(filename).name).suffix.lower()
    type_ = ALLOWED_EXTENSIONS.get(suffix)
    return type_.extension if type_ else ""


def clean_filename(filename: str, fallback: str = "download") -> str:
    """A display/download name safe anywhere: no path, no control or shell characters, ≤ 80 chars."""
    name = PurePosixPath(PureWindowsPath(filename or "").name).name
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._ -]+", "_", name)
    name = re.sub(r"[ _]{2,}", "_", name)
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = re.sub(r"[^A-Za-z0-9]", "", ext)[:6]
    stem = stem.strip(" ._-")[:70].strip(" ._-") or fallback
    return f"{stem}.{ext}" if ext else stem


def sniff(head: bytes) -> FileType | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return DOCX  # confirmed by _is_docx
    return None


def _is_docx(fileobj: IO[bytes]) -> bool:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def check_upload(fileobj: IO[bytes], filename: str, size: int) -> FileType:
    """The file's type if the upload is acceptable; ValidationError saying why not otherwise."""
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB; at most %(limit)s MB).")
            % {"size": round(size / 1_048_576, 1), "limit": round(limit / 1_048_576, 1)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    claimed = ALLOWED_EXTENSIONS.get(PurePosixPath(PureWindowsPath(filename).name).suffix.lower())
    fileobj.seek(0)
    actual = sniff(fileobj.read(16))
    fileobj.seek(0)
    if actual is DOCX and not _is_docx(fileobj):
        actual = None
    fileobj.seek(0)
    if claimed is None or actual is None or actual.content_type != claimed.content_type:
        raise ValidationError(
            _("Only PDF, PNG, JPEG and Word (.docx) files are accepted, and the content must match the name."),
            code="bad_type",
        )
    return actual
