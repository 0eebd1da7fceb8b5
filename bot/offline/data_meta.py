"""Questions about the indicator data itself: how recent it is, which years it covers, where it comes from and
whether it is official — answered from the store's own record, never from a guess."""

from __future__ import annotations

from clusterbot.bot.offline.reply import Reply
from clusterbot.lazy_regex import LazyPattern
from clusterbot.messages import msg
from clusterbot.models import Fact

# "数据是哪年的", "是统计局的官方数吗", "数据从哪来", "where does the data come from", "is it official"
ABOUT_DATA = LazyPattern(
    r"(?:指标|这些|你的|你这些?|这个|集群)?(?:数据|数字|数)(?:是|都是|来自|从|截至|截止|更新)?.{0,6}"
    r"(?:哪年|哪一年|什么时候|截至|截止|来源|从哪|哪来|哪里来|官方|统计局|真实|真的|准不准|可靠|示例|演示|版本|最新)"
    r"|(?:官方|统计局)(?:的)?(?:数据|数字|数)吗"
    r"|\b(?:the|your|this|these) (?:data|figures|numbers)\b.{0,30}\b(?:official|source|from|recent|as of|up to date|real"
    r"|demo|year)\b|\bwhere (?:does|do) (?:the|your|this|these) (?:data|figures|numbers) come from\b",
    flags=0)


def about_data(snap, lang: str, text: str) -> Reply | None:
    """The store's vintage, years, sources and whether its figures are demo data, for a question about the data;
    None for any other question."""
    if not ABOUT_DATA.search(text.lower() if lang == "en" else text):
        return None
    years = snap.years()
    values = [v for series in snap.current.values() for v in series.values()]
    if not years or not values:
        return None
    demo = all(v.demo for v in values)
    sources = sorted({v.source for v in values if not v.demo})
    vintage = max(v.vintage for v in values)
    key = "engine.data_about_demo" if demo else "engine.data_about"
    sep = "、" if lang == "zh" else ", "
    text_out = msg(key, lang, first=years[0], last=years[-1], vintage=vintage, sources=sep.join(sources))
    facts = [Fact(name="数据起始年份", value=years[0], unit="年", year=years[0], entity="全省", source="computed",
                  demo=demo),
             Fact(name="最新数据年份", value=years[-1], unit="年", year=years[-1], entity="全省", source="computed",
                  demo=demo)]
    return Reply("answered", text_out, facts=facts, data_vintage=vintage)
