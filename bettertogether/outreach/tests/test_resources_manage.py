"""Resource manage pages: the event organizer rules (own organization, coordinators all), language
versions as links or checked uploads, and what the public library then shows."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bettertogether.core.roles import Role
from bettertogether.core.tests.factories import sign_in
from bettertogether.directory.models import Membership
from bettertogether.directory.tests.factories import OrganizationFactory, TaxonomyTermFactory
from bettertogether.outreach import permissions
from bettertogether.outreach.models import Resource, ResourceVersion

from .factories import EventFactory, LinkVersionFactory, ResourceFactory, UserFactory, coordinator, partner_staff

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _member(role: str, organization: Any) -> Any:
    user = UserFactory(role=role)
    Membership.objects.create(user=user, organization=organization)
    return user


@pytest.fixture
def world() -> dict[str, Any]:
    mine, theirs = OrganizationFactory(), OrganizationFactory()
    my_resource = ResourceFactory(title_en="Our guide", organization=mine)
    LinkVersionFactory(resource=my_resource, language="en", url="https://example.org/ours")
    their_resource = ResourceFactory(title_en="Their guide", organization=theirs)
    LinkVersionFactory(resource=their_resource, language="en", url="https://example.org/theirs")
    program_resource = ResourceFactory(title_en="Program guide", organization=None)
    return {
        "mine": mine,
        "theirs": theirs,
        "my_resource": my_resource,
        "their_resource": their_resource,
        "program_resource": program_resource,
        "users": {
            "anonymous": None,
            "partner": partner_staff(mine),
            "case_worker": _member(Role.CASE_WORKER, mine),
            "no_membership": UserFactory(role=Role.PARTNER_STAFF),
            "funder": UserFactory(role=Role.FUNDER_APPROVER),
            "coordinator": coordinator(),
            "administrator": UserFactory(role=Role.ADMINISTRATOR),
        },
    }


# The same answers as the event organizer pages (test_authorization_matrix.py), plus the program's own resources.
EXPECTED = {
    # role: (list, new, edit own, edit another organization's, edit the program's own)
    "anonymous": (302, 302, 302, 302, 302),
    "partner": (200, 200, 200, 404, 404),
    "case_worker": (200, 200, 200, 404, 404),
    "no_membership": (403, 403, 403, 403, 403),
    "funder": (403, 403, 403, 403, 403),
    "coordinator": (200, 200, 200, 200, 200),
    "administrator": (200, 200, 200, 200, 200),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_permission_matrix(client: Client, world: dict[str, Any], role: str) -> None:
    user = world["users"][role]
    if user is not None:
        sign_in(client, user)
    urls = [
        "/en/resources/manage/",
        "/en/resources/manage/new/",
        f"/en/resources/manage/{world['my_resource'].pk}/",
        f"/en/resources/manage/{world['their_resource'].pk}/",
        f"/en/resources/manage/{world['program_resource'].pk}/",
    ]
    responses = [client.get(url) for url in urls]
    assert tuple(r.status_code for r in responses) == EXPECTED[role]
    if role == "anonymous":
        login = reverse("login")
        assert all(r["Location"].startswith(f"{login}?next=/en/resources/manage/") for r in responses)


def test_events_and_resources_areas_answer_alike(client: Client, world: dict[str, Any]) -> None:
    their_event = EventFactory(organization=world["theirs"])
    sign_in(client, world["users"]["partner"])
    assert client.get(f"/en/events/manage/{their_event.pk}/").status_code == 404
    assert client.get(f"/en/resources/manage/{world['their_resource'].pk}/").status_code == 404


def test_case_worker_needs_the_second_factor_here_too(client: Client, world: dict[str, Any]) -> None:
    worker = _member(Role.CASE_WORKER, world["mine"])
    client.force_login(worker)  # signed in with the password only
    response = client.get("/en/resources/manage/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("support:otp-setup"))


def test_managed_resources_are_scoped(world: dict[str, Any]) -> None:
    partner = world["users"]["partner"]
    assert list(permissions.resources_managed_by(partner)) == [world["my_resource"]]
    assert permissions.resources_managed_by(world["users"]["coordinator"]).count() == 3
    assert not permissions.resources_managed_by(world["users"]["funder"]).exists()
    assert permissions.can_manage_resource(partner, world["my_resource"])
    assert not permissions.can_manage_resource(partner, world["their_resource"])
    assert not permissions.can_manage_resource(partner, world["program_resource"])
    assert permissions.can_manage_resource(world["users"]["coordinator"], world["program_resource"])


def test_list_shows_own_resources_with_their_versions(client: Client, world: dict[str, Any]) -> None:
    sign_in(client, world["users"]["partner"])
    html = client.get("/en/resources/manage/").content.decode()
    assert "Our guide" in html and "https://example.org/ours" in html and "(external link)" in html
    assert "Their guide" not in html and "Program guide" not in html
    # Reached from the events manage page and from the staff navigation of directory editing.
    assert 'href="/en/resources/manage/"' in client.get("/en/events/manage/").content.decode()
    assert 'href="/en/resources/manage/"' in client.get("/en/manage/").content.decode()


def _management(total: int, initial: int = 0) -> dict[str, str]:
    return {
        "versions-TOTAL_FORMS": str(total),
        "versions-INITIAL_FORMS": str(initial),
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "20",
    }


def _resource_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "fact_sheet",
        "title_en": "Housing rights",
        "title_es": "Derechos de vivienda",
        "summary_en": "What an employer may charge for housing.",
        "publisher": "Our organization",
        "is_published": "on",
        **_management(2),
        "versions-0-language": "",
        "versions-0-title": "",
        "versions-0-url": "",
        "versions-1-language": "",
        "versions-1-title": "",
        "versions-1-url": "",
    }
    data.update(overrides)
    return data


def test_partner_creates_a_resource_with_a_link_version(client: Client, world: dict[str, Any]) -> None:
    topic = TaxonomyTermFactory(code="housing", name_en="Housing")
    sign_in(client, world["users"]["partner"])
    response = client.post(
        "/en/resources/manage/new/",
        _resource_data(
            organization=str(world["theirs"].pk),  # ignored: a partner publishes for their own organization
            topics=[str(topic.pk)],
            provinces=["PE", "NS"],
            **{
                "versions-0-language": "es",
                "versions-0-title": "Guía de vivienda",
                "versions-0-url": "example.org/vivienda",
            },
        ),
    )
    assert response.status_code == 302 and response["Location"] == "/en/resources/manage/"
    resource = Resource.objects.get(title_en="Housing rights")
    assert resource.organization == world["mine"]
    assert resource.provinces == ",NS,PE,"
    assert list(resource.topics.all()) == [topic]
    version = resource.versions.get()
    assert (version.language, version.url, version.file.name) == ("es", "https://example.org/vivienda", "")

    public = Client()
    html = public.get("/en/resources/?language=es").content.decode()
    assert "<h2>Housing rights</h2>" in html and "Guía de vivienda" in html and "(external link)" in html
    assert "<h2>Housing rights</h2>" not in public.get("/en/resources/?language=fr").content.decode()
    assert "<h2>Housing rights</h2>" in public.get("/en/resources/?topic=housing&province=PE").content.decode()
    assert "Derechos de vivienda" in public.get("/es/resources/?language=es").content.decode()


def test_partner_uploads_a_pdf_version(client: Client, world: dict[str, Any], media: Any) -> None:
    sign_in(client, world["users"]["partner"])
    data = _resource_data(
        **{"versions-0-language": "en", "versions-1-language": "tl", "versions-1-url": "https://example.org/tl"}
    )
    data["versions-0-file"] = SimpleUploadedFile("Housing guide.pdf", PDF_BYTES, content_type="application/pdf")
    assert client.post("/en/resources/manage/new/", data).status_code == 302
    resource = Resource.objects.get(title_en="Housing rights")
    upload = resource.versions.get(language="en")
    assert upload.file.name.startswith("resources/") and upload.file.name.endswith(".pdf")
    assert "Housing" not in upload.file.name  # random stored name
    assert (upload.content_type, upload.size, upload.original_name) == (
        "application/pdf",
        len(PDF_BYTES),
        "Housing guide.pdf",
    )
    assert (media / upload.file.name).read_bytes() == PDF_BYTES
    assert resource.versions.get(language="tl").is_link

    served = Client().get(f"/en/resources/files/{upload.pk}/")
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert served["X-Content-Type-Options"] == "nosniff" and served["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(served.streaming_content) == PDF_BYTES
    html = Client().get("/en/resources/?language=en").content.decode()
    assert f'href="/en/resources/files/{upload.pk}/"' in html


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("guide.pdf", EXE_BYTES), "Only PDF, PNG, JPEG and Word (.docx) files are accepted"),
        (("photo.pdf", PNG_BYTES), "the content must match the name"),
        (("setup.exe", EXE_BYTES), "Only PDF, PNG, JPEG and Word (.docx) files are accepted"),
    ],
)
def test_wrong_file_types_are_refused_and_nothing_is_saved(
    client: Client, world: dict[str, Any], media: Any, upload: tuple[str, bytes], message: str
) -> None:
    sign_in(client, world["users"]["partner"])
    data = _resource_data(**{"versions-0-language": "en"})
    data["versions-0-file"] = SimpleUploadedFile(upload[0], upload[1], content_type="application/pdf")
    response = client.post("/en/resources/manage/new/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Resource.objects.filter(title_en="Housing rights").exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_oversized_file_is_refused_with_a_clear_message(
    client: Client, world: dict[str, Any], media: Any, settings: Any
) -> None:
    settings.BT_RESOURCE_MAX_BYTES = 1024 * 1024
    sign_in(client, world["users"]["partner"])
    data = _resource_data(**{"versions-0-language": "en"})
    big = PDF_BYTES + b"0" * (2 * 1024 * 1024)
    data["versions-0-file"] = SimpleUploadedFile("big.pdf", big, content_type="application/pdf")
    response = client.post("/en/resources/manage/new/", data)
    assert response.status_code == 200
    assert "The file is too large (2.0 MB; at most 1.0 MB)." in response.content.decode()
    assert not Resource.objects.filter(title_en="Housing rights").exists()
    assert not ResourceVersion.objects.filter(file__startswith="resources/").exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_hostile_names_are_cleaned_and_escaped(client: Client, world: dict[str, Any], media: Any) -> None:
    sign_in(client, world["users"]["partner"])
    data = _resource_data(title_en="<script>alert(1)</script> guide", **{"versions-0-language": "en"})
    data["versions-0-file"] = SimpleUploadedFile('../../<img src=x onerror=alert(1)>".pdf', PDF_BYTES)
    assert client.post("/en/resources/manage/new/", data).status_code == 302
    version = ResourceVersion.objects.get(resource__title_en__startswith="<script>")
    assert ".." not in version.file.name and "<" not in version.file.name
    assert "<" not in version.original_name and "/" not in version.original_name
    for html in (
        client.get("/en/resources/manage/").content.decode(),
        client.get(f"/en/resources/manage/{version.resource_id}/").content.decode(),
        Client().get("/en/resources/").content.decode(),
    ):
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; guide" in html
        assert "<img src=x" not in html


def _edit_data(resource: Resource, **overrides: Any) -> dict[str, Any]:
    """The edit form as the page would post it back, versions included, then the overrides."""
    versions = list(resource.versions.order_by("language"))
    data = _resource_data(
        title_en=resource.title_en, kind=resource.kind, **_management(len(versions) + 1, len(versions))
    )
    data.pop("versions-1-language"), data.pop("versions-1-title"), data.pop("versions-1-url")
    for i, version in enumerate(versions):
        data.update(
            {
                f"versions-{i}-id": str(version.pk),
                f"versions-{i}-resource": str(resource.pk),
                f"versions-{i}-language": version.language,
                f"versions-{i}-title": version.title,
                f"versions-{i}-url": version.url,
            }
        )
    data.update({f"versions-{len(versions)}-{k}": "" for k in ("language", "title", "url")})
    data.update(overrides)
    return data


def test_replace_and_remove_versions(
    client: Client, world: dict[str, Any], media: Any, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in(client, world["users"]["partner"])
    resource = world["my_resource"]
    # Add a Spanish file beside the English link.
    data = _edit_data(resource, **{"versions-1-language": "es"})
    data["versions-1-file"] = SimpleUploadedFile("guia.pdf", PDF_BYTES)
    assert client.post(f"/en/resources/manage/{resource.pk}/", data).status_code == 302
    spanish = resource.versions.get(language="es")
    first_file = spanish.file.name
    assert (media / first_file).is_file()

    # Replace the Spanish file: the old one leaves storage once the change is committed.
    data = _edit_data(resource)
    data["versions-1-file"] = SimpleUploadedFile("guia-2.png", PNG_BYTES)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/en/resources/manage/{resource.pk}/", data).status_code == 302
    spanish.refresh_from_db()
    assert spanish.file.name != first_file and spanish.content_type == "image/png"
    assert not (media / first_file).exists() and (media / spanish.file.name).is_file()

    # Turn the Spanish file into a link, then remove the English version.
    data = _edit_data(resource, **{"versions-1-file-clear": "on", "versions-1-url": "https://example.org/es"})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/en/resources/manage/{resource.pk}/", data).status_code == 302
    spanish.refresh_from_db()
    assert spanish.url == "https://example.org/es" and not spanish.file and not spanish.content_type
    assert not [p for p in media.rglob("*") if p.is_file()]
    data = _edit_data(resource, **{"versions-0-DELETE": "on"})
    assert client.post(f"/en/resources/manage/{resource.pk}/", data).status_code == 302
    assert list(resource.versions.values_list("language", flat=True)) == ["es"]


def test_versions_need_one_language_each_and_at_least_one(client: Client, world: dict[str, Any]) -> None:
    sign_in(client, world["users"]["partner"])
    twice = _resource_data(
        **{
            "versions-0-language": "en",
            "versions-0-url": "https://example.org/a",
            "versions-1-language": "en",
            "versions-1-url": "https://example.org/b",
        }
    )
    assert "Give each language only once." in client.post("/en/resources/manage/new/", twice).content.decode()
    none = _resource_data()
    assert "Give at least one language version" in client.post("/en/resources/manage/new/", none).content.decode()
    both = _resource_data(**{"versions-0-language": "en", "versions-0-url": "https://example.org/a"})
    both["versions-0-file"] = SimpleUploadedFile("a.pdf", PDF_BYTES)
    assert "Give either a file or a link, not both." in client.post("/en/resources/manage/new/", both).content.decode()
    resource = world["my_resource"]
    removed = _edit_data(resource, **{"versions-0-DELETE": "on"})
    assert client.post(f"/en/resources/manage/{resource.pk}/", removed).status_code == 200
    assert not Resource.objects.filter(title_en="Housing rights").exists()
    assert resource.versions.count() == 1


def test_editing_another_organizations_resource_is_refused(client: Client, world: dict[str, Any]) -> None:
    sign_in(client, world["users"]["partner"])
    theirs = world["their_resource"]
    response = client.post(f"/en/resources/manage/{theirs.pk}/", _edit_data(theirs, title_en="Taken over"))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.title_en == "Their guide" and theirs.organization == world["theirs"]
    assert client.post("/en/resources/manage/new/", {}).status_code == 200  # a form again, nothing saved
    funder = Client()
    sign_in(funder, world["users"]["funder"])
    assert funder.post(f"/en/resources/manage/{theirs.pk}/", _edit_data(theirs, title_en="X")).status_code == 403
    assert Client().post(f"/en/resources/manage/{theirs.pk}/", _edit_data(theirs, title_en="X")).status_code == 302
    theirs.refresh_from_db()
    assert theirs.title_en == "Their guide"


def test_coordinator_edits_any_resource_and_may_leave_the_organization_empty(
    client: Client, world: dict[str, Any]
) -> None:
    sign_in(client, world["users"]["coordinator"])
    theirs = world["their_resource"]
    data = _edit_data(theirs, title_en="Their guide, updated", organization=str(world["mine"].pk))
    assert client.post(f"/en/resources/manage/{theirs.pk}/", data).status_code == 302
    theirs.refresh_from_db()
    assert theirs.title_en == "Their guide, updated" and theirs.organization == world["mine"]
    data = _resource_data(**{"versions-0-language": "fr", "versions-0-url": "https://example.org/fr"})
    assert client.post("/en/resources/manage/new/", data).status_code == 302
    assert Resource.objects.get(title_en="Housing rights").organization is None


def test_unpublished_resources_stay_off_the_public_library(client: Client, world: dict[str, Any], media: Any) -> None:
    sign_in(client, world["users"]["partner"])
    data = _resource_data(**{"versions-0-language": "en", "versions-0-url": "https://example.org/draft"})
    del data["is_published"]
    assert client.post("/en/resources/manage/new/", data).status_code == 302
    assert "(not published)" in client.get("/en/resources/manage/").content.decode()
    # The file view serves published resources only, so an unpublished file is not linked.
    data = _resource_data(title_en="Draft sheet", **{"versions-0-language": "en"})
    del data["is_published"]
    data["versions-0-file"] = SimpleUploadedFile("draft.pdf", PDF_BYTES)
    assert client.post("/en/resources/manage/new/", data).status_code == 302
    draft = ResourceVersion.objects.get(resource__title_en="Draft sheet")
    html = client.get("/en/resources/manage/").content.decode()
    assert "draft.pdf" in html and f"/en/resources/files/{draft.pk}/" not in html
    assert Client().get(f"/en/resources/files/{draft.pk}/").status_code == 404
    assert "<h2>Housing rights</h2>" not in Client().get("/en/resources/").content.decode()


def test_pages_speak_french(client: Client, world: dict[str, Any]) -> None:
    sign_in(client, world["users"]["partner"])
    assert "Gérer les ressources" in client.get("/fr/resources/manage/").content.decode()
    assert "Versions linguistiques" in client.get("/fr/resources/manage/new/").content.decode()


def test_edit_page_describes_the_stored_versions(client: Client, world: dict[str, Any], media: Any) -> None:
    sign_in(client, world["users"]["partner"])
    data = _resource_data(**{"versions-0-language": "es"})
    data["versions-0-file"] = SimpleUploadedFile("guia.pdf", PDF_BYTES)
    assert client.post("/en/resources/manage/new/", data).status_code == 302
    resource = Resource.objects.get(title_en="Housing rights")
    html = client.get(f"/en/resources/manage/{resource.pk}/").content.decode()
    assert "Version Spanish" in html and "Current file: guia.pdf" in html and "Replace with a file" in html
    assert html.count("New language version") == 2
    # A refused change (the same language twice) shows what is stored, not the rejected upload.
    data = _edit_data(resource, **{"versions-1-language": "es", "versions-1-url": "https://example.org/es"})
    data["versions-0-file"] = SimpleUploadedFile("other.pdf", PDF_BYTES)
    html = client.post(f"/en/resources/manage/{resource.pk}/", data).content.decode()
    assert "Give each language only once." in html and "Current file: guia.pdf" in html
    assert resource.versions.get().original_name == "guia.pdf"


def test_posted_ids_of_another_resources_versions_change_nothing_of_theirs(
    client: Client, world: dict[str, Any]
) -> None:
    sign_in(client, world["users"]["partner"])
    mine, theirs = world["my_resource"], world["their_resource"]
    their_version = theirs.versions.get()
    # The row claims to be their version: changed, and again marked for removal.
    for extra in ({}, {"versions-1-DELETE": "on"}):
        data = _edit_data(
            mine,
            **_management(2, 2),
            **{
                "versions-1-id": str(their_version.pk),
                "versions-1-resource": str(mine.pk),
                "versions-1-language": "fr",
                "versions-1-url": "https://attacker.example/fr",
                **extra,
            },
        )
        client.post(f"/en/resources/manage/{mine.pk}/", data)
        their_version.refresh_from_db()
        assert (their_version.resource_id, their_version.url) == (theirs.pk, "https://example.org/theirs")
    # Naming their resource as a version's parent is refused.
    data = _edit_data(mine, **{"versions-0-resource": str(theirs.pk), "versions-0-url": "https://attacker.example/"})
    assert client.post(f"/en/resources/manage/{mine.pk}/", data).status_code == 200
    assert list(theirs.versions.values_list("url", flat=True)) == ["https://example.org/theirs"]
    assert not ResourceVersion.objects.filter(url="https://attacker.example/").exists()


@pytest.mark.parametrize("path", ["/en/resources/manage/", "/en/resources/manage/new/", "own"])
def test_manage_pages_are_never_cached(client: Client, world: dict[str, Any], path: str) -> None:
    sign_in(client, world["users"]["partner"])
    if path == "own":
        path = f"/en/resources/manage/{world['my_resource'].pk}/"
    cache_control = client.get(path).get("Cache-Control", "")
    assert "no-store" in cache_control and "private" in cache_control


def test_a_withdrawn_file_is_not_left_in_shared_caches(client: Client, world: dict[str, Any], media: Any) -> None:
    """A partner may replace a mistaken upload or unpublish it: no cache may go on serving the old file
    without asking again (a shared cache could otherwise keep it for as long as max-age says)."""
    sign_in(client, world["users"]["partner"])
    data = _resource_data(**{"versions-0-language": "en"})
    data["versions-0-file"] = SimpleUploadedFile("guide.pdf", PDF_BYTES)
    assert client.post("/en/resources/manage/new/", data).status_code == 302
    version = ResourceVersion.objects.get(resource__title_en="Housing rights")
    served = Client().get(f"/en/resources/files/{version.pk}/")
    assert served.status_code == 200
    directives = {d.strip().split("=")[0] for d in served["Cache-Control"].split(",")}
    assert "no-cache" in directives or "no-store" in directives or "private" in directives


def test_changes_need_the_csrf_token_and_only_get_and_post_are_answered(world: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    sign_in(client, world["users"]["partner"])
    mine = world["my_resource"]
    data = _edit_data(mine, title_en="Changed without a token")
    assert client.post(f"/en/resources/manage/{mine.pk}/", data).status_code == 403
    assert client.post("/en/resources/manage/new/", _resource_data()).status_code == 403
    mine.refresh_from_db()
    assert mine.title_en == "Our guide"
    lax = Client()
    sign_in(lax, world["users"]["partner"])
    assert lax.put(f"/en/resources/manage/{mine.pk}/").status_code == 405
    assert lax.delete(f"/en/resources/manage/{mine.pk}/").status_code == 405
    assert lax.post("/en/resources/manage/").status_code == 405  # the list only reads


def test_case_worker_without_the_second_factor_changes_nothing(client: Client, world: dict[str, Any]) -> None:
    client.force_login(_member(Role.CASE_WORKER, world["mine"]))  # the password only
    mine = world["my_resource"]
    for path, data in (
        (f"/en/resources/manage/{mine.pk}/", _edit_data(mine, title_en="Changed")),
        (
            "/en/resources/manage/new/",
            _resource_data(**{"versions-0-language": "en", "versions-0-url": "https://a.example/"}),
        ),
    ):
        assert client.get(path)["Location"].startswith(reverse("support:otp-setup"))
        assert client.post(path, data)["Location"].startswith(reverse("support:otp-setup"))
    mine.refresh_from_db()
    assert mine.title_en == "Our guide" and not Resource.objects.filter(title_en="Housing rights").exists()


def test_a_drafts_language_and_topic_are_not_offered_by_the_public_library(
    client: Client, world: dict[str, Any]
) -> None:
    topic = TaxonomyTermFactory(code="trafficking", name_en="Trafficking")
    sign_in(client, world["users"]["partner"])
    data = _resource_data(
        topics=[str(topic.pk)], **{"versions-0-language": "pa", "versions-0-url": "https://example.org/pa"}
    )
    del data["is_published"]
    assert client.post("/en/resources/manage/new/", data).status_code == 302
    html = Client().get("/en/resources/").content.decode()
    assert 'value="pa"' not in html and 'value="trafficking"' not in html


def test_a_long_file_name_is_accepted_and_shortened(client: Client, world: dict[str, Any], media: Any) -> None:
    """The stored name is random; the uploader's name is only cleaned and cut for the download."""
    sign_in(client, world["users"]["partner"])
    data = _resource_data(**{"versions-0-language": "en"})
    data["versions-0-file"] = SimpleUploadedFile(f"{'Employment standards guide ' * 10}2024.pdf", PDF_BYTES)
    response = client.post("/en/resources/manage/new/", data)
    assert response.status_code == 302
    version = ResourceVersion.objects.get(resource__title_en="Housing rights")
    assert version.original_name.endswith(".pdf") and len(version.original_name) <= 80
    # A refused file is named as the problem, without a second message about links.
    data = _resource_data(title_en="Empty", **{"versions-0-language": "en"})
    data["versions-0-file"] = SimpleUploadedFile("empty.pdf", b"")
    html = client.post("/en/resources/manage/new/", data).content.decode()
    assert "The submitted file is empty." in html and "Give either a file or a link" not in html
