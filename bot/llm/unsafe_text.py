"""What an LLM answer may not carry, whatever its numbers: links, mentions, requests for secrets.

The bot posts the model's text from its own trusted identity. A model steered by injected text (a clause,
a tool string, an earlier turn) could post "请在[这里](https://…)重新登录" or "回复工号和密码"; the offline
answers never contain such things, so an answer that does is refused (the offline answer goes out) rather
than rewritten. Slack and WeCom also escape what they post, so a mention that slips through stays text.
"""

from __future__ import annotations

import re
import unicodedata

from clusterbot.bot.llm.grounding import Problem

_LINK = re.compile(
    r"(?:https?|ftp|mailto|tel|file|javascript|data|slack|weixin|wxwork):"  # a scheme
    r"|\bwww\.|\[[^\]\n]*\]\([^)\n]*\)"  # www., a Markdown link
    r"|<[^>\s]+\|[^>]*>"  # a Slack link <url|text>
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|io|top|xyz|info|cc|me|app|link|site|online|vip|ru|co)\b",
    re.IGNORECASE)
_MENTION = re.compile(r"<\s*[!@#]|@(?:all|channel|here|everyone|所有人|全体成员|全员)\b|@(?:所有人|全体成员)",
                      re.IGNORECASE)
_SECRET = re.compile(r"密码|口令|验证码|动态码|工号|身份证号|银行卡|重新登录|登录|扫码|二维码|转账|汇款"
                     r"|\b(?:password|passcode|passwd|credentials?|log ?in|sign ?in|one-time code|otp|api[ _-]?key"
                     r"|access token|verification code|wire transfer)\b", re.IGNORECASE)


def check_text(text: str) -> list[Problem]:
    """Problems of kind link, mention or secret_request, one per kind, naming what was found."""
    plain = unicodedata.normalize("NFKC", "".join(ch for ch in text if unicodedata.category(ch) != "Cf"))
    problems = []
    for kind, pattern in (("link", _LINK), ("mention", _MENTION), ("secret_request", _SECRET)):
        found = pattern.search(plain)
        if found is not None:
            problems.append(Problem(kind, found.group(0)[:40]))
    return problems
