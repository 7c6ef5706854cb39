"""No VIN in any log line, whatever logs it.

Paddock's own code never logs a VIN, but libraries log what passes through them at
DEBUG: discord.py every gateway event (a /garage add's options included) and
aiosqlite every statement's parameters. A record factory sees every record any
logger creates, before a handler (or pytest's caplog) does, so that is where
anything shaped like a VIN (17 letters and digits without I, O, Q, at least one of
each, standing alone) is replaced. Snowflake ids are all digits and never match.
Only records at an enabled level are created, so at INFO this costs next to nothing.
"""

from __future__ import annotations

import logging
import re
from typing import Any

VIN_SHAPE = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-HJ-NPR-Za-hj-npr-z0-9]{0,16}[0-9])(?=[0-9]{0,16}[A-Za-z])"
    r"[A-HJ-NPR-Za-hj-npr-z0-9]{17}(?![A-Za-z0-9])"
)
REDACTED = "[VIN]"
_installed = False


def redact(text: str) -> str:
    return VIN_SHAPE.sub(REDACTED, text)


def install_vin_redaction() -> None:
    """Wrap the log record factory once per process."""
    global _installed
    if _installed:
        return
    _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging to report
            return record
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return record

    logging.setLogRecordFactory(factory)
