"""Refuse any socket to a non-local address, and record the attempts.

The app and the test suite must never touch the network (the refresh is the only code that does, and its tests use
a replay server on 127.0.0.1). :func:`install` patches :meth:`socket.socket.connect`, ``connect_ex`` and
:func:`socket.getaddrinfo` so that loopback addresses, ``localhost`` and Unix sockets pass, and anything else raises
:class:`NonLocalConnection` (before a packet is sent or a name is looked up) and is recorded in :data:`ATTEMPTS`.
"""

from __future__ import annotations

import ipaddress
import socket

#: Every refused (host, port), in order.
ATTEMPTS: list[tuple[str, object]] = []
#: If set (by :func:`install`), each refusal is also appended to this file, one line each (for a subprocess).
_log: list[str] = []
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}
_original: dict[str, object] = {}


class NonLocalConnection(ConnectionRefusedError):
    """A socket to a non-local address was attempted (refused by the test network guard)."""


def is_local(host: object) -> bool:
    """Whether ``host`` (an IP address or a name) is this machine: loopback addresses and ``localhost`` only."""
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    text = str(host).strip().strip("[]").lower()
    if text in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        return address.is_loopback or address.is_unspecified  # 0.0.0.0 and :: reach this machine only
    except ValueError:
        return False


def _refuse(host: object, port: object) -> None:
    ATTEMPTS.append((str(host), port))
    for path in _log:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{host}:{port}\n")
    raise NonLocalConnection(f"test network guard: connection to {host}:{port} refused (only loopback is allowed)")


def _checked_address(sock: socket.socket, address: object) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple) and address:
        if not is_local(address[0]):
            _refuse(address[0], address[1] if len(address) > 1 else None)


def install(log_path: str | None = None) -> None:
    """Patch the socket module (idempotent); with ``log_path``, also append each refusal to that file."""
    if log_path:
        _log[:] = [log_path]
    if _original:
        return
    _original.update(connect=socket.socket.connect, connect_ex=socket.socket.connect_ex, getaddrinfo=socket.getaddrinfo)

    def connect(self, address):
        _checked_address(self, address)
        return _original["connect"](self, address)

    def connect_ex(self, address):
        _checked_address(self, address)
        return _original["connect_ex"](self, address)

    def getaddrinfo(host, port, *args, **kwargs):
        if not is_local(host):
            _refuse(host, port)
        return _original["getaddrinfo"](host, port, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo


def uninstall() -> None:
    """Restore the socket module."""
    if not _original:
        return
    socket.socket.connect = _original["connect"]
    socket.socket.connect_ex = _original["connect_ex"]
    socket.getaddrinfo = _original["getaddrinfo"]
    _original.clear()
