"""Read, change and write SPDM conversation files.

A conversation file has "# key: value" header lines, "> hex" requests,
"< hex" responses, and lines that start with two spaces continuing the
message above. The tests use this module to make copies of recorded and
saved conversations with one byte changed.
"""

from dataclasses import dataclass, field

BYTES_PER_LINE = 32

# SPDM response codes (DSP0274 1.2 table 5).
CERTIFICATE = 0x02
CHALLENGE_AUTH = 0x03
MEASUREMENTS = 0x60
# Request codes (DSP0274 1.2 table 4).
CHALLENGE = 0x83


@dataclass
class Message:
    is_request: bool
    data: bytearray

    @property
    def code(self):
        return self.data[1]


@dataclass
class Conversation:
    headers: list = field(default_factory=list)
    messages: list = field(default_factory=list)

    def header(self, key):
        """Return the value of a "# key: value" header line, or None."""
        prefix = f"# {key}:"
        for line in self.headers:
            if line.startswith(prefix):
                return line[len(prefix):].strip()
        return None

    def find(self, code, is_request=False, last=False):
        """Return the index of the first (or last) message with code."""
        indices = [i for i, m in enumerate(self.messages)
                   if m.is_request == is_request and m.code == code]
        if not indices:
            raise LookupError(f"no message with code 0x{code:02x}")
        return indices[-1] if last else indices[0]

    def flip(self, index, offset):
        """Return a copy with bit 0 of one byte of a message inverted.

        A negative offset counts from the end of the message.
        """
        copy = Conversation(list(self.headers),
                            [Message(m.is_request, bytearray(m.data))
                             for m in self.messages])
        copy.messages[index].data[offset] ^= 0x01
        return copy

    def text(self):
        """Return the conversation in the file format."""
        lines = list(self.headers)
        for message in self.messages:
            marker = ">" if message.is_request else "<"
            for start in range(0, len(message.data), BYTES_PER_LINE):
                chunk = message.data[start:start + BYTES_PER_LINE]
                lead = marker if start == 0 else " "
                lines.append(f"{lead} {chunk.hex(' ')}")
        return "\n".join(lines) + "\n"


def parse(text):
    """Parse the conversation file format."""
    conversation = Conversation()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            conversation.headers.append(line)
        elif line[0] in "<>":
            conversation.messages.append(
                Message(line[0] == ">", bytearray.fromhex(line[1:])))
        elif line.startswith("  ") and conversation.messages:
            conversation.messages[-1].data += bytearray.fromhex(line)
        else:
            raise ValueError(f"line {number}: not a conversation line")
    return conversation


def read(path):
    with open(path, encoding="utf-8") as file:
        return parse(file.read())
