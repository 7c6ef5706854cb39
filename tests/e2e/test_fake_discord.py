"""Proves the fake Discord works by running a bare discord.py bot against it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import discord
import pytest
import pytest_asyncio
from discord import app_commands
from discord.ext import commands

from tests.fakediscord import MANAGE_EVENTS, FakeDiscord, FakeGuild, patch_discord
from tests.fakediscord import models as fake_models
from tests.fakediscord.pytest_fixtures import fake_discord  # noqa: F401 - fixture

pytestmark = pytest.mark.e2e


class PanelView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)
        self.count = 0

    @discord.ui.button(label="Count", custom_id="panel:count", style=discord.ButtonStyle.primary)
    async def count_button(
        self, interaction: discord.Interaction, button: discord.ui.Button[PanelView]
    ) -> None:
        self.count += 1
        await interaction.response.edit_message(content=f"pressed {self.count}", view=self)


class NameModal(discord.ui.Modal, title="Your car"):
    car = discord.ui.TextInput(label="Car", custom_id="car")
    notes = discord.ui.TextInput(label="Notes", custom_id="notes", required=False)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            f"got {self.car.value}/{self.notes.value}", ephemeral=True
        )


class LabelModal(discord.ui.Modal, title="Plan a meet"):
    where = discord.ui.Label(text="Where", component=discord.ui.TextInput(custom_id="where"))
    who = discord.ui.Label(
        text="Who",
        component=discord.ui.UserSelect(custom_id="who", min_values=1, max_values=2),
    )
    kind = discord.ui.Label(
        text="Kind",
        component=discord.ui.Select(
            custom_id="kind",
            options=[discord.SelectOption(label="Cruise"), discord.SelectOption(label="Show")],
        ),
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        assert isinstance(self.where.component, discord.ui.TextInput)
        assert isinstance(self.who.component, discord.ui.UserSelect)
        assert isinstance(self.kind.component, discord.ui.Select)
        names = ",".join(u.name for u in self.who.component.values)
        await interaction.response.send_message(
            f"{self.kind.component.values[0]} at {self.where.component.value} with {names}"
        )


class Meet(app_commands.Group):
    @app_commands.command(description="Create a meet")
    async def create(
        self, interaction: discord.Interaction, title: str, size: int, public: bool = True
    ) -> None:
        await interaction.response.send_message(f"meet {title} size={size} public={public}")


def make_bot(guild_id: int) -> commands.Bot:
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())
    guild = discord.Object(guild_id)

    @bot.tree.command(description="Say hello", guild=guild)
    async def hello(interaction: discord.Interaction, who: discord.Member | None = None) -> None:
        target = who or interaction.user
        await interaction.response.send_message(f"hello {target.mention}")

    @bot.tree.command(description="Think, then answer", guild=guild)
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await asyncio.sleep(0.05)
        await interaction.followup.send("done thinking")
        await interaction.followup.send("extra", ephemeral=True)

    async def model_ac(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        models = ["Civic", "Corolla", "Supra", "Skyline"]
        return [
            app_commands.Choice(name=m, value=m)
            for m in models
            if m.lower().startswith(current.lower())
        ]

    @bot.tree.command(description="Car specs", guild=guild)
    @app_commands.autocomplete(model=model_ac)
    async def specs(interaction: discord.Interaction, model: str) -> None:
        await interaction.response.send_message(f"specs {model}")

    @bot.tree.command(description="Answer after a pause", guild=guild)
    async def late(interaction: discord.Interaction) -> None:
        # Blocks the loop (what the deadline exists to catch): the thread sleeps, so none
        # of the pause can count as waiting for a CPU however busy the machine is.
        time.sleep(0.5)  # noqa: ASYNC251
        await interaction.response.send_message("too late")

    @bot.tree.command(description="Show a panel", guild=guild)
    async def panel(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("panel", view=PanelView())

    @bot.tree.command(description="Open a modal", guild=guild)
    async def form(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(NameModal())

    @bot.tree.command(description="Open a modal with labels", guild=guild)
    async def plan(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(LabelModal())

    @bot.tree.command(description="Edit things", guild=guild)
    async def edits(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("v1")
        original = await interaction.original_response()
        await interaction.edit_original_response(content=f"v2 of {original.id}")
        extra = await interaction.followup.send("temp", wait=True)
        await extra.delete()

    @bot.tree.command(description="Who am I", guild=guild)
    async def perms(interaction: discord.Interaction) -> None:
        p = interaction.permissions
        await interaction.response.send_message(
            f"events={p.manage_events} admin={p.administrator} app_events={interaction.app_permissions.manage_events}",
            ephemeral=True,
        )

    bot.tree.add_command(Meet(name="meet", description="Meets"), guild=guild)

    async def setup_hook() -> None:
        bot.add_view(PanelView())

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


@dataclass
class Env:
    fake: FakeDiscord
    bot: commands.Bot
    guild: FakeGuild
    general: int
    meets: int
    owner: int
    organiser: int
    member: int


@pytest_asyncio.fixture
async def env() -> AsyncIterator[Env]:
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Test Club")
        general = guild.add_channel("general")
        meets = guild.add_channel("meets")
        role = guild.add_role("Organiser", MANAGE_EVENTS)
        organiser = guild.add_member(name="organiser", roles=[role])
        member = guild.add_member(name="member")
        with patch_discord(fake):
            bot = make_bot(guild.id)
            await bot.login(fake.token)
            task = asyncio.create_task(bot.connect())
            try:
                await asyncio.wait_for(bot.wait_until_ready(), 60)
                # patch_discord: on_ready waits 0.05 s for more guilds, not discord.py's 2 s.
                assert bot._connection.guild_ready_timeout == 0.05
                await bot.tree.sync(guild=discord.Object(guild.id))
                yield Env(fake, bot, guild, general, meets, guild.owner_id, organiser, member)
            finally:
                await bot.close()
                await asyncio.wait_for(task, 60)
        fake.assert_no_unknown_routes()
        fake.assert_answered_in_time()


async def test_login_ready_and_sync(env: Env) -> None:
    fake, bot = env.fake, env.bot
    assert bot.user is not None
    assert bot.user.id == fake.bot_user_id
    assert bot.application_id == fake.app_id
    g = bot.get_guild(env.guild.id)
    assert g is not None
    assert g.name == "Test Club"
    assert g.me.guild_permissions.manage_events
    assert [c.name for c in g.text_channels] == ["general", "meets"]
    assert len(fake.sync_calls) == 1
    assert fake.sync_calls[0].guild_id == env.guild.id
    names = sorted(c["name"] for c in fake.commands_for(env.guild.id))
    assert names == [
        "edits",
        "form",
        "hello",
        "late",
        "meet",
        "panel",
        "perms",
        "plan",
        "slow",
        "specs",
    ]
    assert fake.requests_to("GET", r"^/users/@me$")
    assert fake.identify_payloads[0]["intents"] == discord.Intents.default().value


async def test_slash_reply_with_member_option(env: Env) -> None:
    rec = await env.fake.slash(
        env.guild.id, env.general, env.member, "hello", {"who": env.organiser}
    )
    cb = await rec.wait_response()
    assert cb.type == 4
    assert rec.content == f"hello <@{env.organiser}>"
    assert not rec.ephemeral
    assert rec.latency is not None
    assert env.fake.late_answers == []
    assert env.fake.messages_in(env.general)[-1]["content"] == rec.content
    pings = env.fake.all_pings()
    assert pings[-1]["users"] == [env.organiser]


async def test_an_answer_after_the_deadline_is_refused_with_10062(env: Env) -> None:
    env.fake.interaction_timeout = 0.2  # the bot's "late" answers after 0.5 s
    rec = await env.fake.slash(env.guild.id, env.general, env.member, "late")
    with pytest.raises(AssertionError, match="10062"):
        await rec.wait_response()
    assert rec.callbacks == []
    assert env.fake.late_answers == [rec]
    assert rec.answered_late is not None and rec.answered_late >= 0.2
    with pytest.raises(AssertionError, match="window"):
        env.fake.assert_answered_in_time()
    env.fake.late_answers.clear()  # expected here; the fixture fails on any other


async def test_the_deadline_leaves_out_time_spent_waiting_for_a_cpu(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = await env.fake.slash(env.guild.id, env.general, env.member, "hello")
    await rec.wait_response()
    rec.dispatched_at, rec.dispatched_cpu_wait = 100.0, 1.0
    # Other processes held the CPU for 2.5 s of the 4 s since dispatch.
    monkeypatch.setattr(fake_models, "cpu_wait", lambda: 3.5)
    assert rec.age(104.0) == pytest.approx(1.5)
    monkeypatch.setattr(fake_models, "cpu_wait", lambda: 1.0)
    assert rec.age(104.0) == pytest.approx(4.0)


async def test_subcommand_and_permissions(env: Env) -> None:
    rec = await env.fake.slash(
        env.guild.id, env.meets, env.member, "meet create", {"title": "Sunday", "size": 12}
    )
    await rec.wait_response()
    assert rec.content == "meet Sunday size=12 public=True"
    rec = await env.fake.slash(env.guild.id, env.meets, env.member, "perms")
    await rec.wait_response()
    assert rec.ephemeral
    assert rec.content == "events=False admin=False app_events=True"
    rec = await env.fake.slash(env.guild.id, env.meets, env.organiser, "perms")
    await rec.wait_response()
    assert rec.content == "events=True admin=False app_events=True"
    rec = await env.fake.slash(env.guild.id, env.meets, env.owner, "perms")
    await rec.wait_response()
    assert rec.content == "events=True admin=True app_events=True"


async def test_defer_then_followup(env: Env) -> None:
    rec = await env.fake.slash(env.guild.id, env.general, env.member, "slow")
    cb = await rec.wait_response()
    assert cb.type == 5
    extra = await rec.wait_followup(2)
    assert rec.content == "done thinking"
    assert extra["content"] == "extra"
    assert int(extra["flags"]) & 64
    # the ephemeral follow-up is not in the channel; the (edited) original is
    contents = [m["content"] for m in env.fake.messages_in(env.general)]
    assert contents == ["done thinking"]


async def test_autocomplete(env: Env) -> None:
    rec = await env.fake.autocomplete(
        env.guild.id, env.general, env.member, "specs", {"model": "s"}, focused="model"
    )
    cb = await rec.wait_response()
    assert cb.type == 8
    assert [c["value"] for c in rec.choices or []] == ["Supra", "Skyline"]


async def test_button_update_message(env: Env) -> None:
    rec = await env.fake.slash(env.guild.id, env.general, env.member, "panel")
    await rec.wait_response()
    assert rec.original is not None
    mid = rec.original["id"]
    press = await env.fake.press(mid, "panel:count", env.organiser)
    cb = await press.wait_response()
    assert cb.type == 7
    msg = env.fake.channels[env.general].messages[int(mid)]
    assert msg["content"] == "pressed 1"
    assert msg["_edit_count"] == 1
    assert msg["components"][0]["components"][0]["custom_id"] == "panel:count"


async def test_modal_round_trip(env: Env) -> None:
    opener = await env.fake.slash(env.guild.id, env.general, env.member, "form")
    cb = await opener.wait_response()
    assert cb.type == 9
    assert opener.modal is not None
    assert opener.modal["title"] == "Your car"
    with pytest.raises(ValueError, match="required"):
        await env.fake.submit(opener, {"notes": "x"})
    sub = await env.fake.submit(opener, {"car": "AE86"})
    await sub.wait_response()
    assert sub.content == "got AE86/"
    assert sub.ephemeral


async def test_label_modal_with_selects(env: Env) -> None:
    opener = await env.fake.slash(env.guild.id, env.general, env.member, "plan")
    await opener.wait_response()
    assert opener.modal is not None
    assert [c["type"] for c in opener.modal["components"]] == [18, 18, 18]
    sub = await env.fake.submit(
        opener, {"where": "Car park", "who": [env.organiser, env.member], "kind": ["Show"]}
    )
    await sub.wait_response()
    assert sub.content == "Show at Car park with organiser,member"


async def test_original_edit_and_followup_delete(env: Env) -> None:
    rec = await env.fake.slash(env.guild.id, env.general, env.member, "edits")
    await rec.wait_response()
    await env.fake.wait_until(
        lambda: bool(rec.followups) and bool(rec.followups[0].get("_deleted"))
    )
    assert rec.original is not None
    assert rec.content == f"v2 of {rec.original['id']}"
    assert rec.original["_edit_count"] == 1
    assert [m["content"] for m in env.fake.messages_in(env.general)] == [rec.content]


async def test_fixture_builds_test_club(fake_discord: FakeDiscord) -> None:  # noqa: F811
    club = fake_discord.club
    guild = fake_discord.guilds[club.guild_id]
    assert guild.name == "Test Club"
    assert {c.name for c in guild.channels.values()} == {"general", "meets"}
    assert guild.member_permissions(club.organiser_id) & MANAGE_EVENTS
    assert not guild.member_permissions(club.member_id) & MANAGE_EVENTS
    client = discord.Client(intents=discord.Intents.default())
    try:
        await client.login(fake_discord.token)
        task = asyncio.create_task(client.connect())
        await asyncio.wait_for(client.wait_until_ready(), 60)
        assert client.get_guild(club.guild_id) is not None
    finally:
        await client.close()
    await asyncio.wait_for(task, 60)


async def test_double_ack_is_rejected(env: Env) -> None:
    outcome: list[str] = []

    @env.bot.tree.command(description="Acks twice", guild=discord.Object(env.guild.id))
    async def twice(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        # bypass discord.py's own guard to hit the server
        route = discord.http.Route(
            "POST", "/interactions/{iid}/{tok}/callback", iid=interaction.id, tok=interaction.token
        )
        try:
            await env.bot.http.request(route, json={"type": 5})
        except discord.HTTPException as e:
            outcome.append(f"{e.status}/{e.code}")

    await env.bot.tree.sync(guild=discord.Object(env.guild.id))
    rec = await env.fake.slash(env.guild.id, env.general, env.member, "twice")
    await rec.wait_response()
    await env.fake.wait_until(lambda: bool(outcome))
    assert outcome == ["400/40060"]
    assert len(env.fake.sync_calls) == 2


async def test_channel_message_edit_and_rate_limit(env: Env) -> None:
    channel = env.bot.get_channel(env.general)
    assert isinstance(channel, discord.TextChannel)
    text = f"hi @everyone <@{env.member}>"
    msg = await channel.send(text, file=discord.File(__file__, filename="proof.py"))
    stored = env.fake.channels[env.general].messages[msg.id]
    assert stored["_files"]["proof.py"].startswith(b'"""Proves')
    # default @everyone permissions include MENTION_EVERYONE; no allowed_mentions → parse all
    assert stored["_pings"] == {"everyone": True, "roles": [], "users": [env.member]}
    quiet = await channel.send(text, allowed_mentions=discord.AllowedMentions.none())
    assert env.fake.channels[env.general].messages[quiet.id]["_pings"] == {
        "everyone": False,
        "roles": [],
        "users": [],
    }
    await msg.edit(content="edited")
    assert stored["content"] == "edited"
    assert stored["_edit_count"] == 1
    assert stored["_history"][0]["content"].startswith("hi")

    started = time.monotonic()
    sent = await asyncio.gather(*(channel.send(f"spam {i}") for i in range(7)))
    assert len(sent) == 7
    contents = [m["content"] for m in env.fake.messages_in(env.general)]
    assert [c for c in contents if c.startswith("spam")] == [f"spam {i}" for i in range(7)]
    assert env.fake.rate_limited
    # discord.py waited out the 429's retry_after (under 5 s here), not some longer backoff.
    assert time.monotonic() - started < 15


async def test_failure_injection_retry(env: Env) -> None:
    channel = env.bot.get_channel(env.meets)
    assert isinstance(channel, discord.TextChannel)
    env.fake.fail_next("POST", r"/channels/\d+/messages$", 429, retry_after=0.1)
    await channel.send("after 429")
    env.fake.fail_next(
        "POST", r"/channels/\d+/messages$", 403, code=50013, message="Missing Permissions"
    )
    with pytest.raises(discord.Forbidden):
        await channel.send("forbidden")
    assert [m["content"] for m in env.fake.messages_in(env.meets)] == ["after 429"]


async def test_enforce_nonce_returns_the_earlier_message(env: Env) -> None:
    channel = env.bot.get_channel(env.meets)
    assert isinstance(channel, discord.TextChannel)
    first = await channel.send("once", nonce="paddock-test-1")  # discord.py sets enforce_nonce
    again = await channel.send("once more", nonce="paddock-test-1")
    other = await channel.send("other", nonce="paddock-test-2")
    assert again.id == first.id and again.content == "once"
    assert other.id != first.id
    assert [m["content"] for m in env.fake.messages_in(env.meets)] == ["once", "other"]
    newest_first = [m.content async for m in channel.history(limit=1)]
    assert newest_first == ["other"]
    env.fake.nonce_window = 0.0  # past the window: a new message
    later = await channel.send("later", nonce="paddock-test-1")
    assert later.id != first.id


async def test_dm_closed(env: Env) -> None:
    env.fake.close_dms(env.member)
    user = await env.bot.fetch_user(env.member)
    with pytest.raises(discord.Forbidden) as exc:
        await user.send("hi")
    assert exc.value.code == 50007


async def test_scheduled_event_permissions(env: Env) -> None:
    g = env.bot.get_guild(env.guild.id)
    assert g is not None
    start = discord.utils.utcnow() + __import__("datetime").timedelta(days=1)
    ev = await g.create_scheduled_event(
        name="Meet",
        start_time=start,
        end_time=start + __import__("datetime").timedelta(hours=2),
        entity_type=discord.EntityType.external,
        location="Car park",
        privacy_level=discord.PrivacyLevel.guild_only,
    )
    assert int(ev.id) in env.guild.scheduled_events
    env.guild.bot_permissions = env.guild.bot_permissions & ~MANAGE_EVENTS
    with pytest.raises(discord.Forbidden):
        await ev.edit(name="Renamed")


async def test_resume_after_drop(env: Env) -> None:
    fake = env.fake
    resumed = asyncio.Event()

    async def on_resumed() -> None:
        resumed.set()

    env.bot.add_listener(on_resumed)
    await fake.drop_gateway()
    # queued while disconnected, replayed on resume
    rec = await fake.slash(env.guild.id, env.general, env.member, "hello")
    await asyncio.wait_for(resumed.wait(), 60)
    assert fake.resume_count == 1
    await rec.wait_response()
    assert rec.content == f"hello <@{env.member}>"
    rec2 = await fake.slash(env.guild.id, env.general, env.member, "hello")
    await rec2.wait_response()


async def test_unknown_route_recorded(env: Env) -> None:
    with pytest.raises(discord.NotFound):
        await env.bot.http.request(discord.http.Route("GET", "/does/not/exist"))
    assert env.fake.unknown_routes == [("GET", "/does/not/exist")]
    with pytest.raises(AssertionError):
        env.fake.assert_no_unknown_routes()
    env.fake.unknown_routes.clear()


async def test_rejected_token() -> None:
    async with FakeDiscord() as fake:
        with patch_discord(fake):
            client = discord.Client(intents=discord.Intents.default())
            try:
                with pytest.raises(discord.LoginFailure):
                    await client.login(next(iter(fake.rejected_tokens)))
            finally:
                await client.close()


async def test_big_guild_ready_fast() -> None:
    async with FakeDiscord() as fake:
        guild = fake.add_guild("Huge")
        guild.add_channel("general")
        guild.add_members_bulk(5000)
        with patch_discord(fake):
            intents = discord.Intents.default()
            intents.members = True
            client = discord.Client(intents=intents)
            await client.login(fake.token)
            task = asyncio.create_task(client.connect())
            try:
                await asyncio.wait_for(client.wait_until_ready(), 60)
                g = client.get_guild(guild.id)
                assert g is not None
                assert g.member_count == 5002
                assert len(g.members) == 5002
                assert g.chunked
                # Every member came in GUILD_CREATE, so no chunk was asked for (op 8).
                assert [f for f in fake.gateway_frames_received if f.get("op") == 8] == []
            finally:
                await client.close()
                await asyncio.wait_for(task, 60)
