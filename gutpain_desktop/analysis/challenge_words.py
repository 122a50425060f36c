"""What a challenge verdict and the allergy refusal say, as phrases (``str()`` is the English; the UI translates).

Kept apart from :mod:`.challenges`, which holds the rules; this module only words their results.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from ..domain.entries import REACTION_LABELS, ChallengeOutcome, Dose, Reaction, humanise
from ..i18n import QT_TRANSLATE_NOOP, Arg, Label, Phrase, When, joined

if TYPE_CHECKING:
    from .challenges import Verdict

_DOSES = {
    Dose.SMALL: QT_TRANSLATE_NOOP("Challenges", "the small dose"),
    Dose.MEDIUM: QT_TRANSLATE_NOOP("Challenges", "the medium dose"),
    Dose.LARGE: QT_TRANSLATE_NOOP("Challenges", "the large dose"),
}
_FINAL_CALL = QT_TRANSLATE_NOOP("Challenges", "{text} You, or your dietitian, make the final call.")


def day_name(day: int, dose_days: int) -> Phrase:
    if day == 0:
        return Phrase.of(QT_TRANSLATE_NOOP("Challenges", "the day before day 1"))
    if day < 0:
        return Phrase.of(QT_TRANSLATE_NOOP("Challenges", "{days} days before day 1"), days=1 - day)
    if day == dose_days + 1:
        return Phrase.of(QT_TRANSLATE_NOOP("Challenges", "day {day} (the day after the last dose)"), day=day)
    return Phrase.of(QT_TRANSLATE_NOOP("Challenges", "day {day}"), day=day)


def dose_name(dose: Dose | None) -> Phrase:
    return Phrase.of(_DOSES[dose] if dose is not None else QT_TRANSLATE_NOOP("Challenges", "the dose"))


def _settled(settled: bool | None) -> Arg:
    if settled is True:
        return Phrase.of(QT_TRANSLATE_NOOP("Challenges", ", and settled during the washout"))
    if settled is None:
        return Phrase.of(QT_TRANSLATE_NOOP("Challenges", " (whether it settles in the washout is still to be seen)"))
    return ""


def verdict_phrase(v: Verdict, dose_days: int, names: Mapping[str, str]) -> Phrase:
    """The suggested verdict in words, with the numbers behind it (rules in :mod:`.challenges`)."""
    from .challenges import CONFOUNDER_LABELS, RISE_POINTS, RISE_SHARE, Confounder

    def symptom(key: str, *, lower: bool = True) -> Label:
        return Label(names.get(key) or humanise(key), lower=lower)

    rose = [c for c in v.symptoms if c.rise_day is not None and c.rise_day == v.rise_day]
    first = rose[0] if rose else None
    rise: Arg = ""
    if first is not None and first.peak is not None and first.baseline is not None and first.rise_day is not None:
        value = first.scores[first.rise_day - 1] or 0.0
        rise = Phrase.of(
            QT_TRANSLATE_NOOP(
                "Challenges",
                "{symptom} rose from its usual {baseline:.1f} to {value:.1f} on {day}, {change:+.1f} points",
            ),
            symptom=symptom(first.symptom, lower=False),
            baseline=first.baseline,
            value=value,
            day=day_name(first.rise_day, dose_days),
            change=value - first.baseline,
        )
    deciding = joined([Label(CONFOUNDER_LABELS[c]) for c in v.deciding_confounders])
    noted_days = {c: [d for d, x in v.confounders if x is c] for c in v.deciding_confounders}

    outcome = v.outcome
    if outcome is ChallengeOutcome.PENDING:
        return Phrase.of(
            QT_TRANSLATE_NOOP(
                "Challenges", "No suggestion yet: it comes once the doses and the day after the last one are logged."
            )
        )
    if outcome is ChallengeOutcome.NOT_TOLERATED:
        text = Phrase.of(
            QT_TRANSLATE_NOOP(
                "Challenges", "{rise}, after {dose}{settled}. Suggested: not tolerated, even at the first dose."
            ),
            rise=rise,
            dose=dose_name(v.reacted_dose),
            settled=_settled(v.settled),
        )
    elif outcome is ChallengeOutcome.TOLERATED_UP_TO_DOSE and v.rise_day is not None:
        text = Phrase.of(
            QT_TRANSLATE_NOOP("Challenges", "{rise}, after {dose}{settled}. Suggested: tolerated up to {tolerated}."),
            rise=rise,
            dose=dose_name(v.reacted_dose),
            settled=_settled(v.settled),
            tolerated=dose_name(v.tolerated_dose),
        )
    elif outcome is ChallengeOutcome.TOLERATED_UP_TO_DOSE:
        text = Phrase.of(
            QT_TRANSLATE_NOOP(
                "Challenges",
                "No target symptom rose by {points:g} points or {share:.0%} above its usual level on the {days} dose "
                "days and the day after. Suggested: tolerated up to {tolerated} (larger doses were not tried).",
            ),
            days=dose_days,
            tolerated=dose_name(v.tolerated_dose),
            points=RISE_POINTS,
            share=RISE_SHARE,
        )
    elif outcome is ChallengeOutcome.TOLERATED:
        usual = joined(
            [
                Phrase.of(
                    QT_TRANSLATE_NOOP("Challenges", "{symptom} {baseline:.1f}"),
                    symptom=symptom(c.symptom),
                    baseline=c.baseline,
                )
                for c in v.symptoms
                if c.baseline is not None
            ]
        )
        text = Phrase.of(
            QT_TRANSLATE_NOOP(
                "Challenges",
                "No target symptom rose by {points:g} points or {share:.0%} above its usual level ({usual}) on the "
                "three dose days and the day after. Suggested: tolerated, up to {tolerated}.",
            ),
            usual=usual,
            tolerated=dose_name(v.tolerated_dose),
            points=RISE_POINTS,
            share=RISE_SHARE,
        )
    elif Confounder.MISSED_LOGS in v.deciding_confounders and not rise:
        text = Phrase.of(
            QT_TRANSLATE_NOOP(
                "Challenges",
                "Some target symptom scores are missing (for the days before day 1 or the days looked at), so the "
                "challenge cannot be read. Suggested: inconclusive; it can be repeated.",
            )
        )
    elif v.deciding_confounders and rise:
        days = sorted({day_name(d, dose_days) for c in v.deciding_confounders for d in noted_days[c]}, key=str)
        text = Phrase.of(
            QT_TRANSLATE_NOOP(
                "Challenges",
                "{rise}, but {deciding} was noted ({days}), which can raise symptoms by itself. Suggested: "
                "inconclusive; the challenge can be repeated on calmer days.",
            ),
            rise=rise,
            deciding=deciding,
            days=joined(days),
        )
    elif v.deciding_confounders:
        text = Phrase.of(
            QT_TRANSLATE_NOOP(
                "Challenges",
                "No target symptom rose, but {deciding} was noted around the challenge, which can hide a rise. "
                "Suggested: inconclusive; the challenge can be repeated on calmer days.",
            ),
            deciding=deciding,
        )
    else:  # a rise that did not settle
        text = Phrase.of(
            QT_TRANSLATE_NOOP(
                "Challenges",
                "{rise}, and it had not settled by the end of the washout, so something else may be going on. "
                "Suggested: inconclusive; wait until symptoms are back to usual before the next challenge.",
            ),
            rise=rise,
        )
    return Phrase.of(_FINAL_CALL, text=text)


def permission_phrase(
    food: str, found: frozenset[Reaction], last: tuple[frozenset[Reaction], str, date] | None
) -> Phrase:
    """Whether a food may be challenged at home, in words: allowed, or refused because of the reactions it brought
    (``last``: the reactions, food and day of the latest one logged, when the journal has one)."""
    name: Arg = food.strip() or Phrase.of(QT_TRANSLATE_NOOP("Challenges", "This food"))
    if not found:
        return Phrase.of(QT_TRANSLATE_NOOP("Challenges", "{food} can be tried as a challenge."), food=name)
    listed = _reactions(found)
    logged: Arg = ""
    if last is not None:
        signs, food_logged, day = last
        logged = Phrase.of(
            QT_TRANSLATE_NOOP("Challenges", " Your journal has {signs} after {food} on {day}."),
            signs=_reactions(signs),
            food=food_logged,
            day=When(day),
        )
    return Phrase.of(
        QT_TRANSLATE_NOOP(
            "Challenges",
            "{food} once came with {reactions}.{logged} A reaction like that is a question for a doctor or an allergy "
            "specialist, not for a home challenge: please don't test this food yourself, in this app or elsewhere.",
        ),
        food=name,
        reactions=listed,
        logged=logged,
    )


def _reactions(found: frozenset[Reaction]) -> Arg:
    return joined([Label(REACTION_LABELS[r]) for r in Reaction if r in found])


__all__ = ["day_name", "dose_name", "permission_phrase", "verdict_phrase"]
