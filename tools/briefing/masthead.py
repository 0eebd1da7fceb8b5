"""版头 and 版记 of a briefing: the options given, else the config file's [briefing] table, else defaults.

Config file (the one of --config or CLUSTERBOT_CONFIG):

    [clusterbot.briefing]
    title = "县域特色产业集群发展简报"
    issue = "第3期"
    issuer = "天长市发展和改革委员会"
    report_to = "滁州市发展和改革委员会"
    copy_to = "天长市人民政府"
    send_to = "各集群所在乡镇（园区）"

The defaults follow the place: a county's briefing comes from its 发展和改革委员会, goes up to the
city's and out to the county government, and so on.
"""

from __future__ import annotations

import datetime as dt

from clusterbot.config import Settings
from clusterbot.errors import InputError
from clusterbot.messages import msg
from clusterbot.tools.briefing.model import Masthead, TargetKind
from clusterbot.tools.models import EntityRef

FIELDS = ("title", "issue", "issuer", "report_to", "copy_to", "send_to")
MAX_CHARS = 60


def _defaults(kind: TargetKind, entity: EntityRef | None) -> dict[str, str]:
    county = (entity.county if entity is not None else None) or ""
    city = (entity.city if entity is not None else None) or ""
    place = {"county": county, "cluster": county, "city": city}.get(kind, "")
    key = "province" if kind == "province" else "city" if kind == "city" else "county"
    return {
        "title": msg("brief.masthead.title"),
        "issue": msg("brief.masthead.issue"),
        "issuer": msg(f"brief.masthead.issuer_{key}", place=place),
        "report_to": msg(f"brief.masthead.report_{key}", city=city),
        "copy_to": msg(f"brief.masthead.copy_{key}", place=place),
        "send_to": msg(f"brief.masthead.send_{key}"),
    }


def masthead(settings: Settings, kind: TargetKind, entity: EntityRef | None, today: dt.date,
             options: dict[str, str | None] | None = None) -> Masthead:
    """The 版头/版记 values; an option or a config value that is blank or too long is an InputError."""
    values = _defaults(kind, entity)
    configured = getattr(settings, "briefing", None) or {}
    for source in (configured, options or {}):
        for name in FIELDS:
            given = source.get(name)
            if given is None:
                continue
            text = str(given).strip()
            if not text or len(text) > MAX_CHARS or "\n" in text:
                raise InputError("brief.bad_masthead", field=msg(f"brief.masthead.field_{name}"), limit=MAX_CHARS)
            values[name] = text
    return Masthead(date=today, **values)
