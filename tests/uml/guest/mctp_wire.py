# SPDX-License-Identifier: BSD-3-Clause
"""Decode the bytes of an MCTP serial line, as mctp-serial-link --capture
stores them, into frames, packets and messages.

The framing is DSP0253's as Linux's mctp-serial driver sends it. A frame
is 0x7e, revision 0x01, the byte count, the packet, the FCS and 0x7e.
Packet bytes 0x7e and 0x7d are escaped as 0x7d and the byte XOR 0x20.
The FCS is CRC-16 (reflected polynomial 0x8408, initial value 0xffff, no
final complement) over revision, count and packet, sent high byte first
and unescaped. A DSP0236 packet is a 4-byte header (version, destination
EID, source EID, then SOM, EOM, sequence, TO and tag) and up to 64 bytes
of the message.
"""

from dataclasses import dataclass, field

FLAG = 0x7E
ESCAPE = 0x7D
REVISION = 0x01
HEADER_SIZE = 4


def fcs16(data):
    """Return the frame check sequence of data."""
    fcs = 0xFFFF
    for byte in data:
        fcs ^= byte
        for _ in range(8):
            fcs = (fcs >> 1) ^ 0x8408 if fcs & 1 else fcs >> 1
    return fcs


def frames(stream):
    """Return (packets, errors): the packets of the valid frames in
    stream, and a description of each invalid stretch."""
    packets, errors = [], []
    position = 0
    while position < len(stream):
        if stream[position] != FLAG:
            errors.append(f"byte 0x{stream[position]:02x} outside a frame "
                          f"at offset {position}")
            position += 1
            continue
        if position + 3 > len(stream):
            errors.append(f"truncated frame at offset {position}")
            break
        revision, count = stream[position + 1], stream[position + 2]
        packet, cursor = bytearray(), position + 3
        while len(packet) < count and cursor < len(stream):
            byte = stream[cursor]
            if byte == ESCAPE and cursor + 1 < len(stream):
                packet.append(stream[cursor + 1] ^ 0x20)
                cursor += 2
            else:
                packet.append(byte)
                cursor += 1
        trailer = stream[cursor:cursor + 3]
        if len(packet) < count or len(trailer) < 3:
            errors.append(f"truncated frame at offset {position}")
            break
        fcs = (trailer[0] << 8) | trailer[1]
        expected = fcs16(bytes([revision, count]) + bytes(packet))
        if revision != REVISION or fcs != expected or trailer[2] != FLAG:
            errors.append(f"bad frame at offset {position}: revision "
                          f"{revision}, FCS 0x{fcs:04x} (expected "
                          f"0x{expected:04x}), end 0x{trailer[2]:02x}")
        else:
            packets.append(bytes(packet))
        position = cursor + 3
    return packets, errors


@dataclass
class Message:
    """A reassembled MCTP message: its first packet's header fields and
    the message bytes, type byte first."""
    destination: int
    source: int
    tag_owner: bool
    tag: int
    packet_count: int = 0
    data: bytearray = field(default_factory=bytearray)


def messages(stream):
    """Return (messages, errors) of one direction of a serial line."""
    packets, errors = frames(stream)
    complete, partial = [], {}
    for packet in packets:
        if len(packet) < HEADER_SIZE:
            errors.append(f"packet of {len(packet)} bytes")
            continue
        destination, source, flags = packet[1], packet[2], packet[3]
        som, eom = bool(flags & 0x80), bool(flags & 0x40)
        key = (source, destination, flags & 0x0F)
        if som:
            partial[key] = Message(destination, source, bool(flags & 0x08),
                                   flags & 0x07)
        message = partial.get(key)
        if message is None:
            errors.append(f"packet without SOM from EID {source}")
            continue
        message.packet_count += 1
        message.data += packet[HEADER_SIZE:]
        if eom:
            complete.append(partial.pop(key))
    return complete, errors
