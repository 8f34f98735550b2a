"""`jumelage build-index`: build the matching index from the database and persist it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from jumelage.core.commands import JumelageCommand
from jumelage.directory.models import Organisation
from jumelage.matching.index import index_path, rebuild_index


class Command(JumelageCommand):
    help = _(
        "Build the partner-matching index from the organisations, cooperation projects and "
        "published profiles in the database, and save it under the data directory."
    )

    def handle(self, *args, **options):
        update, close = self.progress_bar(
            options, Organisation.objects.filter(archived=False).count(), _("organisations")
        )
        try:
            build = rebuild_index(progress=update)
        finally:
            close()
        self.stdout.write(
            _(
                "Index built in %(path)s: %(organisations)d organisations, %(projects)d "
                "projects, %(profiles)d profiles."
            )
            % {
                "path": index_path(),
                "organisations": build.organisations,
                "projects": build.projects,
                "profiles": build.profiles,
            }
        )
