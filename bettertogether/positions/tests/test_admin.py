"""Back office: who sees the LMIA pages (a role × URL matrix), the upload and the review queue."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from bettertogether.core.models import GeocodeFix
from bettertogether.core.roles import Role
from bettertogether.core.tests.factories import sign_in
from bettertogether.positions.models import ApprovedPosition, ImportRun

from .factories import ApprovedPositionFactory, ImportRunFactory, user_with_role

FILES = Path(__file__).resolve().parent / "files"
pytestmark = pytest.mark.django_db


def urls(run):
    return [
        reverse("admin:positions_importrun_changelist"),
        reverse("admin:positions_importrun_change", args=[run.pk]),
        reverse("admin:positions_importrun_upload"),
        reverse("admin:positions_importrun_review"),
        reverse("admin:positions_approvedposition_changelist"),
    ]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("not staff coordinator", 302),
        (Role.PARTNER_STAFF, 403),
        (Role.CASE_WORKER, 403),
        (Role.FUNDER_APPROVER, 403),
        (Role.COORDINATOR, 200),
        (Role.ADMINISTRATOR, 200),
        ("superuser", 200),
    ],
)
def test_permission_matrix(client, who, expected):
    run = ImportRunFactory()
    if who == "superuser":
        sign_in(client, user_with_role(Role.PARTNER_STAFF, is_superuser=True))
    elif who == "not staff coordinator":
        sign_in(client, user_with_role(Role.COORDINATOR, is_staff=False))
    elif who != "anonymous":
        sign_in(client, user_with_role(who))
    for url in urls(run):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert "/admin/login/" in response["Location"]


def test_coordinator_can_not_delete_runs_but_administrator_can(client):
    run = ImportRunFactory()
    delete = reverse("admin:positions_importrun_delete", args=[run.pk])
    sign_in(client, user_with_role(Role.COORDINATOR))
    assert client.get(delete).status_code == 403
    sign_in(client, user_with_role(Role.ADMINISTRATOR))
    assert client.get(delete).status_code == 200


def upload(client, name, data=None, **fields):
    data = data if data is not None else (FILES / name).read_bytes()
    return client.post(
        reverse("admin:positions_importrun_upload"),
        {"file": SimpleUploadedFile(name, data), **fields},
    )


def test_upload_imports_and_shows_the_report(client):
    coordinator = user_with_role(Role.COORDINATOR)
    sign_in(client, coordinator)
    response = upload(client, "tfwp_2022q4_pos_en.xlsx")
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:positions_importrun_change", args=[run.pk])
    assert (run.status, run.rows, run.positions, run.created_by) == ("ok", 4, 6, coordinator)
    page = client.get(response["Location"]).content.decode()
    assert "Imported 4 rows, 6 positions" in page  # the admin capitalises messages
    assert "<td>NB</td><td>2</td><td>3</td><td>3</td>" in page
    assert "<td>outside Canada</td><td>1</td><td>1</td><td>1</td>" in page


def test_upload_failure_shows_the_errors_and_writes_no_rows(client):
    sign_in(client, user_with_role(Role.COORDINATOR))
    response = upload(client, "tfwp_2021q3.xlsx", b"%PDF-1.4 nothing")
    run = ImportRun.objects.get()
    assert run.status == "failed"
    page = client.get(response["Location"]).content.decode()
    assert "The file was not imported; nothing was changed." in page
    assert "tfwp_2021q3.xlsx: this is a PDF document, not a spreadsheet (a PDF renamed?)" in page
    assert not ApprovedPosition.objects.exists()


def test_upload_dry_run_renders_the_report_without_writing(client):
    sign_in(client, user_with_role(Role.COORDINATOR))
    response = upload(client, "tfwp_2024q2_pos_en.xlsx", dry_run="on")
    assert response.status_code == 200
    page = response.content.decode()
    assert "dry run: nothing written" in page
    assert "Period 2024Q2: 4 rows, 16 positions." in page
    assert not ImportRun.objects.exists()


def test_upload_limits(client, settings):
    sign_in(client, user_with_role(Role.COORDINATOR))
    response = upload(client, "notes.pdf", b"%PDF")
    assert "Only .xlsx and .csv files can be imported." in response.content.decode()
    settings.BT_MAX_UPLOAD_BYTES = 100
    response = upload(client, "tfwp_2024q2_pos_en.xlsx")
    size = (FILES / "tfwp_2024q2_pos_en.xlsx").stat().st_size
    assert f"The file is {filesizeformat(size)}; the limit is 100\xa0bytes." in response.content.decode()
    response = upload(client, "tfwp_2024q2_pos_en.xlsx", b"x", period="summer")
    assert "Not a period: use e.g. 2021Q3, 2016 or 2017Q1-Q2." in response.content.decode()
    assert not ImportRun.objects.exists()


def test_review_queue_lists_and_places(client):
    unplaced = ApprovedPositionFactory(
        address="Nowhere Cove, NB", province="NB", latitude=None, longitude=None, geo_precision="", positions=4
    )
    ApprovedPositionFactory(
        run=unplaced.run, address="Nowhere Cove, NB", province="NB", latitude=None, longitude=None, geo_precision=""
    )
    ApprovedPositionFactory(run=unplaced.run, geo_warnings=["postal code B4X 2H2: FSA B4X does not exist"])
    ApprovedPositionFactory(run=unplaced.run)  # placed, no warning: not in the queue
    ApprovedPositionFactory(run=unplaced.run, province="XX", address="Oslo, 0150", latitude=None, longitude=None)
    coordinator = user_with_role(Role.COORDINATOR)
    sign_in(client, coordinator)
    url = reverse("admin:positions_importrun_review")
    page = client.get(url).content.decode()
    assert "2 addresses are unplaced or contradictory." in page
    assert "Nowhere Cove, NB" in page and "FSA B4X does not exist" in page and "Oslo" not in page

    response = client.post(
        url, {"address": "Nowhere Cove, NB", "province": "NB", "latitude": "47.79", "longitude": "-64.95"}
    )
    assert response.status_code == 302
    placed = ApprovedPosition.objects.filter(address="Nowhere Cove, NB")
    assert {(r.latitude, r.longitude, r.geo_precision) for r in placed} == {(47.79, -64.95, "fix")}
    assert GeocodeFix.objects.get().created_by == coordinator
    assert "1 address is unplaced or contradictory." in client.get(url).content.decode()


def test_review_refuses_points_outside_canada(client):
    ApprovedPositionFactory(address="Nowhere Cove, NB", province="NB", latitude=None, geo_precision="")
    sign_in(client, user_with_role(Role.COORDINATOR))
    url = reverse("admin:positions_importrun_review")
    response = client.post(
        url, {"address": "Nowhere Cove, NB", "province": "NB", "latitude": "10", "longitude": "10"}, follow=True
    )
    assert "Give a latitude and a longitude in Canada." in response.content.decode()
    assert not GeocodeFix.objects.exists()


def test_review_is_coordinator_only_for_posts_too(client):
    ApprovedPositionFactory(address="Nowhere Cove, NB", province="NB", latitude=None, geo_precision="")
    sign_in(client, user_with_role(Role.PARTNER_STAFF))
    response = client.post(
        reverse("admin:positions_importrun_review"),
        {"address": "Nowhere Cove, NB", "province": "NB", "latitude": "47.79", "longitude": "-64.95"},
    )
    assert response.status_code == 403
    assert not GeocodeFix.objects.exists()
