"""Dates for demo content, relative to today so that a demo always looks current."""

import datetime

from django.utils import timezone


def days_ago_at(days_ago: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    """That many days before today, at that local (Moscow) time.

    Past days are never later than half an hour ago, so "today" items are already public; a
    negative ``days_ago`` is in the future (a scheduled item).
    """
    now = timezone.now()
    local_zone = timezone.get_current_timezone()
    day = timezone.localdate(now) - datetime.timedelta(days=days_ago)
    moment = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=local_zone)
    if days_ago >= 0:
        moment = min(moment, now - datetime.timedelta(minutes=30))
    return moment
