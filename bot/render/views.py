"""Buttons, views and the car form: how they look and which flow a press goes to.

Buttons are `DynamicItem`s: the custom id carries the meet (never a message), and
everything else is read from the database when pressed, so buttons on a week-old
message work after any number of restarts. A press only forwards to the bot's
flows (`bot.flows.presses`); deciding what it does happens there, so this module
needs no service and no flow import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

import discord

from bot.i18n import DEFAULT, t
from bot.render.garage_pick import GarageCarSelect
from bot.render.specs_pick import CarPick
from bot.services.meets import models

if TYPE_CHECKING:
    from bot.app import PaddockBot
    from bot.flows import Presses

CAR_MODAL = re.compile(r"paddock:carmodal:(?P<meet>[0-9]{1,18})(?P<going>:going)?")
MEET_FORM = re.compile(r"paddock:meetform:(?P<draft>[0-9]{1,18})")
# Labels are catalogue keys, shown in the language of the message they sit on; custom
# ids never change with the language, so buttons posted in any language keep working.
DRAFT_ACTIONS: dict[str, tuple[str, discord.ButtonStyle]] = {
    "post": ("meets-button-post", discord.ButtonStyle.success),
    "change": ("meets-button-change", discord.ButtonStyle.secondary),
    "discard": ("meets-button-discard", discord.ButtonStyle.danger),
}
_STATUS_LOOK = {
    "going": ("meets-button-going", discord.ButtonStyle.success),
    "maybe": ("meets-button-maybe", discord.ButtonStyle.secondary),
    "no": ("meets-button-no", discord.ButtonStyle.danger),
}
COUNTER_ACTIONS: dict[str, tuple[str, discord.ButtonStyle, int]] = {
    # action: (label key, style, staff delta)
    "here": ("meets-button-here", discord.ButtonStyle.success, 0),
    "p1": ("meets-button-plus-one", discord.ButtonStyle.secondary, 1),
    "p5": ("meets-button-plus-five", discord.ButtonStyle.secondary, 5),
    "m1": ("meets-button-minus-one", discord.ButtonStyle.secondary, -1),
    "out": ("meets-button-check-out", discord.ButtonStyle.danger, 0),
}


def _presses(interaction: discord.Interaction[Any]) -> Presses:
    # discord.py types an item's callback for any client; ours is always the PaddockBot.
    return cast("PaddockBot", interaction.client).flows.presses


def _button(
    lang: str, key: str, style: discord.ButtonStyle, custom_id: str, *, disabled: bool = False
) -> discord.ui.Button[Any]:
    """A button labelled from the catalogue in `lang`; `custom_id` is what a press reads."""
    return discord.ui.Button(
        label=t(lang, key), style=style, custom_id=custom_id, disabled=disabled
    )


def _view(items: Iterable[discord.ui.Item[Any]]) -> discord.ui.View:
    """A view of `items` that never times out: its buttons are answered by custom id."""
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    return view


class RsvpButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"paddock:rsvp:(?P<meet>[0-9]{1,18}):(?P<status>going|maybe|no)",
):
    def __init__(
        self, meet_id: int, status: models.Answer, *, disabled: bool = False, lang: str = DEFAULT
    ) -> None:
        key, style = _STATUS_LOOK[status]
        custom_id = f"paddock:rsvp:{meet_id}:{status}"
        super().__init__(_button(lang, key, style, custom_id, disabled=disabled))
        self.meet_id = meet_id
        self.status: models.Answer = status

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> RsvpButton:
        return cls(int(match["meet"]), models.as_answer(match["status"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _presses(interaction).rsvp(interaction, self.meet_id, self.status)


class CarButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"paddock:car:(?P<meet>[0-9]{1,18})",
):
    def __init__(self, meet_id: int, *, disabled: bool = False, lang: str = DEFAULT) -> None:
        super().__init__(
            _button(
                lang,
                "meets-button-car",
                discord.ButtonStyle.primary,
                f"paddock:car:{meet_id}",
                disabled=disabled,
            )
        )
        self.meet_id = meet_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> CarButton:
        return cls(int(match["meet"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _presses(interaction).car(interaction, self.meet_id)


class CarGoingButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"paddock:cargo:(?P<meet>[0-9]{1,18})",
):
    """Offered to a member who pressed My car… without an answer: Going and the car in
    one step, said out loud rather than done silently."""

    def __init__(self, meet_id: int, *, lang: str = DEFAULT) -> None:
        super().__init__(
            _button(
                lang,
                "meets-button-car-going",
                discord.ButtonStyle.success,
                f"paddock:cargo:{meet_id}",
            )
        )
        self.meet_id = meet_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> CarGoingButton:
        return cls(int(match["meet"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _presses(interaction).car(interaction, self.meet_id, going=True)


class DraftButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"paddock:draft:(?P<draft>[0-9]{1,18}):(?P<action>post|change|discard)",
):
    """A preview's Post, Change… and Discard. The custom id carries the draft; the draft
    itself (and who may press) is in the database, so a preview survives restarts."""

    def __init__(self, draft_id: int, action: str, *, lang: str = DEFAULT) -> None:
        key, style = DRAFT_ACTIONS[action]
        super().__init__(_button(lang, key, style, f"paddock:draft:{draft_id}:{action}"))
        self.draft_id = draft_id
        self.action = action

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> DraftButton:
        return cls(int(match["draft"]), match["action"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _presses(interaction).draft(interaction, self.draft_id, self.action)


class DatesButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"paddock:dates:(?P<choice>[0-9]{1,18}):(?P<scope>this|later)",
):
    """The answer to "this date only, or this and all later dates?" for an edit or a
    cancel of a recurring meet's date. The custom id carries the pending choice (what
    the command was given is in the database), so a press after a restart works."""

    def __init__(self, choice_id: int, scope: str, lang: str = "en") -> None:
        key = "recurring-dates-this" if scope == "this" else "recurring-dates-later"
        style = discord.ButtonStyle.primary if scope == "this" else discord.ButtonStyle.secondary
        super().__init__(_button(lang, key, style, f"paddock:dates:{choice_id}:{scope}"))
        self.choice_id = choice_id
        self.scope = scope

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> DatesButton:
        return cls(int(match["choice"]), match["scope"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _presses(interaction).dates(interaction, self.choice_id, self.scope)


class CounterButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"paddock:att:(?P<meet>[0-9]{1,18}):(?P<action>here|out|p1|p5|m1)",
):
    """A counter button. It carries the meet id, never the message id, so buttons on
    an old or reposted counter message keep working after restarts."""

    def __init__(
        self, meet_id: int, action: str, *, disabled: bool = False, lang: str = DEFAULT
    ) -> None:
        key, style, _ = COUNTER_ACTIONS[action]
        custom_id = f"paddock:att:{meet_id}:{action}"
        super().__init__(_button(lang, key, style, custom_id, disabled=disabled))
        self.meet_id = meet_id
        self.action = action

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> CounterButton:
        return cls(int(match["meet"]), match["action"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _presses(interaction).counter(interaction, self.meet_id, self.action)


DYNAMIC_ITEMS = (
    RsvpButton,
    CarButton,
    CarGoingButton,
    DraftButton,
    DatesButton,
    CounterButton,
    CarPick,
    GarageCarSelect,
)


def draft_view(draft_id: int, lang: str = DEFAULT) -> discord.ui.View:
    return _view(DraftButton(draft_id, action, lang=lang) for action in DRAFT_ACTIONS)


def dates_view(choice_id: int, lang: str) -> discord.ui.View:
    return _view(DatesButton(choice_id, scope, lang) for scope in ("this", "later"))


def car_going_view(meet_id: int, lang: str = DEFAULT) -> discord.ui.View:
    return _view([CarGoingButton(meet_id, lang=lang)])


def announcement_view(
    meet_id: int, *, disabled: bool = False, lang: str = DEFAULT
) -> discord.ui.View:
    answers = [RsvpButton(meet_id, s, disabled=disabled, lang=lang) for s in models.ANSWERS]
    return _view([*answers, CarButton(meet_id, disabled=disabled, lang=lang)])


def counter_view(meet_id: int, *, disabled: bool = False, lang: str = DEFAULT) -> discord.ui.View:
    return _view(
        CounterButton(meet_id, action, disabled=disabled, lang=lang)
        for action in ("here", "p1", "p5", "m1")
    )


def checkout_view(meet_id: int, lang: str = DEFAULT) -> discord.ui.View:
    return _view([CounterButton(meet_id, "out", lang=lang)])


def carries_meet(components: Sequence[discord.Component], meet_id: int) -> bool:
    """Whether a message's components are this meet's announcement buttons (the custom
    ids are the one durable mark of an announcement: they carry the meet id)."""
    return any(
        i.startswith(f"paddock:rsvp:{meet_id}:") or i == f"paddock:car:{meet_id}"
        for i in _custom_ids(components)
    )


def carries_counter(components: Sequence[discord.Component], meet_id: int) -> bool:
    """Whether a message's components are this meet's attendance counter buttons."""
    return any(i.startswith(f"paddock:att:{meet_id}:") for i in _custom_ids(components))


def _custom_ids(components: Sequence[discord.Component]) -> list[str]:
    return [
        getattr(item, "custom_id", None) or ""
        for row in components
        for item in getattr(row, "children", [row])
    ]


def prefill(text: str, limit: int) -> str | None:
    """A form field's starting text, cut to what the field accepts: Discord refuses the
    whole form (400) if a default is longer than the field's own limit, and an option typed
    through a client that ignores the command's limits can be."""
    return text[:limit] or None


class CarModal(discord.ui.Modal):
    """The form only; submits are read back from the raw payload (`modal_values`), so
    a submit after a restart is handled exactly like one before it."""

    def __init__(
        self,
        meet_id: int,
        *,
        car: str = "",
        passengers: int = 0,
        going: bool = False,
        lang: str = DEFAULT,
    ) -> None:
        custom_id = f"paddock:carmodal:{meet_id}" + (":going" if going else "")
        heading = t(lang, "meets-car-form-going") if going else t(lang, "meets-car-form")
        super().__init__(title=heading, custom_id=custom_id, timeout=None)
        self.meet_id = meet_id
        self.car: discord.ui.TextInput[CarModal] = discord.ui.TextInput(
            label=t(lang, "meets-car-form-car"),
            custom_id="car",
            placeholder=t(lang, "meets-car-form-car-example"),
            default=prefill(car, models.CAR_MAX),
            required=False,
            max_length=models.CAR_MAX,
        )
        self.passengers: discord.ui.TextInput[CarModal] = discord.ui.TextInput(
            label=t(lang, "meets-car-form-passengers", most=models.PASSENGERS_MAX),
            custom_id="passengers",
            default=str(passengers),
            required=False,
            max_length=2,
        )
        self.add_item(self.car)
        self.add_item(self.passengers)


class MeetForm(discord.ui.Modal):
    """/meet create and /meet edit as a form: multi-line description included. Like the
    car form, its submit is read from the raw payload by custom id (the draft's)."""

    def __init__(
        self,
        draft_id: int,
        *,
        title: str = "",
        when: str = "",
        location: str = "",
        description: str = "",
        editing: bool = False,
        lang: str = DEFAULT,
    ) -> None:
        heading = t(lang, "meets-form-edit") if editing else t(lang, "meets-form-new")
        super().__init__(title=heading, custom_id=f"paddock:meetform:{draft_id}", timeout=None)
        self.add_item(
            discord.ui.TextInput(
                label=t(lang, "meets-form-title"),
                custom_id="title",
                default=prefill(title, models.TITLE_MAX),
                placeholder=t(lang, "meets-form-title-example"),
                min_length=1,
                max_length=models.TITLE_MAX,
            )
        )
        self.add_item(
            discord.ui.TextInput(
                label=t(lang, "meets-form-when"),
                custom_id="when",
                default=prefill(when, models.WHEN_MAX),
                placeholder=t(lang, "meets-form-when-example"),
                min_length=1,
                max_length=models.WHEN_MAX,
            )
        )
        self.add_item(
            discord.ui.TextInput(
                label=t(lang, "meets-form-where"),
                custom_id="location",
                default=prefill(location, models.LOCATION_MAX),
                placeholder=t(lang, "meets-form-where-example"),
                min_length=1,
                max_length=models.LOCATION_MAX,
            )
        )
        self.add_item(
            discord.ui.TextInput(
                label=t(lang, "meets-form-description"),
                custom_id="description",
                style=discord.TextStyle.paragraph,
                default=prefill(description, models.DESCRIPTION_MAX),
                placeholder=t(lang, "meets-form-description-example"),
                required=False,
                max_length=models.DESCRIPTION_MAX,
            )
        )


def modal_values(components: list[dict[str, Any]]) -> dict[str, str]:
    """custom_id -> value of every text input in a submitted form, in action rows or labels."""
    found: dict[str, str] = {}
    for component in components:
        if "value" in component and "custom_id" in component:
            found[component["custom_id"]] = str(component["value"])
        found.update(modal_values(component.get("components") or []))
        if component.get("component"):
            found.update(modal_values([component["component"]]))
    return found
