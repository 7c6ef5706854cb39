"""The suite never touches the internet: the autouse guard in conftest refuses it."""

from __future__ import annotations

import socket

import pytest


def test_a_public_address_is_refused() -> None:
    with pytest.raises(RuntimeError, match="only loopback"):
        socket.create_connection(("162.159.128.233", 443), timeout=1)  # a discord.com address


def test_loopback_is_allowed() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    with server, socket.create_connection(server.getsockname(), timeout=1):
        pass
