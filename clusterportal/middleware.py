"""The page's language.

Public pages take it from their address alone (``/news/`` is the default language, ``/ru/news/``
Russian), so one address is one page: no ``Vary: Accept-Language``, and a cache may keep it.
The admin has no language prefix; it follows the editor's choice (the language cookie that
Django's ``set_language`` view writes), else the browser's ``Accept-Language``.
"""

from functools import cached_property

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    @cached_property
    def admin_prefix(self) -> str:
        return reverse("admin:index")

    def is_admin(self, request) -> bool:
        return request.path_info.startswith(self.admin_prefix)

    def process_request(self, request):
        if not self.is_admin(request):
            # Django's own: the prefix's language, else the default (prefix_default_language=False).
            return super().process_request(request)
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if self.is_admin(request):
            patch_vary_headers(response, ("Accept-Language",))
        # Public pages: never Vary on Accept-Language, and never redirect by it (Django's own
        # process_response does both only for unprefixed addresses, which here are the default
        # language's pages).
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
