"""Where to train for a job, from public data: colleges and their programs (NCES IPEDS 2024-25), the
CIP 2020 -> SOC 2018 crosswalk, what graduates earned (College Scorecard field of study) and the DOL
list of apprenticeable occupations (2019).

Each reader checks its file the way ../shared/data/*/PROVENANCE.md describes it (dictionary
frequencies, the completions grand-total identity, crosswalk coverage, duplicate keys) and fails
with one :class:`BuildError` line naming the file, so a wrong or newer file never slips into data/.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd

from explorer.build.sources import BuildError, read_table
from explorer.i18n import N_

HD_FILE = "hd2024.csv"
HD_DICT = "hd_dict_2024.xlsx"
COMPLETIONS_FILE = "c2024_a.parquet"
COMPLETIONS_DICT = "C2024_A_Dict.zip"
CROSSWALK_FILE = "CIP2020_SOC2018_Crosswalk.xlsx"
CIP_FILE = "CIPCode2020.csv"
SCORECARD_FILE = "value_check.parquet"
RAPIDS_FILE = "rapids_occupations_2019.csv"
PROGRAM_INPUTS = (HD_FILE, HD_DICT, COMPLETIONS_FILE, COMPLETIONS_DICT, CROSSWALK_FILE, CIP_FILE)

GRAND_TOTAL = "99"  # the CIPCODE of each institution x award level's total row
NO_MATCH_SOC = "99-9999"
# Award levels of programs a student can enter (IPEDS AWLEVEL); the totals (1, 12-15) are left out.
AWARD_LEVELS = (20, 21, 2, 4, 3, 5, 6, 7, 8, 17, 18, 19)
# College Scorecard credential level of each IPEDS award level (field-of-study file, credential_level):
# how explorer.training finds the Scorecard figure of a program the build kept.
SCORECARD_LEVEL = {20: 1, 21: 1, 2: 1, 4: 1, 3: 2, 5: 3, 6: 4, 7: 5, 8: 8, 17: 6, 19: 6, 18: 7}
# The Scorecard extract's official columns (PROVENANCE: the others were computed by the extract's author).
# The credit the extract's CC BY 4.0 license asks for, wherever a figure from it is shown.
SCORECARD_CREDIT = N_("College Scorecard, U.S. Department of Education (June 2026 release), extract by Truewise "
                      "(truewise.dev), CC BY 4.0")
SCORECARD_COLUMNS = ["unitid", "opeid6", "cip_code", "credential_level", "earnings_median_1yr",
                     "earnings_median_4yr", "debt_median"]


def _excel(path: Path, sheet: str, columns: list[str], what: str) -> pd.DataFrame:
    if not path.is_file():
        raise BuildError(f"missing source file: {path} (expected {what})")
    try:
        frame = pd.read_excel(path, sheet_name=sheet, dtype=str)
    except ValueError as exc:  # no such sheet, or not a workbook
        raise BuildError(f"{path}: cannot read sheet {sheet!r} ({exc}); expected {what}") from exc
    except Exception as exc:  # openpyxl raises several types for a file that is not a workbook
        raise BuildError(f"{path}: not an Excel workbook ({type(exc).__name__}); expected {what}") from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise BuildError(f"{path}: sheet {sheet!r} lacks column(s) {missing}; expected {what}")
    return frame


def _parquet(path: Path, columns: list[str], what: str) -> pd.DataFrame:
    if not path.is_file():
        raise BuildError(f"missing source file: {path} (expected {what})")
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise BuildError(f"{path}: not a readable Parquet file ({type(exc).__name__}); expected {what}") from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise BuildError(f"{path}: lacks column(s) {missing}; expected {what}")
    return frame


def institutions(programs_dir: Path) -> pd.DataFrame:
    """HD2024, checked against its dictionary's code frequencies; every institution, active or not."""
    path = programs_dir / HD_FILE
    columns = ["UNITID", "INSTNM", "CITY", "STABBR", "ZIP", "LATITUDE", "LONGITUD", "SECTOR", "CONTROL", "ICLEVEL",
               "WEBADDR", "CYACTIVE", "OPEID"]
    if path.is_file() and path.read_bytes()[:3] == b"\xef\xbb\xbf":
        hd = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        missing = [c for c in columns if c not in hd.columns]
        if missing:
            raise BuildError(f"{path}: expected column(s) {missing} of IPEDS HD2024")
    else:
        hd = read_table(path, columns, what="IPEDS HD2024 (institutional characteristics)")
    frequencies = _excel(programs_dir / HD_DICT, "Frequencies", ["VarName", "CodeValue", "Frequency"],
                         "the NCES dictionary of HD2024")
    for var, rows in frequencies.groupby("VarName"):
        if var not in hd.columns:
            raise BuildError(f"{path}: column {var} of the dictionary {HD_DICT} is missing")
        expected = {str(code): int(str(n).replace(",", "")) for code, n in zip(rows["CodeValue"], rows["Frequency"],
                                                                               strict=True)}
        found = hd[var].astype(str).value_counts().to_dict()
        wrong = {code: (found.get(code, 0), n) for code, n in expected.items() if found.get(code, 0) != n}
        if wrong:
            code, (got, want) = next(iter(wrong.items()))
            raise BuildError(f"{path}: {var} = {code} appears {got} times, the dictionary {HD_DICT} says {want} "
                             f"({len(wrong)} code(s) differ): not the HD2024 release the dictionary describes")
    points = pd.to_numeric(hd["LATITUDE"], errors="coerce"), pd.to_numeric(hd["LONGITUD"], errors="coerce")
    if points[0].isna().any() or points[1].isna().any():
        raise BuildError(f"{path}: {int(points[0].isna().sum())} institution(s) without a LATITUDE/LONGITUD point")
    return pd.DataFrame({
        "unitid": pd.to_numeric(hd["UNITID"]).astype("int32"),
        "name": hd["INSTNM"].str.strip().astype("string"),
        "city": hd["CITY"].str.strip().astype("string"),
        "state": hd["STABBR"].astype("string"),
        "zip": hd["ZIP"].str[:5].astype("string"),
        "lat": points[0].astype("float64"),
        "lon": points[1].astype("float64"),
        "sector": pd.to_numeric(hd["SECTOR"]).astype("int8"),
        "control": pd.to_numeric(hd["CONTROL"]).astype("int8"),
        "level": pd.to_numeric(hd["ICLEVEL"]).astype("int8"),
        "website": hd["WEBADDR"].str.strip().astype("string"),
        "opeid6": hd["OPEID"].str[:6].astype("string"),
        "active": hd["CYACTIVE"] == "1",
    })


def completions(programs_dir: Path, known_unitids: set[int]) -> pd.DataFrame:
    """C2024_A first majors, checked: the CIP codes of the dictionary, no duplicate keys, known
    institutions, and each institution x award level's six-digit rows summing to its total row."""
    path = programs_dir / COMPLETIONS_FILE
    frame = _parquet(path, ["UNITID", "CIPCODE", "AWLEVEL", "CTOTALT", "MAJORNUM"],
                     "IPEDS C2024_A completions (first majors)")
    dictionary = programs_dir / COMPLETIONS_DICT
    if not dictionary.is_file():
        raise BuildError(f"missing source file: {dictionary} (expected the NCES dictionary of C2024_A, a zip)")
    try:
        with zipfile.ZipFile(dictionary) as archive:
            workbook = next(n for n in archive.namelist() if n.lower().endswith(".xlsx"))
            freq = pd.read_excel(io.BytesIO(archive.read(workbook)), sheet_name="Frequencies", dtype=str)
    except (zipfile.BadZipFile, StopIteration, ValueError, KeyError) as exc:
        raise BuildError(f"{dictionary}: not the C2024_A dictionary (a zip holding one xlsx with a Frequencies "
                         f"sheet) ({type(exc).__name__})") from exc
    dictionary_cips = set(freq.loc[freq["VarName"] == "CIPCODE", "CodeValue"])
    cips = set(frame["CIPCODE"].astype(str))
    if cips != dictionary_cips:
        raise BuildError(f"{path}: its CIPCODE set differs from the dictionary {COMPLETIONS_DICT} "
                         f"({len(cips - dictionary_cips)} extra, {len(dictionary_cips - cips)} missing)")
    if (frame["MAJORNUM"] != 1).any():
        raise BuildError(f"{path}: expected first majors only (MAJORNUM = 1)")
    key = ["UNITID", "CIPCODE", "AWLEVEL"]
    if frame.duplicated(key).any():
        raise BuildError(f"{path}: {int(frame.duplicated(key).sum())} duplicate (UNITID, CIPCODE, AWLEVEL) rows")
    unknown = set(frame["UNITID"].astype(int)) - known_unitids
    if unknown:
        raise BuildError(f"{path}: {len(unknown)} UNITID(s) not in {HD_FILE}, e.g. {sorted(unknown)[:3]}")
    six = frame[frame["CIPCODE"].str.fullmatch(r"\d\d\.\d{4}")]
    totals = frame[frame["CIPCODE"] == GRAND_TOTAL].set_index(["UNITID", "AWLEVEL"])["CTOTALT"]
    sums = six.groupby(["UNITID", "AWLEVEL"])["CTOTALT"].sum()
    differ = sums.reindex(totals.index, fill_value=0).ne(totals) | ~sums.index.isin(totals.index).all()
    if differ.any():
        unitid, level = differ[differ].index[0]
        raise BuildError(f"{path}: the six-digit programs of UNITID {unitid} at award level {level} do not sum to "
                         f"its grand total (CIPCODE 99) ({int(differ.sum())} pair(s) differ)")
    six = six[six["AWLEVEL"].isin(AWARD_LEVELS)]
    return pd.DataFrame({"unitid": six["UNITID"].astype("int32"), "cip": six["CIPCODE"].astype("string"),
                         "award_level": six["AWLEVEL"].astype("int8"),
                         "completers": six["CTOTALT"].astype("int32")}).reset_index(drop=True)


def cip_soc(programs_dir: Path) -> pd.DataFrame:
    """The NCES CIP 2020 -> SOC 2018 crosswalk (expert judgment, not empirical), without "NO MATCH" rows;
    checked to cover every detailed SOC 2018 occupation its SOC-CIP sheet lists."""
    path = programs_dir / CROSSWALK_FILE
    what = "the NCES CIP 2020 to SOC 2018 crosswalk workbook"
    pairs = _excel(path, "CIP-SOC", ["CIP2020Code", "SOC2018Code"], what)
    by_soc = _excel(path, "SOC-CIP", ["SOC2018Code", "CIP2020Code"], what)
    for column, pattern in (("CIP2020Code", r"\d\d\.\d{4}"), ("SOC2018Code", r"\d\d-\d{4}")):
        bad = pairs.loc[~pairs[column].astype(str).str.fullmatch(pattern), column]
        if not bad.empty:
            raise BuildError(f"{path}: sheet 'CIP-SOC' has {len(bad)} malformed {column} value(s), e.g. {bad.iloc[0]!r}")
    uncovered = set(by_soc["SOC2018Code"]) - set(pairs["SOC2018Code"])
    if uncovered:
        raise BuildError(f"{path}: SOC code(s) {sorted(uncovered)[:3]} of sheet 'SOC-CIP' are missing from 'CIP-SOC'")
    pairs = pairs[pairs["SOC2018Code"] != NO_MATCH_SOC].drop_duplicates(["CIP2020Code", "SOC2018Code"])
    return (pd.DataFrame({"cip": pairs["CIP2020Code"].astype("string"), "soc": pairs["SOC2018Code"].astype("string")})
            .sort_values(["soc", "cip"]).reset_index(drop=True))


def cip_titles(programs_dir: Path) -> pd.DataFrame:
    """Six-digit CIP 2020 codes and titles (titles only: NCES's definitions are not kept)."""
    path = programs_dir / CIP_FILE
    frame = read_table(path, ["CIPCode", "CIPTitle"], what="the NCES CIP 2020 code list (CIPCode2020.csv)")
    code = frame["CIPCode"].str.replace(r'^="?|"$', "", regex=True)  # NCES writes ="01.0101"
    keep = code.str.fullmatch(r"\d\d\.\d{4}")
    if not keep.any():
        raise BuildError(f"{path}: no six-digit CIP code (like 51.3801) in column CIPCode")
    titles = frame.loc[keep, "CIPTitle"].str.strip().str.rstrip(".")
    return pd.DataFrame({"cip": code[keep].astype("string"), "title": titles.astype("string")}).reset_index(drop=True)


def scorecard(outcomes_dir: Path) -> pd.DataFrame:
    """College Scorecard field-of-study medians, one row per (OPEID6, four-digit CIP, credential level).

    Campuses that share an OPEID6 carry one copied figure in the source; the build keeps it once (and
    fails if the copies ever disagree). Only the official columns are read; suppressed cells stay empty.
    """
    path = outcomes_dir / SCORECARD_FILE
    frame = _parquet(path, SCORECARD_COLUMNS, "the College Scorecard field-of-study extract (value_check.parquet)")
    key = ["unitid", "opeid6", "cip_code", "credential_level"]
    if frame.duplicated(key).any():
        raise BuildError(f"{path}: {int(frame.duplicated(key).sum())} duplicate (unitid, opeid6, cip, credential) rows")
    if not frame["cip_code"].astype(str).str.fullmatch(r"\d{4}").all():
        raise BuildError(f"{path}: cip_code must be a four-digit CIP 2020 code (like 5138)")
    figures = ["earnings_median_1yr", "earnings_median_4yr", "debt_median"]
    frame = frame[frame["opeid6"].notna() & (frame["credential_level"] != "99")]
    per_opeid = frame.groupby(["opeid6", "cip_code", "credential_level"])[figures].nunique(dropna=False)
    if (per_opeid > 1).any().any():
        raise BuildError(f"{path}: campuses sharing an OPEID6 carry different figures for one field; expected "
                         "one copied figure per OPEID6")
    one = frame.drop_duplicates(["opeid6", "cip_code", "credential_level"])
    cip4 = one["cip_code"].str[:2] + "." + one["cip_code"].str[2:]
    return pd.DataFrame({
        "opeid6": one["opeid6"].astype("string"), "cip4": cip4.astype("string"),
        "credential_level": pd.to_numeric(one["credential_level"]).astype("int8"),
        "earnings_1yr": one["earnings_median_1yr"].astype("float64"),
        "earnings_4yr": one["earnings_median_4yr"].astype("float64"),
        "debt": one["debt_median"].astype("float64"),
    }).sort_values(["opeid6", "cip4", "credential_level"]).reset_index(drop=True)


def scorecard_opeid6(outcomes_dir: Path) -> pd.Series:
    """OPEID6 by UNITID as College Scorecard records it (it differs from HD's OPEID for 0.2%)."""
    frame = pd.read_parquet(outcomes_dir / SCORECARD_FILE, columns=["unitid", "opeid6"]).dropna()
    frame = frame[frame["unitid"].str.fullmatch(r"\d+")].drop_duplicates("unitid")
    return pd.Series(frame["opeid6"].to_numpy(), index=frame["unitid"].astype(int).to_numpy())


def training_tables(programs_dir: Path, outcomes_dir: Path) -> dict[str, pd.DataFrame]:
    """The five compact tables the app reads to list training near a student (see the README's data table).

    Only active institutions (CYACTIVE = 1) with at least one program the crosswalk links to a job
    are kept, and only those programs.
    """
    hd = institutions(programs_dir)
    awards = completions(programs_dir, set(hd["unitid"]))
    pairs = cip_soc(programs_dir)
    titles = cip_titles(programs_dir)
    active = set(hd.loc[hd["active"], "unitid"])
    awards = awards[awards["cip"].isin(set(pairs["cip"])) & awards["unitid"].isin(active)].reset_index(drop=True)
    colleges = hd[hd["unitid"].isin(set(awards["unitid"]))].drop(columns="active")
    official = scorecard_opeid6(outcomes_dir)
    colleges = colleges.assign(opeid6=colleges["unitid"].map(official).fillna(colleges["opeid6"]).astype("string"))
    earnings = scorecard(outcomes_dir)
    earnings = earnings[earnings["opeid6"].isin(set(colleges["opeid6"]))
                        & earnings["cip4"].isin(set(awards["cip"].str[:5]))].reset_index(drop=True)
    missing_titles = set(awards["cip"]) - set(titles["cip"])
    if missing_titles:
        raise BuildError(f"{programs_dir / CIP_FILE}: no title for CIP code(s) {sorted(missing_titles)[:3]}")
    return {"institutions": colleges.sort_values("unitid").reset_index(drop=True),
            "program_awards": awards.sort_values(["unitid", "cip", "award_level"]).reset_index(drop=True),
            "cip_soc": pairs[pairs["cip"].isin(set(awards["cip"]))].reset_index(drop=True),
            "cip_titles": titles[titles["cip"].isin(set(awards["cip"]))].reset_index(drop=True),
            "program_earnings": earnings}


# SOC 2010 -> SOC 2018 changes joined by hand, each a one-to-one change in BLS's 2010-to-2018 SOC
# crosswalk (the detailed occupation was renumbered, not split or merged); the O*NET-SOC ".00" code of
# the 2010 occupation becomes the ".00" code of the 2018 one. Everything else joins only unchanged.
SOC_2010_TO_2018 = {
    "15-1121": "15-1211",  # Computer Systems Analysts
    "15-1122": "15-1212",  # Information Security Analysts
    "15-1131": "15-1251",  # Computer Programmers
    "15-1134": "15-1254",  # Web Developers
    "15-1141": "15-1242",  # Database Administrators
    "15-1142": "15-1244",  # Network and Computer Systems Administrators
    "15-1143": "15-1241",  # Computer Network Architects
    "15-1151": "15-1232",  # Computer User Support Specialists
    "15-1152": "15-1231",  # Computer Network Support Specialists
    "31-1014": "31-1131",  # Nursing Assistants
    "31-1011": "31-1121",  # Home Health Aides
    "39-9021": "31-1122",  # Personal Care Aides
}
RAPIDS_CODE = re.compile(r"(\d\d)\D(\d{4})\D(\d\d)")


def apprenticeships(path: Path, onet_codes: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The DOL list of apprenticeable occupations (2019) joined to today's O*NET-SOC codes.

    Returns (joined rows, rows that did not join with the reason). A code joins when it exists
    unchanged among ``onet_codes``, through :data:`SOC_2010_TO_2018`, or (an O*NET 2010 sub-occupation
    that no longer exists) to the SOC occupation it belongs to, whose code is unchanged; obvious punctuation slips
    ("49.3023.02", "53-2012-00") are normalised; nothing is guessed.
    """
    frame = read_table(path, ["occupational_title", "rapids_code", "onet_code", "term_length", "type"],
                       what="the DOL list of apprenticeable occupations (rapids_occupations_2019.csv)")
    rows, unjoined = [], []
    for record in frame.itertuples(index=False):
        written = record.onet_code.strip()
        match = RAPIDS_CODE.fullmatch(written)
        if not match:
            unjoined.append((record.rapids_code, written, "malformed O*NET-SOC code"))
            continue
        code = f"{match[1]}-{match[2]}.{match[3]}"
        joined, how = code, "unchanged" if code == written else "punctuation normalised"
        if code not in onet_codes and code.endswith(".00") and code[:7] in SOC_2010_TO_2018:
            joined, how = SOC_2010_TO_2018[code[:7]] + ".00", "SOC 2010 -> 2018 renumbering"
        elif code not in onet_codes and not code.endswith(".00") and code[:7] + ".00" in onet_codes:
            # An O*NET 2010 sub-occupation (47-2031.01 Construction Carpenters) that O*NET 2019 no longer
            # lists is part of the same SOC occupation, which keeps its code (47-2031.00 Carpenters).
            joined, how = code[:7] + ".00", "2010 sub-occupation -> its SOC occupation"
        if joined not in onet_codes:
            unjoined.append((record.rapids_code, written, "no such O*NET-SOC 2019 occupation with interest data"))
            continue
        hours = record.term_length.strip()
        rows.append({"onet_code": joined, "rapids_code": record.rapids_code.strip(),
                     "title": record.occupational_title.strip(), "source_code": written, "joined_by": how,
                     "type": record.type.strip(), "term_hours": "" if hours.startswith("*") else hours})
    joined_frame = pd.DataFrame(rows).astype("string").sort_values(["onet_code", "rapids_code"]).reset_index(drop=True)
    return joined_frame, pd.DataFrame(unjoined, columns=["rapids_code", "onet_code", "reason"])
