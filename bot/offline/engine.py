"""The offline engine: deterministic answers from the policy corpus and the indicator tools."""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from typing import Any

from clusterbot.bot.offline import (
    city_answers,
    confirm,
    count_notes,
    data_answers,
    list_answers,
    policy_answers,
    policy_parts,
    province_answers,
    reach_answers,
    referents,
)
from clusterbot.bot.offline.completeness import absent_measures, foreign_comparison, store_answer, unused
from clusterbot.bot.offline.compound import compound, joined
from clusterbot.bot.offline.corpus_words import corpus_text, correct_typos
from clusterbot.bot.offline.data_meta import about_data
from clusterbot.bot.offline.followups import LISTING_OPS, Followups
from clusterbot.bot.offline.name_checks import (
    QuestionChecks,
    is_bare_followup,
    off_topic,
    unknown_measure,
)
from clusterbot.bot.offline.normalize import normalize as normalize_text
from clusterbot.bot.offline.parse import Reading, read
from clusterbot.bot.offline.place_pieces import by_industry, cluster_by_piece
from clusterbot.bot.offline.plan import build_plan
from clusterbot.bot.offline.referents import Shown
from clusterbot.bot.offline.registry import foreign_measures, has
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.script import to_simplified
from clusterbot.bot.offline.slots import extract, vocab
from clusterbot.bot.offline.turn_context import TurnContext, examples, recent_places
from clusterbot.bot.offline.understand import Understanding, understand
from clusterbot.bot.offline.verify import verify
from clusterbot.config import Settings
from clusterbot.messages import msg
from clusterbot.models import Answer, Question
from clusterbot.templates import render

HANDLERS = {
    "who_leads": policy_answers.who_leads,
    "unit_tasks": policy_answers.unit_tasks,
    "clause": policy_answers.clause,
    "task_content": policy_answers.task_content,
    "definition": policy_answers.definition,
    "abbreviation": policy_answers.abbreviation,
    "search": policy_answers.search_answer,
    "gap": data_answers.gap,
    "province": province_answers.province,
    "above_threshold": list_answers.above_threshold,
    "rank": list_answers.rank,
    "without_threshold": list_answers.without_threshold,
    "crossed": list_answers.crossed,
    "profile": data_answers.profile,
    "compare": data_answers.compare,
    "growth": list_answers.growth,
    "race": reach_answers.race,
    "nearest": reach_answers.nearest,
    "city_totals": city_answers.city_totals,
    "document": policy_answers.document,
    "history": reach_answers.history,
    "pace": reach_answers.pace,
}

STANDALONE = ("help", "out_of_scope", "person", "money", "enterprise_names", "document", "other_province")
ABSENT_METRIC_INTENTS = (None, "search", "profile", "rank", "compare", "growth")

class OfflineEngine(Followups, QuestionChecks):
    _shared: dict[str, OfflineEngine] = {}
    _lock = threading.Lock()

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @classmethod
    def shared(cls, settings: Settings) -> OfflineEngine:
        key = str(settings.data_dir)
        with cls._lock:
            engine = cls._shared.get(key)
            if engine is None:
                engine = cls._shared[key] = cls(settings)
            return engine

    def corpus(self):
        from clusterbot.retrieval.corpus import load_corpus

        return load_corpus(self.settings)

    def find_entities(self, text: str) -> list:
        from clusterbot.tools.entities import find_mentions
        from clusterbot.tools.store import snapshot

        found = find_mentions(text, self.settings)
        named = cluster_by_piece(snapshot(self.settings), text, found)
        if named:
            return named
        if any(e.kind == "cluster" for e in found):
            return found
        lowered = text.lower()
        # "the Shucheng electronic information cluster": the industry in the cluster names' own words
        extra = [zh for en, zh in vocab()["english_industries"].items() if re.search(rf"\b{re.escape(en)}", lowered)]
        # "蒙城汽配": the industry as the cluster names write it (汽车零部件)
        extra += [full for short, full in vocab()["industry_synonyms"].items() if short in text and full not in text]
        if not extra:
            return found
        return by_industry(snapshot(self.settings), find_mentions(" ".join([text, *dict.fromkeys(extra)]), self.settings),
                           extra)

    def handled(self) -> tuple[str, ...]:
        return tuple(HANDLERS)

    def names_text(self) -> str:
        """Every county, city and cluster name and alias in the store, one per line, lower case."""
        from clusterbot.tools.store import snapshot

        snap = snapshot(self.settings)
        cached = snap._extra.get("engine_names")
        if cached is None:
            names = [*snap.counties, *snap.cities, *snap.clusters, *(a[0] for a in snap.aliases)]
            cached = snap._extra["engine_names"] = "\n".join(str(n).lower() for n in names)
        return cached

    def find_units(self, text: str) -> list[str]:
        from clusterbot.retrieval.units import find_units

        return find_units(text)

    def understand(self, text: str, last: dict[str, Any] | None = None) -> Understanding:
        u = understand(text, self.find_entities, self.find_units, last)
        if u.followup or u.intent == "help":
            return u
        section = self.section_named(u.text)
        if u.intent == "out_of_scope" and (section is None or u.injection):
            return u  # a part of the text named by its heading is never off-topic
        if section is not None and u.slots.clause_ref and u.slots.clause_ref.startswith(f"{section}."):
            section = None  # "第三部分主要任务里，第（四）项第2条": the heading only locates the clause asked for
        if section is not None and u.intent in (None, "out_of_scope", "task_content", "who_leads", "definition",
                                                "clause", "province"):
            u.intent, u.slots.clause_ref = "clause", section
        elif u.intent is None and not u.entities and u.lang == "zh":
            u.intent = "search"
        return u

    def section_named(self, text: str) -> str | None:
        """A section of the policy named by its heading (总体要求, 集群数字化改造行动 …)."""
        return referents.section_named(self.corpus(), text)

    def read_parts(self, u: Understanding) -> Reading | None:
        """The composable reading of a self-contained question, or None for the kind path."""
        if (u.followup and not u.entities) or u.injection or u.intent in STANDALONE \
                or (u.slots.absent_metrics and not u.slots.metric):
            return None
        from clusterbot.tools.store import snapshot

        years = snapshot(self.settings).years()
        return self.parse_query(u, (years[0], years[-1]) if years else None)

    def parse_query(self, u: Understanding, data_years: tuple[int, int] | None) -> Reading | None:
        """The rule parser's reading of a question read_parts lets through (bot/llm/query_engine.py swaps it)."""
        return read(u, self.find_entities, data_years, extract)

    def answer(self, question: Question, conversation: dict[str, Any]) -> tuple[Answer, dict[str, Any]]:
        fixed = self._typo(question.text)
        if fixed is None:
            return self._answer(question, conversation)
        text, correction = fixed
        answer, conversation = self._answer(question.model_copy(update={"text": text}), conversation)
        if answer.status == "answered":  # say how the name was read, before the answer
            note = msg("engine.read_as", answer.lang, typed=correction.typed, name=correction.full)
            answer = answer.model_copy(update={"answer": f"{note}\n\n{answer.answer}", "question": question.text})
        return answer, conversation

    def _typo(self, text: str) -> tuple[str, Any] | None:
        """The question with one mistyped place name corrected, and the correction; None when there is none."""
        from clusterbot.bot.offline.typos import correct
        from clusterbot.tools.store import snapshot

        normal = normalize_text(text)
        found = correct(normal, snapshot(self.settings), self.names_text())
        if found is None:
            return None
        return normal.replace(found.typed, found.meant, 1), found

    def _answer(self, question: Question, conversation: dict[str, Any]) -> tuple[Answer, dict[str, Any]]:
        last = conversation.get("last")
        ctx = TurnContext(self, question)
        ctx.conversation = conversation
        shown = Shown.load(conversation.get("shown"))
        typed = to_simplified(unicodedata.normalize("NFKC", question.text))
        text, fixes = correct_typos(typed, ctx.corpus, units_only=True)
        u, reply, listed = self._whole(ctx, text, last, shown)
        if reply.status in ("no_data", "out_of_scope"):
            # a word one character away from a policy term, in a question not answered as typed: read as that term
            retyped, more = correct_typos(text, ctx.corpus)
            if more:
                again = self._whole(ctx, retyped, last, shown)
                if again[1].status == "answered":
                    (u, reply, listed), fixes = again, fixes + more
        reply = count_notes.counted(ctx.corpus, text.lower(), self._complete(ctx, u, text, reply), u.lang)
        confirmed = confirm.verdict(text, reply.text) if reply.status == "answered" else None
        if confirmed is not None:  # "…是N吧": yes or no before the figures that decide it
            reply.text = f"{msg('policy.yes' if confirmed else 'policy.no', u.lang)}{reply.text}"
        if fixes:
            note = " ".join(msg("policy.typo_read", u.lang, typed=typed, read=read) for typed, read in fixes)
            reply.text = f"{note}\n\n{reply.text}"
        answer = Answer(
            question=question.text,
            answer=reply.text,
            status=reply.status,  # type: ignore[arg-type]
            citations=reply.citations,
            facts=reply.facts,
            mode="offline",
            tool_calls=ctx.tool_calls + reply.tool_calls,
            suggestions=reply.suggestions,
            intent=u.intent,
            lang=u.lang,
            data_vintage=reply.data_vintage,
        )
        digest = hashlib.sha1(answer.answer.encode("utf-8")).hexdigest()[:16]
        replayed = digest == conversation.get("last_digest") and foreign_measures(u.intent or "", u.cues)
        if u.followup and answer.status == "answered" and replayed:
            # a follow-up that resolves to the question just answered: say so, never repeat the answer
            reply = ctx.not_answerable(u, "no_data", msg("engine.followup_unresolved", u.lang))
            answer = answer.model_copy(update={"answer": reply.text, "status": "no_data", "citations": [], "facts": [],
                                               "suggestions": reply.suggestions})
            return answer, conversation
        now = self._shown(u, answer, listed) if answer.status == "answered" else shown  # a decline keeps the referents
        conversation = {**conversation, "last_digest": digest, "shown": referents.carry(shown, now).dump(),
                        "recent": recent_places(u, conversation) if answer.status == "answered" else conversation.get("recent")}
        conversation.pop("parts", None)
        composed, reading = ctx.composed, ctx.reading
        if composed is not None and composed.continues is not None:  # the last clause came from the kind path
            u = composed.continues
        elif composed is not None and reading is not None:  # what "那X呢", "它", "第二个" continue
            conversation["parts"] = reading.query.model_dump()
            u.intent = "profile" if u.intent not in HANDLERS else u.intent
            u.carried = {**u.carried, "referents": [self._ref(kind, name).model_dump() for kind, name in reply.named]}
            last_part = reading.query.parts[-1] if reading.query.parts else None
            lists = last_part is not None and last_part.op in LISTING_OPS \
                and not (last_part.op == "count" and last_part.scope.within)  # "没有的呢" keeps the city
            if lists or not u.entities:  # "它" after "哪个集群最大" is the cluster named, not the city asked about
                u.entities = [self._ref(kind, name) for kind, name in reply.named[:1]]
        # A question answered with no_data (石台 has no cluster) still sets the topic: "那东至呢？" continues it.
        if reply.status in ("answered", "no_data") and u.intent in HANDLERS and (u.entities or reply.status == "answered"):
            memory = u.memory()
            if not (memory.get("carried") or {}).get("referents"):  # what the answer listed, for 第二个 / 它
                memory["carried"] = {**(memory.get("carried") or {}), "referents": self._listed(reply)}
            conversation = {**conversation, "last": memory}
            listed_now = (memory.get("carried") or {}).get("referents") or []
            if len(listed_now) >= 2:  # the last list shown: "第二个" may point into it a turn or two later
                conversation["list"] = listed_now
        return answer, conversation


    def _complete(self, ctx: TurnContext, u: Understanding, text: str, reply: Reply) -> Reply:
        """The reply, or a decline when an answer from the store leaves out what the question states (a place,
        a year, a rate, a level, an indicator) or the question is about another province's places."""
        if reply.status != "answered":
            return reply
        compared = foreign_comparison(text)
        if not store_answer(reply) and not compared:
            return reply
        if compared or (has(text, "OTHER_PROVINCE") and not has(text, "ANHUI")):  # "江苏昆山的电子信息集群"
            return ctx.not_answerable(u, "out_of_scope", msg("engine.other_province", u.lang))
        own = self.understand(text, None)
        absent, asked = absent_measures(own)
        if absent and asked:  # "单位营收能耗": the quantity asked is one the store lacks
            return self._absent_metric(ctx, own)
        left = unused(own, reply, self.metric_names())
        if absent and not left:  # "营收和利润各多少": the held figure answered, the other named as missing
            sep = "、" if u.lang == "zh" else ", "
            note = msg("engine.parts.missing", u.lang, items=sep.join(absent))
            body, mark, data = reply.text.rpartition("\n\n数据：" if u.lang == "zh" else "\n\nData:")
            reply.text = f"{body}\n\n{note}{mark}{data}" if mark else f"{reply.text.rstrip()}\n\n{note}"
            return reply
        if not left:
            return reply
        sep = "、" if u.lang == "zh" else ", "
        return ctx.not_answerable(u, "no_data", msg("engine.incomplete", u.lang, items=sep.join(left)))

    def _whole(self, ctx: TurnContext, text: str, last: dict[str, Any] | None,
               shown: Shown) -> tuple[Understanding, Reply, Shown | None]:
        """A line's reply; when some pieces ask what the record lacks, the others answered and those named."""
        split = policy_parts.split_declined(text, self.find_units)
        if split is None:
            return self._pieces(ctx, text, last, shown, self._turn(ctx, text, last, shown))
        kept, declines = split
        u, reply, listed = self._turn(ctx, kept, last, shown)
        reply.text = "\n\n".join([reply.text, *declines])
        if reply.status != "answered":
            reply.status, reply.citations = "no_data", []
        return u, reply, listed

    def _pieces(self, ctx: TurnContext, text: str, last: dict[str, Any] | None, shown: Shown,
                whole: tuple[Understanding, Reply, Shown | None]) -> tuple[Understanding, Reply, Shown | None]:
        """A line of several questions not answered as a whole: each piece answered on its own, and the pieces
        nothing answers named, never dropped."""
        pieces = policy_parts.pieces(text)
        if whole[1].status == "answered" or len(pieces) < 2:
            return whole
        turns = [self._turn(ctx, piece, last, shown) for piece in pieces]
        answered = [t for t in turns if t[1].status == "answered"]
        if not answered:
            return whole
        reply = joined([t[1] for t in answered])
        missing = [piece for piece, t in zip(pieces, turns, strict=True) if t[1].status != "answered"]
        if missing:
            reply.text += "\n\n" + msg("engine.parts.missing", answered[0][0].lang, items="、".join(f"“{m}”" for m in missing))
        return answered[0][0], reply, answered[0][2]

    def _turn(self, ctx: TurnContext, text: str, last: dict[str, Any] | None,
              shown: Shown) -> tuple[Understanding, Reply, Shown | None]:
        """One question's understanding and reply: the policy readers first, then the composable reader, then the
        kind path. The third value is what the reply lists for the next turn, when a policy reader said so."""
        first = self.understand(text, last)
        if not first.entities:  # "这些数据是哪年的，是官方数吗": the store's own record
            from clusterbot.tools.store import snapshot

            about = about_data(snapshot(self.settings), first.lang, text)
            if about is not None:
                return first, about, None
        turn = policy_parts.answer(ctx, first, shown)
        if turn is not None:
            first.intent, first.followup = turn.intent, False
            first.units = turn.units or first.units
            return first, turn.reply, turn.shown
        first, composed = self._composed_turn(ctx, text, first, last)
        if composed is not None:
            return first, composed, None
        parts = compound(self, text, self.handled())
        if parts:  # two self-contained questions in one line (a figure, then a lead unit): each answered
            return parts[-1], joined([self._reply(ctx, part) for part in parts]), None
        reply = self._reply(ctx, first)
        late = policy_parts.last_resort(ctx, first) if reply.status != "answered" else None
        if late is not None:
            first.intent = late.intent
            return first, late.reply, late.shown
        return first, reply, None


    def _reply(self, ctx: TurnContext, u: Understanding) -> Reply:
        if u.intent == "help":
            meta = ctx.corpus.document().meta
            return Reply("answered", render(f"answer/help.{u.lang}", doc_title=meta.title,
                                            examples=examples(u.lang)))
        if not u.followup and is_bare_followup(u) and u.intent in (None, "profile", "search"):
            return ctx.not_answerable(u, "no_data", msg("engine.no_followup", u.lang))
        if u.slots.absent_metrics and not u.slots.metric and u.intent in ABSENT_METRIC_INTENTS:
            return self._absent_metric(ctx, u)
        if u.intent in ("profile", "compare") and off_topic(u):
            u.intent = "out_of_scope"
        unknown = unknown_measure(u) if u.intent == "profile" else None
        if unknown:  # the thing asked is no indicator of the store: say so, never a profile instead
            return self._absent_metric(ctx, u, [unknown])
        if u.intent == "money":
            return ctx.not_answerable(u, "no_data", msg("engine.no_amount", u.lang))
        if u.intent == "person":
            return ctx.not_answerable(u, "out_of_scope", msg("engine.person", u.lang))
        if u.intent == "enterprise_names":
            return ctx.not_answerable(u, "no_data", msg("engine.no_enterprise_names", u.lang))
        if u.intent == "other_province":
            return ctx.not_answerable(u, "out_of_scope", msg("engine.other_province", u.lang))
        if u.intent == "out_of_scope" or u.intent is None:
            key = "engine.injection" if u.injection else (
                "engine.out_of_scope" if u.intent == "out_of_scope" else "engine.not_understood")
            status = "out_of_scope" if u.intent == "out_of_scope" or u.injection else "no_data"
            return ctx.not_answerable(u, status, msg(key, u.lang))
        problem = self._district(ctx, u) or self._name_problem(ctx, u)
        if problem is not None:
            return problem
        # Words of the policy text are words of its targets: a question about the province's targets may use any.
        known = f"{self.names_text()}\n{corpus_text(ctx.corpus)}" if u.intent == "province" and not u.entities \
            else self.names_text()
        u.plan = build_plan(u, known)
        problem = self._unanswerable_part(ctx, u)
        if problem is not None:
            return problem
        reply = _handler(u)(ctx, u)
        cited = [ctx.corpus.clause(c.clause_id, c.doc_id) for c in reply.citations]
        missed = verify(u.plan, reply, self.metric_names(), [c.text for c in cited if c is not None])
        if missed is not None:  # the reply says something other than what was asked: decline instead
            return ctx.not_answerable(u, "no_data", msg("engine.unverified", u.lang, asked=missed))
        return data_answers.finish(ctx, u, reply)


def _handler(u: Understanding):
    """The kind's handler; a city has no gap of its own, so a gap question about one lists its counties."""
    if u.intent == "gap" and u.entities and u.entities[0].kind == "city":
        lacking = u.has("WITHOUT") or u.has("GAP_ASKED")
        return list_answers.without_threshold if lacking else list_answers.above_threshold
    return HANDLERS[u.intent or ""]
