"""Upload benchmark: how long the person waits when uploading a directory file.

In a fresh SQLite database holding `--existing` organisations, a file of `--rows` new
organisations (XLSX and CSV, as the directory export writes them) is uploaded through the
real page with the database task backend. Three figures per format, from the same run:

- `inline`: the whole check done in the request, as the upload page did before
  (quick checks, reading, checking every row, permissions, possible duplicates);
- `request`: the upload request now (quick checks, keeping the file, enqueueing);
- `task`: the background check the worker then runs (`check_batch`);
- `commit request`: asking for the import of the previewed rows (checks, enqueueing);
- `commit task`: the import the worker then runs, all at once (`commit_batch`), which is
  what the commit request took before it was handed to the worker.

    python bench/uploads.py [--rows 3000] [--existing 5000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--existing", type=int, default=5000)
    parser.add_argument(
        "--profile", action="store_true", help="print the hot spots of the check and the commit"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="jumelage-bench-uploads-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["JUMELAGE_DATA_DIR"] = str(tmp)
    os.environ["TASKS_BACKEND"] = "database"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from directory import generate
    from jumelage.accounts.models import Programme, Role, User
    from jumelage.directory import uploads
    from jumelage.directory.exports import export_organisations
    from jumelage.directory.models import ImportBatch, Organisation
    from jumelage.directory.services import import_directory_file

    call_command("migrate", verbosity=0)
    everything = tmp / "all.jsonl"
    generate(args.existing + args.rows, everything)
    lines = everything.read_text(encoding="utf-8").splitlines()
    existing = tmp / "existing.jsonl"
    existing.write_text("\n".join(lines[: args.existing]) + "\n", encoding="utf-8")
    fresh = tmp / "fresh.jsonl"
    fresh.write_text("\n".join(lines[args.existing :]) + "\n", encoding="utf-8")
    import_directory_file(path=existing, source="bench")
    # The file to upload: the fresh organisations as the export writes them.
    import_directory_file(path=fresh, source="fresh")
    files = {
        fmt: export_organisations(Organisation.objects.filter(source="fresh"), fmt)[0]
        for fmt in ("xlsx", "csv")
    }
    Organisation.objects.filter(source="fresh").delete()

    programme = Programme.objects.create(name="Bench", slug="bench")
    user = User.objects.create_user("bench-pm", password="x")
    Role.objects.create(user=user, kind=Role.Kind.PROGRAMME_MANAGER, programme=programme)
    client = Client()
    client.force_login(user)
    client.get(reverse("directory:import_upload"))  # the first request loads what every page needs

    results = {"rows": args.rows, "existing": args.existing, "formats": {}}
    for fmt, content in files.items():
        name = f"upload.{fmt}"
        started = time.perf_counter()
        uploads.precheck_upload(name=name, content=content)
        records, problems = uploads.check_upload(name=name, content=content)
        uploads.permission_problems(user=user, source="upload", records=records)
        uploads.possible_duplicates(records, source="upload")
        inline = time.perf_counter() - started

        started = time.perf_counter()
        response = client.post(
            reverse("directory:import_upload"),
            {"file": SimpleUploadedFile(name, content), "source": f"upload-{fmt}"},
        )
        request = time.perf_counter() - started
        assert response.status_code == 302, response.status_code
        batch = ImportBatch.objects.latest("pk")
        assert batch.status == ImportBatch.Status.CHECKING

        profiler = cProfile.Profile() if args.profile else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        batch = uploads.check_batch(batch=batch)
        if profiler:
            profiler.disable()
        task = time.perf_counter() - started
        assert batch.status == ImportBatch.Status.PREVIEW and len(batch.records) == args.rows
        assert problems == [] and batch.problems == []
        commit_profiler = cProfile.Profile() if args.profile else None
        started = time.perf_counter()
        if commit_profiler:
            commit_profiler.enable()
        response = client.post(reverse("directory:import_commit", args=[batch.pk]))
        commit_request = time.perf_counter() - started
        assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.COMMITTING
        started = time.perf_counter()
        uploads.commit_batch(batch_id=batch.pk)
        commit = time.perf_counter() - started
        if commit_profiler:
            commit_profiler.disable()
        assert Organisation.objects.filter(source=f"upload-{fmt}").count() == args.rows
        results["formats"][fmt] = {
            "bytes": len(content),
            "inline_seconds": round(inline, 3),
            "request_seconds": round(request, 3),
            "task_seconds": round(task, 3),
            "commit_request_seconds": round(commit_request, 3),
            "commit_task_seconds": round(commit, 3),
            "request_share_of_inline": round(request / inline, 4),
        }
        if profiler:
            print(f"--- {fmt}: check_batch hot spots", file=sys.stderr)
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(18)
            print(f"--- {fmt}: commit hot spots", file=sys.stderr)
            pstats.Stats(commit_profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(
                25
            )
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
