"""Block Kit rendering of an `Answer`, packed into messages within Slack's limits."""

from __future__ import annotations

from dataclasses import dataclass, field

from clusterbot.bot.slack.mrkdwn import escape, to_mrkdwn
from clusterbot.bot.slack.splitting import split_text, truncate, utf16_len
from clusterbot.messages import msg
from clusterbot.models import Answer

SECTION_LIMIT = 3000      # section text
MAX_BLOCKS = 50           # blocks per message
# Slack rejects messages whose blocks hold much more than ~13k characters (msg_blocks_too_long);
# stay well below it.
MESSAGE_CHAR_BUDGET = 11000
QUOTE_LIMIT = 600
FALLBACK_LIMIT = 2000
FEEDBACK_ACTIONS = {"clusterbot_feedback_up": "up", "clusterbot_feedback_down": "down"}


@dataclass
class SlackMessage:
    text: str                       # notification / accessibility fallback
    blocks: list[dict] = field(default_factory=list)


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(text, SECTION_LIMIT)}]}


def _block_chars(block: dict) -> int:
    if block["type"] == "section":
        return utf16_len(block["text"]["text"])
    if block["type"] == "context":
        return sum(utf16_len(e.get("text", "")) for e in block["elements"])
    return 40


def text_blocks(mrkdwn: str) -> list[dict]:
    """Sections for a long mrkdwn text, each within the section limit, none blank."""
    return [_section(chunk.strip("\n")) for chunk in split_text(mrkdwn, SECTION_LIMIT) if chunk.strip()]


def citation_blocks(answer: Answer) -> list[dict]:
    if not answer.citations:
        return []
    lang = answer.lang
    blocks: list[dict] = [{"type": "divider"}, _section(msg("slack.citations_header", lang=lang))]
    for c in answer.citations:
        lead = "、".join(c.lead_units) if c.lead_units else msg("slack.no_lead_unit", lang=lang)
        title = escape(c.title or c.doc_title)
        blocks.append(_section(truncate(
            msg("slack.citation_line", lang=lang, label=escape(c.label), title=title, lead=escape(lead)),
            SECTION_LIMIT)))
        if c.quote.strip():
            quote = truncate(" ".join(c.quote.split()), QUOTE_LIMIT)
            blocks.append(_context(f"> {escape(quote)}"))
    return blocks


def provenance_line(answer: Answer) -> str:
    lang = answer.lang
    parts: list[str] = []
    docs = list(dict.fromkeys(c.doc_title for c in answer.citations if c.doc_title))
    if docs:
        parts.append(msg("slack.provenance_docs", lang=lang, docs="、".join(f"《{d}》" for d in docs[:3]),
                         count=len(answer.citations)))
    sources = list(dict.fromkeys(f.source for f in answer.facts if f.source and not f.demo))
    if sources:
        parts.append(msg("slack.provenance_data", lang=lang, sources="、".join(sources[:3])))
    if answer.data_vintage:
        parts.append(msg("slack.provenance_vintage", lang=lang, vintage=answer.data_vintage))
    if answer.uses_demo_data:
        parts.append(msg("slack.demo_data", lang=lang))
    parts.append(msg(f"slack.mode_{answer.mode}", lang=lang))
    return escape(" · ".join(parts))


def feedback_block(exchange_id: int, lang: str) -> dict:
    return {
        "type": "actions",
        "block_id": f"clusterbot_feedback:{exchange_id}",
        "elements": [
            {"type": "button", "action_id": action, "value": str(exchange_id),
             "text": {"type": "plain_text", "text": msg(f"slack.button_{value}", lang=lang), "emoji": True}}
            for action, value in FEEDBACK_ACTIONS.items()
        ],
    }


def pack(blocks: list[dict], fallback: str, lang: str, tail: list[dict] | None = None) -> list[SlackMessage]:
    """Group blocks into messages of ≤ MAX_BLOCKS blocks and ≤ MESSAGE_CHAR_BUDGET characters.

    `tail` (e.g. the feedback buttons) always ends the last message.
    """
    tail = tail or []
    groups: list[list[dict]] = [[]]
    chars = 0
    for block in blocks:
        size = _block_chars(block)
        current = groups[-1]
        if current and (len(current) + 1 > MAX_BLOCKS or chars + size > MESSAGE_CHAR_BUDGET):
            groups.append([])
            chars = 0
        groups[-1].append(block)
        chars += size
    tail_size = sum(_block_chars(b) for b in tail)
    if tail and (len(groups[-1]) + len(tail) > MAX_BLOCKS or chars + tail_size > MESSAGE_CHAR_BUDGET):
        groups.append([])
    groups[-1].extend(tail)
    total = len(groups)
    messages = []
    for n, group in enumerate(groups, start=1):
        text = fallback if n == 1 else msg("slack.continued", lang=lang, n=n, total=total)
        # Slack reads the fallback as mrkdwn too: <!channel> or <@U…> in it would be a live mention.
        messages.append(SlackMessage(text=truncate(escape(text), FALLBACK_LIMIT), blocks=group))
    return messages


def render_answer(answer: Answer, asked_by: str | None = None, question: str | None = None) -> list[SlackMessage]:
    """The answer, its citations, provenance and feedback buttons, as one or more messages."""
    lang = answer.lang
    blocks: list[dict] = []
    if asked_by and question:
        blocks.append(_context(msg("slack.asked", lang=lang, user=asked_by, question=escape(question))))
    blocks.extend(text_blocks(to_mrkdwn(answer.answer) or msg("slack.empty_answer", lang=lang)))
    blocks.extend(citation_blocks(answer))
    blocks.append(_context(provenance_line(answer)))
    tail = [feedback_block(answer.exchange_id, lang)] if answer.exchange_id is not None else []
    return pack(blocks, answer.answer, lang, tail)


def render_text(text: str, lang: str = "zh") -> list[SlackMessage]:
    """A plain bot message (help, notices) as section blocks."""
    return pack(text_blocks(to_mrkdwn(text)), text, lang)
