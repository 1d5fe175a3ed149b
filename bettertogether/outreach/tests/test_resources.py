import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bettertogether.directory.tests.factories import TaxonomyTermFactory
from bettertogether.outreach import uploads
from bettertogether.outreach.forms import ResourceVersionForm
from bettertogether.outreach.models import ResourceVersion

from .factories import LinkVersionFactory, ResourceFactory

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _titles(client: Client, query: str) -> set[str]:
    html = client.get(f"/en/resources/{query}").content.decode()
    return {t for t in ("Spanish guide", "Tagalog page", "PEI act", "Safety sheet") if f"<h2>{t}</h2>" in html}


@pytest.fixture
def library() -> None:
    rights = TaxonomyTermFactory(code="rights-info", name_en="Rights information")
    fees = TaxonomyTermFactory(code="recruitment-fees", name_en="Recruitment fees", parent=rights)
    safety = TaxonomyTermFactory(code="workplace-safety", name_en="Workplace safety")
    guide = ResourceFactory(title_en="Spanish guide", summary_en="Housing and wages", publisher="Cooper Institute")
    guide.set_provinces(["PE"])
    guide.save()
    guide.topics.add(rights)
    LinkVersionFactory(resource=guide, language="es", url="https://example.org/es")
    LinkVersionFactory(resource=guide, language="en", url="https://example.org/en")
    page = ResourceFactory(title_en="Tagalog page", kind="web_page")
    page.topics.add(fees)
    LinkVersionFactory(resource=page, language="tl", url="https://example.org/tl")
    act = ResourceFactory(title_en="PEI act", kind="web_page")
    act.set_provinces(["PE"])
    act.save()
    LinkVersionFactory(resource=act, language="en")
    sheet = ResourceFactory(title_en="Safety sheet", kind="fact_sheet")
    sheet.set_provinces(["NS"])
    sheet.save()
    sheet.topics.add(safety)
    LinkVersionFactory(resource=sheet, language="en")
    ResourceFactory(title_en="Hidden", is_published=False)


def test_filters_language_topic_province_kind_and_search(client: Client, library: None) -> None:
    assert _titles(client, "") == {"Spanish guide", "Tagalog page", "PEI act", "Safety sheet"}
    assert _titles(client, "?language=es") == {"Spanish guide"}
    assert _titles(client, "?language=tl") == {"Tagalog page"}
    # A top-level topic includes its children.
    assert _titles(client, "?topic=rights-info") == {"Spanish guide", "Tagalog page"}
    assert _titles(client, "?topic=workplace-safety") == {"Safety sheet"}
    # Province: resources for that province plus those for everywhere.
    assert _titles(client, "?province=PE") == {"Spanish guide", "Tagalog page", "PEI act"}
    assert _titles(client, "?province=NS") == {"Tagalog page", "Safety sheet"}
    assert _titles(client, "?kind=web_page") == {"Tagalog page", "PEI act"}
    assert _titles(client, "?q=wages") == {"Spanish guide"}
    assert _titles(client, "?q=cooper") == {"Spanish guide"}
    assert _titles(client, "?language=en&province=PE") == {"Spanish guide", "PEI act"}
    assert "Hidden" not in client.get("/en/resources/").content.decode()


def test_language_filter_shows_only_that_version(client: Client, library: None) -> None:
    html = client.get("/en/resources/?language=es").content.decode()
    assert "https://example.org/es" in html and "https://example.org/en" not in html


def test_links_are_marked_external(client: Client, library: None) -> None:
    html = client.get("/en/resources/").content.decode()
    assert html.count('rel="noopener external"') >= 5
    assert "(external link)" in html


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("guide.pdf", PDF_BYTES, True),
        ("photo.PNG", PNG_BYTES, True),
        ("letter.docx", None, True),
        ("fake.pdf", b"MZ\x90\x00 executable", False),
        ("page.html", b"<html><script>alert(1)</script>", False),
        ("image.svg", b"<svg onload=alert(1)>", False),
        ("sheet.pdf", PNG_BYTES, False),  # content does not match the name
        ("archive.docx", b"PK\x03\x04not really a zip", False),
        ("noext", PDF_BYTES, False),
    ],
)
def test_upload_types_are_checked_by_content(name: str, content: bytes | None, ok: bool) -> None:
    data = _docx() if content is None else content
    upload = io.BytesIO(data)
    if ok:
        assert uploads.check_upload(upload, name, len(data)).extension in (".pdf", ".png", ".docx")
    else:
        with pytest.raises(ValidationError):
            uploads.check_upload(upload, name, len(data))


def test_upload_size_limit(settings) -> None:
    settings.BT_RESOURCE_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as error:
        uploads.check_upload(io.BytesIO(PDF_BYTES + b"0" * 2000), "big.pdf", 2000 + len(PDF_BYTES))
    assert error.value.code == "too_large"
    with pytest.raises(ValidationError):
        uploads.check_upload(io.BytesIO(b""), "empty.pdf", 0)


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\evil.pdf", "evil.pdf"),
        ('a"; filename="x.exe.pdf', "a_filename_x.exe.pdf"),
        ("guide\r\nSet-Cookie: x=1.pdf", "guide_Set-Cookie_x_1.pdf"),
        ("Guía del trabajador.pdf", "Guia del trabajador.pdf"),
        ("<script>alert(1)</script>.pdf", "script.pdf"),
        ("....pdf", "download.pdf"),
        ("\x00\x01.pdf", "download.pdf"),
        ("x" * 300 + ".pdf", "x" * 70 + ".pdf"),
    ],
)
def test_hostile_file_names_are_cleaned(hostile: str, expected: str) -> None:
    assert uploads.clean_filename(hostile) == expected


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> ResourceVersion:
    resource = ResourceFactory(title_en="Uploaded")
    form = ResourceVersionForm(
        data={"language": "en", "title": "", "url": ""},
        files={"file": SimpleUploadedFile(name, data, content_type=content_type)},
        instance=ResourceVersion(resource=resource),
    )
    assert form.is_valid(), form.errors
    return form.save()


@pytest.mark.parametrize(
    "hostile",
    ['../../../evil".pdf', "<img src=x onerror=alert(1)>.pdf", "..\\..\\x.pdf", "a\r\nX-Injected: 1.pdf"],
)
def test_uploaded_file_gets_a_random_name_and_safe_headers(client: Client, media, hostile: str) -> None:
    version = _upload(hostile, PDF_BYTES, content_type="text/html")
    stored = version.file.name
    assert stored.startswith("resources/") and stored.endswith(".pdf")
    assert ".." not in stored and "<" not in stored and "evil" not in stored and "\n" not in stored
    assert (media / stored).read_bytes() == PDF_BYTES
    assert version.content_type == "application/pdf"  # decided by content, not by the browser's claim

    response = client.get(f"/en/resources/files/{version.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    disposition = response["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition and "<" not in disposition and ".." not in disposition
    assert disposition.startswith("inline")  # PDFs open in the browser
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response.cookies == {}
    html = client.get("/en/resources/").content.decode()
    assert "onerror=alert" not in html


def test_non_pdf_downloads_as_attachment(client: Client, media) -> None:
    version = _upload("letter.docx", _docx())
    response = client.get(f"/en/resources/files/{version.pk}/")
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="letter.docx"' in response["Content-Disposition"]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_form_refuses_bad_uploads_and_both_file_and_link(media, settings) -> None:
    resource = ResourceFactory()
    form = ResourceVersionForm(
        data={"language": "en", "url": ""},
        files={"file": SimpleUploadedFile("x.html", b"<html>", content_type="text/html")},
        instance=ResourceVersion(resource=resource),
    )
    assert not form.is_valid()
    form = ResourceVersionForm(
        data={"language": "en", "url": "https://example.org"},
        files={"file": SimpleUploadedFile("x.pdf", PDF_BYTES)},
        instance=ResourceVersion(resource=resource),
    )
    assert not form.is_valid()
    settings.BT_RESOURCE_MAX_BYTES = 10
    form = ResourceVersionForm(
        data={"language": "en", "url": ""},
        files={"file": SimpleUploadedFile("x.pdf", PDF_BYTES)},
        instance=ResourceVersion(resource=resource),
    )
    assert not form.is_valid()
    assert not list(media.rglob("*.pdf"))


def test_link_versions_and_unpublished_files_are_not_served(client: Client, media) -> None:
    link = LinkVersionFactory()
    assert client.get(f"/en/resources/files/{link.pk}/").status_code == 404
    version = _upload("a.pdf", PDF_BYTES)
    version.resource.is_published = False
    version.resource.save()
    assert client.get(f"/en/resources/files/{version.pk}/").status_code == 404
