"""`jumelage create-api-token USERNAME --name NAME`: a key for a script, printed once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jumelage.accounts.models import ApiToken


class Command(BaseCommand):
    help = _(
        "Create an API token for a user and print its key. Only a hash is stored: "
        "the key cannot be shown again."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help=_("the user the token acts as"))
        parser.add_argument(
            "--name", required=True, help=_("what the token is for, e.g. “nightly CRM sync”")
        )

    def handle(self, *args, **options):
        name = options["name"].strip()
        if not name:
            raise CommandError(_("--name must not be empty."))
        max_length = ApiToken._meta.get_field("name").max_length
        if len(name) > max_length:
            raise CommandError(
                ngettext(
                    "--name must be at most %(count)d character.",
                    "--name must be at most %(count)d characters.",
                    max_length,
                )
                % {"count": max_length}
            )
        try:
            user = get_user_model().objects.get(username=options["username"])
        except get_user_model().DoesNotExist as error:
            raise CommandError(
                _("No user named “%(username)s”.") % {"username": options["username"]}
            ) from error
        if not user.is_active:
            raise CommandError(
                _("User “%(username)s” is inactive: its tokens would be refused.")
                % {"username": user.username}
            )
        token, key = ApiToken.issue(user=user, name=name)
        self.stderr.write(
            _(
                "Token “%(name)s” (%(prefix)s…) created for %(username)s. Keep the key now: "
                "it is not stored and cannot be shown again."
            )
            % {"name": token.name, "prefix": token.prefix, "username": user.username}
        )
        self.stdout.write(key)
