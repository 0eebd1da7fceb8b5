"""Follow-up turns of the offline engine: 它/第二个/这两个/其中 resolved against what the last answers listed, and
"那X呢" continuing the last composed parts with one slot replaced."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from clusterbot.bot.offline import (
    data_answers,
    referents,
)
from clusterbot.bot.offline.compose import compose
from clusterbot.bot.offline.lexicon import hit
from clusterbot.bot.offline.normalize import normalize as normalize_text
from clusterbot.bot.offline.parse import Reading
from clusterbot.bot.offline.query import EntityName, Query, Time
from clusterbot.bot.offline.referents import Shown
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.slots import extract
from clusterbot.bot.offline.understand import Understanding
from clusterbot.bot.offline.verify import ungrounded
from clusterbot.lazy_regex import LazyPattern
from clusterbot.messages import msg
from clusterbot.models import Answer
from clusterbot.tools.models import EntityRef

if TYPE_CHECKING:
    from clusterbot.bot.offline.turn_context import TurnContext
    from clusterbot.config import Settings

POLICY_INTENTS = ("who_leads", "unit_tasks", "clause", "task_content", "definition", "abbreviation", "search")
SIZE = LazyPattern(r"(?:(?P<small>小|低|少)|大|高|多)的?那(?:个|家|一个)|那个(?:(?P<small2>小)|大)的|(?:较|更)(?:(?P<small3>小)|大)的"
                  r"|the (?:(?P<small4>smaller)|bigger|larger) one")
ORDINAL = LazyPattern(r"第\s*(\d{1,2})\s*(?:个|名|位|家|条|项)?(?!\s*年)|(?:the\s+)?(\d)(?:st|nd|rd|th)\s+one", re.I)

POINTER = LazyPattern(r"(?<!其)它|该集群|这个集群|那个集群|这家|该县|这个县|\bit\b|\bits\b|this cluster|that cluster", re.I)

BOTH = LazyPattern(r"(?:这|那)?(?:两|俩|2)(?:个|家|市|县|地|者)?(?:集群|城市|地方|市|县)?(?:加|合|一共|总共|相比|比|差|哪|谁|谁|各|分别|都)|"
                  r"二者|两者|俩|\bboth\b|\bthe two\b|\bthem\b", re.I)

AMONG = LazyPattern(r"^(?:那)?(?:其中|这些|这几个|那几个|它们|里面|当中|这里面)|among (?:them|these|those)|of (?:them|these)",
                   re.I)

LISTING_OPS = ("argmax", "argmin", "count", "city_rank")

# the pace just used, pointed at ("按这个速度", "照这个增速", "at that rate")
THIS_PACE = LazyPattern(r"(?:按|照|以|保持)\s*(?:这个|这|那个|该|此|上面的?|刚才的?)\s*(?:速度|增速|增长率|速率|涨幅)"
                        r"|\bat (?:this|that|the same) (?:rate|pace)\b", re.IGNORECASE)
_CN_ORDINAL = LazyPattern(r"第([一二三四五六七八九])(?=个|名|位|家)")
NEXT_ONE = LazyPattern(r"下[一1]?(?:个|名|位|家)|\bnext\b", re.IGNORECASE)
# the other end of a ranking just shown (最低的呢, and the smallest?)
OPPOSITE = LazyPattern(r"最(?:低|小|少|慢|差)|倒数|垫底|\b(?:lowest|smallest|least|slowest|bottom)\b", re.IGNORECASE)
FOLLOWUP_TAIL = LazyPattern(r"(呢|怎么样|如何|情况)[？?。.！!]*\s*$|^(what|how) about", re.IGNORECASE)


class Followups:
    """The conversation side of OfflineEngine (mixed in): referents, ordinals and composed follow-ups."""

    settings: Settings

    if TYPE_CHECKING:  # provided by OfflineEngine
        def find_entities(self, text: str) -> list: ...
        def understand(self, text: str, last: dict[str, Any] | None = None) -> Understanding: ...
        def read_parts(self, u: Understanding) -> Reading | None: ...
        def _reply(self, ctx: TurnContext, u: Understanding) -> Reply: ...

    def _listed(self, reply: Reply) -> list[dict[str, Any]]:
        """The places and clusters an answer's facts name, in the order they are named."""
        from clusterbot.tools.store import snapshot

        snap = snapshot(self.settings)
        out: list[dict[str, Any]] = []
        for fact in reply.facts:
            kind = "cluster" if fact.entity in snap.clusters else "county" if fact.entity in snap.counties \
                else "city" if fact.entity in snap.cities else None
            if kind is not None and all(r["name"] != fact.entity for r in out):
                out.append(snap.ref(kind, fact.entity).model_dump())
        own = [r for r in out[1:] if out and out[0]["kind"] == "county" and r["kind"] == "cluster"
               and r.get("county") == out[0]["name"]]
        return out[1:] if len(own) >= 2 else out  # a county's profile lists its clusters: "第二个" is one of them

    @staticmethod
    def _shown(u: Understanding, answer: Answer, listed: Shown | None) -> Shown:
        """What the next turn's 第二条 / 下一条 / 这条 may point at: the clauses this answer listed, for policy answers."""
        if answer.status != "answered" or u.intent not in POLICY_INTENTS:
            return Shown()
        if listed is not None:
            return listed
        clauses = referents.listed([c.clause_id for c in answer.citations])
        if u.intent == "unit_tasks":
            return Shown(clauses, list(u.units), unit_list=len(u.units) == 1)
        # one task with one lead unit: "它" in the next turn may be that unit ("它还配合哪些")
        leads = [c.lead_units for c in answer.citations if c.lead_units]
        units = leads[0] if len(leads) == 1 and len(leads[0]) == 1 else []
        return Shown(clauses, list(units))

    def _composed_turn(self, ctx: TurnContext, text: str, first: Understanding,
                       last: dict[str, Any] | None) -> tuple[Understanding, Reply | None]:
        """The composable reader's reply, with 它 / 第二个 resolved and 那X呢 continuing the last composed parts."""
        conversation = ctx.conversation
        ctx.composed = ctx.reading = None
        reading = None
        pace = _pace_before(conversation) if THIS_PACE.search(text) else None
        if pace is not None:  # "按这个速度": the rate the asker stated, or the growth the last answer showed
            text, before = THIS_PACE.sub(pace, text, count=1), first
            first = self.understand(text, last)
            if not first.entities and before.entities:  # the place the pace belongs to carries on
                first.entities, first.followup = before.entities, True
        parts = (conversation.get("parts") or {}).get("parts") or []
        other_end = OPPOSITE.search(text) and parts and all(p.get("op") in ("argmax", "argmin") for p in parts) \
            and not self.find_entities(text)  # "最小的呢" after the largest: the ranking's other end
        pointed = self._pointed(first.text, conversation) if last and not other_end else None
        if pointed:  # "它", "第二个", "这个集群": what the last answer listed, read with this turn's question
            again = self.understand(text, None)
            again.entities, again.followup = pointed, True
            if again.slots.metric is None and not again.slots.absent_metrics:  # "两个差多少": on the measure shown
                again.slots.metric = (last or {}).get("metric")
            reading = self.read_parts(again) or self._same_parts_for(text, conversation, pointed)
            if reading is not None:
                first = again
            elif ORDINAL.search(first.text) and len(pointed) == 1:  # the one referent, for the kind path too
                first.entities = pointed
                # "第二个集群2024年营收呢" after a gap: the figure asked of the one pointed at, not its gap
                if first.intent == "compare" or (first.intent == "gap" and first.slots.metric
                                                 and not hit("GAP", first.text)):
                    first.intent = "profile"
        reading = reading or self.read_parts(first)
        composed = self._composed(ctx, first, reading) if reading else None
        if composed is None and last is not None and conversation.get("parts"):
            again_reading = self._parts_followup(text, conversation["parts"])
            composed = self._composed(ctx, first, again_reading) if again_reading else None
            reading = again_reading if composed is not None else reading
        if composed is not None and reading is not None and reading.focus and len(composed.named) >= reading.focus:
            chosen = composed.named[reading.focus - 1]
            composed.named = [chosen, *(n for n in composed.named if n != chosen)]
        if composed is not None:
            ctx.composed, ctx.reading = composed, reading
        return first, composed

    def _composed(self, ctx: TurnContext, u: Understanding, reading: Reading) -> Reply | None:
        """The reply of the composable reader's parts (clauses it leaves are answered by the kind path)."""
        from clusterbot.tools.store import snapshot

        answered: list[Understanding] = []

        def answer_clause(text: str) -> Reply:
            clause = self.understand(text, None)
            reply = self._reply(ctx, clause)
            if reply.status == "answered":
                answered.append(clause)
            return reply

        reply = compose(snapshot(self.settings), reading, answer_clause)
        if reply is None:
            return None
        if reading.query.parts:  # a follow-up the kind path continues reads the op as the kind it matches
            first_part = reading.query.parts[0]
            u.intent = "above_threshold" if first_part.op == "count" and first_part.level is not None \
                and first_part.measure.metric == "revenue" and not first_part.newly else first_part.op
        reply.continues = answered[-1] if answered else None  # the kind path's clause a follow-up continues
        reply.citations += [c for c in _target_citations(ctx, reading) if c not in reply.citations]
        cited = [ctx.corpus.clause(c.clause_id, c.doc_id) for c in reply.citations]
        missed = ungrounded(reply, u.text, [c.text for c in cited if c is not None])
        if missed is not None:  # a number the facts do not back: decline rather than show it
            return ctx.not_answerable(u, "no_data", msg("engine.unverified", u.lang, asked=missed))
        return data_answers.finish(ctx, u, reply)

    def _ref(self, kind: str, name: str) -> Any:
        from clusterbot.tools.store import snapshot

        return snapshot(self.settings).ref(kind, name)

    def _pointed(self, text: str, conversation: dict[str, Any]) -> list[Any] | None:
        """The entities a pronoun or an ordinal of this turn points at in the last answer, or None."""
        last = conversation.get("last") or {}
        listed = (last.get("carried") or {}).get("referents") or []
        named = last.get("entities") or []
        if self.find_entities(text):
            return None
        text = _CN_ORDINAL.sub(lambda m: f"第{'一二三四五六七八九'.index(m.group(1)) + 1}", text)  # 第一个 → 第1个
        ordinal = ORDINAL.search(text)
        pool = listed or named
        if ordinal and len(pool) <= 1 and len(conversation.get("list") or []) >= 2:
            pool = conversation["list"]  # "那第一个呢" after a question about the second: still the list shown before
        if ordinal:
            index = int(ordinal.group(1) or ordinal.group(2)) - 1
            after = text[ordinal.end():ordinal.end() + 3]
            kind = "cluster" if "集群" in after else "county" if after.startswith("县") else None
            if kind:  # "第二个集群": the second cluster named, not the second thing
                pool = [ref for ref in pool if ref.get("kind") == kind]
            if not 0 <= index < len(pool):
                pool = [ref for ref in conversation.get("list") or [] if kind is None or ref.get("kind") == kind]
                # an earlier list ("宁国有哪些集群" … "第二个集群呢")
            return [EntityRef(**pool[index])] if 0 <= index < len(pool) else None
        if AMONG.search(text) and not re.search(r"哪个县|哪些县|几个县|哪个市|哪些市|county|counties", text) \
                and sum(1 for ref in pool if ref.get("kind") == "cluster") >= 2:
            return [EntityRef(**ref) for ref in pool if ref.get("kind") == "cluster"]  # "其中…最快的": those listed
        both = BOTH.search(text)
        if both:  # "两个集群加起来", "俩市差多少", "both of them": the first two of the kind named
            word = both.group(0)
            kind = "cluster" if "集群" in word else "city" if "市" in word else "county" if "县" in word else None
            of_kind = [ref for ref in pool if kind is None or ref.get("kind") == kind]
            if kind == "city" and len(of_kind) < 2:  # 俩市 may be two county-level cities
                of_kind = [ref for ref in pool if ref.get("kind") in ("city", "county")]
            if len(of_kind) < 2:  # one place a turn ("蚌埠…", "那淮南呢", "两个市谁…"): the places of the last turns
                recent = conversation.get("recent") or []
                of_kind = [ref for ref in recent if kind is None or ref.get("kind") == kind]
            if len(of_kind) >= 2:
                return [EntityRef(**ref) for ref in of_kind[:2]]
        size = SIZE.search(text)
        clusters = [ref for ref in pool if ref.get("kind") == "cluster"] or pool
        if size and len(clusters) >= 2:  # "小的那个", "the bigger one": by the latest revenue of those listed
            return [EntityRef(**self._by_size(clusters, smallest=any(size.group(g) for g in ("small", "small2", "small3", "small4"))))]
        if POINTER.search(text) and pool:
            return [EntityRef(**pool[0])]
        return None

    def _by_size(self, refs: list[dict[str, Any]], smallest: bool) -> dict[str, Any]:
        from clusterbot.tools.store import snapshot

        snap = snapshot(self.settings)
        year = snap.latest_year("revenue") or 0

        def size(ref: dict[str, Any]) -> float:
            names = [ref["name"]] if ref["kind"] == "cluster" else \
                [c for c, v in snap.clusters.items() if ref["kind"] == "county" and v.county == ref["name"]]
            return sum(v.value for n in names if (v := snap.value(n, "revenue", year)) is not None)
        return (min if smallest else max)(refs, key=size)

    def _same_parts_for(self, text: str, conversation: dict[str, Any], pointed: list[Any]) -> Reading | None:
        """"那第一个呢": the last composed parts, asked of the one pointed at instead."""
        parts = (conversation.get("parts") or {}).get("parts") or []
        if len(pointed) != 1 or not parts or not FOLLOWUP_TAIL.search(text) or len(text) > 12:
            return None
        query = Query.model_validate(conversation["parts"])
        if not all(p.scope.kind == "entities" and len(p.scope.entities) == 1 for p in query.parts):
            return None
        name = EntityName(kind=pointed[0].kind, name=pointed[0].name, matched=pointed[0].matched or "")
        return Reading(query.model_copy(update={"parts": [p.model_copy(update={"scope": p.scope.model_copy(
            update={"entities": [name]})}) for p in query.parts]}))

    def _parts_followup(self, text: str, last_query: dict[str, Any]) -> Reading | None:
        """"那X呢" after a composed answer: the same parts with the place (or the year) replaced."""
        short = 16 if re.search(r"[\u4e00-\u9fff]", text) else 40  # English words are longer
        if len(text) > short or not (FOLLOWUP_TAIL.search(text) or re.match(r"\s*and\b", text, re.IGNORECASE)):
            return None
        query = Query.model_validate(last_query)
        found = [e for e in self.find_entities(text) if e.kind in ("county", "city", "cluster")]
        years = extract(normalize_text(text)).years
        from clusterbot.tools.store import snapshot

        held = snapshot(self.settings).years()
        ordinal = ORDINAL.search(normalize_text(text))
        ranking = bool(query.parts) and all(p.op in ("argmax", "argmin", "city_rank") for p in query.parts)
        if ranking and not found and not years and OPPOSITE.search(text):
            flip = {"argmax": "argmin", "argmin": "argmax"}  # a superlative of the other direction: the other end
            return Reading(query.model_copy(update={"parts": [
                p.model_copy(update={"op": flip.get(p.op, p.op), "ascending": not p.ascending, "n": None})
                for p in query.parts]}))
        if ranking and not found and not years and NEXT_ONE.search(text):
            rank = max(p.n or 1 for p in query.parts) + 1  # "the next one": one further down the same ranking
            return Reading(query.model_copy(update={"parts": [p.model_copy(update={"n": rank})
                                                              for p in query.parts]}), focus=rank)
        if ordinal and not found and not years and ranking:
            rank = int(ordinal.group(1) or ordinal.group(2))  # "第二名呢" after the largest: the same ranking, further
            if rank > max(p.n or 1 for p in query.parts):
                return Reading(query.model_copy(update={"parts": [p.model_copy(update={"n": rank})
                                                                  for p in query.parts]}), focus=rank)
        if (not found and not years) or any(y not in held for y in years):
            return None  # a year the data lacks (a target year): the kind path answers it
        parts = []
        for part in query.parts:
            update: dict[str, Any] = {}
            if found and part.scope.kind in ("city", "county") and found[0].kind == part.scope.kind:
                update["scope"] = part.scope.model_copy(update={"within": found[0].name, "kind": found[0].kind})
            elif found and part.scope.kind == "entities" and len(part.scope.entities) == 1:
                name = EntityName(kind=found[0].kind, name=found[0].name, matched=found[0].matched or "")
                update["scope"] = part.scope.model_copy(update={"entities": [name]})
            elif found:
                return None
            if years and part.time.kind in ("year", "latest"):
                update["time"] = Time(kind="year", year=years[-1])
            parts.append(part.model_copy(update=update))
        return Reading(query.model_copy(update={"parts": parts}))


def _target_citations(ctx: TurnContext, reading: Reading) -> list:
    """The policy clause of a target that a province figure is checked against (能否达到1.4万亿): an amount a part
    states that equals one of the policy's targets for the province cites the clause that sets it."""
    amounts = {round(a, 6) for p in reading.query.parts if p.scope.kind == "province"
               for a in (p.level, p.check) if a is not None}
    if not amounts:
        return []
    from clusterbot.bot.offline.reply import cite

    out = []
    for item in ctx.call("province_progress").items:
        value = item.target_value
        if value is None:
            continue
        in_yi = value * 10000 if item.unit == "万亿元" else value if item.unit == "亿元" else None
        clause = ctx.corpus.clause(item.clause_id) if in_yi is not None and round(in_yi, 6) in amounts else None
        if clause is not None:
            out.append(cite(ctx.corpus, clause, quote=item.target_text if item.clause_id == "2" else None))
    return list({(c.doc_id, c.clause_id): c for c in out}.values())


def _pace_before(conversation: dict[str, Any]) -> str | None:
    """The pace "这个速度" points at, as words the reader takes: the rate the asker stated in the last composed
    question, or the growth over the window its answer showed (one year: that year's rate)."""
    parts = (conversation.get("parts") or {}).get("parts") or []
    rates = {p.get("rate") for p in parts if p.get("rate") is not None}
    if len(rates) == 1:
        return f"按每年增长{rates.pop() * 100:g}%"
    shown = [p for p in parts if p.get("op") in ("change", "cagr", "yearly_changes")]
    time = (shown[-1].get("time") or {}) if len(shown) == 1 else {}
    start, end = time.get("start"), time.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and end > start):
        return None
    return f"保持{end}年的增速" if end - start == 1 else f"按近{end - start}年的年均增速"

