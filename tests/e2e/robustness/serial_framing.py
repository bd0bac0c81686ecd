# SPDX-License-Identifier: BSD-3-Clause
"""MCTP over DSP0253 serial framing, in Python, for hostile test devices.

A frame is 7E | 01 | LEN | packet (escaped) | FCS high | FCS low | 7E. LEN
counts the unescaped packet, and the FCS is CRC-16/MCRF4XX (reflected
polynomial 0x8408, initial value 0xFFFF, no final complement) over the
revision, LEN and the unescaped packet. A packet is the 4-byte MCTP header
(version 01, destination EID, source EID, flags) and its payload; the
first packet of a message carries the message type, 05 for SPDM.

The encoder takes any LEN and payload, so a test can send what no correct
device sends: lying lengths, zero-length packets, oversized frames.
"""

FLAG = 0x7E
ESCAPE = 0x7D
REVISION = 0x01
SPDM_MESSAGE_TYPE = 0x05
# MCTP header flags byte: SOM, EOM, packet sequence (bits 5:4), TO, tag.
SOM = 0x80
EOM = 0x40
TAG_OWNER = 0x08
BASELINE_PAYLOAD = 64
# Largest LEN the Linux mctp-serial receiver accepts.
RX_MAX_PACKET = 74


def fcs16(data, fcs=0xFFFF):
    """Return the DSP0253 frame check sequence of data."""
    for byte in data:
        fcs ^= byte
        for _ in range(8):
            fcs = (fcs >> 1) ^ 0x8408 if fcs & 1 else fcs >> 1
    return fcs


def escape(packet):
    out = bytearray()
    for byte in packet:
        if byte in (FLAG, ESCAPE):
            out += bytes((ESCAPE, byte ^ 0x20))
        else:
            out.append(byte)
    return bytes(out)


def frame(packet, length=None, fcs=None):
    """Return one frame carrying packet.

    length overrides the LEN byte and fcs the checksum, for frames that
    lie about their contents.
    """
    length = len(packet) if length is None else length
    if fcs is None:
        fcs = fcs16(bytes((REVISION, length & 0xFF)) + packet)
    return (bytes((FLAG, REVISION, length & 0xFF)) + escape(packet)
            + bytes((fcs >> 8, fcs & 0xFF, FLAG)))


def header(destination, source, flags):
    return bytes((0x01, destination, source, flags))


def packets(message, destination, source, tag, tag_owner,
            payload_size=BASELINE_PAYLOAD):
    """Split an MCTP message (type byte included) into packets."""
    chunks = [message[i:i + payload_size]
              for i in range(0, len(message), payload_size)] or [b""]
    result = []
    for number, chunk in enumerate(chunks):
        flags = (tag & 7) | (TAG_OWNER if tag_owner else 0)
        flags |= (number & 3) << 4
        if number == 0:
            flags |= SOM
        if number == len(chunks) - 1:
            flags |= EOM
        result.append(header(destination, source, flags) + chunk)
    return result


def spdm_frames(spdm, destination, source, tag, tag_owner=False):
    """Return the frames of one SPDM message."""
    message = bytes((SPDM_MESSAGE_TYPE,)) + spdm
    return b"".join(frame(p) for p in packets(message, destination, source,
                                              tag, tag_owner))


class Message:
    """A reassembled MCTP message."""

    def __init__(self, destination, source, tag, tag_owner, data):
        self.destination = destination
        self.source = source
        self.tag = tag
        self.tag_owner = tag_owner
        self.data = data

    @property
    def spdm(self):
        """Return the SPDM message, or None for another message type."""
        if not self.data or self.data[0] != SPDM_MESSAGE_TYPE:
            return None
        return bytes(self.data[1:])


class Decoder:
    """The receive side: bytes in, complete messages out.

    Bad frames are skipped the way a lenient receiver skips them: resync
    on the next 7E.
    """

    def __init__(self):
        self.buffer = bytearray()
        self.partial = {}

    def feed(self, data):
        """Consume bytes; return the messages they complete."""
        self.buffer += data
        messages = []
        while True:
            packet = self._next_packet()
            if packet is None:
                return messages
            message = self._reassemble(packet)
            if message:
                messages.append(message)

    def _next_packet(self):
        while True:
            start = self.buffer.find(FLAG)
            if start < 0:
                self.buffer.clear()
                return None
            del self.buffer[:start]
            if len(self.buffer) < 3:
                return None
            if self.buffer[1] != REVISION:
                del self.buffer[:1]
                continue
            length = self.buffer[2]
            packet, end = self._unescape(3, length)
            if packet is None:
                return None
            if end + 3 > len(self.buffer):
                return None
            received = (self.buffer[end] << 8) | self.buffer[end + 1]
            ok = (self.buffer[end + 2] == FLAG and received ==
                  fcs16(bytes((REVISION, length)) + packet))
            del self.buffer[:end + 3]
            if ok and len(packet) >= 4:
                return packet

    def _unescape(self, position, length):
        packet = bytearray()
        while len(packet) < length:
            if position >= len(self.buffer):
                return None, position
            byte = self.buffer[position]
            if byte == ESCAPE:
                if position + 1 >= len(self.buffer):
                    return None, position
                packet.append(self.buffer[position + 1] ^ 0x20)
                position += 2
            else:
                packet.append(byte)
                position += 1
        return bytes(packet), position

    def _reassemble(self, packet):
        destination, source, flags = packet[1], packet[2], packet[3]
        key = (source, destination, flags & 0x0F)
        if flags & SOM:
            self.partial[key] = bytearray()
        if key not in self.partial:
            return None
        self.partial[key] += packet[4:]
        if not flags & EOM:
            return None
        data = bytes(self.partial.pop(key))
        return Message(destination, source, flags & 7,
                       bool(flags & TAG_OWNER), data)
