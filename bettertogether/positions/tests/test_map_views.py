"""The public positions map, its table and downloads, on small factory-made data."""

import csv
import io
import json

import pytest
from django.urls import reverse

from bettertogether.positions.models import ApprovedPosition

from .factories import ApprovedPositionFactory, ImportRunFactory

pytestmark = pytest.mark.django_db

MAP = "/en/positions/"
TABLE = "/en/positions/table/"
CSV_URL = "/en/positions/positions.csv"
API = "/api/map/positions.geojson"


def _geojson(client, query=""):
    response = client.get(f"{API}?{query}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def _csv(client, query=""):
    response = client.get(f"{CSV_URL}?{query}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_urls_have_the_agreed_names():
    assert reverse("positions:map") == MAP
    assert reverse("positions_api:positions") == API


def test_default_view_is_the_latest_four_quarters_and_maritimes(client):
    ApprovedPositionFactory(province="NS", positions=5)
    ApprovedPositionFactory(province="ON", positions=7, address="Toronto, ON M5V 1A1", postal_code="M5V 1A1")
    data = _geojson(client)
    assert data["totals"]["positions"] == 5
    assert data["filters"]["province"] == ["NS", "NB", "PE"]
    later = ImportRunFactory(period="2022Q3", period_start="2022-07-01", period_end="2022-09-30")
    ApprovedPositionFactory(run=later, province="NS", positions=11)
    data = _geojson(client)
    assert (data["filters"]["from"], data["filters"]["to"]) == ("2021Q4", "2022Q3")
    assert data["totals"]["positions"] == 11
    assert _geojson(client, "from=2021Q3&to=2022Q2&province=NS&province=NB&province=PE")["totals"]["positions"] == 5


def test_filters_narrow_the_figures(client):
    ApprovedPositionFactory(
        province="NS", stream="Low Wage", noc_code="9463", noc_title="Fish plant workers", positions=5
    )
    ApprovedPositionFactory(
        province="NB", stream="Primary Agriculture", noc_code="8431", noc_title="General farm workers", positions=3
    )
    ApprovedPositionFactory(
        province="PE",
        stream="High Wage",
        noc_code="2171",
        noc_title="Analysts",
        positions=2,
        employer="Acme Software Ltd",
    )
    q = "from=2021Q3&to=2021Q3"
    assert _geojson(client, q)["totals"]["positions"] == 10  # no province given: all of Canada
    assert _geojson(client, q + "&province=NB&province=PE")["totals"]["positions"] == 5
    assert _geojson(client, q + "&stream=Primary+Agriculture")["totals"]["positions"] == 3
    assert _geojson(client, q + "&noc=9")["totals"]["positions"] == 5
    assert _geojson(client, q + "&occupation=843")["totals"]["positions"] == 3
    assert _geojson(client, q + "&noc=8431")["totals"]["positions"] == 3
    assert _geojson(client, q + "&occupation=farm+general")["totals"]["positions"] == 3
    assert _geojson(client, q + "&employer=acme")["totals"]["positions"] == 2
    assert _geojson(client, "from=2022Q1&to=2022Q2")["totals"]["positions"] == 0


@pytest.mark.parametrize(
    "query, fragment",
    [
        ("from=2021Q9", "is not a quarter"),
        ("from=2022Q2&to=2021Q3", "ends"),
        ("province=ZZ", "Unknown province"),
        ("stream=Nonsense", "Unknown stream"),
        ("noc=1x", "one digit"),
        ("employer=" + "x" * 101, "too long"),
    ],
)
def test_bad_filters_400_in_api_and_friendly_on_page(client, query, fragment):
    response = client.get(f"{API}?{query}")
    assert response.status_code == 400
    assert any(fragment in message for message in response.json()["errors"])
    page = client.get(f"{MAP}?{query}")
    assert page.status_code == 400
    text = page.content.decode()
    assert "Some filters could not be used" in text and fragment in text
    assert client.get(f"{CSV_URL}?{query}").status_code == 400
    assert client.get(f"{TABLE}?{query}").status_code == 400


def test_approximate_places_carry_their_precision(client):
    ApprovedPositionFactory(positions=4, geo_precision="postal_code", latitude=45.1, longitude=-64.5)
    ApprovedPositionFactory(positions=6, geo_precision="fsa", latitude=45.2, longitude=-64.6, fsa="B0P", place="")
    ApprovedPositionFactory(positions=1, geo_precision="place", latitude=45.3, longitude=-64.7, place="Canning")
    features = {f["properties"]["precision"]: f for f in _geojson(client)["features"]}
    assert features["postal_code"]["properties"]["approximate"] is False
    assert features["fsa"]["properties"]["approximate"] is True
    assert features["fsa"]["properties"]["label"] == "B0P"
    assert features["place"]["properties"]["approximate"] is True
    assert features["fsa"]["geometry"]["coordinates"] == [-64.6, 45.2]
    page = client.get(MAP).content.decode()
    assert "approximate (postal area)" in page and "approximate (place name)" in page


def test_rows_at_the_same_point_are_one_place(client):
    ApprovedPositionFactory(positions=4, employer="A")
    ApprovedPositionFactory(positions=6, employer="B")
    [feature] = _geojson(client)["features"]
    assert feature["properties"]["positions"] == 10
    assert feature["properties"]["employers"] == 2
    assert feature["properties"]["rows"] == 2


def test_unplaced_rows_are_counted_and_listed(client):
    ApprovedPositionFactory(positions=4)
    ApprovedPositionFactory(
        positions=3, latitude=None, longitude=None, geo_precision="", employer="Lost Farm Inc", address="Nowhere Road"
    )
    ApprovedPositionFactory(
        positions=2,
        province="XX",
        latitude=None,
        longitude=None,
        geo_precision="",
        employer="Overseas Ltd",
        address="London, UK",
    )
    data = _geojson(client, "province=all")
    assert data["totals"]["positions"] == 9
    assert data["totals"]["unplaced_positions"] == 5
    assert data["totals"]["unplaced_rows"] == 2
    assert sum(f["properties"]["positions"] for f in data["features"]) == 4
    page = client.get(MAP + "?province=all").content.decode()
    assert "Not placed on the map" in page
    assert "Lost Farm Inc" in page and "Overseas Ltd" in page
    assert "Head office outside Canada" in page
    rows = _csv(client, "province=all")
    assert sum(int(r[11]) for r in rows[1:]) == 9


def test_csv_has_a_header_and_is_injection_safe(client):
    ApprovedPositionFactory(employer='=HYPERLINK("http://evil")', address="+1 Main St", place="@home", positions=3)
    ApprovedPositionFactory(employer="-2+3", positions=1)
    response = client.get(CSV_URL)
    assert response["Content-Disposition"].startswith("attachment;")
    rows = _csv(client)
    assert rows[0][:4] == ["period", "province", "stream", "employer"]
    employers = sorted(r[3] for r in rows[1:])
    assert employers == ["'-2+3", '\'=HYPERLINK("http://evil")']
    first = next(r for r in rows[1:] if r[3].startswith("'="))
    assert first[4] == "'+1 Main St" and first[6] == "'@home"


HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & Co'


def test_hostile_names_are_escaped_everywhere(client):
    ApprovedPositionFactory(employer=HOSTILE, place=HOSTILE, address=HOSTILE, noc_title=HOSTILE, positions=3)
    ApprovedPositionFactory(employer=HOSTILE, latitude=None, longitude=None, geo_precision="", positions=1)
    for url in (MAP, TABLE):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    raw = client.get(API).content.decode()
    assert "<" not in raw and ">" not in raw
    assert json.loads(raw)["features"][0]["properties"]["label"].startswith(HOSTILE)


def test_page_works_without_javascript_and_sets_no_cookie(client):
    ApprovedPositionFactory(positions=5, place="Kentville")
    response = client.get(MAP)
    assert response.status_code == 200
    assert not response.cookies
    body = response.content.decode()
    assert "<script>" not in body and " style=" not in body  # CSP: no inline script or style
    assert 'id="per-province"' in body and 'id="places"' in body
    assert 'role="img"' in body and "<title" in body  # charts
    assert 'data-geojson="/api/map/positions.geojson?' in body
    assert "/api/map/services.geojson?" in body
    table = client.get(TABLE)
    assert table.status_code == 200 and not table.cookies
    assert "Kentville" in table.content.decode()


def test_table_is_paginated(client):
    run = ImportRunFactory()
    ApprovedPositionFactory.create_batch(105, run=run, positions=1)
    first = client.get(TABLE).content.decode()
    assert "Page 1 of 2" in first and 'rel="next"' in first
    second = client.get(TABLE + "?page=2").content.decode()
    assert second.count("<tr>") == 1 + 5  # header + 5 rows
    assert ApprovedPosition.objects.count() == 105


def test_geojson_download_and_other_languages(client):
    ApprovedPositionFactory(positions=5)
    response = client.get(API + "?download=1")
    assert "attachment" in response["Content-Disposition"]
    assert client.get("/fr/positions/").status_code == 200


def test_a_period_outside_the_loaded_quarters_stays_selected(client):
    body = client.get(MAP + "?from=2019Q1&to=2019Q2").content.decode()
    assert "<option selected>2019Q1</option>" in body and "<option selected>2019Q2</option>" in body


def test_cached_geojson_follows_new_imports_and_fixes(client):
    ApprovedPositionFactory(positions=5)
    assert _geojson(client)["totals"]["positions"] == 5
    assert _geojson(client)["totals"]["positions"] == 5  # from the cache
    ApprovedPositionFactory(run=ImportRunFactory(period="2021Q4", period_start="2021-10-01", period_end="2021-12-31"))
    assert _geojson(client)["totals"]["positions"] == 7
    row = ApprovedPositionFactory(positions=1, latitude=None, longitude=None, geo_precision="", run=ImportRunFactory())
    assert _geojson(client)["totals"]["unplaced_positions"] == 1
    ApprovedPosition.objects.filter(pk=row.pk).update(latitude=45.0, longitude=-64.0, geo_precision="fix")
    assert _geojson(client)["totals"]["unplaced_positions"] == 0


def test_page_lists_the_largest_places_and_counts_the_rest(client):
    run = ImportRunFactory()
    for i in range(53):
        ApprovedPositionFactory(run=run, positions=i + 1, latitude=44 + i / 100, longitude=-64.0)
    body = client.get(MAP).content.decode()
    assert "3 more places" in body
    assert len(_geojson(client)["features"]) == 53


def test_services_overlay_url_uses_the_directory_filters(client):
    body = client.get(MAP).content.decode()
    assert 'data-services="/api/map/services.geojson?lang=en"' in body
    body = client.get(MAP + "?province=PE").content.decode()
    assert 'data-services="/api/map/services.geojson?lang=en&amp;province=PE"' in body
    assert client.get("/api/map/services.geojson?lang=en&province=PE").status_code == 200
