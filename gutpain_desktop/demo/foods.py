"""The demo person's world: the planted effects, the foods they eat and their trigger categories (see the
package docstring)."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.entries import (
    MealType,
)
from ..domain.scales import BodySite

#: Symptoms rated every logged evening (the built-in symptoms tracked by default).
TRACKED_SYMPTOMS: tuple[str, ...] = ("fatigue", "brain_fog", "bloating", "abdominal_pain", "headache")


DAIRY_BLOATING = 2.5  # next-day bloating per unit of lactose load
SHORT_SLEEP_PAIN = 1.0  # pain on the day after a night under 6 h
HIGH_STRESS_ABDOMINAL = 2.0  # same-day abdominal pain when stress >= 7
MISSING_DAY_RATE = 0.05


# --- foods -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Food:
    name: str
    categories: tuple[str, ...] = ()
    #: Weight in the planted dairy effect (0 for foods without dairy).
    lactose: float = 0.0
    #: High in FODMAPs other than lactose and wheat (onion, garlic, apple, pulses...): left out on low FODMAP.
    fodmap: bool = False

    @property
    def dairy(self) -> bool:
        return "dairy" in self.categories

    @property
    def wheat(self) -> bool:
        return "gluten" in self.categories


_G, _D, _S, _P, _O = "gluten", "dairy", "refined_sugar", "processed_foods", "seed_oils"

FOODS: dict[MealType, tuple[_Food, ...]] = {
    MealType.BREAKFAST: (
        _Food("Porridge made with milk", (_D,), 1.0),
        _Food("Porridge made with water"),
        _Food("Toast with butter", (_G, _D), 0.3),
        _Food("White toast with jam", (_G, _S)),
        _Food("Greek yogurt", (_D,), 1.0),
        _Food("Cornflakes with milk", (_D, _S, _P), 1.0),
        _Food("Scrambled eggs"),
        _Food("Banana"),
        _Food("Blueberries"),
        _Food("Croissant", (_G, _D, _S), 0.3),
        _Food("Granola bar", (_S, _P, _O), fodmap=True),
        _Food("Sourdough toast with peanut butter", (_G,)),
        _Food("Black coffee"),
        _Food("Apple", fodmap=True),
    ),
    MealType.LUNCH: (
        _Food("Ham sandwich", (_G, _P)),
        _Food("Cheese sandwich", (_G, _D), 0.6),
        _Food("Chicken salad"),
        _Food("Lentil soup", fodmap=True),
        _Food("Tuna wrap", (_G,)),
        _Food("Rice with stir-fried vegetables", (_O,)),
        _Food("Pasta salad", (_G, _O), fodmap=True),
        _Food("Jacket potato with cheese", (_D,), 0.6),
        _Food("Sushi"),
        _Food("Instant noodles", (_G, _P, _O), fodmap=True),
        _Food("Omelette"),
        _Food("Quinoa bowl with roast vegetables"),
        _Food("Cream of tomato soup", (_D, _P), 0.6, fodmap=True),
        _Food("Fruit yogurt", (_D, _S), 1.0),
        _Food("Apple", fodmap=True),
    ),
    MealType.DINNER: (
        _Food("Spaghetti bolognese", (_G,), fodmap=True),
        _Food("Grilled salmon"),
        _Food("Roast chicken"),
        _Food("Steamed rice"),
        _Food("Roast potatoes", (_O,)),
        _Food("Green salad with olive oil"),
        _Food("Pizza margherita", (_G, _D, _P), 0.6, fodmap=True),
        _Food("Fish and chips", (_G, _O)),
        _Food("Stir-fried tofu", (_O,)),
        _Food("Macaroni cheese", (_G, _D), 1.0),
        _Food("Vegetable curry", fodmap=True),
        _Food("Beef burger in a bun", (_G, _P), fodmap=True),
        _Food("Steamed broccoli"),
        _Food("Lasagne", (_G, _D), 0.6, fodmap=True),
        _Food("Chicken stir-fry", (_O,), fodmap=True),
        _Food("Baked sweet potato"),
        _Food("Mashed potato with butter and milk", (_D,), 1.0),
        _Food("Fish fingers", (_G, _P, _O)),
    ),
    MealType.SNACK: (
        _Food("Crisps", (_P, _O)),
        _Food("Milk chocolate bar", (_D, _S, _P), 0.6),
        _Food("Biscuits", (_G, _S, _O, _P)),
        _Food("Cheddar cheese", (_D,), 0.3),
        _Food("Apple", fodmap=True),
        _Food("Handful of almonds"),
        _Food("Ice cream", (_D, _S), 1.0),
        _Food("Rice cakes"),
        _Food("Carrot sticks with hummus", fodmap=True),
        _Food("Orange"),
        _Food("Fruit yogurt", (_D, _S), 1.0),
        _Food("Banana"),
    ),
    MealType.DRINK: (
        _Food("Latte", (_D,), 1.0),
        _Food("Black coffee"),
        _Food("Green tea"),
        _Food("Orange juice"),
        _Food("Cola", (_S, _P)),
        _Food("Milkshake", (_D, _S), 1.0),
        _Food("Herbal tea"),
        _Food("Apple juice", fodmap=True),
        _Food("Tea with milk", (_D,), 0.6),
        _Food("Sparkling water"),
    ),
}

#: How many foods a meal of each type holds, with weights (1-4).
_FOOD_COUNTS: dict[MealType, tuple[tuple[int, ...], tuple[float, ...]]] = {
    MealType.BREAKFAST: ((1, 2, 3), (0.3, 0.5, 0.2)),
    MealType.LUNCH: ((1, 2, 3), (0.35, 0.45, 0.2)),
    MealType.DINNER: ((2, 3, 4), (0.4, 0.45, 0.15)),
    MealType.SNACK: ((1, 2), (0.75, 0.25)),
    MealType.DRINK: ((1,), (1.0,)),
}
#: Usual time of each meal (minutes after midnight) and its spread.
_MEAL_TIMES: dict[MealType, tuple[int, int]] = {
    MealType.BREAKFAST: (7 * 60 + 40, 30),
    MealType.LUNCH: (12 * 60 + 50, 30),
    MealType.DINNER: (19 * 60, 35),
    MealType.SNACK: (15 * 60 + 30, 60),
    MealType.DRINK: (10 * 60 + 30, 50),
}

#: Where this person's pain usually is (weights), WPI sites.
_PAIN_SITES: tuple[tuple[BodySite, float], ...] = (
    (BodySite.NECK, 5.0),
    (BodySite.UPPER_BACK, 4.0),
    (BodySite.LOWER_BACK, 5.0),
    (BodySite.SHOULDER_L, 3.0),
    (BodySite.SHOULDER_R, 3.0),
    (BodySite.HIP_L, 2.0),
    (BodySite.HIP_R, 2.0),
    (BodySite.ABDOMEN, 1.5),
    (BodySite.UPPER_LEG_L, 1.0),
    (BodySite.UPPER_LEG_R, 1.0),
    (BodySite.UPPER_ARM_L, 0.7),
    (BodySite.UPPER_ARM_R, 0.7),
    (BodySite.JAW_L, 0.4),
    (BodySite.JAW_R, 0.4),
    (BodySite.LOWER_LEG_L, 0.5),
    (BodySite.LOWER_LEG_R, 0.5),
    (BodySite.LOWER_ARM_L, 0.4),
    (BodySite.LOWER_ARM_R, 0.4),
    (BodySite.CHEST, 0.3),
)
#: Pain by weekday, Monday first.
_WEEKDAY_PAIN = (0.5, 0.3, 0.1, 0.0, 0.0, -0.4, -0.4)
_BRISTOL_WEIGHTS = (0.03, 0.07, 0.25, 0.35, 0.2, 0.07, 0.03)
