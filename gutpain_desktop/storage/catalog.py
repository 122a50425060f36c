"""The person's own vocabulary and settings: categories, symptoms, remembered foods, key-value settings.

Like the entry repository, every public method opens one short session and commits before returning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from ..domain.entries import (
    BUILTIN_CATEGORIES,
    BUILTIN_SYMPTOMS,
    Category,
    MealEntry,
    SymptomDef,
)
from ..domain.preferences import TrackingPreferences
from ..domain.validation import MAX_NAME_LENGTH, REQUIRED, ValidationError, category_key
from ..i18n import QT_TRANSLATE_NOOP, Phrase
from .errors import writing
from .models import CategoryRow, FoodMemoryRow, SettingRow, SymptomRow

if TYPE_CHECKING:
    pass

CATEGORY: Table = CategoryRow.__table__  # type: ignore[assignment]
SYMPTOM: Table = SymptomRow.__table__  # type: ignore[assignment]
FOOD_MEMORY: Table = FoodMemoryRow.__table__  # type: ignore[assignment]
SETTING: Table = SettingRow.__table__  # type: ignore[assignment]


class CatalogRepository:
    """Trigger categories, symptoms and the food memory."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        #: Category and symptom lists, read once: every save validates against them. Reset by every change.
        self._cached_categories: list[Category] | None = None
        self._cached_symptoms: list[SymptomDef] | None = None

    def _changed(self) -> None:
        self._cached_categories = None
        self._cached_symptoms = None

    def ensure_builtins(self) -> None:
        with writing(), self._sessions.begin() as s:
            have_cats: set[str] = set(s.scalars(select(CATEGORY.c.key)))
            have_syms: set[str] = set(s.scalars(select(SYMPTOM.c.key)))
            new_cats = [
                {"key": c.key, "name": c.name, "builtin": True, "hidden": False, "position": i}
                for i, c in enumerate(BUILTIN_CATEGORIES)
                if c.key not in have_cats
            ]
            new_syms = [
                {"key": d.key, "name": d.name, "builtin": True, "tracked": d.tracked, "position": i}
                for i, d in enumerate(BUILTIN_SYMPTOMS)
                if d.key not in have_syms
            ]
            if new_cats:
                s.execute(insert(CATEGORY), new_cats)
            if new_syms:
                s.execute(insert(SYMPTOM), new_syms)
        self._changed()

    def categories(self, *, include_hidden: bool = True) -> list[Category]:
        if self._cached_categories is None:
            with self._sessions() as s:
                query = select(CATEGORY).order_by(CATEGORY.c.position, CATEGORY.c.name)
                self._cached_categories = [Category(r.key, r.name, r.builtin, r.hidden) for r in s.execute(query)]
        return [c for c in self._cached_categories if include_hidden or not c.hidden]

    def symptoms(self, *, tracked_only: bool = False) -> list[SymptomDef]:
        if self._cached_symptoms is None:
            with self._sessions() as s:
                query = select(SYMPTOM).order_by(SYMPTOM.c.position, SYMPTOM.c.name)
                self._cached_symptoms = [SymptomDef(r.key, r.name, r.builtin, r.tracked) for r in s.execute(query)]
        return [d for d in self._cached_symptoms if d.tracked or not tracked_only]

    def names(self) -> dict[str, str]:
        """Category and symptom keys -> the names the person sees."""
        names = {c.key: c.name for c in self.categories()}
        names.update({d.key: d.name for d in self.symptoms()})
        return names

    def add_category(self, name: str) -> Category:
        key = self._new_key(name, CATEGORY, "category")
        with writing(), self._sessions.begin() as s:
            position = s.scalar(select(func.coalesce(func.max(CATEGORY.c.position), 0))) or 0
            s.execute(
                insert(CATEGORY).values(key=key, name=name.strip(), builtin=False, hidden=False, position=position + 1)
            )
        self._changed()
        return Category(key, name.strip())

    def add_symptom(self, name: str, *, tracked: bool = True) -> SymptomDef:
        key = self._new_key(name, SYMPTOM, "symptom")
        with writing(), self._sessions.begin() as s:
            position = s.scalar(select(func.coalesce(func.max(SYMPTOM.c.position), 0))) or 0
            s.execute(
                insert(SYMPTOM).values(
                    key=key, name=name.strip(), builtin=False, tracked=tracked, position=position + 1
                )
            )
        self._changed()
        return SymptomDef(key, name.strip(), False, tracked)

    def set_symptom_tracked(self, key: str, tracked: bool) -> None:
        with writing(), self._sessions.begin() as s:
            s.execute(update(SYMPTOM).where(SYMPTOM.c.key == key).values(tracked=tracked))
        self._changed()

    def apply_tracking(
        self,
        *,
        preferences: TrackingPreferences | None = None,
        symptom_order: Sequence[str] = (),
        tracked: Mapping[str, bool] | None = None,
        hidden_categories: Mapping[str, bool] | None = None,
    ) -> None:
        """Save what the person chose to track in one transaction: the preferences, which symptoms the check-in
        asks about and in which order (keys listed first, the rest keep their order after them), which trigger
        categories meals offer."""
        with writing(), self._sessions.begin() as s:
            if preferences is not None:
                _put_settings(s, preferences.to_settings())
            if symptom_order:
                keys = select(SYMPTOM.c.key).order_by(SYMPTOM.c.position, SYMPTOM.c.name)
                current = _texts(s.scalars(keys))
                ordered = [k for k in dict.fromkeys(symptom_order) if k in current]
                ordered += [k for k in current if k not in ordered]
                for position, key in enumerate(ordered):
                    s.execute(update(SYMPTOM).where(SYMPTOM.c.key == key).values(position=position))
            for key, value in (tracked or {}).items():
                s.execute(update(SYMPTOM).where(SYMPTOM.c.key == key).values(tracked=value))
            for key, value in (hidden_categories or {}).items():
                s.execute(update(CATEGORY).where(CATEGORY.c.key == key).values(hidden=value))
        self._changed()

    def preferences(self) -> TrackingPreferences:
        """What the person chose to track (defaults when they never chose)."""
        with self._sessions() as s:
            values = {str(key): str(value) for key, value in s.execute(select(SETTING.c.key, SETTING.c.value))}
        return TrackingPreferences.from_settings(values)

    def _new_key(self, name: str, table: Table, what: str) -> str:
        field = Phrase.of(
            QT_TRANSLATE_NOOP("Fields", "category name")
            if what == "category"
            else QT_TRANSLATE_NOOP("Fields", "symptom name")
        )
        cleaned = name.strip()
        if not cleaned:
            raise ValidationError.single(field, Phrase.of(REQUIRED))
        if len(cleaned) > MAX_NAME_LENGTH:
            raise ValidationError.single(
                field,
                Phrase.of(
                    QT_TRANSLATE_NOOP("Validation", "is too long (at most {limit} characters)"), limit=MAX_NAME_LENGTH
                ),
            )
        key = category_key(cleaned)
        if not key:
            raise ValidationError.single(
                field, Phrase.of(QT_TRANSLATE_NOOP("Validation", "needs at least one letter or digit"))
            )
        with self._sessions() as s:
            clash = s.execute(
                select(table.c.key).where((table.c.key == key) | (func.lower(table.c.name) == cleaned.lower()))
            ).first()
        if clash is not None:
            raise ValidationError.single(
                field, Phrase.of(QT_TRANSLATE_NOOP("Validation", "'{name}' is already in your list"), name=cleaned)
            )
        return key

    # --- food memory -------------------------------------------------------------------------------------------

    def remembered_categories(self, food_name: str) -> tuple[str, ...] | None:
        """The categories this food had last time, or None if it was never logged."""
        with self._sessions() as s:
            found = s.scalar(select(FOOD_MEMORY.c.categories).where(FOOD_MEMORY.c.name_key == _food_key(food_name)))
        return None if found is None else tuple(found.split())

    def remembered_foods(self, limit: int = 5000) -> list[tuple[str, tuple[str, ...]]]:
        """Food names logged before with the categories they had last time, most used first (autocompletion)."""
        with self._sessions() as s:
            query = (
                select(FOOD_MEMORY.c.name, FOOD_MEMORY.c.categories)
                .order_by(FOOD_MEMORY.c.use_count.desc(), FOOD_MEMORY.c.name)
                .limit(limit)
            )
            return [(str(name), tuple(str(cats).split())) for name, cats in s.execute(query)]

    def known_foods(self, limit: int = 5000) -> list[str]:
        """Food names logged before, most used first (for autocompletion)."""
        with self._sessions() as s:
            query = select(FOOD_MEMORY.c.name).order_by(FOOD_MEMORY.c.use_count.desc(), FOOD_MEMORY.c.name).limit(limit)
            return list(s.scalars(query))

    # --- settings ----------------------------------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        with self._sessions() as s:
            value = s.scalar(select(SETTING.c.value).where(SETTING.c.key == key))
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        with writing(), self._sessions.begin() as s:
            _put_settings(s, {key: value})


def _put_settings(session: Session, values: Mapping[str, str]) -> None:
    for key, value in values.items():
        session.execute(delete(SETTING).where(SETTING.c.key == key))
        session.execute(insert(SETTING).values(key=key, value=value))


def _texts(values: Iterable[Any]) -> list[str]:
    return [str(value) for value in values]


def _food_key(name: str) -> str:
    return " ".join(name.lower().split())


def _remember_foods(session: Session, meals: Iterable[MealEntry], when: datetime, *, count: bool = True) -> None:
    """Remember each food's categories for next time; ``count`` adds to how often it was eaten (not on edits)."""
    latest: dict[str, tuple[str, tuple[str, ...]]] = {}
    counts: dict[str, int] = defaultdict(int)
    for meal in meals:
        for food in meal.foods:
            key = _food_key(food.name)
            if key:
                latest[key] = (food.name.strip(), tuple(dict.fromkeys(food.categories)))
                counts[key] += 1 if count else 0
    if not latest:
        return
    existing = {
        r.name_key: r.use_count
        for chunk in _chunked(list(latest))
        for r in session.execute(
            select(FOOD_MEMORY.c.name_key, FOOD_MEMORY.c.use_count).where(FOOD_MEMORY.c.name_key.in_(chunk))
        )
    }
    for key, (name, cats) in latest.items():
        values = {"name": name, "categories": " ".join(cats), "last_used_utc": when}
        if key in existing:
            session.execute(
                update(FOOD_MEMORY)
                .where(FOOD_MEMORY.c.name_key == key)
                .values(use_count=existing[key] + counts[key], **values)
            )
        else:
            session.execute(insert(FOOD_MEMORY).values(name_key=key, use_count=counts[key], **values))


def _chunked(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
