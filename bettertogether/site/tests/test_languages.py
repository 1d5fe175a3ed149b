import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "greeting"),
    [
        ("en", "Know your rights"),
        ("fr", "Connaissez vos droits"),
        ("es", "Conozca sus derechos"),
        ("tl", "Alamin ang iyong mga karapatan"),
    ],
)
def test_home_speaks_each_language(client: Client, lang: str, greeting: str) -> None:
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert greeting in html
