"""Daily reminders: which are due now, given a clock. Pure: the UI polls it with a timer; a test drives a fake clock.

A reminder fires once a day, at or after its time, while the app runs. If the app was not running at that time (or
the computer slept), it fires when the app next looks, as long as that is the same day and within ``GRACE``: a
reminder for 20:00 is not useful at 23:59, nor on the next morning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

DEFAULT_REMINDER_TEXT = "Time for your evening check-in."
#: How late a reminder may still be shown after its time.
GRACE = timedelta(hours=2)

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class Reminder:
    """A daily reminder at a local time of day."""

    at: time
    text: str = DEFAULT_REMINDER_TEXT
    enabled: bool = True


def local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass
class ReminderSchedule:
    """Remembers which reminders were shown today; ``due()`` returns those to show now (each once a day)."""

    reminders: tuple[Reminder, ...]
    clock: Clock = local_now
    #: (day, time) of every reminder already shown or skipped.
    shown: set[tuple[date, time]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.started = self.clock()
        # A reminder whose time (plus grace) passed before the app started belongs to the past: not shown.
        for reminder in self.reminders:
            moment = datetime.combine(self.started.date(), reminder.at, self.started.tzinfo)
            if moment + GRACE < self.started:
                self.shown.add((self.started.date(), reminder.at))

    def replace(self, reminders: Iterable[Reminder]) -> None:
        self.reminders = tuple(reminders)

    def due(self) -> list[Reminder]:
        now = self.clock()
        found: list[Reminder] = []
        for reminder in self.reminders:
            key = (now.date(), reminder.at)
            if not reminder.enabled or key in self.shown:
                continue
            moment = datetime.combine(now.date(), reminder.at, now.tzinfo)
            if moment <= now <= moment + GRACE:
                self.shown.add(key)
                found.append(reminder)
        return found

    def next_time(self) -> datetime | None:
        """When the next reminder is due (for a 'next reminder at' line); None without enabled reminders."""
        now = self.clock()
        times = sorted(r.at for r in self.reminders if r.enabled)
        for day in (now.date(), now.date() + timedelta(days=1)):
            for at in times:
                moment = datetime.combine(day, at, now.tzinfo)
                if moment > now and (day, at) not in self.shown:
                    return moment
        return None


def missed_day(today: date, logged_days: Iterable[date], already_offered: date | None) -> date | None:
    """Yesterday, when nothing was logged on it and it was not offered for back-filling before; else None."""
    yesterday = today - timedelta(days=1)
    if already_offered == yesterday or yesterday in set(logged_days):
        return None
    return yesterday
