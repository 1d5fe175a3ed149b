"""In headless Chromium: a forgotten password, from the sign-in page to a new one, through the link
in the mail. The link's page sends no path in its Referer (the token is in the URL), yet the browser
still sends the Origin that the CSRF check needs."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from bettertogether.core.tests.browser.harness import visit
from bettertogether.core.tests.factories import CaseWorkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "harbour-lantern-quiet-87"


def test_staff_resets_a_forgotten_password_through_the_mailed_link(new_page: Any, live_server: Any) -> None:
    user = CaseWorkerFactory(username="mdelacruz", email="m.delacruz@partner.example.org")
    page = new_page()
    visit(page, "/en/accounts/login/")
    page.get_by_role("link", name=re.compile("Forgot", re.IGNORECASE)).click()
    page.wait_for_load_state("load")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_role("button", name=re.compile("Send", re.IGNORECASE)).click()
    page.wait_for_load_state("load")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/en/accounts/password/reset/\S+/", mail.outbox[0].body)
    assert link is not None
    path = "/" + link.group(0).split("/", 3)[3]
    response = visit(page, path)
    assert response.headers["referrer-policy"] == "strict-origin"
    page.locator('input[name="new_password1"]').fill(NEW_PASSWORD)
    page.locator('input[name="new_password2"]').fill(NEW_PASSWORD)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.locator('form button[type="submit"]').click()
    assert posted.value.status == 302, posted.value.status
    page.wait_for_load_state("load")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
