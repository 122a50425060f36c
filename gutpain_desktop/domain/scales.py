"""The scales the app records, with anchors in our own words (see shared/DOMAIN.md section 1)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..i18n import QT_TRANSLATE_NOOP

NRS_MIN = 0
NRS_MAX = 10

#: Anchors shown next to every 0-10 rating where higher means worse.
NRS_ANCHORS: dict[int, str] = {0: "none", 10: "worst imaginable"}
PAIN_ANCHORS: dict[int, str] = {0: "no pain", 10: "worst pain imaginable"}
#: Sleep quality runs the other way round: higher is better. Stated in the UI and the export.
SLEEP_QUALITY_ANCHORS: dict[int, str] = {0: "very poor", 10: "excellent"}


def nrs_band(value: int) -> str:
    """Conventional band of a 0-10 score (a convention only, not a clinical category)."""
    if value <= 0:
        return "none"
    if value <= 3:
        return "mild"
    if value <= 6:
        return "moderate"
    return "severe"


BRISTOL_DESCRIPTIONS: dict[int, str] = {
    1: QT_TRANSLATE_NOOP("Labels", "Separate hard lumps, hard to pass"),
    2: QT_TRANSLATE_NOOP("Labels", "Lumpy, sausage-shaped"),
    3: QT_TRANSLATE_NOOP("Labels", "Sausage-shaped with cracks on the surface"),
    4: QT_TRANSLATE_NOOP("Labels", "Smooth and soft, like a sausage or snake"),
    5: QT_TRANSLATE_NOOP("Labels", "Soft blobs with clear-cut edges"),
    6: QT_TRANSLATE_NOOP("Labels", "Mushy, fluffy pieces with ragged edges"),
    7: QT_TRANSLATE_NOOP("Labels", "Watery, no solid pieces"),
}


def bristol_tendency(bristol_type: int) -> str:
    if bristol_type <= 2:
        return "leans to constipation"
    if bristol_type <= 4:
        return "typical"
    return "loose"


class Region(StrEnum):
    LEFT_UPPER = "left_upper"
    RIGHT_UPPER = "right_upper"
    LEFT_LOWER = "left_lower"
    RIGHT_LOWER = "right_lower"
    AXIAL = "axial"


REGION_LABELS: dict[Region, str] = {
    Region.LEFT_UPPER: QT_TRANSLATE_NOOP("Labels", "Left upper body"),
    Region.RIGHT_UPPER: QT_TRANSLATE_NOOP("Labels", "Right upper body"),
    Region.LEFT_LOWER: QT_TRANSLATE_NOOP("Labels", "Left lower body"),
    Region.RIGHT_LOWER: QT_TRANSLATE_NOOP("Labels", "Right lower body"),
    Region.AXIAL: QT_TRANSLATE_NOOP("Labels", "Neck, back and trunk"),
}


class BodySite(StrEnum):
    """The 19 sites of the ACR 2016 Widespread Pain Index."""

    JAW_L = "jaw_left"
    SHOULDER_L = "shoulder_left"
    UPPER_ARM_L = "upper_arm_left"
    LOWER_ARM_L = "lower_arm_left"
    JAW_R = "jaw_right"
    SHOULDER_R = "shoulder_right"
    UPPER_ARM_R = "upper_arm_right"
    LOWER_ARM_R = "lower_arm_right"
    HIP_L = "hip_left"
    UPPER_LEG_L = "upper_leg_left"
    LOWER_LEG_L = "lower_leg_left"
    HIP_R = "hip_right"
    UPPER_LEG_R = "upper_leg_right"
    LOWER_LEG_R = "lower_leg_right"
    NECK = "neck"
    UPPER_BACK = "upper_back"
    LOWER_BACK = "lower_back"
    CHEST = "chest"
    ABDOMEN = "abdomen"


@dataclass(frozen=True, slots=True)
class SiteInfo:
    site: BodySite
    label: str
    region: Region
    #: Jaw, chest and abdomen count in the WPI but not toward "generalized pain".
    counts_for_generalized: bool = True


BODY_SITES: tuple[SiteInfo, ...] = (
    SiteInfo(BodySite.JAW_L, QT_TRANSLATE_NOOP("Labels", "Jaw, left"), Region.LEFT_UPPER, False),
    SiteInfo(BodySite.SHOULDER_L, QT_TRANSLATE_NOOP("Labels", "Shoulder girdle, left"), Region.LEFT_UPPER),
    SiteInfo(BodySite.UPPER_ARM_L, QT_TRANSLATE_NOOP("Labels", "Upper arm, left"), Region.LEFT_UPPER),
    SiteInfo(BodySite.LOWER_ARM_L, QT_TRANSLATE_NOOP("Labels", "Lower arm, left"), Region.LEFT_UPPER),
    SiteInfo(BodySite.JAW_R, QT_TRANSLATE_NOOP("Labels", "Jaw, right"), Region.RIGHT_UPPER, False),
    SiteInfo(BodySite.SHOULDER_R, QT_TRANSLATE_NOOP("Labels", "Shoulder girdle, right"), Region.RIGHT_UPPER),
    SiteInfo(BodySite.UPPER_ARM_R, QT_TRANSLATE_NOOP("Labels", "Upper arm, right"), Region.RIGHT_UPPER),
    SiteInfo(BodySite.LOWER_ARM_R, QT_TRANSLATE_NOOP("Labels", "Lower arm, right"), Region.RIGHT_UPPER),
    SiteInfo(BodySite.HIP_L, QT_TRANSLATE_NOOP("Labels", "Hip and buttock, left"), Region.LEFT_LOWER),
    SiteInfo(BodySite.UPPER_LEG_L, QT_TRANSLATE_NOOP("Labels", "Upper leg, left"), Region.LEFT_LOWER),
    SiteInfo(BodySite.LOWER_LEG_L, QT_TRANSLATE_NOOP("Labels", "Lower leg, left"), Region.LEFT_LOWER),
    SiteInfo(BodySite.HIP_R, QT_TRANSLATE_NOOP("Labels", "Hip and buttock, right"), Region.RIGHT_LOWER),
    SiteInfo(BodySite.UPPER_LEG_R, QT_TRANSLATE_NOOP("Labels", "Upper leg, right"), Region.RIGHT_LOWER),
    SiteInfo(BodySite.LOWER_LEG_R, QT_TRANSLATE_NOOP("Labels", "Lower leg, right"), Region.RIGHT_LOWER),
    SiteInfo(BodySite.NECK, QT_TRANSLATE_NOOP("Labels", "Neck"), Region.AXIAL),
    SiteInfo(BodySite.UPPER_BACK, QT_TRANSLATE_NOOP("Labels", "Upper back"), Region.AXIAL),
    SiteInfo(BodySite.LOWER_BACK, QT_TRANSLATE_NOOP("Labels", "Lower back"), Region.AXIAL),
    SiteInfo(BodySite.CHEST, QT_TRANSLATE_NOOP("Labels", "Chest"), Region.AXIAL, False),
    SiteInfo(BodySite.ABDOMEN, QT_TRANSLATE_NOOP("Labels", "Abdomen"), Region.AXIAL, False),
)
SITE_INFO: dict[BodySite, SiteInfo] = {info.site: info for info in BODY_SITES}


class SssItem(StrEnum):
    """Symptom Severity Scale items rated 0-3 over the past week."""

    FATIGUE = "fatigue"
    UNREFRESHED = "waking_unrefreshed"
    COGNITIVE = "cognitive"


SSS_ITEM_LABELS: dict[SssItem, str] = {
    SssItem.FATIGUE: QT_TRANSLATE_NOOP("Labels", "Tiredness during the day"),
    SssItem.UNREFRESHED: QT_TRANSLATE_NOOP("Labels", "Waking up still tired"),
    SssItem.COGNITIVE: QT_TRANSLATE_NOOP("Labels", "Trouble thinking or remembering"),
}
SSS_LEVELS: dict[int, str] = {
    0: QT_TRANSLATE_NOOP("Labels", "No problem"),
    1: QT_TRANSLATE_NOOP("Labels", "Slight or mild, or comes and goes"),
    2: QT_TRANSLATE_NOOP("Labels", "Moderate, often there"),
    3: QT_TRANSLATE_NOOP("Labels", "Severe, nearly always there"),
}


class SssYesNo(StrEnum):
    """SSS items scored 1 point when present in the previous 6 months."""

    HEADACHES = "headaches"
    LOWER_ABDOMEN = "lower_abdominal_pain"
    DEPRESSION = "depression"


SSS_YES_NO_LABELS: dict[SssYesNo, str] = {
    SssYesNo.HEADACHES: QT_TRANSLATE_NOOP("Labels", "Headaches"),
    SssYesNo.LOWER_ABDOMEN: QT_TRANSLATE_NOOP("Labels", "Pain or cramps in the lower belly"),
    SssYesNo.DEPRESSION: QT_TRANSLATE_NOOP("Labels", "Feeling depressed"),
}
