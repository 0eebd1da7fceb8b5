"""WeCom callback XML: the outer envelope and the decrypted message, parsed without DTDs or entities."""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from clusterbot.bot.wecom.crypto import XML_ERROR, WeComCryptoError


def _parse(data: bytes):
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise WeComCryptoError(XML_ERROR) from exc
    if root.tag != "xml":
        raise WeComCryptoError(XML_ERROR)
    return root


def _text(root, name: str) -> str:
    node = root.find(name)
    return (node.text or "").strip() if node is not None else ""


def envelope_encrypt(body: bytes) -> str:
    """The <Encrypt> text of a POSTed callback body."""
    encrypted = _text(_parse(body), "Encrypt")
    if not encrypted:
        raise WeComCryptoError(XML_ERROR)
    return encrypted


@dataclass(frozen=True)
class InboundMessage:
    from_user: str
    to_user: str
    create_time: str
    msg_type: str
    content: str = ""
    msg_id: str = ""
    event: str = ""
    agent_id: str = ""

    @property
    def dedupe_key(self) -> str:
        """MsgId for messages; events carry none, so sender + CreateTime (WeCom's own advice)."""
        if self.msg_id:
            return f"wecom:msg:{self.msg_id}"
        return f"wecom:evt:{self.from_user}:{self.create_time}"

    def payload(self) -> dict[str, str]:
        return {
            "from_user": self.from_user, "to_user": self.to_user, "create_time": self.create_time,
            "msg_type": self.msg_type, "content": self.content, "msg_id": self.msg_id,
            "event": self.event, "agent_id": self.agent_id,
        }

    @classmethod
    def from_payload(cls, payload: dict[str, str]) -> InboundMessage:
        return cls(**{k: str(payload.get(k, "")) for k in cls.__dataclass_fields__})


def parse_message(plaintext: bytes) -> InboundMessage:
    root = _parse(plaintext)
    message = InboundMessage(
        from_user=_text(root, "FromUserName"),
        to_user=_text(root, "ToUserName"),
        create_time=_text(root, "CreateTime"),
        msg_type=_text(root, "MsgType").lower(),
        content=(root.findtext("Content") or ""),
        msg_id=_text(root, "MsgId"),
        event=_text(root, "Event"),
        agent_id=_text(root, "AgentID"),
    )
    if not message.from_user or not message.msg_type:
        raise WeComCryptoError(XML_ERROR)
    return message
