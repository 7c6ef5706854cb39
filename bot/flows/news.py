"""The order of a live meet's news in its announcement channel: milestones and the
record post.

A milestone post waits for its turn in the channel's pacer (behind counter edits and
other milestones), while the record post takes the slot kept back for it at once
(`send_urgent`). Left alone, a milestone reached before the record fell could land
after the record post ("50 cars!" under "new record: 92"), and two milestones whose
presses overlapped could land the wrong way round. Members read the channel top to
bottom, so the news is kept in count order, and coalesced like every live update
(only the newest state goes out, never a queue of stale ones):

- a milestone goes out only if it is still news when its turn comes: the highest
  milestone reached, above every count the channel was already told;
- the record post names the count that beat the record, so it supersedes every
  milestone at or below that count still waiting for its turn;
- one news post of a meet is on its way at a time, so a milestone already being sent
  when the record falls lands before the record post, never beside it.

Milestones above the record's count (reached after it fell) wait for the record post,
then follow it. In memory only: a milestone not yet posted at a crash is stale by the
time the bot is back, and the record post is made exactly once by the database.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class MeetNews:
    reached: int = 0  # the highest milestone reached
    told: int = 0  # the highest count the channel has been told (milestone or record)
    # Held while one of this meet's news posts is on its way to Discord.
    sending: asyncio.Lock = field(default_factory=asyncio.Lock)

    def reach(self, milestone: int) -> None:
        self.reached = max(self.reached, milestone)

    def tell(self, count: int) -> None:
        self.told = max(self.told, count)

    def milestone_due(self) -> int | None:
        """The milestone worth posting now, or None if the channel already knows better."""
        return self.reached if self.reached > self.told else None


class NewsDesk:
    """Every live meet's news state in this process (a server's meets are one process's)."""

    def __init__(self) -> None:
        self._meets: dict[int, MeetNews] = {}

    def of(self, meet_id: int) -> MeetNews:
        return self._meets.setdefault(meet_id, MeetNews())

    def forget(self, meet_id: int) -> None:
        """The counter stopped: no more milestones, and the record post is out or never."""
        news = self._meets.get(meet_id)
        if news is not None and not news.sending.locked():
            del self._meets[meet_id]
