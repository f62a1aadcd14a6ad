"""Real parallel work against a real database, for the concurrency rules."""

import threading

from django.db import connection


def run_together(*actions, timeout: float = 60):
    """Start the actions in threads at one moment; return what each returned or raised.
    Each thread closes its own database connection; a thread still running after the
    timeout fails the test (a lock that never lets go)."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        barrier.wait()
        try:
            outcomes[index] = action()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread hangs"
    return outcomes
