from django.conf import settings
from django.core.checks import Error, register


@register(deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    """Serving without DEBUG needs a SECRET_KEY from the environment (see settings.py)."""
    if settings.DEBUG or getattr(settings, "SECRET_KEY_FROM_ENV", True):
        return []
    return [Error("SECRET_KEY is not set.", hint="Set SECRET_KEY, or DEBUG=1 for development.",
                  id="wijkkracht.E001")]
