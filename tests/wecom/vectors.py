"""Published WeCom test vectors (data only).

A: the worked example of WeCom's 加解密方案说明 (developer.work.weixin.qq.com path/90968).
B: the deterministic vectors of wechatpy tests/test_crypto.py (prefix fixed to "1234567890123456").
"""

A_TOKEN = "QDG6eK"
A_AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"
A_RECEIVE_ID = "wx5823bf96d3bd56c7"
A_VERIFY = {
    "msg_signature": "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
    "timestamp": "1409659589",
    "nonce": "263014780",
    "echostr": "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
}
A_VERIFY_REPLY = "1616140317555161061"
A_POST = {
    "msg_signature": "477715d11cdb4164915debcba66cb864d751f3e6",
    "timestamp": "1409659813",
    "nonce": "1372623149",
}
A_ENCRYPT = (
    "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3"
    "TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gs"
    "ijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUa"
    "x5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIG"
    "HBZZIs2pDBS8R07+qN+E7Q=="
)

B_TOKEN = "123456"
B_AES_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR"
B_RECEIVE_ID = "wx49f0ab532d5d035a"
B_PREFIX = b"1234567890123456"
B_VERIFY = {
    "msg_signature": "dd6b9c95b495b3f7e2901bfbc76c664930ffdb96",
    "timestamp": "1411443780",
    "nonce": "437374425",
    "echostr": "4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==",
}
B_REPLY_NONCE = "461056294"
B_REPLY_TIMESTAMP = "1411525903"
B_REPLY_XML = (
    "<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n"
    "<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n"
    "<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>"
)
B_REPLY_ENCRYPT = (
    "9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesE"
    "l5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsD"
    "f03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nT"
    "YjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3"
)
B_REPLY_SIGNATURE = "407518b7649e86ef23978113f92d27afa9296533"
B_REPLY_ENVELOPE = (
    f"<xml>\n<Encrypt><![CDATA[{B_REPLY_ENCRYPT}]]></Encrypt>\n"
    f"<MsgSignature><![CDATA[{B_REPLY_SIGNATURE}]]></MsgSignature>\n"
    f"<TimeStamp>{B_REPLY_TIMESTAMP}</TimeStamp>\n<Nonce><![CDATA[{B_REPLY_NONCE}]]></Nonce>\n</xml>"
)
B_POST = {"msg_signature": "74d92dfeb87ba7c714f89d98870ae5eb62dff26d", "timestamp": "1411525903", "nonce": "461056294"}
B_POST_ENCRYPT = (
    "RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6y"
    "dJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/T"
    "ywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5"
    "t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0="
)
B_POST_BODY = (
    "<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n"
    f"<Encrypt><![CDATA[{B_POST_ENCRYPT}]]></Encrypt>\n<AgentID><![CDATA[1]]></AgentID>\n</xml>"
)
