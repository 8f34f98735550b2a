"""Running the database task backend's worker inside a test, as a worker machine would."""

import signal

from django.core.management import call_command

_SIGNALS = [
    signal.SIGINT,
    signal.SIGTERM,
    *([signal.SIGQUIT] if hasattr(signal, "SIGQUIT") else []),
]


def run_worker() -> None:
    """Run the worker until its queue is empty. It handles SIGINT and SIGTERM to stop
    gracefully; its handlers are put back afterwards, as they would go with its process."""
    saved = {signum: signal.getsignal(signum) for signum in _SIGNALS}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
