from django.conf import settings
from django.core.checks import Error, register


@register(deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    """Serving without DEBUG needs a SECRET_KEY from the environment (see settings.py)."""
    if settings.DEBUG or getattr(settings, "SECRET_KEY_FROM_ENV", True):
        return []
    return [
        Error(
            "SECRET_KEY is not set.",
            hint="Set SECRET_KEY, or DEBUG=1 for development.",
            id="wijkkracht.E001",
        )
    ]


# Caches whose counts live in one process's memory (or nowhere): rate limits, sessions
# and dropped private fragments then differ from one worker to the next.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(deploy=True)
def cache_is_shared(app_configs, **kwargs):
    """Several workers need one shared cache (Redis): rate limits count there, sessions
    are read from it, and private fragments dropped in one worker must be gone in all."""
    if settings.DEBUG:
        return []
    backend = settings.CACHES[settings.RATELIMIT_USE_CACHE]["BACKEND"]
    workers = getattr(settings, "WORKERS", 1)
    if backend in PER_PROCESS_CACHES and (workers > 1 or "dummy" in backend):
        return [
            Error(
                f"The cache ({backend}) is not shared, but {workers} worker processes are "
                "configured: each would count its own rate limits and keep its own sessions.",
                hint="Set REDIS_URL, or WEB_CONCURRENCY=1 for a single process.",
                id="wijkkracht.E002",
            )
        ]
    return []
