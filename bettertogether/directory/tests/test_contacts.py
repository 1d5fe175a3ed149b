"""Honest contacts: each number says what it is for and links to what a tap can do with it."""

import datetime as dt

import pytest
from django.test import Client

from bettertogether.core.phones import sms_uri, tel_uri, whatsapp_uri
from bettertogether.directory import hours
from bettertogether.directory.hsds import phone_doc
from bettertogether.directory.models import Phone, phone_kind
from bettertogether.directory.tests import factories as f

HALIFAX = hours.LOCAL_TZ


@pytest.mark.parametrize(
    ("number", "tel", "sms", "wa"),
    [
        ("(902) 555-0123", "tel:+19025550123", "sms:+19025550123", "https://wa.me/19025550123"),
        ("1 506 555 0199", "tel:+15065550199", "sms:+15065550199", "https://wa.me/15065550199"),
        ("2-1-1", "tel:211", "sms:211", ""),
        ("21167", "tel:21167", "sms:21167", ""),
        ("no digits", "", "", ""),
    ],
)
def test_links_of_a_number(number: str, tel: str, sms: str, wa: str) -> None:
    assert (tel_uri(number), sms_uri(number), whatsapp_uri(number)) == (tel, sms, wa)


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("", "voice"),
        ("cell", "voice"),
        ("SMS", "text"),
        ("text", "text"),
        ("tty", "textphone"),
        ("whatsapp", "whatsapp"),
        ("fax", "fax"),
        ("carrier pigeon", "voice"),
    ],
)
def test_hsds_words_read_as_kinds(word: str, kind: str) -> None:
    assert phone_kind(word) == kind


def test_each_kind_links_as_it_should() -> None:
    def href(kind: str, number: str = "902-555-0123", whatsapp: bool = False) -> str:
        return Phone(number=number, type=kind, whatsapp=whatsapp).href

    assert href("voice") == "tel:+19025550123"
    assert href("text", "21167") == "sms:21167"
    assert href("whatsapp") == "https://wa.me/19025550123"
    assert href("textphone") == "tel:+19025550123"
    assert href("fax") == ""
    assert Phone(number="902-555-0123", type="voice", whatsapp=True).whatsapp_uri == "https://wa.me/19025550123"
    assert Phone(number="902-555-0123", type="voice").whatsapp_uri == ""


@pytest.mark.django_db
def test_service_page_labels_every_number(client: Client) -> None:
    service = f.located_service(44.65, -63.57)
    f.PhoneFactory(service=service, number="2-1-1", type="voice", description="24/7", sort_order=0)
    f.PhoneFactory(service=service, number="21167", type="text", sort_order=1)
    f.PhoneFactory(service=service, number="902-555-0188", type="whatsapp", sort_order=2)
    f.PhoneFactory(service=service, number="902-555-0177", type="fax", sort_order=3)
    html = client.get(f"/en/services/{service.id}/").content.decode()
    assert '<span class="kind">Call</span> <a class="tel" href="tel:211">2-1-1</a>' in html
    assert '<span class="kind">Text (SMS)</span> <a class="tel" href="sms:21167">21167</a>' in html
    assert 'href="tel:21167"' not in html
    assert '<span class="kind">WhatsApp</span> <a class="tel" href="https://wa.me/19025550188"' in html
    assert '<span class="kind">Fax</span> <span class="tel">902-555-0177</span>' in html
    assert "tel:+19025550177" not in html
    fr = client.get(f"/fr/services/{service.id}/").content.decode()
    assert '<span class="kind">Message texte (SMS)</span> <a class="tel" href="sms:21167">' in fr
    assert '<span class="kind">Texto (SMS)</span>' in client.get(f"/es/services/{service.id}/").content.decode()


@pytest.mark.django_db
def test_home_and_rights_link_911(client: Client) -> None:
    for path in ("/en/", "/en/rights/", "/fr/", "/fr/rights/"):
        html = client.get(path).content.decode()
        assert '<a href="tel:911">' in html, path


@pytest.mark.django_db
def test_home_labels_text_lines(client: Client) -> None:
    service = f.ServiceFactory(name="211 PEI line")
    f.PhoneFactory(service=service, number="2-1-1", type="voice")
    f.PhoneFactory(service=service, number="2-1-1", type="text", sort_order=1)
    f.AttributeFactory(service=service, taxonomy_term=f.TaxonomyTermFactory(code="helpline", name="Helpline"))
    html = client.get("/en/").content.decode()
    assert "211 PEI line" in html
    assert '<span class="kind">Text (SMS)</span> <a class="tel" href="sms:211">2-1-1</a>' in html


class _Line:
    def __init__(self, byday: str, opens: dt.time, closes: dt.time) -> None:
        self.byday, self.opens_at, self.closes_at = byday, opens, closes
        self.valid_from = self.valid_to = None


# The federal tip line: messages at any time, live agents 07:30–21:00 on weekdays.
TIP_LINE = [
    _Line("MO,TU,WE,TH,FR", dt.time(7, 30), dt.time(21, 0)),
    _Line("MO,TU,WE,TH,FR,SA,SU", dt.time(0, 0), dt.time(23, 59)),
]


def test_round_the_clock_line_reads_as_open_24_hours_with_staffed_hours() -> None:
    tuesday_noon = dt.datetime(2026, 5, 5, 12, 0, tzinfo=HALIFAX)
    week = hours.weekly_hours(TIP_LINE, at=tuesday_noon)
    assert week[1].all_day and week[1].spans == ["07:30–21:00"]
    assert week[6].all_day and week[6].spans == []  # Sunday: open, nobody answering live
    assert all("00:00" not in span for day in week for span in day.spans)
    assert hours.open_state(TIP_LINE, [], tuesday_noon) == hours.OpenState(True, True, True)
    tuesday_night = dt.datetime(2026, 5, 5, 23, 0, tzinfo=HALIFAX)
    assert hours.open_state(TIP_LINE, [], tuesday_night) == hours.OpenState(True, True, False)
    office = [_Line("MO,TU,WE,TH,FR", dt.time(9), dt.time(17))]
    assert hours.open_state(office, [], tuesday_noon) == hours.OpenState(True)
    assert hours.weekly_hours(office, at=tuesday_noon)[1].spans == ["09:00–17:00"]


@pytest.mark.django_db
def test_tip_line_page_reads_open_24_hours(client: Client, monkeypatch) -> None:
    service = f.located_service(44.65, -63.57)
    for line in TIP_LINE:
        f.ScheduleFactory(service=service, byday=line.byday, opens_at=line.opens_at, closes_at=line.closes_at)
    monkeypatch.setattr(hours, "local_now", lambda: dt.datetime(2026, 5, 5, 23, 0, tzinfo=HALIFAX))
    html = client.get(f"/en/services/{service.id}/").content.decode()
    assert "00:00–24:00" not in html
    assert "Open 24 hours" in html and 'Staffed <span class="nw">07:30–21:00</span>' in html
    assert "No staff now: leave a message" in html


@pytest.mark.django_db
def test_hsds_export_carries_the_kind_and_label() -> None:
    phone = f.PhoneFactory(number="21167", type="text", description="24/7")
    doc = phone_doc(phone)
    assert (doc["type"], doc["description"]) == ("text", "24/7")
