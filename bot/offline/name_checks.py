"""Checks before an answer: a name that did not resolve, a district where a county would be, a required slot or an
asked-for word nothing explains — each a decline that says what is missing, never a neighbouring answer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from clusterbot.bot.offline.normalize import normalize as normalize_text
from clusterbot.bot.offline.phrases import COURTESY
from clusterbot.bot.offline.plan import build_plan
from clusterbot.bot.offline.registry import has, registry
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.slots import extract, position, vocab
from clusterbot.bot.offline.understand import Understanding
from clusterbot.bot.offline.verify import lead_problem
from clusterbot.lazy_regex import LazyPattern
from clusterbot.messages import msg
from clusterbot.models import Question

if TYPE_CHECKING:
    from clusterbot.bot.offline.turn_context import TurnContext
    from clusterbot.config import Settings

# Kinds answered from the indicator store or the province targets: every content word they are asked must be
# one they can answer.
DATA_KINDS = ("gap", "profile", "compare", "rank", "above_threshold", "without_threshold", "crossed", "growth",
              "province", "race", "nearest", "city_totals", "history", "pace")
NAME_LIKE = LazyPattern(r"([\u4e00-\u9fff]{1,4}?(?:县|市))(?!场|域|级|委|政府|民|面|值|区|县|州)")
NOT_A_NAME = LazyPattern(r"^(各|哪|每|全|本|该|城|县|市|省|多|几|个|些|的|有|没|和|与|在|是|年|对|为|要|设区|地级|所辖|所在|其|这|那|还|都|"
                        r"我们|咱们|俺们|我|咱|俺|你们)"
                        r"|全国|每个|年|对")
INDUSTRY_PHRASE = LazyPattern(r"([\u4e00-\u9fff]{2,6}?)(?:产业)?集群")
NOT_AN_INDUSTRY = LazyPattern(r"百亿|千亿|亿|特色|县域|制造业|全省|省级|各|哪|这|该|所有|每|的|有|个|级|目标|营业|收入")
NEEDS_ONE_ENTITY = ("gap", "profile", "compare")
LEADING_NAME = LazyPattern(r"^([\u4e00-\u9fff]{2,3}?)(?=离|到|距|差|的|多少|营收|集群|还差|现在|目前)")
NOT_PLACES = {"全省", "省里", "我省", "本省", "安徽", "全市", "全县", "我市", "我县", "本市", "本县", "文件", "政策", "目标",
              "集群", "我们", "今年", "去年", "明年", "现在", "目前", "全国", "总共", "一共", "平均"}
DISTRICT_AFTER_CITY = LazyPattern(r"^(?:市)?([\u4e00-\u9fff]{2,3}?区)(?!域|别|分)")
# The noun a question asks a quantity of (多少税, 几个游客) or a follow-up names (那利润呢).
ASKED_NOUN = LazyPattern(r"(?:多少|几)(?:个|家|项|名|位|笔|亿元?|万元?|万)?(?P<a>[\u4e00-\u9fff]{1,4}?)(?:呢|吗|啊|呀|[？?。]|$)"
                        r"|^(?:那|那么|还有)(?P<b>[\u4e00-\u9fff]{1,4}?)(?:呢|[？?]|$)"
                        r"|\bhow (?:many|much) (?P<c>[a-z]+(?: [a-z]+)?) (?=did|does|do|are|were|is|was|has|have|in|for)",
                        re.IGNORECASE)
_EN_NOT_MEASURES = {"clusters", "cluster", "counties", "county", "cities", "city", "revenue", "money", "years", "more",
                    "of", "the", "of the"}
NOT_MEASURES = LazyPattern(r"^(年|钱|次|倍|名|位|个|家|项|亿|万|集群|产业|情况|数据|指标|内容|方面|人|县|市|呢|了|第|另一|这个|那个|它)")


class QuestionChecks:
    """The checks side of OfflineEngine (mixed in)."""

    settings: Settings

    if TYPE_CHECKING:  # provided by OfflineEngine
        def understand(self, text: str, last: dict[str, Any] | None = None) -> Understanding: ...
        def names_text(self) -> str: ...
        def handled(self) -> tuple[str, ...]: ...

    def lead_problem(self, question: Question, conversation: dict[str, Any], text: str) -> str | None:
        """The indicator asked that an answer written elsewhere (LLM mode) does not lead with, by this engine's plan.

        Only the indicator: a model's reply may leave out the place the asker just named ("还差5.8亿元").
        """
        from clusterbot.bot.offline.compound import compound

        if compound(self, question.text, self.handled()):
            return None
        u = self.understand(question.text, conversation.get("last"))
        if u.intent is None:
            return None
        return lead_problem(build_plan(u, self.names_text()), text, self.metric_names(), entity=False)

    def metric_names(self) -> dict[str, str]:
        from clusterbot.tools.store import snapshot

        return {code: m.name for code, m in snapshot(self.settings).metrics.items()}

    def _unanswerable_part(self, ctx: TurnContext, u: Understanding) -> Reply | None:
        """A decline when the plan misses a required slot or leaves asked-for content unexplained.

        Answering the rest would answer a different question (a profile for "who is its party secretary").
        """
        kind = registry().kinds.get(u.intent or "")
        if kind is None:
            return None
        missing = [slot for slot in kind.requires if not slot_filled(u, slot)]
        if missing:
            what = "、".join(msg(f"engine.slot_{slot}", u.lang) for slot in missing)
            return ctx.not_answerable(u, "no_data", msg("engine.missing_slot", u.lang, what=what))
        if u.intent not in DATA_KINDS or not u.plan.unaccounted:
            return None
        words = "、".join(u.plan.unaccounted) if u.lang == "zh" else ", ".join(u.plan.unaccounted)
        reason = msg("engine.not_covered", u.lang, words=words)
        entity = u.entities[0].name if u.entities else None
        about = msg("engine.not_covered_about", u.lang, entity=entity) if entity else msg("engine.not_covered_policy",
                                                                                          u.lang)
        return ctx.not_answerable(u, "no_data", f"{reason}{about}")

    def _district(self, ctx: TurnContext, u: Understanding) -> Reply | None:
        """A city district (市辖区) named where a county would be: the data has none, say so precisely."""
        if u.units or u.slots.tasks:
            return None
        # a place name followed by 区 or a zone word (黄山区, X高新区) names a district, not that city or county
        for e in u.entities:
            at = u.text.find(e.matched or e.name)
            rest = u.text[at + len(e.matched or e.name):] if at >= 0 else ""
            zone = next((z for z in registry().zones if rest.startswith(z)), None)
            if zone or (rest.startswith("区") and not rest.startswith("区域")):
                name = (e.matched or e.name) + (zone or "区")
                return ctx.not_answerable(u, "no_data", msg("engine.district", u.lang, name=name))
            inner = DISTRICT_AFTER_CITY.match(rest) if e.kind == "city" else None
            if inner:  # 合肥蜀山区: a district of the city named, which the data does not hold
                return ctx.not_answerable(u, "no_data", msg("engine.district", u.lang, name=inner.group(1)))
        if not u.has("DISTRICT"):
            return None
        named = [(at, at + len(w)) for e in u.entities if (w := e.matched or e.name) and (at := u.text.find(w)) >= 0]
        for start, end in u.cues["DISTRICT"]:
            name = u.text[start:end]
            if any(a < end and start < b for a, b in named):
                continue  # the district word is part of a place the store holds (a county-level city's name)
            around = u.text[max(0, start - 2):end + 1]
            if name in registry().not_districts or any(len(w) >= 3 and w in around for w in registry().not_districts):
                continue
            if ctx.call("resolve", name=name).status == "ok":
                continue
            return ctx.not_answerable(u, "no_data", msg("engine.district", u.lang, name=name))
        return None

    def _absent_metric(self, ctx: TurnContext, u: Understanding, names: list[str] | None = None) -> Reply:
        """A figure the store does not hold (利润, 税收 …): no number, and what can be asked instead."""
        from clusterbot.tools.store import snapshot

        metrics = snapshot(self.settings).metrics.values()
        available = [m.name_en if u.lang == "en" else m.name for m in metrics]
        sep = ", " if u.lang == "en" else "、"
        asked = names or u.slots.absent_metrics
        return ctx.not_answerable(u, "no_data", msg("engine.absent_metric", u.lang, names=sep.join(asked),
                                                   available=sep.join(available)))

    def _name_problem(self, ctx: TurnContext, u: Understanding) -> Reply | None:
        """A name that did not resolve (typo) or an alias that names several entities."""
        lead = LEADING_NAME.match(u.text) if not u.entities else None
        if lead and lead.group(1) not in NOT_PLACES and u.intent in ("province", "gap", "profile", "rank", "search"):
            # a misspelt place at the start of a gap question is asked back, not read as a province question
            out = ctx.call("resolve", name=lead.group(1))
            if out.status == "not_found" and out.suggestions:
                names = "、".join(e.name for e in out.suggestions[:5])
                return ctx.not_answerable(u, "no_data", msg("engine.did_you_mean", u.lang, name=lead.group(1),
                                                           candidates=names))
        if not u.entities and u.intent in ("gap", "profile", "province"):
            synonyms = vocab()["industry_synonyms"]
            for phrase in INDUSTRY_PHRASE.findall(u.text):
                if NOT_AN_INDUSTRY.search(phrase):
                    continue
                out = ctx.call("resolve", name=synonyms.get(phrase, phrase), kinds=["cluster"])
                if out.status == "ambiguous":
                    names = "、".join(e.name for e in out.candidates[:6])
                    return ctx.not_answerable(u, "no_data", msg("engine.ambiguous", u.lang, name=phrase, candidates=names))
        if not u.entities and u.intent in (*NEEDS_ONE_ENTITY, "province", "rank", "without_threshold"):
            for token in NAME_LIKE.findall(COURTESY.sub(" ", u.text)):
                if NOT_A_NAME.match(token) or len(token) < 2:
                    continue
                out = ctx.call("resolve", name=token)
                if out.status == "ok":
                    continue
                if out.suggestions or out.candidates:
                    names = "、".join(e.name for e in (out.candidates or out.suggestions)[:5])
                    key = "engine.ambiguous" if out.candidates else "engine.did_you_mean"
                    return ctx.not_answerable(u, "no_data", msg(key, u.lang, name=token, candidates=names))
                return ctx.not_answerable(u, "no_data", msg("engine.unknown_entity", u.lang, name=token))
        if u.intent in NEEDS_ONE_ENTITY:
            groups: dict[str, list] = {}
            for e in u.entities:
                groups.setdefault(e.matched or e.name, []).append(e)
            for alias, group in groups.items():
                if len({e.name for e in group}) > 1:
                    names = "、".join(e.name for e in group[:6])
                    return ctx.not_answerable(u, "no_data", msg("engine.ambiguous", u.lang, name=alias, candidates=names))
        return None


def off_topic(u: Understanding) -> bool:
    """A place name inside a question about something else (trains, prices): nothing here to answer."""
    if u.slots.metric or u.slots.absent_metrics or u.has("GROWTH"):
        return False  # "广德PCB高企多几家", "…增速多少": an indicator (or its growth), even one the store lacks
    rest = u.text
    for e in u.entities:
        rest = rest.replace(e.matched or e.name, "")
    words = re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", rest)
    return len(words) > 6 and not has(rest, "DOMAIN")


def unknown_measure(u: Understanding) -> str | None:
    """The thing a profile-bound question asks a quantity of, when no indicator of the store is that thing."""
    own = extract(normalize_text(u.raw))
    if own.metric or own.threshold is not None or own.years and not ASKED_NOUN.search(u.text):
        return None
    found = ASKED_NOUN.search(u.text)
    if not found:
        return None
    noun = found.group("a") or found.group("b") or found.group("c") or ""
    if not noun or NOT_MEASURES.match(noun) or any(noun in (e.matched or e.name) for e in u.entities):
        return None
    if found.group("c") and (noun.lower() in _EN_NOT_MEASURES or noun.lower().split()[0] in _EN_NOT_MEASURES):
        return None
    words = [str(w) for ws in vocab()["metrics"].values() for w in ws]
    if any(noun in w or position(noun.lower(), w.lower()) >= 0 for w in words):
        return None
    return noun


def slot_filled(u: Understanding, slot: str) -> bool:
    value = {"entities": u.entities, "units": u.units, "term": u.slots.term, "clause_ref": u.slots.clause_ref,
             "tasks": u.slots.tasks}.get(slot)
    return bool(value)


def is_bare_followup(u: Understanding) -> bool:
    """A turn worded as a follow-up (那…呢, 还有…); one that names its own subject and what it asks of it ("那个就是
    X集群2024年营收是多少来着": spoken filler before a whole question) stands on its own."""
    s = u.slots
    return u.has("FOLLOWUP") and not (u.entities and (s.metric or s.threshold is not None) and s.years)
