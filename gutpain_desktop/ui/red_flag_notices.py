"""Shows the red-flag reminders (domain.red_flags) one at a time in a banner, without nagging."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QObject

from ..domain.entries import EntryKind
from ..domain.red_flags import Profile, RedFlag, Sex, red_flags
from .services import Services
from .translate import phrase
from .widgets.common import NoticeBanner

#: After a reminder is dismissed, the same reminder stays quiet for this long.
QUIET_DAYS = 7
LOOKBACK_DAYS = 49  # the longest rule needs six weeks of history, plus a week of margin
PROFILE_SEX = "profile.sex"
PROFILE_AGE = "profile.age"


def _dismissed_key(rule: str) -> str:
    return f"redflag.{rule}.dismissed_on"


def load_profile(services: Services) -> Profile | None:
    sex = services.catalog.setting(PROFILE_SEX)
    age = services.catalog.setting(PROFILE_AGE)
    if not sex and not age:
        return None
    return Profile(Sex(sex) if sex in {s.value for s in Sex} else None, int(age) if age and age.isdigit() else None)


class RedFlagNotices(QObject):
    def __init__(self, services: Services, banner: NoticeBanner):
        super().__init__(banner)
        self.services = services
        self.banner = banner
        self.current: RedFlag | None = None
        banner.dismissed.connect(self._on_dismissed)
        banner.link_activated.connect(lambda href: services.events.learn_requested.emit(href.removeprefix("panel:")))

    def check(self, today: date | None = None) -> RedFlag | None:
        """Look at recent entries and show the first reminder that is not resting after a dismissal."""
        today = today or date.today()
        recent = self.services.entries.entries(
            kinds=[EntryKind.BOWEL, EntryKind.CONTEXT, EntryKind.SYMPTOM],
            start=today - timedelta(days=LOOKBACK_DAYS),
            end=today,
        )
        for flag in red_flags(recent, today, load_profile(self.services)):
            if not self._resting(flag, today):
                self.current = flag
                self.banner.show_notice(phrase(flag.phrase), f"panel:{flag.panel}", self.tr("When to see a doctor"))
                return flag
        return None

    def _resting(self, flag: RedFlag, today: date) -> bool:
        dismissed = self.services.catalog.setting(_dismissed_key(flag.rule))
        if not dismissed:
            return False
        try:
            return today - date.fromisoformat(dismissed) < timedelta(days=QUIET_DAYS)
        except ValueError:
            return False

    def _on_dismissed(self) -> None:
        if self.current is not None:
            self.services.catalog.set_setting(_dismissed_key(self.current.rule), date.today().isoformat())
            self.current = None
