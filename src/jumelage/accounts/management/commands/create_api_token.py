"""`jumelage create-api-token USERNAME --name NAME`: a key for a script, printed once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from jumelage.accounts.models import ApiToken


class Command(BaseCommand):
    help = (
        "Create an API token for a user and print its key. Only a hash is stored: "
        "the key cannot be shown again."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the user the token acts as")
        parser.add_argument(
            "--name", required=True, help="what the token is for, e.g. 'nightly CRM sync'"
        )

    def handle(self, *args, **options):
        name = options["name"].strip()
        if not name:
            raise CommandError("--name must not be empty.")
        max_length = ApiToken._meta.get_field("name").max_length
        if len(name) > max_length:
            raise CommandError(f"--name must be at most {max_length} characters.")
        try:
            user = get_user_model().objects.get(username=options["username"])
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user named {options['username']!r}.") from error
        if not user.is_active:
            raise CommandError(f"User {user.username!r} is inactive: its tokens would be refused.")
        token, key = ApiToken.issue(user=user, name=name)
        self.stderr.write(
            f"Token {token.name!r} ({token.prefix}…) created for {user.username}. "
            "Keep the key now: it is not stored and cannot be shown again."
        )
        self.stdout.write(key)
