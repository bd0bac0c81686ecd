# SPDX-License-Identifier: BSD-3-Clause
"""A hostile SPDM device on a Unix socket, run in a thread of the test.

It listens where spdmctl or spdmd expects a device (unix:PATH), decodes
the requests, and hands each one to a handler that decides what goes back:
nothing, garbage, lies, or the response of a real spdm-responder behind
it (forward), changed or not. Every socket has a timeout and the thread
is joined with a time bound, so a test that fails still ends.
"""

import socket
import threading
import time

import serial_framing

# Seconds a forwarded request waits for the real device.
FORWARD_TIMEOUT = 5
# Seconds stop() waits for the thread.
JOIN_TIMEOUT = 5
# Seconds between two checks of the stop flag while idle.
POLL_SECONDS = 0.1
# The requester's EID on this side (spdmd's and spdmctl's default).
REQUESTER_EID = 8
DEVICE_EID = 9


class Upstream:
    """A connection to a real spdm-responder, as its requester."""

    def __init__(self, path, eid=DEVICE_EID):
        self.eid = eid
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(FORWARD_TIMEOUT)
        self.sock.connect(str(path))
        self.decoder = serial_framing.Decoder()
        self.tag = 0

    def exchange(self, request):
        """Send one SPDM request; return the SPDM response or None."""
        self.tag = (self.tag + 1) % 8
        self.sock.sendall(serial_framing.spdm_frames(
            request, self.eid, REQUESTER_EID, self.tag, tag_owner=True))
        deadline = time.monotonic() + FORWARD_TIMEOUT
        while time.monotonic() < deadline:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not data:
                return None
            for message in self.decoder.feed(data):
                if message.tag == self.tag and not message.tag_owner:
                    return message.spdm
        return None

    def close(self):
        self.sock.close()


class Peer:
    """The requester connected to the hostile device, and what the
    handler uses to respond to it."""

    def __init__(self, device, sock):
        self.device = device
        self.sock = sock
        self.closed = False

    def send_raw(self, data):
        try:
            self.sock.sendall(data)
        except OSError:
            self.closed = True

    def reply(self, request, spdm, tag=None, source=None, tag_owner=False):
        """Send an SPDM response to request (a serial_framing.Message)."""
        self.send_raw(serial_framing.spdm_frames(
            spdm, request.source,
            request.destination if source is None else source,
            request.tag if tag is None else tag, tag_owner))

    def forward(self, request):
        """Return the real device's response to request, or None."""
        return self.device.upstream.exchange(request.spdm)

    def close(self):
        self.closed = True
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class HostileDevice:
    """Listens on path and runs handler(peer, request) per request.

    upstream_path names a real spdm-responder's socket for forward().
    on_connect(peer) may send before any request arrives.
    """

    def __init__(self, path, handler, upstream_path=None, on_connect=None):
        self.path = str(path)
        self.handler = handler
        self.upstream_path = upstream_path
        self.on_connect = on_connect
        self.upstream = None
        self.requests = []
        self.connections = 0
        self.errors = []
        self.stopping = threading.Event()
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(self.path)
        self.listener.listen(4)
        self.listener.settimeout(POLL_SECONDS)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stopping.is_set():
            try:
                sock, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self.connections += 1
            try:
                self._serve(sock)
            except Exception as error:  # reported by stop()
                self.errors.append(repr(error))
            finally:
                sock.close()
                if self.upstream:
                    self.upstream.close()
                    self.upstream = None

    def _serve(self, sock):
        sock.settimeout(POLL_SECONDS)
        if self.upstream_path:
            self.upstream = Upstream(self.upstream_path)
        peer = Peer(self, sock)
        if self.on_connect:
            self.on_connect(peer)
        decoder = serial_framing.Decoder()
        while not self.stopping.is_set() and not peer.closed:
            try:
                data = sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            if not data:
                return
            for message in decoder.feed(data):
                if message.spdm is None or not message.tag_owner:
                    continue
                self.requests.append(message.spdm)
                self.handler(peer, message)
                if peer.closed:
                    return

    def request_codes(self):
        """Return the request codes received so far, in order."""
        return [request[1] for request in self.requests if len(request) > 1]

    def stop(self):
        """Stop serving; raise if the thread does not end."""
        self.stopping.set()
        self.listener.close()
        self.thread.join(JOIN_TIMEOUT)
        if self.thread.is_alive():
            raise RuntimeError(f"hostile device on {self.path} did not stop")
