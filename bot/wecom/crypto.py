"""WeCom callback encryption: SHA1 signature, AES-256-CBC with 32-byte PKCS#7, receive-id check.

Protocol (WeCom 加解密方案): key = base64(EncodingAESKey + "="), IV = key[:16];
plaintext = 16 random bytes + uint32 big-endian length + message + receive id.
Every failure raises WeComCryptoError carrying the sample SDK's error code, never the payload.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK = 32  # WeCom pads to 32 bytes, not AES's 16
AES_KEY_RE = re.compile(r"^[A-Za-z0-9]{43}$")

# Error codes of the official sample SDK, kept so logs match WeCom's documentation.
SIGNATURE_ERROR = -40001
XML_ERROR = -40002
AES_KEY_ERROR = -40004
RECEIVE_ID_ERROR = -40005
DECRYPT_ERROR = -40007
BUFFER_ERROR = -40008


class WeComCryptoError(Exception):
    """A rejected callback; `code` is for logs, the peer only ever sees a bare status."""

    def __init__(self, code: int) -> None:
        self.code = code
        super().__init__(f"wecom crypto error {code}")


def valid_aes_key(encoding_aes_key: str) -> bool:
    return bool(AES_KEY_RE.match(encoding_aes_key or ""))


def signature(token: str, timestamp: str, nonce: str, data: str) -> str:
    """hex SHA1 of the sorted, concatenated token, timestamp, nonce and data."""
    parts = sorted([token, str(timestamp), str(nonce), data])
    return hashlib.sha1("".join(parts).encode("utf-8")).hexdigest()


def pad(data: bytes) -> bytes:
    amount = BLOCK - len(data) % BLOCK
    return data + bytes([amount]) * amount


def unpad(data: bytes) -> bytes:
    """Strip 32-byte PKCS#7; the pad length must be 1..32 and every pad byte must agree."""
    if not data or len(data) % 16:
        raise WeComCryptoError(DECRYPT_ERROR)
    amount = data[-1]
    if amount < 1 or amount > BLOCK or amount > len(data):
        raise WeComCryptoError(DECRYPT_ERROR)
    if not hmac.compare_digest(data[-amount:], bytes([amount]) * amount):
        raise WeComCryptoError(DECRYPT_ERROR)
    return data[:-amount]


class WeComCrypto:
    """Signs, verifies, encrypts and decrypts for one app (token, EncodingAESKey, receive id)."""

    def __init__(self, token: str, encoding_aes_key: str, receive_id: str) -> None:
        if not valid_aes_key(encoding_aes_key):
            raise WeComCryptoError(AES_KEY_ERROR)
        self.token = token
        self.key = base64.b64decode(encoding_aes_key + "=")
        self.receive_id = receive_id.encode("utf-8")

    def _cipher(self) -> Cipher:
        return Cipher(algorithms.AES(self.key), modes.CBC(self.key[:16]))

    def check_signature(self, msg_signature: str, timestamp: str, nonce: str, data: str) -> None:
        expected = signature(self.token, timestamp, nonce, data)
        if not hmac.compare_digest(expected.encode("ascii"), (msg_signature or "").lower().encode("utf-8")):
            raise WeComCryptoError(SIGNATURE_ERROR)

    def encrypt(self, message: bytes, prefix: bytes | None = None) -> str:
        """base64 ciphertext of prefix + length + message + receive id (prefix random unless given)."""
        prefix = os.urandom(16) if prefix is None else prefix
        if len(prefix) != 16:
            raise ValueError("prefix must be 16 bytes")
        plain = prefix + struct.pack(">I", len(message)) + message + self.receive_id
        encryptor = self._cipher().encryptor()
        return base64.b64encode(encryptor.update(pad(plain)) + encryptor.finalize()).decode("ascii")

    def decrypt(self, encrypted: str) -> bytes:
        """The message inside `encrypted`; rejects bad base64, padding, length or receive id."""
        try:
            raw = base64.b64decode((encrypted or "").replace(" ", "+"), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise WeComCryptoError(DECRYPT_ERROR) from exc
        if not raw or len(raw) % 16:
            raise WeComCryptoError(DECRYPT_ERROR)
        decryptor = self._cipher().decryptor()
        plain = unpad(decryptor.update(raw) + decryptor.finalize())
        if len(plain) < 20:
            raise WeComCryptoError(BUFFER_ERROR)
        (length,) = struct.unpack(">I", plain[16:20])
        if 20 + length > len(plain):
            raise WeComCryptoError(BUFFER_ERROR)
        message, tail = plain[20 : 20 + length], plain[20 + length :]
        if not hmac.compare_digest(tail, self.receive_id):
            raise WeComCryptoError(RECEIVE_ID_ERROR)
        return message

    def verify_url(self, msg_signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        """GET handshake: check the signature over echostr and return its plaintext."""
        echostr = (echostr or "").replace(" ", "+")
        self.check_signature(msg_signature, timestamp, nonce, echostr)
        try:
            return self.decrypt(echostr).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise WeComCryptoError(DECRYPT_ERROR) from exc

    def decrypt_message(self, encrypted: str, msg_signature: str, timestamp: str, nonce: str) -> bytes:
        """POST body: check the signature over the <Encrypt> text, then decrypt it."""
        self.check_signature(msg_signature, timestamp, nonce, encrypted)
        return self.decrypt(encrypted)

    def encrypt_reply(self, reply: str, nonce: str, timestamp: str, prefix: bytes | None = None) -> str:
        """A signed passive-reply envelope for `reply` (the layout WeCom's samples produce)."""
        encrypted = self.encrypt(reply.encode("utf-8"), prefix=prefix)
        sig = signature(self.token, timestamp, nonce, encrypted)
        return (
            f"<xml>\n<Encrypt><![CDATA[{encrypted}]]></Encrypt>\n"
            f"<MsgSignature><![CDATA[{sig}]]></MsgSignature>\n"
            f"<TimeStamp>{timestamp}</TimeStamp>\n"
            f"<Nonce><![CDATA[{nonce}]]></Nonce>\n</xml>"
        )
