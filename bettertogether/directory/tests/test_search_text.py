"""The folded texts searches match (search_text.py): kept in every write's transaction, by signals and
by the HSDS importers, and matching exactly what the in-memory index's texts matched."""

from __future__ import annotations

import csv
import io
import threading
import time
import uuid
from importlib import import_module
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import translation

from bettertogether.core.text import fold
from bettertogether.directory import hsds_io, search, search_text
from bettertogether.directory import models as m

from . import factories as f
from . import reference
from .test_hsds_io import rows, wipe
from .test_hsds_languages import populated, run

pytestmark = pytest.mark.django_db
LANGS = search_text.LANGUAGES


def stored() -> dict[uuid.UUID, dict[str, str]]:
    columns = [*map(search_text.column, LANGS), "provinces"]
    return {r.pop("service_id"): r for r in m.ServiceSearchText.objects.values("service_id", *columns)}


def assert_fresh() -> None:
    """Every service has its row, and each row is what its records say now."""
    assert stored() == search_text.rows_of(list(m.Service.objects.values_list("id", flat=True)))


def found(q: str, lang: str = "en") -> set[str]:
    with translation.override(lang):
        return {item.service.name_en for item in search.search_services(q=q, limit=200).items}


def in_province(code: str) -> set[str]:
    return {item.service.name_en for item in search.search_services(province=code, limit=200).items}


def test_every_kind_of_edit_keeps_the_texts() -> None:
    org = f.OrganizationFactory(name="Harbour Aid")
    clinic = f.ServiceFactory(organization=org, name="Clinic", description="Walk in.")
    other = f.ServiceFactory(organization=org, name="Food bank")
    term = f.TaxonomyTermFactory(code="legal", name="Legal help")
    link = f.AttributeFactory(service=clinic, taxonomy_term=term)
    assert_fresh()
    assert found("legal") == {"Clinic"} and found("harbour") == {"Clinic", "Food bank"}

    clinic.name_fr = "Clinique du Port"
    clinic.save()
    assert_fresh()
    assert found("clinique port", "fr") == {"Clinic"} and found("clinique") == set()  # French in French only

    org.name_es = "Ayuda del Puerto"
    org.save()
    assert_fresh()
    assert found("puerto", "es") == {"Clinic", "Food bank"}

    term.name_tl = "Tulong legal"
    term.save()
    assert_fresh()
    assert found("tulong", "tl") == {"Clinic"}

    f.AttributeFactory(service=other, taxonomy_term=term)
    link.delete()
    assert_fresh()
    assert found("legal") == {"Food bank"}

    term.delete()  # its attributes go with it
    assert_fresh()
    assert found("legal") == set()

    # Provinces: from service areas and from the addresses of a service's places.
    area = f.ServiceAreaFactory(service=clinic, province="PE")
    place = f.LocationFactory()
    pair = f.ServiceAtLocationFactory(service=other, location=place)
    address = f.AddressFactory(location=place, state_province="New Brunswick")
    assert_fresh()
    assert in_province("PE") == {"Clinic"} and in_province("NB") == {"Food bank"}
    area.service = other  # a link moved: the service it leaves loses the province
    area.save()
    address.state_province = "Nova Scotia"
    address.save()
    assert_fresh()
    assert in_province("PE") == {"Food bank"} and in_province("NS") == {"Food bank"} and in_province("NB") == set()
    elsewhere = f.LocationFactory()
    f.ServiceAtLocationFactory(service=clinic, location=elsewhere)
    address.location = elsewhere
    address.save()
    assert_fresh()
    assert in_province("NS") == {"Clinic"}
    pair.delete()
    area.delete()
    assert_fresh()
    assert in_province("PE") == set()
    elsewhere.delete()  # its addresses and pairs go with it
    assert_fresh()
    assert in_province("NS") == set()

    other.delete()
    assert_fresh()
    org.delete()  # its services go with it
    assert_fresh()
    assert not m.ServiceSearchText.objects.exists()


def test_an_edit_rolled_back_leaves_the_texts_as_they_were() -> None:
    service = f.ServiceFactory(name="Clinic")
    before = stored()
    with pytest.raises(RuntimeError), transaction.atomic():
        service.name_en = "Renamed"
        service.save()
        raise RuntimeError
    assert stored() == before


def test_hsds_imports_keep_the_texts(tmp_path: Path) -> None:
    service = populated()
    lone = f.ServiceFactory(name="Lone")
    f.AttributeFactory(service=lone, taxonomy_term=f.TaxonomyTermFactory(code="rare", name="Rare category"))
    run("export_hsds", str(tmp_path), "--lang", "all")
    wipe()
    assert stored() == {}
    run("import_hsds", str(tmp_path / "en"))
    assert_fresh()
    for lang in ("fr", "es", "tl"):  # translations are raw UPDATEs
        run("import_hsds", str(tmp_path / lang))
        assert_fresh()
    assert found(fold(m.Service.objects.get(id=service.id).name_fr or ""), "fr") >= {service.name_en}

    # A package that renames an organization and moves a category from one service to another.
    package = tmp_path / "en"
    organizations = rows(package / "organizations.csv")
    for row in organizations:
        row["name"] = "Renamed Organization Zeta"
    _write(package / "organizations.csv", organizations)
    attributes = rows(package / "attributes.csv")
    other = f.ServiceFactory(name="Receives a category")
    for row in attributes:
        if row["link_id"] == str(lone.id):
            row["link_id"] = str(other.id)  # the service it leaves must lose the category's name
    _write(package / "attributes.csv", attributes)
    # Neither that service nor its organization is in the package.
    _write(package / "services.csv", [r for r in rows(package / "services.csv") if r["id"] != str(lone.id)])
    _write(package / "organizations.csv", [r for r in organizations if r["id"] != str(lone.organization_id)])
    hsds_io.import_package(package)
    assert_fresh()
    assert found("zeta") and found("rare category") == {"Receives a category"}


def _write(path: Path, data: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)


def test_the_database_matches_what_the_index_matched() -> None:
    call_command("load_demo", stdout=io.StringIO())
    populated()
    f.ServiceFactory(name="50% off_now", description="Ünïcode ß")
    index = reference.get_index()  # the active services, their texts folded as the index folded them
    for lang in LANGS:
        texts = dict(zip(index.ids, index.texts(lang), strict=True))
        words = {w for text in texts.values() for w in text.split() if w != "|"}
        vocabulary = sorted(words)[::7] + [w[1:4] for w in sorted(words)[::11]]
        vocabulary += ["%", "_", "50%", "f_o", "off_now", "STRASSE", "unicode", "é", "zzqx", "-"]
        for n, word in enumerate(vocabulary):
            query = [fold(word)] + ([fold(vocabulary[n - 1])] if n % 3 == 0 else [])
            expected = {sid for sid, text in texts.items() if all(w in text for w in query)}
            matching = m.Service.objects.active().filter(search_text.condition(query, lang))
            got = set(matching.values_list("id", flat=True))
            assert got == expected, (lang, query)


def test_the_migration_writes_every_service_s_text() -> None:
    call_command("load_demo", stdout=io.StringIO())
    m.ServiceSearchText.objects.all().delete()
    state = MigrationLoader(connection).project_state(("directory", "0008_service_search_text"))
    import_module("bettertogether.directory.migrations.0008_service_search_text").fill(state.apps, None)
    assert_fresh()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_transactions_changing_one_service_s_text_leave_it_whole() -> None:
    """Renaming a service and its organization at once: the second refresh waits for the first and
    reads what it committed, so neither name is lost."""
    org = f.OrganizationFactory(name="Harbour Aid")
    service = f.ServiceFactory(organization=org, name="Clinic")
    renamed, failures = threading.Event(), []

    def rename_service() -> None:
        try:
            with transaction.atomic():
                s = m.Service.objects.get(id=service.id)
                s.name_en = "Clinique Nord"
                s.save()  # holds the service's row until commit
                renamed.set()
                time.sleep(0.5)  # the organization's rename starts meanwhile and must wait
        except Exception as error:
            failures.append(error)
        finally:
            connections.close_all()

    worker = threading.Thread(target=rename_service)
    worker.start()
    assert renamed.wait(10)
    org.name_en = "Port Helpers"
    org.save()
    worker.join()
    assert not failures
    text = m.ServiceSearchText.objects.get(service_id=service.id).text_en
    assert "clinique nord" in text and "port helpers" in text
    assert_fresh()


@pytest.mark.postgres
def test_postgresql_answers_words_from_the_trigram_index() -> None:
    """Migration 0009 made the indexes (pg_trgm ships with PostgreSQL and its owner may create it), and
    the SQL a search sends can use them: `LIKE '%word%'` on the column as it is indexed."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'directory_servicesearchtext'")
        names = {row[0] for row in cursor.fetchall()}
    assert {f"directory_search_{search_text.column(lang)}" for lang in LANGS} <= names
    f.ServiceFactory(name="Harvest Legal Clinic")
    query = m.Service.objects.filter(search_text.condition(["harv", "clinic"], "fr", scan=True))
    with connection.cursor() as cursor:
        # A table this small is read whole otherwise, or through its primary key.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = query.explain()
    assert "directory_search_text_en" in plan and "directory_search_text_fr" in plan, plan
    assert [s.name_en for s in query] == ["Harvest Legal Clinic"]
