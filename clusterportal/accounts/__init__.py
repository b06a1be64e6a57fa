"""Staff sign-in: brute-force lockout (django-axes) and two-factor sign-in (django-otp, TOTP).

- ``client_ip``: the visitor's address behind ``TRUSTED_PROXIES`` reverse proxies, which the
  lockout counts failures by.
- ``forms``: the admin's login form (password, then the code when two-factor sign-in is on) and
  the code form of the set-up page.
- ``views``: the set-up page (admin → "Two-factor sign-in") and the lockout page.
- ``middleware``: ends sessions that skipped the code, and with ``REQUIRE_TWO_FACTOR`` keeps staff
  without a device on the set-up page.
"""
