"""Indicator store (DuckDB) and the typed tools the offline engine, the LLM agent and briefings call.

Public API (stable; every tool is ``tool(inp: InputModel, settings: Settings) -> OutputModel``):

Store (tools.store)
    ensure_store(settings, progress=None) -> Path
        Idempotent. A fresh settings.data_dir gets the migrations, reference data and the demo set.
        ``progress`` is an optional callable taking a Chinese status line. Returns the DuckDB path.
    snapshot(settings) -> Snapshot
        Cached per process and data dir; re-read only when an import replaced the file (one os.stat
        per call). Immutable: a caller that keeps one object sees one consistent version of the data.
        Snapshot has .counties, .clusters, .cities, .metrics, .thresholds, .series(cluster, metric),
        .value(cluster, metric, year), .figure(...), .years(metric), .data_vintage.

Data files (tools.dataio)
    import_file(settings, path) -> ImportReport      all-or-nothing; raises DataError listing every row problem
    export_dir(settings, out_dir) -> list[Path]      same long format (county,cluster,year,metric,value,unit,source,vintage)
    store_status(settings) -> StoreStatus

Tools (names as in tools.registry; inputs and outputs are pydantic models)
    resolve(ResolveInput(name, kinds=None, limit=5)) -> ResolveOutput
        status ok|ambiguous|not_found; match: EntityRef|None; candidates (ambiguous);
        suggestions (typos, exact=False, never used silently).
    find_mentions(text, settings) -> list[EntityRef]   (tools.entities; plain helper, longest match first)
    profile(ProfileInput(entity, year=None)) -> ProfileOutput
        latest: list[Figure]; history: list[Figure]; ranks: list[Rank]; clusters: list[ClusterBrief]; tier
    gap_to_target(GapInput(entity, threshold=100, target_year=2030, metric="revenue")) -> GapOutput
        latest: Figure|None, latest_year, gap, already_met, required_cagr, recent_cagr (3-year),
        recent_cagr_from_year, projected_year, target_year_passed, clause_id "2", threshold_label,
        basis (a county's largest cluster), clusters: list[ClusterGap] (every cluster of a county)
    province_progress(ProgressInput(year=None, target_year=None, indicator=None)) -> ProgressOutput
        items: list[ProgressItem] with indicator, clause_id ("2" or "2.table.N"), target_year,
        target_value|target_text, actual: Figure|None, previous, gap, expected,
        status met|on_track|off_track|rising|not_rising|no_data
    rank(RankInput(metric="revenue", year=None, n=10, order="desc", city=None, sector=None, level="cluster"))
    counties_below(CountiesBelowInput(threshold=100, year=None, city=None))
    crossings(CrossingInput(threshold=100, year=None, direction="up"))
    growth(GrowthInput(metric="revenue", year=None, n=10, order="desc", city=None, sector=None, entity=None))

    Every entity tool output starts with EntityLookup: status ok|ambiguous|not_found|no_data,
    entity: EntityRef|None, candidates, demo. Ratios (CAGR, growth) are fractions: 0.052 = 5.2 %.
    Every number is a Figure(metric, name, value, unit, year, entity, entity_kind, source, vintage,
    demo); Figure.to_fact() gives the bot.models.Fact of the answer contract. demo=True means the
    answer must say 示例数据（非官方统计）. Figure, EntityRef and ClusterBrief are frozen (shared,
    memoised per data version): copy with model_copy(update=...) instead of assigning fields.

Registry (tools.registry)
    all_tools() -> dict[str, ToolSpec]; ToolSpec(name, func, input_model, output_model, description)
    call(name, arguments: dict, settings) -> BaseModel
    A module registers a tool with the ``@tool`` decorator and is listed in registry.TOOL_MODULES.
"""
