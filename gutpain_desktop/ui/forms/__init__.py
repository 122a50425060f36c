"""One form per kind of entry. A form knows its own fields; the dialog around it owns date, time and note."""

from __future__ import annotations

from ...domain.entries import EntryKind
from .base import EntryForm, local_datetime
from .checkins import ContextForm, WeeklyCheckinForm
from .diet import ChallengeForm, DietPhaseForm
from .meal import MealForm
from .ratings import BowelForm, PainForm, SleepForm, StressForm, SymptomForm

FORMS: dict[EntryKind, type[EntryForm]] = {
    form.kind: form
    for form in (
        MealForm,
        PainForm,
        SymptomForm,
        StressForm,
        SleepForm,
        BowelForm,
        DietPhaseForm,
        ChallengeForm,
        WeeklyCheckinForm,
        ContextForm,
    )
}

__all__ = ["FORMS", "EntryForm", "local_datetime"]
