"""The question plan, the kind registry, declines, verify and follow-up resolution, in wordings of their own."""

from __future__ import annotations

import random
import re
import shutil

import pytest

from clusterbot.bot.core import Assistant
from clusterbot.bot.offline import registry as registry_module
from clusterbot.bot.offline.engine import HANDLERS
from clusterbot.bot.offline.normalize import normalize
from clusterbot.bot.offline.plan import QuestionPlan
from clusterbot.bot.offline.registry import choose, registry
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.slots import extract
from clusterbot.bot.offline.verify import verify
from clusterbot.models import Fact, Question
from clusterbot.tools.models import EntityRef

DECLINE_KINDS = {"out_of_scope", "other_province", "money", "person", "enterprise_names", "help"}


@pytest.fixture(scope="module")
def assistant(template_data_dir, tmp_path_factory):
    from clusterbot.config import load_settings

    data_dir = tmp_path_factory.mktemp("plan") / "data"
    shutil.copytree(template_data_dir, data_dir)
    return Assistant(load_settings(data_dir=data_dir))


def ask(assistant, text, thread=None):
    return assistant.answer(Question(text=text, channel="test", user="u1", thread=thread or text))


def has_digits(text: str) -> bool:
    return bool(re.search(r"\d", text.split("可以这样问")[0]))


# ---------------------------------------------------------------- the registry


def test_every_registered_kind_has_a_handler_and_templates():
    from clusterbot.paths import PROMPTS_DIR

    for name, kind in registry().kinds.items():
        assert name in HANDLERS or name in DECLINE_KINDS, name
        assert kind.template, name
        for template in [kind.template] if isinstance(kind.template, str) else kind.template:
            for lang in ("zh", "en"):
                assert (PROMPTS_DIR / "templates" / "answer" / f"{template}.{lang}.j2").is_file(), template


def test_each_kinds_examples_are_chosen_as_that_kind(assistant):
    engine = assistant_engine(assistant)
    for name, kind in registry().kinds.items():
        for example in kind.examples:
            assert engine.understand(example, None).intent == name, example


def test_the_choice_does_not_depend_on_the_order_of_the_registry(assistant, monkeypatch):
    engine = assistant_engine(assistant)
    questions = [example for kind in registry().kinds.values() for example in kind.examples]
    before = [engine.understand(q, None).intent for q in questions]
    shuffled = registry().model_copy()
    items = list(shuffled.kinds.items())
    random.Random(7).shuffle(items)
    shuffled.kinds = dict(items)
    monkeypatch.setattr(registry_module, "registry", lambda: shuffled)
    assert [engine.understand(q, None).intent for q in questions] == before


def test_a_bare_policy_tier_after_a_verb_of_reaching_is_a_level():
    assert extract(normalize("桐城后年能冲到300吗")).threshold == 300.0
    assert extract(normalize("广德过500没有")).threshold == 500.0
    assert extract(normalize("到2030年")).threshold is None


def test_which_n_sets_the_list_size_and_lowest_sets_the_order():
    slots = extract(normalize("哪四个集群的营收最低"))
    assert slots.top_n == 4 and slots.ascending


def test_a_candidate_needs_every_condition_of_its_rule():
    slots = extract(normalize("营收增速最快的三个集群"))
    kind, scores = choose(normalize("营收增速最快的三个集群"), slots, [], [])
    assert kind == "growth" and "gap" not in scores


# ---------------------------------------------------------------- declines instead of a nearby answer


@pytest.mark.parametrize("text, word", [
    ("宁国的招商引资政策文件汇编发我一份", "汇编"),
    ("怀远集群的亩产效益排在全省第几", "亩产效益"),
])
def test_asked_content_nothing_explains_is_declined_with_what_can_be_asked(assistant, text, word):
    answer = ask(assistant, text)
    assert answer.status == "no_data" and not answer.facts and word in answer.answer
    assert "可以问" in answer.answer


@pytest.mark.parametrize("text, word", [
    ("桐城集群的出口退税额有多少", "退税"),  # glued to an indicator word: another measure
    ("濉溪集群二季度营收多少", "二季度"),  # a period the store does not hold
    ("天长集群的考核细则是什么", "考核细则"),  # named before a copula and a question word
])
def test_an_unexplained_word_where_the_measure_goes_is_declined(assistant, text, word):
    answer = ask(assistant, text)
    assert answer.status == "no_data" and not answer.facts and word in answer.answer


def test_an_unexplained_word_of_context_does_not_block_the_answer(assistant):
    answer = ask(assistant, "处长想了解广德电子电路集群的高新技术企业有多少家")
    assert answer.status == "answered" and "187" in answer.answer and "处长" not in answer.answer


def test_a_person_is_not_in_the_data(assistant):
    answer = ask(assistant, "广德市的市长是谁？")
    assert answer.status == "out_of_scope" and answer.intent == "person" and not answer.facts


def test_a_city_district_is_named_as_not_a_county(assistant):
    answer = ask(assistant, "瑶海区有几个特色集群")
    assert answer.status == "no_data" and "瑶海区" in answer.answer and "市辖区" in answer.answer


def test_enterprise_names_are_not_listed(assistant):
    answer = ask(assistant, "无为电线电缆集群里都有哪些企业，列个名单")
    assert answer.status == "no_data" and not answer.facts and not has_digits(answer.answer)


def test_a_comparison_with_an_average_is_declined_not_ranked(assistant):
    answer = ask(assistant, "营收低于各集群平均值的有哪些")
    assert answer.status == "no_data" and "平均" in answer.answer and not answer.facts


def test_a_share_of_the_national_market_for_one_cluster_gets_no_number(assistant):
    answer = ask(assistant, "广德电子电路集群的市场占有率有多高")
    assert answer.status == "no_data" and not answer.facts


# ---------------------------------------------------------------- verify


def _plan(**values) -> QuestionPlan:
    ref = EntityRef(kind="county", name="桐城市", county="桐城市", city="安庆市", short_name="桐城")
    return QuestionPlan(**{"kind": "profile", "entities": [ref], "text": "桐城的研发强度", **values})


def _fact(value, name="营业收入", unit="亿元"):
    return Fact(name=name, value=value, unit=unit, year=2025, entity="桐城市", source="demo")


def test_verify_rejects_a_lead_about_another_indicator():
    reply = Reply("answered", "**桐城市** 2025 年集群营业收入 **273 亿元**。", facts=[_fact(273)])
    assert verify(_plan(metric="rd_intensity"), reply, {"rd_intensity": "研发投入强度"}) == "研发投入强度"
    led = Reply("answered", "**桐城市** 2025 年研发投入强度 **1.97%**。", facts=[_fact(1.97, "研发投入强度", "%")])
    assert verify(_plan(metric="rd_intensity"), led, {"rd_intensity": "研发投入强度"}) is None


def test_verify_rejects_a_lead_about_another_place_and_an_ungrounded_number():
    other = Reply("answered", "**宁国市** 2025 年集群营业收入 480.3 亿元。", facts=[_fact(480.3)])
    assert verify(_plan(), other, {}) == "桐城市"
    invented = Reply("answered", "**桐城市** 2025 年集群营业收入 999.9 亿元。", facts=[_fact(273)])
    assert verify(_plan(), invented, {}) is not None


def test_the_asked_indicator_leads_a_place_answer(assistant):
    answer = ask(assistant, "宁国专精特新企业有几家")
    assert answer.status == "answered"
    assert "专精特新" in answer.answer.splitlines()[0] and "宁国市" in answer.answer.splitlines()[0]


# ---------------------------------------------------------------- new kinds


def test_which_of_two_reaches_a_level_first_gives_both_years(assistant):
    answer = ask(assistant, "凤阳和无为哪个先突破五百亿？")
    assert answer.intent == "race" and answer.status == "answered"
    years = [f for f in answer.facts if f.name == "达到年份"]
    assert len(years) == 2 and ("先达到" in answer.answer or "同一年" in answer.answer) and "不是预测" in answer.answer
    first = min(years, key=lambda f: f.value)
    assert f"{int(first.value)} 年" in answer.answer


def test_the_closest_below_a_level_are_sorted_by_the_gap(assistant):
    answer = ask(assistant, "最接近五百亿级的两个集群是哪两个")
    gaps = [f.value for f in answer.facts if f.name == "差额"]
    assert answer.intent == "nearest" and len(gaps) == 2 and gaps == sorted(gaps) and all(g > 0 for g in gaps)


def test_counts_by_city_add_up_to_the_province(assistant):
    answer = ask(assistant, "16个市各有多少个集群")
    counts = [f.value for f in answer.facts if f.name == "集群个数"]
    province = ask(assistant, "全省集群营收排名前100")
    assert answer.intent == "city_totals" and sum(counts) == len(province.facts) - 2


def test_totals_by_city_are_sums_of_their_clusters(assistant):
    answer = ask(assistant, "把各地市集群营收汇总排个序")
    totals = [f for f in answer.facts if f.unit == "亿元"]
    province = ask(assistant, "全省集群营收合计多少")
    whole = next(f.value for f in province.facts if f.name == "全省集群营业收入合计" and f.year == totals[0].year)
    assert answer.status == "answered" and len(totals) == 16 and "1. 合肥市" in answer.answer
    assert abs(sum(f.value for f in totals) - whole) < 0.5


def test_the_document_record(assistant):
    answer = ask(assistant, "这份指导意见的发文机关和成文日期")
    assert answer.intent == "document" and "安徽省人民政府办公厅" in answer.answer and "2024-08-16" in answer.answer


def test_the_province_revenue_gap_is_exact_in_yi(assistant):
    answer = ask(assistant, "全省集群营业收入总规模目标进度如何")
    yi = [f for f in answer.facts if f.unit == "亿元" and "差距" in f.name]
    assert yi and all(round(f.value, 1) == f.value for f in yi)
    assert any(f.value % 100 for f in yi)  # not a multiple of 0.01万亿


# ---------------------------------------------------------------- follow-ups


def test_a_unit_pronoun_lists_its_led_or_supported_tasks(assistant):
    ask(assistant, "省科技厅负责哪些任务", thread="unit")
    supported = ask(assistant, "这个部门配合的呢", thread="unit")
    led = ask(assistant, "它牵头的还有哪些", thread="unit")
    assert supported.intent == led.intent == "unit_tasks"
    assert "作为配合单位" in supported.answer and "牵头" not in supported.answer.split("作为配合单位")[0]
    assert "配合单位参与" not in led.answer and "牵头" in led.answer


def test_the_lead_unit_of_a_task_becomes_the_pronoun(assistant):
    ask(assistant, "区域公共品牌由谁牵头", thread="brand")
    answer = ask(assistant, "它还配合哪些任务", thread="brand")
    assert answer.intent == "unit_tasks" and "各市、县人民政府" in answer.answer


def test_a_place_after_a_list_gets_its_own_answer(assistant):
    listed = ask(assistant, "规上企业最多的前4个集群", thread="list")
    place = ask(assistant, "那潜山呢", thread="list")
    assert place.answer != listed.answer and place.intent == "profile" and "潜山市" in place.answer


def test_the_pace_just_shown_and_the_latest_years_pace(assistant):
    ask(assistant, "凤阳距千亿还差多少", thread="pace")
    default = ask(assistant, "照此速度哪一年能到", thread="pace")
    latest = ask(assistant, "那按去年的增速呢", thread="pace")
    assert default.intent == latest.intent == "pace"
    assert "近三年年均增速" in default.answer and "未说明" not in latest.answer
    assert default.answer != latest.answer


def test_earlier_years_of_the_same_series(assistant):
    ask(assistant, "颍上集群营收多少", thread="hist")
    answer = ask(assistant, "往年呢", thread="hist")
    years = sorted(f.year for f in answer.facts if f.name == "营业收入")
    assert answer.intent == "history" and years[0] < years[-1] and len(years) >= 5


def test_a_province_targets_yearly_pace(assistant):
    ask(assistant, "2027年全省集群营收目标是多少", thread="py")
    answer = ask(assistant, "那每年要增加多少", thread="py")
    assert answer.status == "answered" and any("年均需增加" in f.name for f in answer.facts)


def assistant_engine(assistant):
    from clusterbot.bot.offline.engine import OfflineEngine

    return OfflineEngine.shared(assistant.settings)


def test_two_places_compared_by_growth_not_by_size(assistant):
    answer = ask(assistant, "长丰和肥西哪个的营收涨得更快")
    rates = [f for f in answer.facts if f.name.endswith("增速") and f.unit == "%"]
    assert answer.intent == "compare" and len(rates) == 2 and "增长更快" in answer.answer
    faster = max(rates, key=lambda f: f.value)
    assert re.search(rf"{re.escape(faster.entity)}增长更快，高 [\d.]+ 个百分点", answer.answer)


def test_a_ranking_inside_one_county_lists_its_own_clusters(assistant):
    answer = ask(assistant, "天长的几个集群里营收最高的是哪个")
    assert answer.status == "answered" and answer.facts
    assert all(f.entity.startswith("天长市") for f in answer.facts)


def test_a_growth_list_names_the_indicator_asked(assistant):
    answer = ask(assistant, "高新技术企业数增长最快的三个集群")
    assert answer.intent == "growth" and "高新技术企业数" in answer.answer.splitlines()[0]


# ---------------------------------------------------------------- levels, units, province paces (own wording)


@pytest.mark.parametrize("text, level", [
    ("无为离五百还有多远", 500.0), ("颍上破百了没", 100.0), ("凤阳 500 还差？", 500.0), ("桐城差300多少", 300.0),
    ("广德要在2030年到500 年均要涨多少", 500.0),
])
def test_tiers_written_without_yi(text, level):
    assert extract(normalize(text)).threshold == level


def test_an_indicator_named_with_a_tier_word_is_not_a_level():
    slots = extract(normalize("长丰汽车零部件有几家百亿级重点企业"))
    assert slots.threshold is None and slots.metric == "key_enterprises_100yi"


@pytest.mark.parametrize("text", ["给我拟一篇集群工作的讲话稿", "起草一份桐城集群的汇报材料"])
def test_drafting_is_out_of_scope(assistant, text):
    answer = ask(assistant, text)
    assert answer.status == "out_of_scope" and not answer.facts


def test_a_zone_next_to_a_place_is_not_that_place(assistant):
    answer = ask(assistant, "芜湖经开区的集群有多少营收")
    assert answer.status == "no_data" and "经开区" in answer.answer and not answer.facts


def test_asking_what_a_unit_leads_lists_only_what_it_leads(assistant):
    answer = ask(assistant, "商务厅牵头的是哪几条")
    assert answer.intent == "unit_tasks" and "配合单位参与" not in answer.answer
    both = ask(assistant, "商务厅牵头哪几项，配合哪几项")
    assert "配合单位参与" in both.answer


def test_support_list_follows_a_lead_list_of_the_same_unit(assistant):
    ask(assistant, "省商务厅牵头干哪些", thread="sup")
    answer = ask(assistant, "配合的有哪些", thread="sup")
    assert answer.intent == "unit_tasks" and "作为配合单位" in answer.answer


def test_a_pace_between_two_figures_the_asker_gives(assistant):
    answer = ask(assistant, "专精特新企业从24年的1000家到27年的1300家，平均每年要增加多少家")
    step = [f for f in answer.facts if f.name == "平均每年需增加"]
    assert answer.status == "answered" and step and step[0].value == 100.0


def test_a_clusters_in_a_tier_count_names_them(assistant):
    answer = ask(assistant, "全省千亿级集群的目标现在完成几个了")
    assert answer.status == "answered" and "长丰县汽车零部件" in answer.answer


def test_a_city_total_and_its_largest_county(assistant):
    answer = ask(assistant, "合肥集群营收加起来多少，哪个县最高")
    assert answer.status == "answered" and "合计" in answer.answer.splitlines()[0]
    assert "长丰县" in answer.answer


def test_gdp_is_out_of_scope_unless_asked_of_clusters(assistant):
    assert ask(assistant, "安徽今年地区生产总值多少").status == "out_of_scope"
    against = ask(assistant, "哪些集群的增速高于全省GDP增速")
    assert against.status == "no_data" and not against.facts
