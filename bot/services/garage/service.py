"""The garage and the club register: members' cars per server, verification, counts.

Everything is per server: every statement filters by guild_id, so a member's garage
in one server is invisible in another. The VIN is a secret: it leaves this service
only inside a `GarageCar`, whose repr never shows it, and render shows it only to
its owner. It is never logged or put in an error message.

Departures: Paddock asks for no privileged intents, so Discord doesn't tell it when
a member leaves (GUILD_MEMBER_REMOVE needs the members intent). The garage cog asks
Discord about each garage owner now and then (`owners_to_check`), records who is
gone (`mark_left`), clears that when they are seen again (`seen`), and
`purge_departed` removes the cars (VINs with them) 30 days after a departure.

Every write here runs SERIALIZABLE with retries (bot/db/base.py): a member's garage is
written by that member's own commands, rarely, and the VIN check reads rows no lock
covers; the one-row upserts (`pick_for_meet`, `mark_left`) rest on their primary keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from bot.clock import Clock
from bot.db import Database, Row, Tx
from bot.db.rows import from_db, load
from bot.errors import ChooseOne, Conflict, InvalidInput, NotFound
from bot.services.fold import contains
from bot.services.shards import ALL, Shards
from bot.services.specs.models import Car
from bot.services.specs.paint import match_paint
from bot.services.text import field

from . import vin as vins
from .generations import Family, names_chassis, names_family
from .matching import GarageModel, matching, suggestions
from .models import (
    DEPARTED_DAYS,
    FIRST_YEAR,
    MAX_CARS,
    TEXT_MAX,
    ColourCount,
    Count,
    Departure,
    EditResult,
    GarageCar,
    RegisterStats,
    RemoveResult,
    VerifyResult,
)

# checked_at of a member never asked about: sorts before every real check.
NEVER = datetime(2000, 1, 1, tzinfo=UTC)
_COLUMNS = (
    "id, guild_id, user_id, model_id, model, make, colour, year, nickname, vin, "
    "model_source, verified_at IS NOT NULL AS verified"
)


def _car(row: Row) -> GarageCar:
    return load(GarageCar, row)


def _source(model_id: str | None) -> str:
    # Only a catalogue car or the member's explicit own text reaches the service now.
    return "catalogue" if model_id is not None else "own"


def _natural(label: str) -> list[str | int]:
    """'Eigenbau 10' -> ['eigenbau ', 10, '']: numbers compare by value. Split on ASCII
    digits only, so every odd position holds an int and every even one a str."""
    pieces = re.split(r"([0-9]+)", label.casefold())
    return [int(p) if i % 2 else p for i, p in enumerate(pieces)]


class GarageService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- input -------------------------------------------------------------
    def _model(self, car: Car | None, text: str) -> tuple[str | None, str, str | None]:
        """(model_id, model, make) for a catalogue car, or for a member's own text: the
        text they chose as "(not in the catalogue)" (bot/services/garage/picking.py
        decides which a typed text is)."""
        if car is not None:
            return car.id, car.name, car.make
        model = field("model", text, TEXT_MAX, required=True)
        return None, model, vins.make_in(model)

    def _year(self, year: int | None, car: Car | None) -> int | None:
        if year is None:
            return None
        last = self.clock.now().year + 1
        if not FIRST_YEAR <= year <= last:
            # Years go in as text: Fluent would group them as numbers ("2,011").
            raise InvalidInput(key="error-garage-year-range", first=str(FIRST_YEAR), last=str(last))
        if car is not None:
            end = car.last_year or last
            # A car registered a year after its run ended is common; more is a typo.
            if not car.first_year - 1 <= year <= end + 1:
                raise InvalidInput(
                    key="error-garage-year-outside-run",
                    car=car.name,
                    years=car.years_label,
                    year=str(year),
                )
        return year

    @staticmethod
    def _colour(text: str, car: Car | None) -> str:
        colour = field("colour", text, TEXT_MAX, required=True)
        if car is not None:
            # One spelling, so the register counts it once: "alpine white" and
            # "Alpinweiß" are both stored as the catalogue's "Alpine White".
            return match_paint(colour, (c.name for c in car.colours)) or colour
        return colour

    # -- the garage --------------------------------------------------------
    async def add(
        self,
        guild_id: int,
        user_id: int,
        *,
        car: Car | None,
        model_text: str = "",
        colour: str,
        year: int | None = None,
        vin: str | None = None,
        nickname: str = "",
    ) -> GarageCar:
        """Add a car to a member's garage (at most MAX_CARS per member and server)."""
        model_id, model, make = self._model(car, model_text)
        clean_colour = self._colour(colour, car)
        clean_year = self._year(year, car)
        clean_vin = vins.validate(vin, make).value if vin and vin.strip() else None
        clean_nick = field("nickname", nickname, TEXT_MAX, required=False)
        now = self.clock.now()

        async def write(tx: Tx) -> int:
            count = int(
                await tx.fetchval(
                    "SELECT COUNT(*) FROM garage_cars WHERE guild_id = ? AND user_id = ?",
                    (guild_id, user_id),
                )
            )
            if count >= MAX_CARS:
                raise Conflict(key="error-garage-full", max=str(MAX_CARS))
            await self._check_vin_free(tx, guild_id, user_id, clean_vin, None)
            await self._member_seen(tx, guild_id, user_id)
            return int(
                await tx.fetchval(
                    "INSERT INTO garage_cars (guild_id, user_id, model_id, model, make, "
                    "model_source, colour, year, nickname, vin, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (
                        guild_id,
                        user_id,
                        model_id,
                        model,
                        make,
                        _source(model_id),
                        clean_colour,
                        clean_year,
                        clean_nick,
                        clean_vin,
                        now,
                    ),
                )
            )

        car_id = await self.db.write(write)
        return await self.get(guild_id, car_id)

    @staticmethod
    async def _check_vin_free(
        tx: Tx, guild_id: int, user_id: int, vin: str | None, car_id: int | None
    ) -> None:
        if vin is None:
            return
        row = await tx.fetchone(
            "SELECT id, user_id FROM garage_cars WHERE guild_id = ? AND vin = ?", (guild_id, vin)
        )
        if row is None or row["id"] == car_id:
            return
        if row["user_id"] == user_id:
            raise Conflict(key="error-garage-vin-own")
        raise Conflict(key="error-garage-vin-taken")

    @staticmethod
    async def _member_seen(tx: Tx, guild_id: int, user_id: int) -> None:
        await tx.execute(
            "INSERT INTO garage_members (guild_id, user_id, checked_at) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id, user_id) DO UPDATE SET left_at = NULL",
            (guild_id, user_id, NEVER),
        )

    async def get(self, guild_id: int, car_id: int) -> GarageCar:
        row = await self.db.fetchone(
            f"SELECT {_COLUMNS} FROM garage_cars WHERE id = ? AND guild_id = ?",
            (car_id, guild_id),
        )
        if row is None:
            raise NotFound(key="error-garage-car-not-found")
        return _car(row)

    async def own(self, guild_id: int, user_id: int, car_id: int) -> GarageCar:
        """A car of this member's, or NotFound (another member's car is not theirs to edit)."""
        car = await self.get(guild_id, car_id)
        if car.user_id != user_id:
            raise NotFound(key="error-garage-car-not-found")
        return car

    async def cars_of(self, guild_id: int, user_id: int) -> list[GarageCar]:
        rows = await self.db.fetchall(
            f"SELECT {_COLUMNS} FROM garage_cars WHERE guild_id = ? AND user_id = ? ORDER BY id",
            (guild_id, user_id),
        )
        return [_car(r) for r in rows]

    async def edit(
        self,
        guild_id: int,
        user_id: int,
        car_id: int,
        *,
        car: Car | None = None,
        model_text: str | None = None,
        colour: str | None = None,
        year: int | None = None,
        vin: str | None = None,
        clear_vin: bool = False,
        nickname: str | None = None,
    ) -> EditResult:
        """Change one of a member's own cars; options left None stay as they are."""
        if clear_vin and vin is not None and vin.strip():
            raise InvalidInput(key="qagarage-error-vin-and-clear-vin")
        given = (car, model_text, colour, year, vin, nickname)
        if not clear_vin and all(value is None for value in given):
            raise InvalidInput(key="qagarage-error-edit-nothing")
        current = await self.own(guild_id, user_id, car_id)
        changes: dict[str, object] = {}
        make = current.make
        model_changed = car is not None or model_text is not None
        if model_changed:
            model_id, model, make = self._model(car, model_text or "")
            changes.update(model_id=model_id, model=model, make=make)
            changes["model_source"] = _source(model_id)
        if colour is not None:
            changes["colour"] = self._colour(colour, car)
        if year is not None:
            changes["year"] = self._year(year, car)
        if nickname is not None:
            changes["nickname"] = field("nickname", nickname, TEXT_MAX, required=False)
        new_vin: str | None = None
        if clear_vin:
            if current.vin is not None:  # nothing to clear leaves the verification be
                changes["vin"] = None
        elif vin is not None and vin.strip():
            new_vin = vins.validate(vin, make).value
            changes["vin"] = new_vin
        elif model_changed and current.vin is not None:
            vins.validate(current.vin, make)  # the new model must fit the VIN on file
        if model_changed or "vin" in changes:
            # A different car (or chassis) than the one an organiser checked.
            changes["verified_at"] = None
            changes["verified_by"] = None
        columns = ", ".join(f"{c} = ?" for c in changes)

        async def write(tx: Tx) -> int:
            await self._check_vin_free(tx, guild_id, user_id, new_vin, car_id)
            if changes:
                await tx.execute(
                    f"UPDATE garage_cars SET {columns} "
                    "WHERE id = ? AND guild_id = ? AND user_id = ?",
                    (*changes.values(), car_id, guild_id, user_id),
                )
            return await self._verified_count(tx, guild_id, user_id)

        left = await self.db.write(write)
        edited = await self.get(guild_id, car_id)
        # The owner role follows the member's last verified car (bot.flows.garage).
        return EditResult(edited, current.verified and not edited.verified, left)

    async def remove(self, guild_id: int, user_id: int, car_id: int) -> RemoveResult:
        car = await self.own(guild_id, user_id, car_id)

        async def write(tx: Tx) -> int:
            await tx.execute(
                "DELETE FROM garage_cars WHERE id = ? AND guild_id = ? AND user_id = ?",
                (car_id, guild_id, user_id),
            )
            return await self._verified_count(tx, guild_id, user_id)

        left = await self.db.write(write)
        return RemoveResult(car, left)

    @staticmethod
    async def _verified_count(tx: Tx, guild_id: int, user_id: int) -> int:
        return int(
            await tx.fetchval(
                "SELECT COUNT(*) FROM garage_cars WHERE guild_id = ? AND user_id = ? "
                "AND verified_at IS NOT NULL",
                (guild_id, user_id),
            )
        )

    async def clear_vin(self, guild_id: int, car_id: int) -> VerifyResult:
        """Take the VIN off a car (an organiser settling a disputed VIN); the car is no
        longer verified, since what was checked is gone."""
        car = await self.get(guild_id, car_id)

        async def write(tx: Tx) -> int:
            await tx.execute(
                "UPDATE garage_cars SET vin = NULL, verified_at = NULL, verified_by = NULL "
                "WHERE id = ? AND guild_id = ?",
                (car_id, guild_id),
            )
            return await self._verified_count(tx, guild_id, car.user_id)

        count = await self.db.write(write)
        return VerifyResult(await self.get(guild_id, car_id), count)

    async def verify(
        self, guild_id: int, car_id: int, by: int, *, verified: bool = True
    ) -> VerifyResult:
        """Mark a car verified (or not) after an organiser saw the papers. A car already
        in that state is left as it was (who verified it and when stay the first
        organiser's), and the result says nothing `changed`."""
        car = await self.get(guild_id, car_id)
        now = self.clock.now()
        # Only a row not yet in the wanted state is written, so two organisers verifying
        # at once change it once, and the second is told it already was.
        state = "verified_at IS NULL" if verified else "verified_at IS NOT NULL"

        async def write(tx: Tx) -> tuple[int, int]:
            changed = await tx.execute(
                "UPDATE garage_cars SET verified_at = ?, verified_by = ? "
                f"WHERE id = ? AND guild_id = ? AND {state}",
                (now if verified else None, by if verified else None, car_id, guild_id),
            )
            return changed, await self._verified_count(tx, guild_id, car.user_id)

        changed, count = await self.db.write(write)
        return VerifyResult(await self.get(guild_id, car_id), count, changed=changed > 0)

    # -- privacy -----------------------------------------------------------
    async def set_show_tail(self, guild_id: int, user_id: int, allowed: bool) -> None:
        await self.db.execute(
            "INSERT INTO garage_members (guild_id, user_id, show_vin_tail, checked_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, user_id) DO UPDATE SET "
            "show_vin_tail = excluded.show_vin_tail",
            (guild_id, user_id, int(allowed), NEVER),
        )

    async def shows_tail(self, guild_id: int, user_id: int) -> bool:
        value = await self.db.fetchval(
            "SELECT show_vin_tail FROM garage_members WHERE guild_id = ? AND user_id = ?",
            (guild_id, user_id),
        )
        return bool(value)

    # -- the register --------------------------------------------------------
    async def count_model(self, guild_id: int, model_id: str) -> int:
        return int(
            await self.db.fetchval(
                "SELECT COUNT(*) FROM garage_cars WHERE guild_id = ? AND model_id = ?",
                (guild_id, model_id),
            )
        )

    async def register(
        self,
        guild_id: int,
        car: Car | None = None,
        model_text: str | None = None,
        *,
        family: Family | None = None,
    ) -> RegisterStats:
        """The club's numbers for a catalogue car, a family of them ("m3": every M3, each
        generation counted apart, with members' own texts holding the family's words:
        bot/services/garage/generations.py), the models a typed text means (a make, the
        start or some words of a model: bot/services/garage/matching.py), or (none of
        these) all. Text that matches no car in a garage that has some raises ChooseOne
        with the models closest to it."""
        where = "guild_id = ?"
        params: list[object] = [guild_id]
        model: str | None = None
        if car is not None:
            where += " AND model_id = ?"
            params.append(car.id)
            model = car.name
        elif family is not None:
            model = family.name
            ids = [c.id for c in family.cars]
            free = [m for m in await self._free_texts(guild_id) if names_family(family.words, m)]
            either = f"model_id IN ({', '.join('?' * len(ids))})"
            if free:
                either += f" OR model COLLATE NOCASE IN ({', '.join('?' * len(free))})"
            where += f" AND ({either})"
            params.extend([*ids, *free])
        elif model_text:
            model = field("model", model_text, TEXT_MAX, required=True)
            models = await self.models(guild_id)
            found = matching(model, models)
            if not found and models:
                raise ChooseOne(
                    "garage3-error-register-no-match", model, suggestions(model, models)
                )
            if len(found) == 1:
                model = found[0].model
            # Each stored spelling once (grouped case aside); NOCASE for SQLite, citext on
            # PostgreSQL. No match at all (an empty garage) counts nothing.
            names = [m.model for m in found] or [model]
            where += f" AND model COLLATE NOCASE IN ({', '.join('?' * len(names))})"
            params.extend(names)
        head = await self.db.fetchone(
            "SELECT COUNT(*) AS cars, COUNT(DISTINCT user_id) AS owners, "
            f"COUNT(verified_at) AS verified FROM garage_cars WHERE {where}",
            params,
        )
        assert head is not None
        colours = await self._counts("colour", where, params)
        years = await self._counts("year", where, params)
        by_model: tuple[Count, ...] = ()
        if car is None:
            by_model = await self._model_counts(where, params)
            # One model of one text (a club's "Datsun 240Z") needs no breakdown; a name
            # shared by generations ("BMW M3": E46 and G80) does.
            if len(by_model) == 1 and model is not None and family is None:
                by_model = ()
        return RegisterStats(
            model=model,
            model_id=car.id if car is not None else None,
            cars=int(head["cars"]),
            owners=int(head["owners"]),
            verified=int(head["verified"]),
            by_colour=colours,
            by_year=years,
            by_model=by_model,
            production=car.production if car is not None else None,
        )

    async def _free_texts(self, guild_id: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT MIN(model) AS model FROM garage_cars WHERE guild_id = ? AND model_id IS NULL "
            "GROUP BY model COLLATE NOCASE",
            (guild_id,),
        )
        return [str(r["model"]) for r in rows]

    async def _model_counts(self, where: str, params: Sequence[object]) -> tuple[Count, ...]:
        """Cars per catalogue car (its id: the generations of "BMW M3" apart), and per
        member's own text (case aside)."""
        rows = await self.db.fetchall(
            "SELECT model_id, MIN(model) AS label, COUNT(*) AS cars, "
            f"COUNT(verified_at) AS verified FROM garage_cars WHERE {where} "
            "GROUP BY model_id, CASE WHEN model_id IS NULL THEN model END COLLATE NOCASE",
            params,
        )
        counted = [
            Count(str(r["label"]), int(r["cars"]), int(r["verified"]), r["model_id"]) for r in rows
        ]
        counted.sort(key=lambda c: (-c.cars, _natural(c.label), c.model_id or ""))
        return tuple(counted)

    async def _counts(self, column: str, where: str, params: Sequence[object]) -> tuple[Count, ...]:
        rows = await self.db.fetchall(
            f"SELECT {column} AS label, COUNT(*) AS cars, COUNT(verified_at) AS verified "
            f"FROM garage_cars WHERE {where} "
            f"GROUP BY {column} COLLATE NOCASE ORDER BY cars DESC, {column}",
            params,
        )
        counted = [
            Count("unknown" if r["label"] is None else str(r["label"]), r["cars"], r["verified"])
            for r in rows
        ]
        if column == "year":
            counted.sort(key=lambda c: (c.label == "unknown", c.label))
        else:
            # Ties in natural order: "Eigenbau 2" before "Eigenbau 10", not text order.
            counted.sort(key=lambda c: (-c.cars, _natural(c.label)))
        return tuple(counted)

    async def colours(self, guild_id: int, car: Car) -> list[ColourCount]:
        """Every factory colour with the club's count, zeros included, then members' own
        colours the catalogue doesn't list."""
        rows = await self.db.fetchall(
            "SELECT colour, COUNT(*) AS cars FROM garage_cars WHERE guild_id = ? "
            "AND model_id = ? GROUP BY colour COLLATE NOCASE",
            (guild_id, car.id),
        )
        counts = {str(r["colour"]).casefold(): (str(r["colour"]), int(r["cars"])) for r in rows}
        found = [
            ColourCount(c.name, counts.pop(c.name.casefold(), ("", 0))[1], True, c.note)
            for c in car.colours
        ]
        others = [ColourCount(name, n, False) for name, n in counts.values()]
        others.sort(key=lambda c: (-c.cars, c.colour.casefold()))
        return found + others

    async def models(self, guild_id: int, limit: int = 2000) -> list[GarageModel]:
        """The server's garage models (each spelling once, case aside), most cars first."""
        rows = await self.db.fetchall(
            "SELECT MIN(model) AS model, MAX(make) AS make, COUNT(*) AS cars FROM garage_cars "
            "WHERE guild_id = ? GROUP BY model COLLATE NOCASE ORDER BY cars DESC, model "
            "LIMIT ?",
            (guild_id, limit),
        )
        return [GarageModel(str(r["model"]), r["make"], int(r["cars"])) for r in rows]

    async def free_models(self, guild_id: int, query: str = "", limit: int = 10) -> list[str]:
        """Free-text models in this server's garage (for autocomplete)."""
        rows = await self.db.fetchall(
            "SELECT model FROM garage_cars WHERE guild_id = ? AND model_id IS NULL "
            "GROUP BY model COLLATE NOCASE ORDER BY COUNT(*) DESC LIMIT 100",
            (guild_id,),
        )
        # Folded as /specs folds ("megane" finds "Mégane", "ハチ" finds "ハチロク").
        return [r["model"] for r in rows if contains(r["model"], query)][:limit]

    # -- old free text -------------------------------------------------------
    async def adopt_typed(self, pick: Callable[[str], Car | None], *, shards: Shards = ALL) -> int:
        """Old free text (model_source 'typed', stored before a typed model had to name one
        catalogue car) that `pick` maps to one catalogue car becomes that car, as if
        picked, where the generation is sure: the text names the chassis ("E82 135i"), or
        the row's year falls in the car's run ("Supra" of 1997 is not the A90, and without
        a year nobody knows). A VIN on file must fit the make. Returns how many cars
        changed; the rest stay counted under their own text.

        Runs in Python, not as a numbered migration, because it needs the catalogue
        (bundled and the club's own) and its search, which SQL can't see; and again after
        every start, so a car the catalogue gains later is picked up then. Idempotent: the
        UPDATE only touches rows still 'typed', so two processes at once change each row
        once."""
        rows = await self.db.fetchall(
            "SELECT id, model, colour, year, vin FROM garage_cars "
            f"WHERE model_source = 'typed' AND model_id IS NULL{shards.where('guild_id')}",
        )
        changes: list[tuple[object, ...]] = []
        for r in rows:
            car = pick(str(r["model"]))
            if car is None:
                continue
            year = r["year"]
            end = car.last_year or self.clock.now().year + 1
            if year is None and not names_chassis(str(r["model"]), car):
                continue
            if year is not None and not car.first_year - 1 <= int(year) <= end + 1:
                continue  # another generation than the one the text names: left as typed
            if r["vin"] is not None:
                try:
                    vins.validate(str(r["vin"]), car.make)
                except InvalidInput:
                    continue
            colour = self._colour(str(r["colour"]), car)
            changes.append((car.id, car.name, car.make, colour, r["id"]))
        if not changes:
            return 0

        async def write(tx: Tx) -> int:
            done = 0
            for change in changes:
                done += await tx.execute(
                    "UPDATE garage_cars SET model_id = ?, model = ?, make = ?, colour = ?, "
                    "model_source = 'catalogue' "
                    "WHERE id = ? AND model_source = 'typed' AND model_id IS NULL",
                    change,
                )
            return done

        return await self.db.write(write)

    # -- meets ---------------------------------------------------------------
    async def pick_for_meet(
        self, guild_id: int, meet_id: int, user_id: int, car_id: int, car_text: str
    ) -> GarageCar:
        """Remember which garage car a member picked for a meet, with `car_text`, the text
        the RSVP got for it (written in the server's language). The RSVP's own car text is
        set by the meets service; this link counts only while that text still matches
        (a member who later types another car is no longer counted with this one)."""
        car = await self.own(guild_id, user_id, car_id)
        await self.db.execute(
            "INSERT INTO meet_rsvp_cars (meet_id, user_id, car_id, car_text) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (meet_id, user_id) DO UPDATE SET car_id = excluded.car_id, "
            "car_text = excluded.car_text",
            (meet_id, user_id, car.id, car_text),
        )
        return car

    async def cars_going(self, guild_id: int, meet_id: int) -> list[Count]:
        """'14 × 1M, 3 × M2': the garage models of the members going, most first."""
        rows = await self.db.fetchall(
            "SELECT g.model AS label, COUNT(*) AS cars FROM meet_rsvps r "
            "JOIN meet_rsvp_cars p ON p.meet_id = r.meet_id AND p.user_id = r.user_id "
            "JOIN garage_cars g ON g.id = p.car_id "
            "WHERE r.meet_id = ? AND r.guild_id = ? AND r.status = 'going' AND r.car = p.car_text "
            "GROUP BY g.model ORDER BY cars DESC, g.model",
            (meet_id, guild_id),
        )
        return [Count(r["label"], int(r["cars"])) for r in rows]

    # -- members who left ----------------------------------------------------
    async def seen(self, guild_id: int, user_id: int) -> None:
        """The member is in the server: forget any departure recorded for them."""
        await self.db.execute(
            "UPDATE garage_members SET left_at = NULL WHERE guild_id = ? AND user_id = ? "
            "AND left_at IS NOT NULL",
            (guild_id, user_id),
        )

    async def mark_left(self, guild_id: int, user_id: int) -> None:
        """Record a departure (the first time it is seen; later checks keep that date)."""
        await self.db.execute(
            "INSERT INTO garage_members (guild_id, user_id, left_at, checked_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, user_id) DO UPDATE SET "
            "left_at = COALESCE(garage_members.left_at, excluded.left_at)",
            (guild_id, user_id, self.clock.now(), NEVER),
        )

    async def owners_to_check(
        self, guild_id: int, limit: int = 5, every: timedelta = timedelta(hours=12)
    ) -> list[int]:
        """Garage owners in one server not checked for `every`, longest first; each is
        stamped as checked, so the next call moves on to others. Per server, so a process
        only ever checks the servers it is in (and, sharded, the ones it owns)."""
        now = self.clock.now()

        async def write(tx: Tx) -> list[int]:
            rows = await tx.fetchall(
                "SELECT user_id FROM garage_members WHERE guild_id = ? AND checked_at < ? "
                "ORDER BY checked_at LIMIT ?",
                (guild_id, now - every, limit),
            )
            for r in rows:
                await tx.execute(
                    "UPDATE garage_members SET checked_at = ? WHERE guild_id = ? AND user_id = ?",
                    (now, guild_id, r["user_id"]),
                )
            return [int(r["user_id"]) for r in rows]

        return await self.db.write(write)

    async def purge_departed(self, *, shards: Shards = ALL) -> list[Departure]:
        """Remove the cars (and VINs) of members gone for DEPARTED_DAYS or more, in the
        servers of `shards`."""
        cutoff = self.clock.now() - timedelta(days=DEPARTED_DAYS)

        async def write(tx: Tx) -> list[Departure]:
            rows = await tx.fetchall(
                "SELECT guild_id, user_id, left_at FROM garage_members "
                f"WHERE left_at IS NOT NULL AND left_at <= ?{shards.where('guild_id')}",
                (cutoff,),
            )
            for r in rows:
                key = (r["guild_id"], r["user_id"])
                await tx.execute("DELETE FROM garage_cars WHERE guild_id = ? AND user_id = ?", key)
                await tx.execute(
                    "DELETE FROM garage_members WHERE guild_id = ? AND user_id = ?", key
                )
            return [Departure(r["guild_id"], r["user_id"], from_db(r["left_at"])) for r in rows]

        return await self.db.write(write)
