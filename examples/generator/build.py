"""Build examples/site/ for the demo school 示例职业技术学院 (demo.edu.cn).

Run from the repository root:  .venv/bin/python examples/generator/build.py
then re-check the hand count:   .venv/bin/python examples/generator/check_expected.py
The output is deterministic except the timestamps openpyxl writes into the .xlsx."""
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import content_xxgk as cx  # noqa: E402
import titles  # noqa: E402
import jy  # noqa: E402
import vsb  # noqa: E402
import zs  # noqa: E402
from pdfgen import make_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parents[1] / "site"
TITLES = {i: t for i, (_, t) in titles.ITEMS.items()}
CATS = titles.CATEGORIES
ITEM_CAT = {i: c for i, (c, _) in titles.ITEMS.items()}

written = []


def write(host, path, data, encoding="utf-8", crlf=False):
    p = ROOT / host / path.lstrip("/")
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        if crlf:
            data = data.replace("\r\n", "\n").replace("\n", "\r\n")
        data = data.encode(encoding)
    p.write_bytes(data)
    written.append(p)


# ------------------------------------------------------------------ where the school says each item is
X = "http://xxgk.demo.edu.cn"
SCHOOL_LINKS = {
    1: "/xxgksx/jbxx/xxjj.htm", 2: "/xxgksx/jbxx/xxzcjgzzd.htm", 3: "/xxgksx/jbxx/jzgdbdh.htm",
    4: "/xxgksx/jbxx/xswyh.htm", 5: "/xxgksx/jbxx/fzgh.htm", 6: "/xxgknb.htm",
    7: "http://zs.demo.edu.cn/2361/list.htm", 9: "http://zs.demo.edu.cn/2363/list.htm",
    10: "http://zs.demo.edu.cn/2364/list.htm",
    15: "/xxgksx/cwzcsf/cwzczd.htm", 16: "/xxgksx/cwzcsf/sjzccsy.htm", 18: "/zbcg/",
    19: "/xxgksx/cwzcsf/szyszb_srysb_zcysb_czbkzcysb.htm", 20: "/xxgksx/cwzcsf/bmjs.htm",
    21: "http://cwc.demo.edu.cn/xxgk/sfgs.htm",
    22: "/xxgksx/rssz/xjldgbshjzqk.htm", 23: "/xxgksx/rssz/xjldgbygcgqk.htm", 24: "/xxgksx/rssz/gwszglypybf.htm",
    25: "/xxgksx/rssz/zcgbrm_rypzxx.htm", 26: "/xxgksx/rssz/jzgzyjjbf.htm",
    27: "/xxgksx/jxzl/zlnb.htm", 28: "/xxgksx/jxzl/zysz.htm", 29: "/xxgksx/jxzl/zlnb.htm", 30: "/xxgksx/jxzl/zlnb.htm",
    31: "http://jy.demo.edu.cn/jyzd/Index.html", 32: "http://jy.demo.edu.cn/jysj/Index.html",
    33: "http://jy.demo.edu.cn/jyzl/Index.html", 34: "/xxgksx/jxzl/ysjyfzndbg.htm", 35: "/xxgksx/jxzl/zlnb.htm",
    36: "/xxgksx/xsglfw/xjglbf.htm", 37: "/xxgksx/xsglfw/xszz.htm", 38: "/xxgksx/xsglfw/xsjlcfbf.htm",
    39: "/xxgksx/xsglfw/xsssbf.htm", 40: "/xxgksx/xfjs1/xfjsjg.htm", 41: "/xxgksx/xfjs1/xsgfzd.htm",
    42: "/xxgksx/xfjs1/xsbdxwccjz.htm", 47: "/xxgksx/dwjl/zwhzbxqk.htm", 49: "/xxgksx/qt/xszg.htm",
    50: "/xxgksx/qt/tfsj.htm",
}
NOT_APPLICABLE = {
    8: "本校未开展保送、自主选拔录取、高水平运动队和艺术特长生等特殊类型招生",
    11: "本校不培养研究生", 12: "本校不培养研究生", 13: "本校不培养研究生", 14: "本校不培养研究生",
    17: "本校无校办企业", 43: "本校不是学位授予单位", 44: "本校不是学位授予单位", 45: "本校不是学位授予单位",
    46: "本校不是学位授予单位", 48: "本校未招收来华留学生",
}
DEPTS = {
    1: "党政办公室", 2: "党政办公室", 3: "校工会", 4: "科研处", 5: "发展规划处", 6: "党政办公室",
    7: "招生就业处", 8: "招生就业处", 9: "招生就业处", 10: "招生就业处", 15: "计划财务处、国有资产管理处",
    16: "教育发展基金会", 17: "国有资产管理处", 18: "国有资产管理处", 19: "计划财务处", 20: "计划财务处", 21: "计划财务处",
    22: "党委组织部", 23: "党委组织部、国际合作与交流处", 24: "人事处", 25: "党委组织部、人事处", 26: "人事处",
    27: "教务处", 28: "教务处", 29: "教务处", 30: "教务处", 31: "招生就业处", 32: "招生就业处", 33: "招生就业处",
    34: "团委", 35: "教务处", 36: "教务处", 37: "学生工作处", 38: "学生工作处", 39: "学生工作处", 40: "教务处",
    41: "科研处", 42: "科研处", 47: "国际合作与交流处", 48: "国际合作与交流处", 49: "党政办公室", 50: "保卫处",
}
CADENCE_WORDS = {1: "每年10月", 3: "每年1月-2月", 4: "每年1月-2月", 5: "每年1月-2月", 6: "每年10月",
                 19: "每年4月", 20: "每年8月", 27: "每年1月", 29: "每年1月", 30: "每年1月", 35: "每年1月", 33: "每年12月", 34: "每年1月"}


def href_from(path, target):
    if target.startswith("http"):
        return target
    return vsb.rel(path, target)


# ------------------------------------------------------------------ news ids
def assign_news_ids():
    rng = random.Random(7)
    keys = sorted(cx.A, key=lambda k: (cx.A[k]["date"], cx.A[k]["time"] or "", k))
    nid = 1186
    for k in keys:
        cx.A[k]["news"] = nid
        nid += rng.randint(3, 37)
        t = cx.A[k]["time"]
        if t is None:
            t = vsb.clock(cx.A[k]["date"], seconds=cx.A[k]["variant"] == 0)
        cx.A[k]["when"] = t
        cx.A[k]["url"] = f"/info/{cx.A[k]['tree']}/{cx.A[k]['news']}.htm"


# ------------------------------------------------------------------ annual report (item 6)
def annual_report_body():
    rows = [["序号", "类别", "清单事项", "公开情况", "公开网址"]]
    for i in range(1, 51):
        link = SCHOOL_LINKS.get(i)
        if i in NOT_APPLICABLE:
            status, url = f"不适用（{NOT_APPLICABLE[i]}）", "—"
        else:
            status = "已公开"
            url = link if link.startswith("http") else X + link
            url = f'<a href="{url}">{url}</a>'
        rows.append([str(i), CATS[ITEM_CAT[i]], TITLES[i], status, url])
    return cx.P(
        "根据《高等学校信息公开办法》（教育部令第29号）、《教育部关于公布〈高等学校信息公开事项清单〉的通知》（教办函〔2014〕23号）和湖南省教育厅《关于做好2026年高校信息公开年度报告工作的通知》要求，现公布我校2025-2026学年信息公开年度报告。本报告统计期限为2025年9月1日至2026年8月31日。",
        "<p><strong>一、概述</strong></p>",
        "2025-2026学年，学校坚持“以公开为常态、不公开为例外”原则，把信息公开作为推进依法治校、接受社会监督的重要抓手。（一）健全工作机制。学校调整信息公开工作小组，明确各部门信息公开联络员。（二）完善制度建设。修订《示例职业技术学院信息公开实施办法》，明确清单事项的责任部门和更新时限。（三）优化公开平台。完成信息公开网改版，按照清单10大类50项设置栏目。",
        "<p><strong>二、主动公开情况</strong></p>",
        "（一）主动公开信息数量。学年内，学校通过信息公开网发布信息126条，通过学校门户网站发布新闻412条、通知公告96条，通过官方微信公众号发布推文238篇。",
        "（二）清单所列事项公开情况。学校对照《高等学校信息公开事项清单》逐项梳理，除11项不适用事项外，其余39项均已通过信息公开网、招生网、就业网和计划财务处网站公开，公开情况详见附表。",
        "（三）重点领域信息公开情况。招生信息方面，通过招生网公开招生章程、分省分专业招生计划、录取结果查询渠道及录取最低分；财务信息方面，公开2025年度部门决算；人事信息方面，公开中层干部任前公示3批次、公开招聘公告及拟聘用人员名单。",
        "<p><strong>三、依申请公开和不予公开情况</strong></p>",
        "学年内共收到信息公开申请5件，其中当面申请1件、电子邮件申请4件；已按期答复5件，其中同意公开3件、部分公开1件、告知不属于本校信息1件。学校未向申请人收取任何费用。",
        "<p><strong>四、对信息公开的评议情况</strong></p>",
        "学校将信息公开工作纳入部门年度考核，组织教职工代表、学生代表开展评议，共发放问卷620份，收回586份，满意率96.8%。",
        "<p><strong>五、因学校信息公开工作受到举报、复议、诉讼的情况</strong></p>",
        "学年内，学校未发生因信息公开工作受到举报、复议和诉讼的情况。",
        "<p><strong>六、信息公开工作的主要经验、问题和改进措施</strong></p>",
        "存在的问题：部分栏目更新不够及时，个别部门对清单事项的理解不够到位。改进措施：建立清单事项季度自查制度，利用自动化检查工具定期核查栏目更新情况。",
        "<p><strong>七、其他需要报告的事项</strong></p>",
        "无。",
        "<p><strong>附表：清单事项公开情况表</strong></p>",
        cx.table(rows),
        '<p style="text-align:right;">示例职业技术学院</p>',
        '<p style="text-align:right;">2026年11月5日</p>',
    )


# ------------------------------------------------------------------ xxgk host
def build_xxgk():
    host = "xxgk.demo.edu.cn"
    assign_news_ids()
    cx.A["nb2026"]["body"] = annual_report_body()

    # attachments
    for a in cx.ATTACHMENTS.values():
        if a["kind"] == "pdf":
            write(host, a["url"], make_pdf(a["pages"], a["title"]))
        elif a["kind"] == "xlsx":
            from openpyxl import Workbook
            wb = Workbook()
            wb.remove(wb.active)
            for name, rows in a["sheets"].items():
                ws = wb.create_sheet(name)
                for r in rows:
                    ws.append(r)
            p = ROOT / host / a["url"].lstrip("/")
            p.parent.mkdir(parents=True, exist_ok=True)
            wb.properties.creator = "计划财务处"
            wb.save(p)
            written.append(p)

    # articles
    for a in cx.A.values():
        col = cx.TREE_HOME[a["tree"]]
        atts = []
        for i, ak in enumerate(a["atts"]):
            att = dict(cx.ATTACHMENTS[ak])
            att["span"] = "%X" % (a["news"] * 31 + i)
            atts.append(att)
        body = a["body"]
        if atts:
            body = body + "\n" + "\n".join(vsb.attach_inline(x) for x in atts)
        html = vsb.article_page(a["url"], col["cat"], col["path"], col["name"], a["tree"], a["news"], a["title"],
                                a["when"], body, atts=atts, source=a["source"], author=a["author"],
                                variant=a["variant"], content_id="vsb_content_2" if a["tree"] in (1052, 1063) else "vsb_content")
        write(host, a["url"], html, crlf=True)

    # column list pages (VSB pagination counts down: col.htm, col/N-1.htm ... col/1.htm)
    for c in cx.COLUMNS + [dict(cx.TREE_HOME[1085], layout="time", size=10, rows=["sw_bszn"])]:
        rows = c["rows"]
        size = c["size"]
        chunks = [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]
        n = len(chunks)
        for k, chunk in enumerate(chunks, start=1):
            path = vsb.page_file(c["path"], k, n)
            lis = []
            for i, r in enumerate(chunk):
                key, sticky = (r if isinstance(r, tuple) else (r, False))
                a = cx.A[key]
                lis.append(vsb.row(c["layout"], i, vsb.rel(path, a["url"]), a["title"], a["date"], sticky=sticky))
            pg = vsb.pager(path, c["path"], k, n, len(rows))  # an empty column: empty <ul>, 共0条
            html = vsb.list_page(path, c["cat"], c["path"], c["tree"], c["name"], lis, pg)
            write(host, path, html, crlf=True)

    # single-page columns
    for s in cx.SINGLE_PAGES:
        inner = f'<div id="vsb_content"><div class="v_news_content">\n{s["html"]}\n</div></div>'
        html = vsb.list_page(s["path"], s["cat"], s["path"], s["tree"], s["name"], [], "", inner_html=inner)
        write(host, s["path"], html, crlf=True)

    # /zbcg/ — the procurement platform (disallowed by robots.txt)
    zb_rows = []
    for _key, url, title, date, paras in cx.ZBCG:
        zb_rows.append(f'<li id="line_u12_{len(zb_rows)}"><span class="date">[{date}]</span><a href="{vsb.rel("/zbcg/index.htm", url)}" title="{title}">{title}</a></li>')
        body = cx.P(*paras)
        tree_, news_ = (int(x) for x in url[:-4].split("/")[-2:])
        html = vsb.article_page(url, "cwzcsf", "/zbcg/", "招投标信息", tree_, news_, title, date + " 10:00:00", body,
                                source="国有资产管理处")
        write(host, url, html, crlf=True)
    html = vsb.list_page("/zbcg/index.htm", "cwzcsf", "/zbcg/", 1200, "招投标信息", zb_rows,
                         vsb.pager("/zbcg/index.htm", "/zbcg/index.htm", 1, 1, len(zb_rows)))
    write(host, "/zbcg/index.htm", html, crlf=True)

    write(host, "/robots.txt", "User-agent: *\nDisallow: /system/resource/\nDisallow: /_dwr/\nDisallow: /search.jsp\n"
          "Disallow: /zbcg/\n")

    build_catalogue(host)
    build_overview(host)
    build_home(host)


def build_catalogue(host):
    path = "/xxgkml.htm"
    rows = ['<table class="gkml" border="1" cellspacing="0" cellpadding="4" width="100%">',
            "<tr><th>序号</th><th>类别</th><th>公开事项</th><th>责任部门</th><th>更新时限</th><th>公开栏目</th></tr>"]
    by_cat = {}
    for i in range(1, 51):
        by_cat.setdefault(ITEM_CAT[i], []).append(i)
    for cid, ids in by_cat.items():
        for j, i in enumerate(ids):
            cat_cell = f'<td rowspan="{len(ids)}">{cid}</td><td rowspan="{len(ids)}">{CATS[cid]}（{len(ids)}项）</td>' if j == 0 else ""
            if i in NOT_APPLICABLE:
                where, cad, dept = f"不适用：{NOT_APPLICABLE[i]}", "—", DEPTS.get(i, "—")
            else:
                link = SCHOOL_LINKS[i]
                where = f'<a href="{href_from(path, link)}" target="_blank">查看</a>'
                if i in (27, 29, 30, 35):
                    where = f'<a href="{href_from(path, link)}" target="_blank">见高等职业教育质量年度报告</a>'
                cad = CADENCE_WORDS.get(i, "变动即更")
                dept = DEPTS[i]
            rows.append(f"<tr>{cat_cell}<td>（{i}）{TITLES[i]}</td><td>{dept}</td><td>{cad}</td><td>{where}</td></tr>")
    rows.append("</table>")
    inner = ("<p>根据《高等学校信息公开事项清单》，学校主动公开以下10大类50项信息（学校实际适用39项）。</p>\n"
             + "\n".join(rows))
    html = vsb.list_page(path, "_top", path, 1026, "信息公开目录", [], "", inner_html=inner)
    write(host, path, html, crlf=True)


def build_overview(host):
    path = "/xxgksx.htm"
    parts = []
    for _slug, name, cols in vsb.CATEGORIES:
        if cols:
            links = "".join(f'<li><a href="{vsb.rel(path, p_)}">{label}</a></li>' for p_, _, label in cols)
        else:
            links = "<li>本校为高等职业院校，不涉及学位授予和研究生培养，本类事项不适用。</li>"
        parts.append(f'<div class="gksx-cat"><h4>{name}</h4><ul>{links}</ul></div>')
    html = vsb.list_page(path, "_top", path, 1031, "信息公开事项", [], "", inner_html="\n".join(parts))
    write(host, path, html, crlf=True)


def build_home(host):
    path = "/index.htm"
    latest = sorted((a for a in cx.A.values() if a["date"] <= "2026-11-30"), key=lambda a: a["date"], reverse=True)[:10]
    lis = "\n".join(
        f'<li id="line_u6_{i}"><a href="{vsb.rel(path, a["url"])}" target="_blank" title="{a["title"]}">{vsb.truncate(a["title"], 30)}</a><span class="time">{a["date"]}</span></li>'
        for i, a in enumerate(latest))
    quick = "".join(f'<li><a href="{vsb.rel(path, p_)}">{label}</a></li>' for p_, label in vsb.TOP_COLUMNS)
    cats = "".join(f'<li><a href="{vsb.rel(path, vsb.first_column(slug))}">{name}</a></li>'
                   for slug, name, _ in vsb.CATEGORIES)
    html = vsb.head(path, vsb.SITE_TITLE, 1001, template="index") + vsb.header(path) + f"""
<div class="bk"></div>
<div class="container index">
  <div class="wrap">
    <div class="i-left">
      <div class="i-box"><div class="i-tit">信息公开</div><ul class="i-quick">{quick}</ul></div>
      <div class="i-box"><div class="i-tit">公开事项</div><ul class="i-quick">{cats}</ul></div>
    </div>
    <div class="i-center">
      <div class="i-box">
        <div class="i-tit">最新公开<a class="more" href="{vsb.rel(path, '/xxgksx.htm')}">更多&gt;&gt;</a></div>
        <ul class="i-news">
{lis}
        </ul>
      </div>
      <div class="i-box">
        <div class="i-tit">信息公开指南</div>
        <p>为保障公民、法人和其他组织依法获取学校信息，学校编制了信息公开目录。公开方式以信息公开网为主，同时通过学校门户网站、招生网、就业网、校报、微信公众号等途径公开。依申请公开请查看<a href="{vsb.rel(path, '/xxgksq.htm')}">信息公开申请</a>。</p>
      </div>
    </div>
    <div class="i-right">
      <div class="i-box"><div class="i-tit">相关网站</div>
        <ul class="i-links">
          <li><a href="http://www.demo.edu.cn/" target="_blank">学校主页</a></li>
          <li><a href="http://zs.demo.edu.cn/" target="_blank">招生网</a></li>
          <li><a href="http://jy.demo.edu.cn/" target="_blank">就业网</a></li>
          <li><a href="http://cwc.demo.edu.cn/" target="_blank">计划财务处</a></li>
          <li><a href="http://www.moe.gov.cn/" target="_blank">教育部</a></li>
          <li><a href="http://jyt.hunan.gov.cn/" target="_blank">湖南省教育厅</a></li>
        </ul>
      </div>
    </div>
  </div>
</div>
<div class="bk"></div>
{vsb.FOOTER}</body>
</html>
"""
    write(host, path, html, crlf=True)


# ------------------------------------------------------------------ zs host
def build_zs():
    host = "zs.demo.edu.cn"
    by_id = {a[1]: a for a in zs.ARTICLES}
    for col, artid, date, title, body, pdf in zs.ARTICLES:
        if body == "__PDF__":
            url, name, pages = pdf
            write(host, url, make_pdf(pages, name[:-4]))
            body = (f'<div pdfsrc="{url}" swsrc="{url[:-4]}.swf" class="wp_pdf_player" '
                    f"sudyfile-attr=\"{{'title':'{name}'}}\" sudyplayer=\"wp_pdf_player\"></div>"
                    f'<p><a href="{url}" sudyfile-attr="{{\'title\':\'{name}\'}}">{name}</a></p>')
        write(host, zs.art_url(col, artid, date), zs.article_page(col, artid, date, title, body))
    for col, pages in zs.LISTS.items():
        for k in range(1, len(pages) + 1):
            path = f"/{col}/list.htm" if k == 1 else f"/{col}/list{k}.htm"
            write(host, path, zs.list_page(col, k, pages, by_id))
    write(host, "/index.htm", zs.home(by_id))


# ------------------------------------------------------------------ jy host (GB18030 bytes, charset=gb2312)
def build_jy():
    host = "jy.demo.edu.cn"
    by_id = {a[1]: a for a in jy.ARTICLES}
    for cls, aid, date, _disp, title, paras in jy.ARTICLES:
        write(host, jy.art_path(cls, aid, date), jy.article_page(cls, aid, date, title, paras), encoding="gb18030", crlf=True)
    for cls, pages in jy.PAGES.items():
        for k in range(1, len(pages) + 1):
            html, here = jy.list_page(cls, k, by_id)
            write(host, here, html, encoding="gb18030", crlf=True)
    write(host, "/index.htm", jy.home(by_id), encoding="gb18030", crlf=True)


# ------------------------------------------------------------------ cwc host
def build_cwc():
    host = "cwc.demo.edu.cn"
    html = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>示例职业技术学院计划财务处</title>
<!--Announced by Visual SiteBuilder 9-->
<link rel="stylesheet" type="text/css" href="_sitegray/_sitegray_d.css" />
</head>
<body>
<div class="header"><div class="logo">示例职业技术学院计划财务处</div>
<ul class="nav"><li><a href="index.htm">首页</a></li><li><a href="xxgk/sfgs.htm">收费公示</a></li><li><a href="http://xxgk.demo.edu.cn/">信息公开</a></li></ul></div>
<div class="main">
<div class="box"><h3>通知公告</h3>
<ul>
<li><a href="xxgk/sfgs.htm">示例职业技术学院2026-2027学年收费公示</a><span>2026-08-28</span></li>
</ul></div>
<div class="box"><h3>办事指南</h3><p>网上报销系统请在校园网内访问。</p></div>
</div>
<div class="footer">示例职业技术学院计划财务处 版权所有　地址：行政楼二楼</div>
</body>
</html>
"""
    write(host, "/index.htm", html)
    # the fee page is "down": the virtual-host server answers 503 for it
    write(host, "/xxgk/sfgs.htm.status", "503\n")


def main():
    if ROOT.exists():
        shutil.rmtree(ROOT)
    build_xxgk()
    build_zs()
    build_jy()
    build_cwc()
    print(len(written), "files")


if __name__ == "__main__":
    main()
