"""Shared test set-up: named users, fast hashing, uploads in a temporary folder."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture
def alice(db):
    """A staff editor with every permission (superuser)."""
    return get_user_model().objects.create_superuser("alice", "alice@example.com", "alice-password")


@pytest.fixture
def bob(db):
    """A signed-in visitor without staff rights."""
    return get_user_model().objects.create_user("bob", "bob@example.com", "bob-password")


@pytest.fixture
def editor_client(client, alice):
    client.force_login(alice)
    return client
