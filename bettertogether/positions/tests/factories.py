import datetime as dt

import factory

from bettertogether.core.models import User
from bettertogether.core.roles import Role
from bettertogether.positions.models import ApprovedPosition, ImportRun


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"positions-user{n}")
    role = Role.PARTNER_STAFF
    is_staff = True
    password = factory.django.Password("correct horse battery")


def user_with_role(role: str, **kwargs) -> User:
    return UserFactory(role=role, **kwargs)


class ImportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportRun

    file_name = factory.Sequence(lambda n: f"tfwp_2021q3_positive_en_{n}.xlsx")
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    size = 1000
    period = "2021Q3"
    period_start = dt.date(2021, 7, 1)
    period_end = dt.date(2021, 9, 30)
    variant = "E"
    status = ImportRun.Status.OK


class ApprovedPositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApprovedPosition

    run = factory.SubFactory(ImportRunFactory)
    row_number = factory.Sequence(lambda n: n + 3)
    period = factory.SelfAttribute("run.period")
    period_start = factory.SelfAttribute("run.period_start")
    period_end = factory.SelfAttribute("run.period_end")
    quarter = factory.LazyAttribute(lambda o: o.period if "Q" in o.period and "-" not in o.period else "")
    province = "NS"
    stream = "Low Wage"
    stream_original = "   Low Wage"
    employer = factory.Sequence(lambda n: f"Employer {n}")
    address = "Kentville, NS B4N 1A1"
    postal_code = "B4N 1A1"
    fsa = "B4N"
    place = "Kentville"
    noc_code = "9463"
    noc_version = 2011
    noc_title = "Fish and seafood plant workers"
    noc_broad = factory.LazyAttribute(lambda o: o.noc_code[:1])
    positions = 2
    latitude = 45.077
    longitude = -64.496
    geo_precision = ApprovedPosition.GeoPrecision.POSTAL_CODE
