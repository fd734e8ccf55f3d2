"""Cross-check examples/README.md: simulate the audit of rules/demo.yaml on examples/site (no HTTP),
as of 2026-11-30, and compare each item's status with EXPECTED below; also report dead links.

This is an independent, deliberately simple re-implementation of DESIGN.md's rules, not xxgk itself:
it exists so that whoever edits the sample site can see at once which expectations an edit breaks.

strict: section text of located pages, entry titles (text and @title), text of opened articles
        (newest 5 per list page: title + content container), attachment text.
loose:  all visible text of every reachable page (located pages, all linked articles, attachments),
        including navigation, breadcrumbs, sidebars and footers.
A partial/missing verdict is only trusted if the missing keywords are absent from `loose`;
a found element is reported 'weak' if it is found only via @title / article / attachment.
"""
import datetime as dt
import io
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml
from bs4 import BeautifulSoup
from protego import Protego

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "examples" / "site"
AS_OF = dt.date(2026, 11, 30)
rules = yaml.safe_load(open(REPO / "rules" / "demo.yaml", encoding="utf-8"))
_CL = next(p for p in (REPO / "checklist" / "moe-2014.yaml", REPO.parent / "shared" / "reference" / "moe-checklist-2014.yaml")
           if p.exists())
cl = yaml.safe_load(open(_CL, encoding="utf-8"))
ITEMS = {it["id"]: it for it in cl["items"]}
# Fallbacks for a checklist file without kinds / substitutes / normalised cadences (the reference copy).
KIND_NA = {i for i, it in ITEMS.items() if "vocational" not in it.get("kinds", ["vocational"])} or {11, 12, 13, 14, 43, 45}
SUBST = {i for i, it in ITEMS.items() if "vocational" in (it.get("substitutes") or {})} or {27, 29, 30, 35}
SUBST_ELEMENTS = [{"name": "高等职业教育质量年度报告", "keywords": ["高等职业教育质量年度报告", "质量年报"]}]

EXPECTED = {
    1: "partial", 2: "pass", 3: "pass", 4: "late", 5: "pass", 6: "late", 7: "partial", 8: "not_applicable",
    9: "pass", 10: "pass", 11: "not_applicable", 12: "not_applicable", 13: "not_applicable", 14: "not_applicable",
    15: "pass", 16: "stale", 17: "not_applicable", 18: "unreachable", 19: "stale", 20: "partial", 21: "unreachable",
    22: "pass", 23: "missing", 24: "pass", 25: "pass", 26: "missing", 27: "pass", 28: "partial", 29: "pass",
    30: "pass", 31: "pass", 32: "pass", 33: "stale", 34: "stale", 35: "pass", 36: "pass", 37: "partial", 38: "pass",
    39: "missing", 40: "pass", 41: "pass", 42: "missing", 43: "not_applicable", 44: "not_applicable", 45: "not_applicable",
    46: "not_applicable", 47: "pass", 48: "not_applicable", 49: "pass", 50: "pass",
}


def cadence(i):
    c = (rules["items"].get(i) or {}).get("cadence")
    if c is None and _CL.is_relative_to(REPO):  # only the shipped checklist has cadences in the rules format
        c = ITEMS[i].get("cadence")
    if c == "on_change":
        return ("on_change", None)
    if isinstance(c, dict) and "annual" in c:
        return ("annual", tuple(int(x) for x in c["annual"].split("-")))
    if isinstance(c, dict) and "max_age" in c:
        return ("max_age", int(c["max_age"][:-1]))
    # the reference checklist has no normalised cadences: the table from the brief
    if i in (1, 6):
        return ("annual", (10, 31))
    if i in (3, 4, 5):
        return ("annual", (2, 29))
    if 7 <= i <= 14:
        return ("max_age", 365)
    if i in (16, 17, 19, 20) or 27 <= i <= 35:
        return ("max_age", 400)
    return ("on_change", None)


def robots_for(host):
    p = SITE / host / "robots.txt"
    return Protego.parse(p.read_text()) if p.exists() else None


def fetch(url):
    u = urlparse(url)
    host, path = u.netloc, u.path
    rb = robots_for(host)
    if rb and not rb.can_fetch(url, "xxgk"):
        return {"status": "robots"}
    fp = SITE / host / path.lstrip("/")
    if path.endswith("/"):
        fp = fp / "index.htm"
    st = Path(str(fp) + ".status")
    if not fp.exists() and st.exists():
        return {"status": int(st.read_text().strip())}
    if not fp.exists():
        return {"status": 404}
    data = fp.read_bytes()
    return {"status": 200, "data": data, "url": url}


def decode(data):
    head = data[:1024].decode("ascii", "ignore").lower()
    if "gb2312" in head or "gbk" in head:
        return data.decode("gb18030")
    return data.decode("utf-8")


DATE_RES = [
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"), "ymd"),
    (re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"), "ymd"),
    (re.compile(r"\[(\d{2})-(\d{2})\]"), "md"),
]


def find_date(text):
    for rx, kind in DATE_RES:
        m = rx.search(text)
        if m:
            if kind == "ymd":
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            mo, d = int(m[1]), int(m[2])
            y = AS_OF.year if (mo, d) <= (AS_OF.month, AS_OF.day) else AS_OF.year - 1
            return dt.date(y, mo, d)
    return None


def text_of(el):
    return re.sub(r"\s+", " ", el.get_text(" ")) if el is not None else ""


PAGER_WORDS = {"下页", "下一页", "上页", "上一页", "首页", "尾页", "第一页", "跳转到"}


def parse_list(url, html, section):
    soup = BeautifulSoup(html, "lxml")
    for s in soup(["script", "style"]):
        s.decompose()
    sec = soup.select_one(section) if section else soup.body
    loose = text_of(soup.body)
    entries, nexts = [], []
    if sec is None:
        return dict(section_text="", entries=[], nexts=[], loose=loose, section_found=False)
    for a in sec.find_all("a", href=True):
        t = text_of(a).strip()
        href = a["href"]
        if href.startswith("javascript"):
            continue
        if t.replace("&gt;", "").strip("<> ") in PAGER_WORDS or re.fullmatch(r"\d+", t) or "下一页" in t:
            if t in ("下页",) or "下一页" in t:
                nexts.append(urljoin(url, href))
            continue
        row = a.find_parent(["li", "tr"])
        d = find_date(text_of(row)) if row is not None else None
        entries.append(dict(title=t, attr=a.get("title", ""), url=urljoin(url, href), date=d))
    return dict(section_text=text_of(sec), entries=entries, nexts=nexts, loose=loose, section_found=True)


CONTENT_SEL = [".v_news_content", ".wp_articlecontent", ".article_content"]
TITLE_SEL = [".ch-title-2", ".ct-body-tit", "h1.arti_title", ".article_title"]


def parse_article(url, html):
    soup = BeautifulSoup(html, "lxml")
    for s in soup(["script", "style"]):
        s.decompose()
    content = next((soup.select_one(s) for s in CONTENT_SEL if soup.select_one(s)), None)
    title = next((text_of(soup.select_one(s)) for s in TITLE_SEL if soup.select_one(s)), "")
    pub = None
    for sel in [".msgbar", ".arti_update", ".article_info"]:
        el = soup.select_one(sel)
        if el:
            pub = find_date(text_of(el))
            break
    atts = []
    scope = soup.body
    for a in scope.find_all("a", href=True):
        h = a["href"]
        if any(k in h for k in ("/__local/", "/system/_content/download", "/_upload/article/files")):
            atts.append((urljoin(url, h), text_of(a)))
    for d in scope.select("[pdfsrc]"):
        atts.append((urljoin(url, d["pdfsrc"]), ""))
    return dict(strict=title + " " + text_of(content), loose=text_of(soup.body), pub=pub,
                atts=list(dict.fromkeys(atts)))


def attachment_text(data):
    if data[:4] == b"%PDF":
        import pypdf
        r = pypdf.PdfReader(io.BytesIO(data))
        return " ".join(p.extract_text() for p in r.pages)
    if data[:2] == b"PK":
        import openpyxl
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        out = []
        for ws in wb.worksheets:
            out.append(ws.title)
            for row in ws.iter_rows(values_only=True):
                out.extend(str(c) for c in row if c is not None)
        return " ".join(out)
    return ""


def base(u):
    return urljoin(rules["site"]["base_url"], u)


def audit(i):
    r = rules["items"].get(i)
    if i in KIND_NA:
        return dict(status="not_applicable", why="kind")
    if r is None:
        return dict(status="missing", why="undeclared")
    if "not_applicable" in r:
        return dict(status="not_applicable", why=r["not_applicable"])
    section = r.get("section")
    pages_n = r.get("pages", 3)
    n_art = r.get("articles", 5)
    strict, strong, loose = [], [], []
    dates, pubs, errors, visited = [], [], [], []
    for u0 in r["urls"]:
        queue = [base(u0)]
        k = 0
        while queue and k < pages_n:
            u = queue.pop(0)
            k += 1
            f = fetch(u)
            visited.append(u)
            if f["status"] != 200:
                errors.append((u, f["status"]))
                break
            L = parse_list(u, decode(f["data"]), section)
            strong.append(L["section_text"])
            strict.append(L["section_text"])
            loose.append(L["loose"])
            for e in L["entries"]:
                strict.append(e["attr"])
                if e["date"]:
                    dates.append(e["date"])
            by_date = sorted(L["entries"], key=lambda e: e["date"] or dt.date.min, reverse=True)
            opened = {e["url"] for e in by_date[:n_art]}
            for e in L["entries"]:
                fa = fetch(e["url"])
                if fa["status"] != 200:
                    errors.append((e["url"], fa["status"]))
                    continue
                A = parse_article(e["url"], decode(fa["data"]))
                loose.append(A["loose"])
                if e["url"] in opened:
                    strict.append(A["strict"])
                    if A["pub"]:
                        pubs.append(A["pub"])
                for au, at in A["atts"]:
                    fx = fetch(au)
                    if fx["status"] == 200:
                        t = attachment_text(fx["data"])
                        loose.append(t + " " + at)
                        if e["url"] in opened:
                            strict.append(t + " " + at)
            queue = L["nexts"][:1] + queue
    res = dict(visited=visited, errors=errors)
    first_err = errors and errors[0][0] == base(r["urls"][0])
    if first_err:
        st = errors[0][1]
        if st == "robots" or (isinstance(st, int) and st >= 500):
            res["status"] = "unreachable"
            res["why"] = f"{st}"
            return res
        res["status"] = "missing"
        res["why"] = f"{st}"
        return res
    sub = (ITEMS[i].get("substitutes") or {}).get("vocational")
    elements = (sub["elements"] if sub else SUBST_ELEMENTS) if i in SUBST else ITEMS[i]["elements"]
    S, ST, LO = " ".join(strict), " ".join(strong), " ".join(loose)
    found = []
    for el in elements:
        hit = [k for k in el["keywords"] if k in S]
        hit_strong = [k for k in el["keywords"] if k in ST]
        hit_loose = [k for k in el["keywords"] if k in LO]
        found.append(dict(name=el["name"], found=bool(hit), strong=bool(hit_strong), kw=hit[:3], loose=hit_loose[:3]))
    res["elements"] = found
    if i in SUBST:
        res["orig_elements"] = [dict(name=el["name"], found=any(k in S for k in el["keywords"]))
                                for el in ITEMS[i]["elements"]]
    nf = sum(e["found"] for e in found)
    dd = [d for d in dates if d <= AS_OF] or [d for d in pubs if d <= AS_OF]
    newest = max(dd) if dd else None
    res["newest"] = newest
    res["future_ignored"] = [str(d) for d in dates if d > AS_OF]
    if nf == 0:
        res["status"] = "missing"
        res["why"] = "no element"
        return res
    if nf < len(found):
        res["status"] = "partial"
        return res
    kind, val = cadence(i)
    if kind == "annual" and i in (rules.get("deadlines") or {}):
        val = tuple(int(x) for x in rules["deadlines"][i].split("-"))
    if kind == "on_change":
        res["status"] = "pass"
        res["timely"] = None
        return res
    if newest is None:
        res["status"] = "stale"
        res["why"] = "no date"
        return res
    if kind == "max_age":
        age = (AS_OF - newest).days
        res["age"] = age
        res["status"] = "pass" if age <= val else "stale"
        return res
    m, d = val
    y = AS_OF.year
    def mk(y):
        dd_ = d
        while True:
            try:
                return dt.date(y, m, dd_)
            except ValueError:
                dd_ -= 1
    due = mk(y)
    if due > AS_OF:
        due = mk(y - 1)
    prev = mk(due.year - 1)
    res["due"] = due
    if newest > due:
        res["status"] = "late"
    elif newest > prev:
        res["status"] = "pass"
    else:
        res["status"] = "stale"
    return res


HOSTS = set(rules["site"]["hosts"])


def dead_links():
    bad = {}
    for f in SITE.rglob("*"):
        if not f.is_file() or f.suffix not in (".htm", ".html"):
            continue
        host = f.relative_to(SITE).parts[0]
        url = "http://" + host + "/" + "/".join(f.relative_to(SITE / host).parts)
        for a in BeautifulSoup(decode(f.read_bytes()), "lxml").find_all("a", href=True):
            h = a["href"]
            if h.startswith(("javascript", "mailto", "#")):
                continue
            u = urlparse(urljoin(url, h))
            if u.netloc not in HOSTS:
                continue
            fp = SITE / u.netloc / u.path.lstrip("/")
            if u.path.endswith("/"):
                fp = fp / "index.htm"
            if not fp.exists() and not Path(str(fp) + ".status").exists():
                bad.setdefault(u.netloc + u.path, []).append(url)
    return bad


if __name__ == "__main__":
    counts = {}
    only = [int(a) for a in sys.argv[1:] if a.isdigit()]
    verbose = "-v" in sys.argv or bool(only)
    wrong = []
    for i in range(1, 51):
        if only and i not in only:
            continue
        r = audit(i)
        counts[r["status"]] = counts.get(r["status"], 0) + 1
        ok = r["status"] == EXPECTED[i]
        if not ok:
            wrong.append(i)
        line = f"{i:2d} {r['status']:14s}{'' if ok else ' != expected ' + EXPECTED[i]}"
        if r.get("newest"):
            line += f" newest={r['newest']}"
        if "age" in r:
            line += f" age={r['age']}d"
        if "due" in r:
            line += f" due={r['due']}"
        if r.get("why"):
            line += f" ({r['why']})"
        if r.get("future_ignored"):
            line += f" ignored-future={r['future_ignored']}"
        print(line)
        if not (verbose or not ok):
            continue
        for e in r.get("elements", []):
            flag = "ok  " if e["found"] and e["strong"] else ("weak" if e["found"] else "MISS")
            warn = "  (present outside the audited text: " + ",".join(e["loose"]) + ")" if not e["found"] and e["loose"] else ""
            print(f"      {flag} {e['name']}: {','.join(e['kw'])}{warn}")
        for e in r.get("orig_elements", []):
            print(f"      (undergraduate element) {'found' if e['found'] else 'MISS '} {e['name']}")
        for u, s_ in r.get("errors", []):
            print(f"      error {s_} {u}")
    print("counts:", dict(sorted(counts.items())))
    dead = dead_links()
    for k, v in sorted(dead.items()):
        print("dead link:", k, "<-", v[0])
    if wrong or dead:
        print("MISMATCH items:", wrong)
        sys.exit(1)
    print("all", 50 if not only else len(only), "items as expected; no dead links")
