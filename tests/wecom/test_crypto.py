"""WeCom crypto against the published vectors, both directions, and every way a payload can be bad."""

from __future__ import annotations

import base64
import struct

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from clusterbot.bot.wecom.crypto import (
    DECRYPT_ERROR,
    RECEIVE_ID_ERROR,
    SIGNATURE_ERROR,
    XML_ERROR,
    WeComCrypto,
    WeComCryptoError,
    pad,
    signature,
    unpad,
)
from clusterbot.bot.wecom.messages_xml import envelope_encrypt, parse_message
from tests.wecom import vectors as v


def _raw_decrypt(aes_key: str, encrypted: str) -> bytes:
    key = base64.b64decode(aes_key + "=")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
    return decryptor.update(base64.b64decode(encrypted)) + decryptor.finalize()


def _raw_encrypt(aes_key: str, plain: bytes) -> str:
    key = base64.b64decode(aes_key + "=")
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()


def test_vector_a_url_verification():
    crypto = WeComCrypto(v.A_TOKEN, v.A_AES_KEY, v.A_RECEIVE_ID)
    assert crypto.verify_url(**v.A_VERIFY) == v.A_VERIFY_REPLY


def test_vector_a_message_decrypt_and_reencrypt():
    crypto = WeComCrypto(v.A_TOKEN, v.A_AES_KEY, v.A_RECEIVE_ID)
    assert signature(v.A_TOKEN, v.A_POST["timestamp"], v.A_POST["nonce"], v.A_ENCRYPT) == v.A_POST["msg_signature"]
    plain = crypto.decrypt_message(v.A_ENCRYPT, **v.A_POST)
    message = parse_message(plain)
    assert (message.to_user, message.from_user, message.create_time) == (v.A_RECEIVE_ID, "mycreate", "1409659813")
    assert (message.msg_type, message.content, message.msg_id, message.agent_id) == (
        "text", "hello", "4561255354251345929", "218")
    # The other direction: the same prefix and message encrypt back to the published ciphertext.
    prefix = _raw_decrypt(v.A_AES_KEY, v.A_ENCRYPT)[:16]
    assert crypto.encrypt(plain, prefix=prefix) == v.A_ENCRYPT


def test_vector_b_url_verification():
    crypto = WeComCrypto(v.B_TOKEN, v.B_AES_KEY, v.B_RECEIVE_ID)
    assert crypto.verify_url(**v.B_VERIFY).isdigit()
    with pytest.raises(WeComCryptoError) as err:
        crypto.verify_url(**{**v.B_VERIFY, "nonce": "437374424"})
    assert err.value.code == SIGNATURE_ERROR


def test_vector_b_encrypt_reply_byte_for_byte():
    crypto = WeComCrypto(v.B_TOKEN, v.B_AES_KEY, v.B_RECEIVE_ID)
    envelope = crypto.encrypt_reply(v.B_REPLY_XML, v.B_REPLY_NONCE, v.B_REPLY_TIMESTAMP, prefix=v.B_PREFIX)
    assert envelope == v.B_REPLY_ENVELOPE
    # And back: the published ciphertext verifies and decrypts to the reply XML exactly.
    assert crypto.decrypt_message(
        v.B_REPLY_ENCRYPT, v.B_REPLY_SIGNATURE, v.B_REPLY_TIMESTAMP, v.B_REPLY_NONCE
    ) == v.B_REPLY_XML.encode()


def test_vector_b_message_decrypt():
    crypto = WeComCrypto(v.B_TOKEN, v.B_AES_KEY, v.B_RECEIVE_ID)
    encrypted = envelope_encrypt(v.B_POST_BODY.encode())
    message = parse_message(crypto.decrypt_message(encrypted, **v.B_POST))
    assert (message.content, message.from_user, message.msg_type) == ("test", "messense", "text")


def test_random_prefix_round_trip_differs_each_time():
    crypto = WeComCrypto(v.B_TOKEN, v.B_AES_KEY, v.B_RECEIVE_ID)
    text = "数字化改造谁牵头？".encode()
    first, second = crypto.encrypt(text), crypto.encrypt(text)
    assert first != second
    assert crypto.decrypt(first) == crypto.decrypt(second) == text


def test_wrong_receive_id_rejected():
    sender = WeComCrypto(v.B_TOKEN, v.B_AES_KEY, "ww-someone-else")
    receiver = WeComCrypto(v.B_TOKEN, v.B_AES_KEY, v.B_RECEIVE_ID)
    with pytest.raises(WeComCryptoError) as err:
        receiver.decrypt(sender.encrypt(b"<xml/>"))
    assert err.value.code == RECEIVE_ID_ERROR


def _framed(message: bytes, receive_id: bytes) -> bytes:
    return b"0123456789abcdef" + struct.pack(">I", len(message)) + message + receive_id


@pytest.mark.parametrize("pad_byte", [0, 33, 64, 255])
def test_padding_out_of_range_rejected(pad_byte):
    body = _framed(b"<xml/>", v.B_RECEIVE_ID.encode())
    filler = (-len(body) - 1) % 32
    plain = body + b"\x00" * filler + bytes([pad_byte])
    assert len(plain) % 32 == 0
    crypto = WeComCrypto(v.B_TOKEN, v.B_AES_KEY, v.B_RECEIVE_ID)
    with pytest.raises(WeComCryptoError) as err:
        crypto.decrypt(_raw_encrypt(v.B_AES_KEY, plain))
    assert err.value.code == DECRYPT_ERROR


def test_padding_up_to_32_accepted_and_inconsistent_pad_rejected():
    assert unpad(b"a" * 32 + bytes([32]) * 32) == b"a" * 32
    assert unpad(b"a" * 31 + bytes([17]) * 17)[-1:] == b"a"  # 17..32: beyond AES's own 16
    with pytest.raises(WeComCryptoError):
        unpad(b"a" * 30 + b"\x01\x02")


def test_length_field_beyond_buffer_and_garbage_rejected():
    crypto = WeComCrypto(v.B_TOKEN, v.B_AES_KEY, v.B_RECEIVE_ID)
    lying = b"0123456789abcdef" + struct.pack(">I", 10_000) + b"<xml/>"
    with pytest.raises(WeComCryptoError):
        crypto.decrypt(_raw_encrypt(v.B_AES_KEY, pad(lying)))
    for garbage in ("", "not base64!", base64.b64encode(b"short").decode()):
        with pytest.raises(WeComCryptoError):
            crypto.decrypt(garbage)


@pytest.mark.parametrize("body", [
    b"<xml><Encrypt>x</Encrypt",
    b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY e "boom">]><xml><Encrypt>&e;</Encrypt></xml>',
    b'<!DOCTYPE xml SYSTEM "http://example.invalid/x.dtd"><xml><Encrypt>a</Encrypt></xml>',
    b"<other><Encrypt>a</Encrypt></other>",
    b"<xml><ToUserName>x</ToUserName></xml>",
])
def test_malformed_or_entity_laden_xml_rejected(body):
    with pytest.raises(WeComCryptoError) as err:
        envelope_encrypt(body)
    assert err.value.code == XML_ERROR
