"""Writes the fixture sites of tests/test_draft.py (run from the repository root).

Two fictional schools in two other shapes than the bundled sample, markup copied in shape
from ../shared/reference/cms-patterns.md:

- 楚州理工学院 (undergraduate), WebPlus 苏迪: `/` is a `<meta refresh>` to `/main.htm`;
  a 信息公开目录 table (序号 | 公开事项 | 责任单位 | 公开网址) whose links are `/<col>/list.htm`,
  some on the admissions and finance hosts; wrong turns: item 26's catalogue link 404s (the
  menu has the live column), one column 学生奖励处罚与申诉办法 serves items 38 and 39, item
  49's row links to another domain (ccdi.gov.cn), the audit office's 内部控制 page on
  sjc.czlg.edu.cn is linked from the home page.
- 云岭职业技术学院 (vocational), VSB 博达 without a catalogue: `/` sends the browser on
  with `window.location.href`; the disclosure column `/xxgk/` has a left menu of shortened
  column names, column titles, breadcrumbs and `keywords` metas in the Ministry's wording.
- nothing.draft.edu.cn: a home page with no disclosure column at all.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent

# ------------------------------------------------------------------ WebPlus: 楚州理工学院

CZ = "楚州理工学院"
CZ_HOST = "xxgk.czlg.edu.cn"

# (item id, column id, menu name, department, host or "") ; host "" = the disclosure host
CZ_COLUMNS = [
    (1, "2401", "学校概况", "党政办公室", ""),
    (2, "2402", "学校章程", "党政办公室", ""),
    (3, "2403", "教代会", "校工会", ""),
    (4, "2404", "学术委员会", "发展规划处", ""),
    (5, "2405", "发展规划", "发展规划处", ""),
    (6, "2406", "信息公开年报", "党政办公室", ""),
    (7, "2501", "招生章程", "招生办公室", "zsb.czlg.edu.cn"),
    (9, "2503", "录取查询", "招生办公室", "zsb.czlg.edu.cn"),
    (10, "2504", "招生监督", "招生办公室", "zsb.czlg.edu.cn"),
    (15, "2415", "财务制度", "计划财务处", ""),
    (19, "2419", "预算公开", "计划财务处", ""),
    (20, "2420", "决算公开", "计划财务处", ""),
    (21, "sfgs", "收费公示", "计划财务处", "cwc.czlg.edu.cn"),
    (24, "2424", "岗位聘用", "人事处", ""),
    (26, "2426", "教职工申诉", "人事处", ""),
    (28, "2428", "专业设置", "教务处", ""),
    (35, "2435", "本科教学质量报告", "教务处", ""),
    (36, "2436", "学籍管理", "教务处", ""),
    (38, "2437", "学生奖励处罚与申诉办法", "学生工作处", ""),
    (39, "2437", "学生奖励处罚与申诉办法", "学生工作处", ""),
    (50, "2450", "应急管理", "保卫处", ""),
]
CZ_TITLES = {
    1: "办学规模、校级领导班子简介及分工、学校机构设置、学科情况、专业情况、各类在校生情况、教师和专业技术人员数量等办学基本情况",
    2: "学校章程及制定的各项规章制度",
    3: "教职工代表大会相关制度、工作报告",
    4: "学术委员会相关制度、年度报告",
    5: "学校发展规划、年度工作计划及重点工作安排",
    6: "信息公开年度报告",
    7: "招生章程及特殊类型招生办法，分批次、分科类招生计划",
    9: "考生个人录取信息查询渠道和办法，分批次、分科类录取人数和录取最低分",
    10: "招生咨询及考生申诉渠道，新生复查期间有关举报、调查及处理结果",
    15: "财务、资产管理制度",
    19: "收支预算总表、收入预算表、支出预算表、财政拨款支出预算表",
    20: "收支决算总表、收入决算表、支出决算表、财政拨款支出决算表",
    21: "收费项目、收费依据、收费标准及投诉方式",
    24: "岗位设置管理与聘用办法",
    26: "教职工争议解决办法",
    28: "专业设置、当年新增专业、停招专业名单",
    35: "本科教学质量报告",
    36: "学籍管理办法",
    38: "学生奖励处罚办法",
    39: "学生申诉办法",
    49: "巡视组反馈意见，落实反馈意见整改情况",
    50: "自然灾害等突发事件的应急处理预案、预警信息和处置情况，涉及学校的重大事件的调查和处理情况",
}


def wp_page(title: str, site_name: str, menu: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="renderer" content="webkit" />
<title>{title}</title>
<meta name="description" content="{site_name}" />
<link type="text/css" href="/_css/_system/system.css" rel="stylesheet"/>
<script language="javascript" src="/_js/jquery.min.js" sudy-wp-context="" sudy-wp-siteId="81"></script>
</head>
<body class="list">
<!--Start||head-->
<div class="wrapper header" id="header">
  <div class="sitelogo" frag="窗口01" portletmode="simpleSiteAttri">
    <a href="/" title="返回{site_name}首页"><span class="sitetitle">{site_name}</span></a>
  </div>
</div>
<!--End||head-->
<!--Start||nav-->
<div class="wrapper nav wp-navi" id="nav">
  <div class="inner clearfix">
    <ul class="wp-menu">
{menu}
    </ul>
  </div>
</div>
<!--End||nav-->
<div class="wrapper" id="l-container">
  <div class="inner">
{body}
  </div>
</div>
<div class="wrapper footer" id="footer">
  <div class="inner"><p class="copyright"><span>版权所有 &copy; {CZ}</span> 鄂ICP备05001234号</p></div>
</div>
</body>
</html>
"""


def cz_menu() -> str:
    entries = [("/main.htm", "首页"), ("/xxgkml/list.htm", "信息公开目录")]
    seen = set()
    for _, col, name, _, host in CZ_COLUMNS:
        if host or col in seen:
            continue
        seen.add(col)
        entries.append((f"/{col}/list.htm", name))
    return "\n".join(
        f'      <li class="menu-item i{n}"><a class="menu-link" href="{href}" target="_self">{text}</a></li>'
        for n, (href, text) in enumerate(entries, 1)
    )


def wp_list(col: str, title: str, rows: list[tuple[str, str]]) -> str:
    items = "\n".join(
        f"      <li class=\"news n{n} clearfix\">\n"
        f"        <span class=\"news_title\"><a href='/2026/{date[5:7]}{date[8:]}/c{col}a{30000 + n}/page.htm' "
        f"target='_blank' title='{text}'>{text}</a></span>\n"
        f'        <span class="news_meta">{date}</span>\n      </li>'
        for n, (text, date) in enumerate(rows, 1)
    )
    return f"""    <div class="col_menu">
      <div class="col_menu_head"><h3 class="col_name_text">{title}</h3></div>
    </div>
    <div class="col_news">
      <div class="col_news_head">
        <ul class="col_metas clearfix"><li class="col_title"><h2>{title}</h2></li>
        <li class="col_path"><span class="path_name">当前位置：</span><a href="/main.htm">首页</a><span class='possplit'>&nbsp;&nbsp;</span><a href="/{col}/list.htm">{title}</a></li></ul>
      </div>
      <div class="col_news_con">
    <div id="wp_news_w6">
    <ul class="news_list list2">
{items}
    </ul></div>
    <div id="wp_paging_w6">
    <ul class="wp_paging clearfix">
      <li class="pages_count"><span class="per_page">每页&nbsp;<em class="per_count">14</em>&nbsp;记录&nbsp;</span>
      <span class="all_count">总共&nbsp;<em class="all_count">{len(rows)}</em>&nbsp;记录&nbsp;</span></li>
    </ul></div>
      </div>
    </div>"""


CZ_ROWS = {
    "2401": [("楚州理工学院简介（2026年）", "2026-10-20"), ("学校机构设置及校级领导分工", "2026-09-02")],
    "2402": [("楚州理工学院章程（2023年修订）", "2023-06-01"), ("楚州理工学院规章制度汇编", "2026-03-01")],
    "2403": [("楚州理工学院教职工代表大会实施细则", "2024-05-10")],
    "2404": [("学术委员会章程", "2022-11-08"), ("学术委员会2025年度报告", "2026-02-20")],
    "2405": [("楚州理工学院“十四五”事业发展规划", "2021-12-30")],
    "2406": [("楚州理工学院2025-2026学年信息公开年度报告", "2026-10-28")],
    "2415": [("楚州理工学院财务管理办法", "2025-04-01"), ("国有资产管理办法", "2024-03-15")],
    "2419": [("楚州理工学院2026年部门预算", "2026-04-18")],
    "2420": [("楚州理工学院2025年部门决算", "2026-08-12")],
    "2424": [("岗位设置管理办法", "2024-06-01")],
    "2426": [("教职工人事争议调解办法", "2025-01-10")],
    "2428": [("2026年本科专业设置及新增专业", "2026-03-20")],
    "2435": [("楚州理工学院2024-2025学年本科教学质量报告", "2025-12-10")],
    "2436": [("楚州理工学院本科生学籍管理规定", "2025-09-01")],
    "2437": [("学生违纪处分规定", "2025-09-01"), ("学生申诉处理办法", "2025-09-01")],
    "2450": [("突发事件应急预案", "2026-05-12")],
}


def build_cz() -> None:
    site = ROOT / CZ_HOST
    name = f"{CZ}信息公开网"
    write(
        site / "index.html",
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f'<meta http-equiv="refresh" content="0;URL=/main.htm"><title>{name}</title></head>'
        "<body></body></html>\n",
    )
    home = """    <div class="mod"><h3>最新公开</h3>
    <ul class="news_list"><li><a href="/2406/list.htm">信息公开年度报告</a></li></ul></div>
    <div class="mod lm-links"><h3>相关链接</h3><ul>
      <li><a href="http://www.czlg.edu.cn/" target="_blank">学校主页</a></li>
      <li><a href="http://zsb.czlg.edu.cn/" target="_blank">招生信息网</a></li>
      <li><a href="http://sjc.czlg.edu.cn/nbkz.htm" target="_blank">审计处：内部控制</a></li>
    </ul></div>"""
    write(site / "main.htm", wp_page(name, name, cz_menu(), home))
    rows = []
    for number, (item, col, _, dept, host) in enumerate(CZ_COLUMNS, 1):
        url = f"http://{host}/{col}/list.htm" if host else f"/{col}/list.htm"
        if host == "cwc.czlg.edu.cn":
            url = "http://cwc.czlg.edu.cn/sfgs/list.htm"
        if item == 26:
            url = "/2499/list.htm"  # a dead link: the column moved to /2426/
        rows.append(
            f"<tr><td>{number}</td><td>（{item}）{CZ_TITLES[item]}</td><td>{dept}</td>"
            f'<td><a href="{url}" target="_blank">{url}</a></td></tr>'
        )
    rows.append(
        f"<tr><td>{len(rows) + 1}</td><td>（49）{CZ_TITLES[49]}</td><td>党委办公室</td>"
        '<td><a href="http://www.ccdi.gov.cn/xsgz/" target="_blank">中央纪委国家监委网站</a></td></tr>'
    )
    table = (
        '    <div class="wp_articlecontent"><table class="MsoTableGrid" border="1" width="100%">\n'
        "<tr><th>序号</th><th>公开事项</th><th>责任单位</th><th>公开网址</th></tr>\n"
        + "\n".join(rows)
        + "\n</table></div>"
    )
    write(site / "xxgkml" / "list.htm", wp_page(f"信息公开目录-{name}", name, cz_menu(), table))
    for item, col, menu_name, _, host in CZ_COLUMNS:
        if host:
            continue
        title = menu_name
        write(site / col / "list.htm", wp_page(title, name, cz_menu(), wp_list(col, title, CZ_ROWS[col])))
    zs = ROOT / "zsb.czlg.edu.cn"
    zs_name = f"{CZ}招生信息网"
    zs_menu = "\n".join(
        f'      <li class="menu-item"><a class="menu-link" href="/{col}/list.htm">{text}</a></li>'
        for col, text in (("2501", "招生章程"), ("2503", "录取查询"), ("2504", "招生监督"))
    )
    write(zs / "index.html", wp_page(zs_name, zs_name, zs_menu, "    <p>欢迎报考楚州理工学院</p>"))
    zs_rows = {
        "2501": [("楚州理工学院2026年普通本科招生章程", "2026-05-20"), ("2026年分省分专业招生计划", "2026-06-01")],
        "2503": [("2026年录取结果查询", "2026-07-20"), ("2025年各省录取分数线", "2025-08-30")],
        "2504": [("招生咨询及监督举报电话", "2026-06-01")],
    }
    for col, text in (("2501", "招生章程"), ("2503", "录取查询"), ("2504", "招生监督")):
        write(zs / col / "list.htm", wp_page(text, zs_name, zs_menu, wp_list(col, text, zs_rows[col])))
    cwc = ROOT / "cwc.czlg.edu.cn"
    write(
        cwc / "sfgs" / "list.htm",
        wp_page(
            "收费公示-计划财务处",
            "楚州理工学院计划财务处",
            '      <li class="menu-item"><a href="/sfgs/list.htm">收费公示</a></li>',
            wp_list("sfgs", "收费公示", [("2026-2027学年学费住宿费收费标准公示", "2026-08-20")]),
        ),
    )
    www = ROOT / "www.czlg.edu.cn"
    main_menu = "\n".join(
        f'      <li class="menu-item i{n}"><a class="menu-link" href="{href}">{text}</a></li>'
        for n, (href, text) in enumerate(
            [
                ("/xxgk.htm", "学校概况"),
                ("/yxsz.htm", "院系设置"),
                ("/xwzx.htm", "新闻中心"),
                ("/rcpy.htm", "人才培养"),
                ("http://xxgk.czlg.edu.cn/", "信息公开"),
                ("http://zsb.czlg.edu.cn/", "招生就业"),
            ],
            1,
        )
    )
    write(
        www / "index.htm",
        wp_page(f"{CZ}", CZ, main_menu, '    <div class="mod"><p>楚州理工学院欢迎您</p></div>'),
    )
    for page, title in (("xxgk", "学校概况"), ("yxsz", "院系设置"), ("xwzx", "新闻中心"), ("rcpy", "人才培养")):
        write(www / f"{page}.htm", wp_page(f"{title}-{CZ}", CZ, main_menu, f"    <h2>{title}</h2>"))
    sjc = ROOT / "sjc.czlg.edu.cn"
    write(
        sjc / "nbkz.htm",
        wp_page(
            "内部控制-审计处",
            "楚州理工学院审计处",
            '      <li class="menu-item"><a href="/nbkz.htm">内部控制</a></li>'
            '<li class="menu-item"><a href="/sjzg.htm">审计整改</a></li>',
            wp_list(
                "nbkz",
                "内部控制",
                [("楚州理工学院内部控制审计实施办法", "2022-03-04"), ("内部审计质量控制办法", "2023-04-13")],
            ),
        ),
    )


# ------------------------------------------------------------------ VSB without a catalogue

YL = "云岭职业技术学院"
YL_HOST = "www.ylzy.edu.cn"

# (path under /xxgk/, menu name, column title (heading and breadcrumb), keywords meta, rows)
YL_COLUMNS = [
    ("jbxx/xxjj", "学校简介", "学校简介", "办学基本情况", [("云岭职业技术学院简介", "2026-09-10")]),
    ("jbxx/zcgz", "章程与制度", "学校章程及规章制度", "学校章程及制定的各项规章制度", [("云岭职业技术学院章程", "2022-05-01"), ("学生宿舍管理规定", "2025-09-01")]),
    ("jbxx/ndbg", "年度报告", "信息公开年度报告", "信息公开年度报告", [("2025-2026学年信息公开年度报告", "2026-10-30")]),
    ("zsks/zszc", "招生章程", "招生章程及招生计划", "招生章程及特殊类型招生办法，分批次、分科类招生计划", [("2026年招生章程", "2026-05-28")]),
    ("cwzc/ysgk", "预算公开", "部门预算", "收支预算总表、收入预算表、支出预算表、财政拨款支出预算表", [("2026年部门预算公开", "2026-04-20")]),
    ("cwzc/sfxm", "收费公示", "收费项目及标准", "收费项目、收费依据、收费标准及投诉方式", [("2026年收费标准公示", "2026-08-25")]),
    ("rssz/zpxx", "招聘信息", "人员招聘", "校内中层干部任免、人员招聘信息", [("2026年公开招聘工作人员公告", "2026-06-10")]),
    ("jxzl/zlnb", "质量年报", "高等职业教育质量年度报告", "高等职业教育质量年度报告", [("2026年高等职业教育质量年度报告", "2026-01-20")]),
    ("jxzl/jyzl", "就业质量报告", "毕业生就业质量年度报告", "高校毕业生就业质量年度报告", [("2025届毕业生就业质量年度报告", "2025-12-20")]),
    ("xsgl/xszz", "学生资助", "学生资助", "学生奖学金、助学金、学费减免、助学贷款、勤工俭学的申请与管理规定", [("国家助学金评审办法", "2025-09-20")]),
    ("xsgl/xsss", "学生申诉", "学生申诉办法", "学生申诉办法", [("学生申诉处理办法", "2024-09-01")]),
    ("xfjs/xsbd", "学术不端", "学术不端行为查处机制", "学术不端行为查处机制", [("学术不端行为处理办法", "2023-03-01")]),
    ("qt/xszg", "巡视整改", "巡视整改", "巡视组反馈意见，落实反馈意见整改情况", [("关于巡视整改进展情况的通报", "2025-11-18")]),
]
YL_CATEGORIES = {
    "jbxx": "基本信息",
    "zsks": "招生考试信息",
    "cwzc": "财务、资产及收费信息",
    "rssz": "人事师资信息",
    "jxzl": "教学质量信息",
    "xsgl": "学生管理服务信息",
    "xfjs": "学风建设信息",
    "qt": "其他",
}


def yl_menu(prefix: str) -> str:
    lines = []
    for cat, cat_name in YL_CATEGORIES.items():
        subs = "".join(
            f'<li><a href="{prefix}{path}.htm">{menu}</a></li>'
            for path, menu, *_ in YL_COLUMNS
            if path.startswith(cat + "/")
        )
        first = next(path for path, *_ in YL_COLUMNS if path.startswith(cat + "/"))
        lines.append(
            f'<li><a href="{prefix}{first}.htm">{cat_name}</a>\n<ul class="submenu">{subs}</ul>\n</li>'
        )
    return '<div class="left-bar">\n<div class="lm-name">信息公开</div>\n<ul class="topmenu">\n' + "\n".join(lines) + "\n</ul>\n</div><!--left-->"


def vsb_page(title: str, keywords: str, prefix: str, crumbs: str, body: str) -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>{title}</title><META Name="keywords" Content="{keywords}" />
<!--Announced by Visual SiteBuilder 9-->
<link rel="stylesheet" type="text/css" href="{prefix}../_sitegray/_sitegray_d.css" />
<script type="text/javascript" src="/system/resource/js/counter.js"></script>
</head>
<body>
<div id="header"><div class="logo"><a href="{prefix}index.htm"><img src="{prefix}images/logo.png" alt="{YL}信息公开网" /></a></div></div>
<div class="container"><div class="wrap">
{yl_menu(prefix)}
<div class="content r_b col-right">
<div class="ct-title">{crumbs}</div>
<div class="ct-body">
{body}
</div></div></div></div>
<div id="footer"><div class="f-l">{YL} 版权所有 滇ICP备10002345号</div></div>
</body>
</html>
"""


def build_yl() -> None:
    site = ROOT / YL_HOST
    write(
        site / "index.htm",
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
        "<title></title><script type=\"text/javascript\">window.location.href='xxgk/index.htm';"
        "</script></head><body><noscript>请启用JavaScript</noscript></body></html>\n",
    )
    xxgk = site / "xxgk"
    home_body = '<div class="list"><p>欢迎访问云岭职业技术学院信息公开网。</p></div>'
    crumbs = '<div class="currentPath">当前位置：<a href="index.htm">首页</a></div>'
    write(
        xxgk / "index.htm",
        vsb_page(f"{YL}信息公开网", f"{YL}信息公开网", "", crumbs, home_body),
    )
    for path, _menu, title, keywords, rows in YL_COLUMNS:
        cat = path.split("/")[0]
        prefix = "../"
        crumb = (
            f'<div class="ct-tit col-left">{title}</div><div class="currentPath">当前位置：'
            f'<a href="../index.htm">首页</a> &gt; <a href="../{YL_COLUMNS[0][0]}.htm">{YL_CATEGORIES[cat]}</a>'
            f' &gt; <a href="{path.split("/")[1]}.htm">{title}</a></div>'
        )
        items = "\n".join(
            f'<li id="line_u8_{n}"><a href="../../info/10{n}1/{2000 + n}.htm" target="_blank" title="{text}">{text}</a>'
            f'<span class="time">{date}</span></li>'
            for n, (text, date) in enumerate(rows)
        )
        body = f'<div class="list">\n<ul>\n{items}\n</ul>\n</div>'
        write(
            xxgk / f"{path}.htm",
            vsb_page(f"{title}-{YL}信息公开网", f"信息公开,{keywords}", prefix, crumb, body),
        )


def build_nothing() -> None:
    write(
        ROOT / "nothing.draft.edu.cn" / "index.htm",
        '<html><head><meta charset="utf-8"><title>欢迎访问</title></head><body>'
        '<div class="nav"><a href="news.htm">新闻</a> <a href="notice.htm">通知</a></div>'
        "<p>网站建设中。</p></body></html>\n",
    )


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    build_cz()
    build_yl()
    build_nothing()
