"""Sign-in backend that keeps the signed-in person in the cache between requests.

Every signed-in page needs the user row; reading it from the cache (Redis in production)
saves a database round trip and the ORM's work on each request. Saving or deleting a
user drops the cached copy (accounts.signals); a bulk `.update()` on users would not, so
the copy also expires after a few minutes.
"""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

USER_SECONDS = 300


def user_cache_key(user_id) -> str:
    return f"accounts:user:{user_id}"


def forget_cached_user(user_id) -> None:
    cache.delete(user_cache_key(user_id))


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id):
        key = user_cache_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(key, user, USER_SECONDS)
        return user if user is not None and self.user_can_authenticate(user) else None
