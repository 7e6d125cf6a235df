"""A made-up OneRoster 1.2 CSV bulk export for tests and demonstrations (seeded, labelled SAMPLE).

``python -m explorer roster sample --out DIR``: one district, two high schools, one school year,
four teachers (one of them also teaching at the other school), students, six class sections and
their enrollments. Every name says it is sample data; e-mails are at sample-district.example.
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

from explorer.roster import FILES

SEED = 2026
DOMAIN = "sample-district.example"
EXTRA = {"users.csv": ("username", "givenName", "familyName", "grades", "primaryOrgSourcedId"),
         "classes.csv": ("courseSourcedId", "classCode", "location", "subjects", "periods"),
         "orgs.csv": ("identifier", "parentSourcedId"), "academicSessions.csv": ("parentSourcedId", "schoolYear"),
         "enrollments.csv": ("beginDate", "endDate"), "manifest.csv": ()}


def rows(seed: int = SEED) -> dict[str, list[dict[str, str]]]:
    rng = random.Random(seed)
    stamp = "2026-08-01T00:00:00.000Z"
    out: dict[str, list[dict[str, str]]] = {name: [] for name in FILES}
    manifest = {"manifest.version": "1.0", "oneroster.version": "1.2", "file.academicSessions": "bulk",
                "file.classes": "bulk", "file.enrollments": "bulk", "file.orgs": "bulk", "file.users": "bulk",
                "source.systemName": "SAMPLE roster generator (made-up data)"}
    out["manifest.csv"] = [{"propertyName": k, "value": v} for k, v in manifest.items()]
    out["orgs.csv"] = [
        {"sourcedId": "org-district", "status": "active", "dateLastModified": stamp,
         "name": "SAMPLE District (made up)", "type": "district", "identifier": "", "parentSourcedId": ""},
        *({"sourcedId": f"org-hs{i}", "status": "active", "dateLastModified": stamp,
           "name": f"SAMPLE High School {i} (made up)", "type": "school", "identifier": "",
           "parentSourcedId": "org-district"} for i in (1, 2))]
    out["academicSessions.csv"] = [{"sourcedId": "term-2026", "status": "active", "dateLastModified": stamp,
                                    "title": "2026-27", "type": "schoolYear", "startDate": "2026-08-10",
                                    "endDate": "2027-05-28", "parentSourcedId": "", "schoolYear": "2027"}]
    teachers = [f"t{i}" for i in range(1, 5)]
    for t in teachers:
        out["users.csv"].append({"sourcedId": t, "status": "active", "dateLastModified": stamp,
                                 "enabledUser": "true", "email": f"teacher{t[1:]}@{DOMAIN}",
                                 "username": f"teacher{t[1:]}", "givenName": "Sample", "familyName": f"Teacher {t[1:]}",
                                 "grades": "", "primaryOrgSourcedId": "org-hs1"})
    students = [f"s{i:03d}" for i in range(1, 41)]
    for s in students:
        out["users.csv"].append({"sourcedId": s, "status": "active", "dateLastModified": stamp, "enabledUser": "true",
                                 "email": "", "username": "", "givenName": "Sample", "familyName": f"Student {s[1:]}",
                                 "grades": rng.choice(("09", "10", "11", "12")), "primaryOrgSourcedId": "org-hs1"})
    sections = [("c-health-1", "Health Science I", "10,11", "org-hs1", "t1"),
                ("c-health-2", "Health Science II", "11,12", "org-hs1", "t1"),
                ("c-elec-1", "Electrical Construction I", "10,11,12", "org-hs1", "t2"),
                ("c-weld-1", "Welding I", "10,11", "org-hs2", "t3"),
                ("c-career-9", "Career Exploration", "09", "org-hs2", "t4"),
                ("c-advisory", "Advisory", "09,10,11,12", "org-hs2", "t2")]
    for sourced, title, grades, school, teacher in sections:
        out["classes.csv"].append({"sourcedId": sourced, "status": "active", "dateLastModified": stamp,
                                   "title": title, "grades": grades, "courseSourcedId": "", "classCode": sourced,
                                   "classType": "scheduled", "location": "", "schoolSourcedId": school,
                                   "termSourcedIds": "term-2026", "subjects": "", "periods": ""})
        enrolled = [(teacher, "teacher", "true")] + [(s, "student", "false") for s in rng.sample(students, 12)]
        for user, role, primary in enrolled:
            out["enrollments.csv"].append({"sourcedId": f"e-{sourced}-{user}", "status": "active",
                                           "dateLastModified": stamp, "classSourcedId": sourced,
                                           "schoolSourcedId": school, "userSourcedId": user, "role": role,
                                           "primary": primary, "beginDate": "2026-08-10", "endDate": "2027-05-28"})
    return out


def write(folder: Path, seed: int = SEED) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in rows(seed).items():
        header = list(dict.fromkeys([*FILES[name], "dateLastModified", *EXTRA[name]]))
        if name == "manifest.csv":
            header = ["propertyName", "value"]
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            writer.writerows(table)
        paths.append(path)
    return paths
