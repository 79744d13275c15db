"""Error pages keep the frame and say what happened, in the user's language."""

import pytest

pytestmark = pytest.mark.django_db


def test_404_uses_the_frame(client, liaison_a) -> None:
    client.force_login(liaison_a)
    response = client.get("/supervision/items/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'data-testid="not-found"' in page and 'data-testid="nav"' in page
