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
    data_answers,
    list_answers,
    policy_answers,
    policy_parts,
    province_answers,
    reach_answers,
    referents,
)
from clusterbot.bot.offline.compose import compose
from clusterbot.bot.offline.corpus_words import corpus_text, correct_typos
from clusterbot.bot.offline.normalize import normalize as normalize_text
from clusterbot.bot.offline.parse import COURTESY, Reading, read
from clusterbot.bot.offline.plan import build_plan
from clusterbot.bot.offline.query import EntityName, Query, Time
from clusterbot.bot.offline.referents import Shown
from clusterbot.bot.offline.registry import foreign_measures, has, registry
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.script import to_simplified
from clusterbot.bot.offline.slots import extract, vocab
from clusterbot.bot.offline.understand import Understanding, understand
from clusterbot.bot.offline.verify import lead_problem, ungrounded, verify
from clusterbot.config import Settings
from clusterbot.messages import msg
from clusterbot.models import Answer, Question, ToolCall
from clusterbot.templates import render
from clusterbot.tools.models import EntityRef

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

NAME_LIKE = re.compile(r"([\u4e00-\u9fff]{1,4}?(?:县|市))(?!场|域|级|委|政府|民|面|值|区|县|州)")
NOT_A_NAME = re.compile(r"^(各|哪|每|全|本|该|城|县|市|省|多|几|个|些|的|有|没|和|与|在|是|年|对|为|要|设区|地级|所辖|所在|其|这|那|还|都|"
                        r"我们|咱们|俺们|我|咱|俺|你们)"
                        r"|全国|每个|年|对")
INDUSTRY_PHRASE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:产业)?集群")
NOT_AN_INDUSTRY = re.compile(r"百亿|千亿|亿|特色|县域|制造业|全省|省级|各|哪|这|该|所有|每|的|有|个|级|目标|营业|收入")
NEEDS_ONE_ENTITY = ("gap", "profile", "compare")
LEADING_NAME = re.compile(r"^([\u4e00-\u9fff]{2,3}?)(?=离|到|距|差|的|多少|营收|集群|还差|现在|目前)")
NOT_PLACES = {"全省", "省里", "我省", "本省", "安徽", "全市", "全县", "我市", "我县", "本市", "本县", "文件", "政策", "目标",
              "集群", "我们", "今年", "去年", "明年", "现在", "目前", "全国", "总共", "一共", "平均"}
# Kinds answered from the indicator store or the province targets: every content word they are asked must be
# one they can answer.
DATA_KINDS = ("gap", "profile", "compare", "rank", "above_threshold", "without_threshold", "crossed", "growth",
              "province", "race", "nearest", "city_totals", "history", "pace")
DISTRICT_AFTER_CITY = re.compile(r"^(?:市)?([\u4e00-\u9fff]{2,3}?区)(?!域|别|分)")
ORDINAL = re.compile(r"第\s*(\d{1,2})\s*(?:个|名|位|家|条|项)?(?!\s*年)|(?:the\s+)?(\d)(?:st|nd|rd|th)\s+one", re.I)
POINTER = re.compile(r"(?<!其)它|该集群|这个集群|那个集群|这家|该县|这个县|\bit\b|\bits\b|this cluster|that cluster", re.I)
BOTH = re.compile(r"(?:这|那)?(?:两|俩|2)(?:个|家|市|县|地|者)?(?:集群|城市|地方)?(?:加|合|一共|总共|相比|比|差|哪|谁|谁|各|分别|都)|"
                  r"二者|两者|俩|\bboth\b|\bthe two\b|\bthem\b", re.I)
AMONG = re.compile(r"^(?:那)?(?:其中|这些|这几个|那几个|它们|里面|当中|这里面)|among (?:them|these|those)|of (?:them|these)",
                   re.I)
LISTING_OPS = ("argmax", "argmin", "count", "city_rank")
FOLLOWUP_TAIL = re.compile(r"(呢|怎么样|如何|情况)[？?。.！!]*\s*$|^(what|how) about", re.IGNORECASE)
STANDALONE = ("help", "out_of_scope", "person", "money", "enterprise_names", "document", "other_province")
POLICY_INTENTS = ("who_leads", "unit_tasks", "clause", "task_content", "definition", "abbreviation", "search")
ABSENT_METRIC_INTENTS = (None, "search", "profile", "rank", "compare", "growth")

def examples(lang: str) -> list[str]:
    """Questions shown as suggestions (prompts/messages engine.examples, separated by |)."""
    return msg("engine.examples", lang).split("|")


class TurnContext:
    """What one turn's handlers share: the sources, the tool-call record, helpers for replies."""

    def __init__(self, engine: OfflineEngine, question: Question) -> None:
        self.engine = engine
        self.settings = engine.settings
        self.corpus = engine.corpus()
        self.question = question
        self.tool_calls: list[ToolCall] = []
        self.conversation: dict[str, Any] = {}
        self.composed: Reply | None = None  # the composable reader's reply this turn, and its reading
        self.reading: Reading | None = None

    def call(self, tool_name: str, **arguments: Any):
        from clusterbot.tools.registry import call

        self.tool_calls.append(ToolCall(name=tool_name, arguments=arguments))
        return call(tool_name, arguments, self.settings)

    def search(self, query: str, k: int = 5):
        from clusterbot.retrieval.search import search

        return search(self.settings, query, k=k)

    def not_answerable(self, u: Understanding, status: str, reason: str) -> Reply:
        suggestions = examples(u.lang)[:3]
        text = render(f"answer/not_answerable.{u.lang}", reason=reason, suggestions=suggestions)
        return Reply(status, text, suggestions=suggestions)


class OfflineEngine:
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

        found = find_mentions(text, self.settings)
        if any(e.kind == "cluster" for e in found):
            return found
        lowered = text.lower()
        # "the Shucheng electronic information cluster": the industry in the cluster names' own words
        extra = [zh for en, zh in vocab()["english_industries"].items() if re.search(rf"\b{re.escape(en)}", lowered)]
        # "蒙城汽配": the industry as the cluster names write it (汽车零部件)
        extra += [full for short, full in vocab()["industry_synonyms"].items() if short in text and full not in text]
        return find_mentions(" ".join([text, *dict.fromkeys(extra)]), self.settings) if extra else found

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
        if u.followup or u.intent in ("help", "out_of_scope"):
            return u
        section = self._section(u.text)
        if section is not None and u.slots.clause_ref and u.slots.clause_ref.startswith(f"{section}."):
            section = None  # "第三部分主要任务里，第（四）项第2条": the heading only locates the clause asked for
        if section is not None and u.intent in (None, "task_content", "who_leads", "definition", "clause", "province"):
            u.intent, u.slots.clause_ref = "clause", section
        elif u.intent is None and not u.entities and u.lang == "zh":
            u.intent = "search"
        return u

    def _compound(self, text: str) -> list[Understanding] | None:
        """Two self-contained questions typed in one line, each understood on its own, or None.

        Split only where a space or a full stop separates two Chinese pieces that each name their own subject (a
        place, a task, a unit, a clause or a term) and ask different things; "天长营收多少？离百亿还差多少？" stays
        one question, since its second half leans on the first.
        """
        pieces = [p for p in re.split(r"[？?。；;！!]\s*|\s+", text.strip()) if p]
        if len(pieces) != 2 or not all(len(p) >= 4 and re.search(r"[\u4e00-\u9fff]", p) for p in pieces):
            return None
        if not all(has(p, "ASKING") for p in pieces):
            return None  # a bare name before the question is its subject, not a question of its own
        understood = [self.understand(p, None) for p in pieces]
        for part in understood:
            has_subject = part.entities or part.units or part.slots.tasks or part.slots.clause_ref or part.slots.term
            if part.intent not in HANDLERS or part.intent == "search" or not has_subject:
                return None
        first, second = understood
        if (first.units and (second.slots.tasks or second.slots.clause_ref)) or \
                (second.units and (first.slots.tasks or first.slots.clause_ref)) or has(pieces[1], "LEANS_BACK"):
            return None  # "…属于哪项任务？省市场监管局在里面是什么角色？": the unit's part in that task
        same_subject = ([e.name for e in first.entities] == [e.name for e in second.entities]
                        and first.slots.tasks == second.slots.tasks and first.units == second.units)
        if first.intent == second.intent and same_subject:
            return None
        return understood

    def _section(self, text: str) -> str | None:
        """A section of the policy named by its heading (总体要求, 集群数字化改造行动 …)."""
        for clause in self.corpus().clauses():
            if clause.kind not in ("section", "subsection") or not clause.title:
                continue
            title = re.sub(r"[“”\"]", "", clause.title)
            variants = {title, title.removeprefix("实施"), title.removeprefix("实施集群")}
            if any(len(v) >= 4 and v in text for v in variants):
                return clause.clause_id
        return None

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
        conversation = {**conversation, "last_digest": digest, "shown": referents.carry(shown, now).dump()}
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
        return out

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
        reply = _joined([t[1] for t in answered])
        missing = [piece for piece, t in zip(pieces, turns, strict=True) if t[1].status != "answered"]
        if missing:
            reply.text += "\n\n" + msg("engine.parts.missing", answered[0][0].lang, items="、".join(f"“{m}”" for m in missing))
        return answered[0][0], reply, answered[0][2]

    def _turn(self, ctx: TurnContext, text: str, last: dict[str, Any] | None,
              shown: Shown) -> tuple[Understanding, Reply, Shown | None]:
        """One question's understanding and reply: the policy readers first, then the composable reader, then the
        kind path. The third value is what the reply lists for the next turn, when a policy reader said so."""
        first = self.understand(text, last)
        turn = policy_parts.answer(ctx, first, shown)
        if turn is not None:
            first.intent, first.followup = turn.intent, False
            first.units = turn.units or first.units
            return first, turn.reply, turn.shown
        first, composed = self._composed_turn(ctx, text, first, last)
        if composed is not None:
            return first, composed, None
        parts = self._compound(text)
        if parts:  # two self-contained questions in one line (a figure, then a lead unit): each answered
            return parts[-1], _joined([self._reply(ctx, part) for part in parts]), None
        return first, self._reply(ctx, first), None

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
        pointed = self._pointed(first.text, conversation) if last else None
        if pointed:  # "它", "第二个", "这个集群": what the last answer listed, read with this turn's question
            again = self.understand(text, None)
            again.entities, again.followup = pointed, True
            reading = self.read_parts(again)
            if reading is not None:
                first = again
            elif ORDINAL.search(first.text) and len(pointed) == 1:  # the one referent, for the kind path too
                first.entities = pointed
                if first.intent == "compare":
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
        ordinal = ORDINAL.search(text)
        pool = listed or named
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
        if AMONG.search(text) and sum(1 for ref in pool if ref.get("kind") == "cluster") >= 2:
            return [EntityRef(**ref) for ref in pool if ref.get("kind") == "cluster"]  # "其中…最快的": those listed
        both = BOTH.search(text)
        if both:  # "两个集群加起来", "俩市差多少", "both of them": the first two of the kind named
            word = both.group(0)
            kind = "cluster" if "集群" in word else "city" if "市" in word else "county" if "县" in word else None
            of_kind = [ref for ref in pool if kind is None or ref.get("kind") == kind]
            if kind == "city" and len(of_kind) < 2:  # 俩市 may be two county-level cities
                of_kind = [ref for ref in pool if ref.get("kind") in ("city", "county")]
            if len(of_kind) >= 2:
                return [EntityRef(**ref) for ref in of_kind[:2]]
        if POINTER.search(text) and pool:
            return [EntityRef(**pool[0])]
        return None

    def _parts_followup(self, text: str, last_query: dict[str, Any]) -> Reading | None:
        """"那X呢" after a composed answer: the same parts with the place (or the year) replaced."""
        if len(text) > 16 or not FOLLOWUP_TAIL.search(text):
            return None
        query = Query.model_validate(last_query)
        found = [e for e in self.find_entities(text) if e.kind in ("county", "city", "cluster")]
        years = extract(normalize_text(text)).years
        from clusterbot.tools.store import snapshot

        held = snapshot(self.settings).years()
        ordinal = ORDINAL.search(normalize_text(text))
        if ordinal and not found and not years and query.parts and all(p.op in ("argmax", "argmin", "city_rank")
                                                                       for p in query.parts):
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

    def _reply(self, ctx: TurnContext, u: Understanding) -> Reply:
        if u.intent == "help":
            meta = ctx.corpus.document().meta
            return Reply("answered", render(f"answer/help.{u.lang}", doc_title=meta.title,
                                            examples=examples(u.lang)))
        if not u.followup and _is_bare_followup(u) and u.intent in (None, "profile", "search"):
            return ctx.not_answerable(u, "no_data", msg("engine.no_followup", u.lang))
        if u.slots.absent_metrics and not u.slots.metric and u.intent in ABSENT_METRIC_INTENTS:
            return self._absent_metric(ctx, u)
        if u.intent in ("profile", "compare") and _off_topic(u):
            u.intent = "out_of_scope"
        unknown = _unknown_measure(u) if u.intent == "profile" else None
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

    def lead_problem(self, question: Question, conversation: dict[str, Any], text: str) -> str | None:
        """The indicator asked that an answer written elsewhere (LLM mode) does not lead with, by this engine's plan.

        Only the indicator: a model's reply may leave out the place the asker just named ("还差5.8亿元").
        """
        if self._compound(question.text):
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
        missing = [slot for slot in kind.requires if not _slot_filled(u, slot)]
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
        if u.entities or not u.has("DISTRICT"):
            return None
        for start, end in u.cues["DISTRICT"]:
            name = u.text[start:end]
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


def _joined(replies: list[Reply]) -> Reply:
    """One reply for the parts of a compound question: texts in order, one data note, sources merged."""
    notes: list[str] = []
    texts = []
    for reply in replies:
        lines = reply.text.strip().split("\n")
        kept = [line for line in lines if not line.startswith(("数据：", "Data:"))]
        notes += [line for line in lines if line.startswith(("数据：", "Data:")) and line not in notes]
        texts.append("\n".join(kept).strip())
    citations = list({(c.doc_id, c.clause_id): c for r in replies for c in r.citations}.values())
    answered = [r for r in replies if r.status == "answered"]
    return Reply(
        status="answered" if answered else replies[0].status,
        text="\n\n".join([*texts, *notes]),
        citations=citations,
        facts=[f for r in replies for f in r.facts],
        tool_calls=[t for r in replies for t in r.tool_calls],
        data_vintage=next((r.data_vintage for r in replies if r.data_vintage), None),
    )


def _off_topic(u: Understanding) -> bool:
    """A place name inside a question about something else (trains, prices): nothing here to answer."""
    if u.slots.metric or u.slots.absent_metrics or u.has("GROWTH"):
        return False  # "广德PCB高企多几家", "…增速多少": an indicator (or its growth), even one the store lacks
    rest = u.text
    for e in u.entities:
        rest = rest.replace(e.matched or e.name, "")
    words = re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", rest)
    return len(words) > 6 and not has(rest, "DOMAIN")


# The noun a question asks a quantity of (多少税, 几个游客) or a follow-up names (那利润呢).
ASKED_NOUN = re.compile(r"(?:多少|几)(?:个|家|项|名|位|笔|亿元?|万元?|万)?(?P<a>[\u4e00-\u9fff]{1,4}?)(?:呢|吗|啊|呀|[？?。]|$)"
                        r"|^(?:那|那么|还有)(?P<b>[\u4e00-\u9fff]{1,4}?)(?:呢|[？?]|$)")
NOT_MEASURES = re.compile(r"^(年|钱|次|倍|名|位|个|家|项|亿|万|集群|产业|情况|数据|指标|内容|方面|人|县|市|呢|了)")


def _unknown_measure(u: Understanding) -> str | None:
    """The thing a profile-bound question asks a quantity of, when no indicator of the store is that thing."""
    own = extract(normalize_text(u.raw))
    if own.metric or own.threshold is not None or own.years and not ASKED_NOUN.search(u.text):
        return None
    found = ASKED_NOUN.search(u.text)
    if not found:
        return None
    noun = found.group("a") or found.group("b") or ""
    if not noun or NOT_MEASURES.match(noun) or any(noun in (e.matched or e.name) for e in u.entities):
        return None
    words = [str(w) for ws in vocab()["metrics"].values() for w in ws]
    if any(noun in w or w in noun for w in words):
        return None
    return noun


def _handler(u: Understanding):
    """The kind's handler; a city has no gap of its own, so a gap question about one lists its counties."""
    if u.intent == "gap" and u.entities and u.entities[0].kind == "city":
        lacking = u.has("WITHOUT") or u.has("GAP_ASKED")
        return list_answers.without_threshold if lacking else list_answers.above_threshold
    return HANDLERS[u.intent or ""]


def _slot_filled(u: Understanding, slot: str) -> bool:
    value = {"entities": u.entities, "units": u.units, "term": u.slots.term, "clause_ref": u.slots.clause_ref,
             "tasks": u.slots.tasks}.get(slot)
    return bool(value)


def _is_bare_followup(u: Understanding) -> bool:
    return u.has("FOLLOWUP")
