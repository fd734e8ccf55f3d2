"""Generate a VSB (博达) style disclosure site of about 5,000 pages for the crawl benchmark.

The shapes follow ``../shared/reference/cms-patterns.md`` (from the repository root) and the real xxgk.swu.edu.cn
article pages: one column per checklist item (50), each a static VSB list that paginates
downwards (``sx07.htm``, ``sx07/N.htm`` … ``sx07/1.htm``), rows in three VSB layouts with
dates, article pages ``/info/<tree>/<id>.htm`` of 10–30 KB with the real template's
chrome (search form, navigation, breadcrumb, ``msgbar``, ``vsb_content``, footer), a few
VSB ``download.jsp`` PDF attachments, and five columns in GBK (``charset=gb2312``, with
characters outside GB2312). Every column's name ends in digits, as real VSB columns' often do
(``sx18.htm``, then ``sx18/13.htm`` … ``sx18/1.htm``); a fifth of the columns (those with three
list pages or more) use VSB's older table pager, ``<a href="12.htm" class="Next">下页</a>``,
instead of the ``pb_sys`` one. Everything is seeded: the same arguments give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
CHECKLIST = REPO / "checklist" / "moe-2014.yaml"
SECTION = "div.list"  # the list container: the `section` a rules file would give
SITE_NAME = "示范大学信息公开网"
AS_OF = dt.date(2026, 11, 30)

CATEGORY_SLUGS = {
    1: "jbxx",
    2: "zsksxx",
    3: "cw_zcjsf",
    4: "rsszxx",
    5: "jxzlxx",
    6: "xsglfwxx",
    7: "xfjsxx",
    8: "xw_xkxx",
    9: "dwjlyhzxx",
    10: "qt",
}
GBK_EXTRA = "「」·—喆堃玥镕"  # GBK, not all GB2312: exercises the GB18030 reading

SENTENCES = (
    "为进一步规范学校信息公开工作，保障师生员工和社会公众依法获取学校信息，根据《高等学校信息公开办法》（教育部令第29号）和《高等学校信息公开事项清单》（教办函〔2014〕23号），结合学校实际，制定本办法。",
    "学校坚持以公开为常态、不公开为例外，遵循公正、公平、合法、便民的原则，及时、准确地公开学校信息。",
    "学校信息公开工作在学校党委、行政统一领导下进行，党政办公室是学校信息公开工作的日常办事机构，负责推进、协调和监督全校的信息公开工作。",
    "各职能部门、各学院按照“谁制作、谁公开，谁保存、谁公开”的原则，负责本单位职责范围内信息的收集、审核、发布和更新。",
    "对涉及国家秘密、商业秘密、个人隐私的信息，以及法律、法规和国家有关规定不予公开的其他信息，学校不予公开。",
    "学校通过学校门户网站、信息公开专栏、校报、广播、电视、新闻发布会、年鉴、会议纪要或者简报等方式公开信息。",
    "属于主动公开范围的信息，学校应当自该信息制作完成或者获取之日起20个工作日内予以公开；公开内容发生变更的，应当在变更后20个工作日内予以更新。",
    "公民、法人和其他组织可以根据自身学习、科研、工作等特殊需要，以书面形式（包括数据电文形式）向学校申请获取相关信息。",
    "学校收到信息公开申请，能够当场答复的，应当当场予以答复；不能当场答复的，应当自收到申请之日起15个工作日内予以答复。",
    "学校将信息公开工作纳入年度考核范围，建立健全信息公开工作考核制度、社会评议制度和责任追究制度，定期对信息公开工作进行考核、评议。",
    "本年度学校部门预算收入总额为人民币二十八亿六千四百万元，其中财政拨款收入十四亿二千万元，事业收入九亿八千万元，其他收入四亿六千四百万元。",
    "支出预算按照“保运转、保重点、保民生”的原则安排，重点保障人才培养、科学研究、学科建设和民生改善等方面的支出需求。",
    "学校严格执行中央八项规定精神，“三公”经费预算较上年有所下降，其中因公出国（境）费用、公务接待费和公务用车运行维护费均按规定从严控制。",
    "招生工作坚持“公平竞争、公正选拔、公开透明、全面考核、综合评价、择优录取”的原则，接受纪检监察部门、考生、家长及社会各界的监督。",
    "考生对录取结果有异议的，可在录取结果公布之日起5个工作日内向学校招生委员会提出书面申诉，学校将在15个工作日内予以答复。",
    "学校现有全日制在校生三万二千余人，其中本科生二万一千余人，硕士研究生八千余人，博士研究生二千余人，留学生一千余人。",
    "学校设有二十八个学院（部），开设本科专业九十二个，拥有博士学位授权一级学科二十一个，硕士学位授权一级学科四十一个。",
    "本学年学校新增本科专业三个，停止招生专业两个，全校共开设课程四千二百余门，其中实践教学学分占总学分比例为百分之二十八点六。",
    "学校建立了校院两级学风建设工作机构，制定了学术规范、学术不端行为查处等制度，对学术不端行为坚持“零容忍”。",
    "学生对学校作出的处分或者处理决定有异议的，可以在接到决定书之日起10日内，向学校学生申诉处理委员会提出书面申诉。",
    "各类奖学金、助学金的评定坚持公开、公平、公正的原则，评审结果在学院和学校网站进行不少于5个工作日的公示。",
    "学校严格按照国家和省有关规定收取学费和住宿费，收费项目、收费依据、收费标准及投诉电话均在校园网上予以公示。",
    "毕业生总数七千六百余人，截至当年8月31日，本科毕业生去向落实率为百分之九十一点二，研究生毕业生去向落实率为百分之九十三点五。",
    "学校坚持扩大对外开放，与三十余个国家和地区的一百六十余所高校和科研机构建立了合作交流关系，中外合作办学项目四个。",
    "本办法自发布之日起施行，由党政办公室负责解释。原有规定与本办法不一致的，以本办法为准。",
)
TITLE_STEMS = (
    "关于印发《{0}管理办法》的通知",
    "{0}工作实施细则（{1}年修订）",
    "{1}年{0}情况公示",
    "关于做好{1}年{0}工作的通知",
    "{0}有关情况说明",
    "{1}年度{0}信息公开",
    "关于公布{0}结果的公告",
)


@dataclass
class Column:
    item: int
    name: str
    category: str
    path: str  # page 1, e.g. /xxgksx/jbxx/sx01.htm
    tree: int  # VSB wbtreeid
    encoding: str  # "utf-8" or "gbk"
    header_charset: str | None  # charset in the Content-Type header (None: not sent)
    layout: int  # 0, 1 or 2: the row markup
    per_page: int
    articles: list[int] = field(default_factory=list)  # wbnewsid, newest first
    attached: list[int] = field(default_factory=list)  # wbnewsid of articles with a PDF
    pager: str = "pb_sys"  # "pb_sys" (span.p_next) or "table" (VSB's older a.Next)

    @property
    def stem(self) -> str:
        return self.path.removesuffix(".htm")

    def list_pages(self) -> list[str]:
        """Page 1 is ``stem.htm``, then ``stem/N-1.htm`` down to ``stem/1.htm``."""
        count = max(1, -(-len(self.articles) // self.per_page))
        return [self.path] + [f"{self.stem}/{n}.htm" for n in range(count - 1, 0, -1)]


@dataclass
class Manifest:
    seed: int
    as_of: str
    section: str
    columns: list[Column]
    attachments: int
    pages: int  # URLs a full crawl fetches (list pages + articles + attachments)
    bytes: int
    article_bytes: tuple[int, int, float]  # min, max, mean


def article_path(column: Column, news: int) -> str:
    return f"/info/{column.tree}/{news}.htm"


def attachment_path(news: int) -> str:
    """VSB's download bridge for an article's one PDF (the server maps it to ``_attach/``)."""
    owner, wbfileid = _owner(news), _wbfileid(news)
    return (
        "/system/_content/download.jsp?urltype=news.DownloadAttachUrl"
        f"&owner={owner}&wbfileid={wbfileid}"
    )


def site_paths(manifest: dict[str, Any]) -> dict[str, str]:
    """Every path a full crawl of a generated site fetches, with its kind: ``list``,
    ``article`` or ``attachment`` (read back from ``manifest.json``)."""
    paths: dict[str, str] = {}
    for data in manifest["columns"]:
        column = Column(**data)
        paths |= dict.fromkeys(column.list_pages(), "list")
        paths |= {article_path(column, news): "article" for news in column.articles}
        paths |= {attachment_path(news): "attachment" for news in column.attached}
    return paths


def _owner(news: int) -> int:
    return 1747819574 + news


def _wbfileid(news: int) -> int:
    return 12148000 + news


def _rel(from_path: str, to_path: str) -> str:
    return os.path.relpath(to_path, os.path.dirname(from_path) or "/")


def _date_of(rng: random.Random, newest: dt.date, index: int) -> dt.datetime:
    day = newest - dt.timedelta(days=index * rng.randint(2, 9))
    return dt.datetime.combine(
        day, dt.time(rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59))
    )


# --------------------------------------------------------------------------- chrome


def _head(title: str, charset: str, keywords: str, tree: int, news: int, owner: int) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\r
<html xmlns="http://www.w3.org/1999/xhtml">\r
<head>\r
{meta}\r
<title>{title}-{SITE_NAME}</title><META Name="keywords" Content="信息公开,{keywords}" />\r
<META Name="description" Content="{title}" />\r
<link href="/dfiles/11348/viscms/r/cms/xxgk/default/css/reset.css" rel="stylesheet" type="text/css" />\r
<script src="/dfiles/11348/viscms/r/cms/xxgk/default/js/jquery.min.js" type="text/javascript"></script>\r
<script src="/dfiles/11348/viscms/r/cms/xxgk/default/js/site.js" type="text/javascript"></script>\r
<script type="text/javascript">\r
$(function() {{\r
   var  url ="http://cms.example.edu.cn:8080/viscms/content_view.jspx?callback=?";\r
   var  data={{contentId:{owner % 1000000}}};\r
    $.getJSON(url,data,function(json){{\r
     $("#djs").html(json[0]);\r
   }});\r
}})\r
</script>\r
<!--Announced by Visual SiteBuilder 9-->\r
<link rel="stylesheet" type="text/css" href="/_sitegray/_sitegray_d.css" />\r
<script language="javascript" src="/_sitegray/_sitegray.js"></script>\r
<!-- CustomerNO:77656262657232307478475053535742000100004154 -->\r
<link rel="stylesheet" type="text/css" href="/content.vsb.css" />\r
<script type="text/javascript" src="/system/resource/js/counter.js"></script>\r
<script type="text/javascript">_jsq_({tree},'/content.jsp',{news},{owner})</script>\r
</head>\r
"""


def _header(page: str) -> str:
    nav = "".join(
        f'<li class="nLi">\r\n                    <h3 id="nLi_144889"><a href="{_rel(page, href)}" '
        f'target="_self">{label}</a></h3>\r\n                \r\n            </li>\r\n\r\n'
        for href, label in (
            ("/xxgkml.htm", "信息公开目录"),
            ("/xxgkzd.htm", "信息公开制度"),
            ("/xxgksq.htm", "信息公开申请"),
            ("/xxgknb.htm", "信息公开年报"),
            ("/gzjg.htm", "工作机构"),
            ("/xxgksx.htm", "信息公开事项"),
        )
    )
    return f"""<body>\r
<!-- header begins -->\r
<div id="header">\r
<div class="banner">\r
<div class="banner-wrap">\r
<div class="bk"></div>\r
<div class="search">\r
                       <script type="text/javascript">\r
    function _nl_ys_check(){{\r
        var keyword = document.getElementById('showkeycode1022719').value;\r
        if(keyword==null||keyword==""){{\r
            alert("请输入你要检索的内容！");\r
            return false;\r
        }}\r
        if(window.toFF==1)\r
        {{\r
            document.getElementById("lucenenewssearchkey1022719").value = Simplized(keyword );\r
        }}else\r
        {{\r
            document.getElementById("lucenenewssearchkey1022719").value = keyword;\r
        }}\r
        var  base64 = new Base64();\r
        document.getElementById("lucenenewssearchkey1022719").value = base64.encode(document.getElementById("lucenenewssearchkey1022719").value);\r
        new VsbFormFunc().disableAutoEnable(document.getElementById("showkeycode1022719"));\r
        return true;\r
    }}\r
</script>\r
<form action="{_rel(page, "/search.jsp")}?wbtreeid=1001" method="post" id="au0a" name="au0a" onsubmit="return _nl_ys_check()" class="searchBox">\r
 <input type="hidden" id="lucenenewssearchkey1022719" name="lucenenewssearchkey" value=""><input type="hidden" id="_lucenesearchtype1022719" name="_lucenesearchtype" value="1"><input type="hidden" id="searchScope1022719" name="searchScope" value="0">\r
 <input name="showkeycode" id="showkeycode1022719" value="请输入关键词" type="text" onfocus="if(this.value=='请输入关键词')this.value=''" onblur="if(this.value=='')this.value='请输入关键词'" maxlength="24" style="width: 160px;    float: left;    border: none;    height: 23px;    line-height: 23px;    margin-top: 1px;    margin-left: 10px;    background: none;">\r
                        <input type="hidden" name="siteId" value="143586" />\r
                        <input type="submit" id="btnSearch" value="" />\r
                        <input type="hidden" name="st" value="" />\r
</form><script language="javascript" src="/system/resource/js/base64.js"></script><script language="javascript" src="/system/resource/js/formfunc.js"></script>\r
</div>\r
<div class="bk"></div>\r
    <div class="mainNav">\r
    <ul id="nav" class="nav">\r
  <li class="nLi home">\r
                <h3 style="background:none"><a href="{_rel(page, "/index.htm")}" target="_self">首　页</a></h3>\r
            </li>\r
\r
{nav}    </ul>\r
    <div class="bk"></div>\r
   </div>\r
   <div class="bk"></div>\r
 </div>\r
 </div>\r
</div>\r
<!-- header ends -->\r
"""


def _sidebar(page: str, siblings: list[Column], current: Column) -> str:
    on = ' class="on"'
    links = "".join(
        f'<li{on if c is current else ""}><a href="{_rel(page, c.path)}" '
        f'title="{c.name}">{c.name[:14]}</a></li>\r\n'
        for c in siblings
    )
    return (
        f'<div class="right-bar">\r\n<div class="sidebar"><h2>{current.category}</h2>\r\n'
        f'<ul class="left-menu">\r\n{links}</ul></div>\r\n'
        '<img src="/dfiles/11348/viscms/r/cms/xxgk/default/images/news/right.jpg" />\r\n</div>\r\n'
    )


def _footer() -> str:
    return """<div class="bk"></div>\r
<script type="text/javascript">\r
$(function(){\r
$.getJSON("http://cms.example.edu.cn:8080/viscms/site_statistics.jspx?callback=?",{siteId:143586},function(json){\r
  if(json.success){\r
  var num = parseInt(json.countSite)+20;\r
 $("#ss2").html(num);\r
 }\r
});\r
});\r
</script>\r
<div id="footer">\r
  <div class="foot-info">\r
  <!-- 版权内容请在本组件"内容配置-版权"处填写 -->\r
<div class="f-l">你是第&nbsp;<span id="ss2"></span>&nbsp;位访问者&nbsp;&nbsp;&nbsp;&nbsp;示范大学校务公开 版权所有<br />地址：某省某市某区大学路1号&nbsp;&nbsp;&nbsp;&nbsp;邮编：400715&nbsp;&nbsp;&nbsp;&nbsp;传真：023-68860000&nbsp;&nbsp;某ICP备05003000号</div>\r
  <div class="bk"></div>\r
  </div>\r
</div></body>\r
</html>\r
"""


def _crumb(page: str, column: Column, tail: str) -> str:
    cat_path = "/xxgksx/" + column.path.split("/")[2] + ".htm"
    return (
        '<div class="currentPath">当前位置：\r\n'
        f'<a href="{_rel(page, "/index.htm")}">首页</a>\r\n                  &gt; \r\n'
        f'                <a href="{_rel(page, "/xxgksx.htm")}">信息公开事项</a>\r\n'
        f'                  &gt; \r\n                <a href="{_rel(page, cat_path)}">{column.category}</a>\r\n'
        f'                  &gt; \r\n                <a href="{_rel(page, column.path)}">{column.name}</a>\r\n'
        f"                  &gt; \r\n                {tail}\r\n</div>\r\n"
    )


# --------------------------------------------------------------------------- list pages


def _row(layout: int, index: int, href: str, title: str, when: dt.datetime, summary: str) -> str:
    short = title if len(title) <= 24 else title[:24] + "..."
    if layout == 0:
        return (
            f'<li id="line_u8_{index}"><a href="{href}" target="_blank" title="{title}">{short}</a>'
            f'<span class="time">{when:%Y-%m-%d}</span></li>\r\n'
        )
    if layout == 1:
        return (
            f'<li id="line_u9_{index}"><span class="w"><a href="{href}" title="{title}">{short}</a>'
            f"</span>\r\n    <samp>{when.year}年{when.month:02d}月{when.day:02d}日</samp></li>\r\n"
        )
    return (
        f'<li id="line_u10_{index}" data-aos="fade-up"><div class="time flex-v-center">'
        f"<span>{when.day:02d}</span>{when.year}/{when.month:02d}</div>\r\n"
        f'<a href="{href}" title="{title}"><div class="span flex"><h3>{short}</h3>'
        f"<p>{summary}</p></div></a></li>\r\n"
    )


def _pager(page: str, pages: list[str], current: int, total_rows: int) -> str:
    """VSB's static pager: page 1 is the column file, then N-1 … 1 in its folder."""
    if len(pages) == 1:
        return (
            f'<div class="pb_sys_common pb_sys_normal pb_sys_style1"><span class="p_t">共{total_rows}条</span>'
            '<span class="p_pages"><span class="p_no_d">1</span></span></div>\r\n'
        )
    last = len(pages) - 1

    def link(target: int, label: str, kind: str) -> str:
        return f'<span class="{kind}"><a href="{_rel(page, pages[target])}">{label}</a></span>'

    parts = [
        f'<span class="p_t">共{total_rows}条</span>',
        f'<span class="p_t">{current + 1}/{len(pages)}页</span>',
    ]
    parts.append('<span class="p_pages">')
    if current == 0:
        parts.append(
            '<span class="p_first_d p_fun_d">首页</span><span class="p_prev_d p_fun_d">上页</span>'
        )
    else:
        parts.append(link(0, "首页", "p_first p_fun") + link(current - 1, "上页", "p_prev p_fun"))
    window = sorted({0, last, *range(max(0, current - 2), min(last, current + 2) + 1)})
    previous = -1
    for number in window:
        if number - previous > 1:
            parts.append('<span class="p_dot">...</span>')
        if number == current:
            parts.append(f'<span class="p_no_d">{number + 1}</span>')
        else:
            parts.append(link(number, str(number + 1), "p_no"))
        previous = number
    if current == last:
        parts.append(
            '<span class="p_next_d p_fun_d">下页</span><span class="p_last_d p_fun_d">尾页</span>'
        )
    else:
        parts.append(link(current + 1, "下页", "p_next p_fun") + link(last, "尾页", "p_last p_fun"))
    parts.append("</span>")
    return '<div class="pb_sys_common pb_sys_normal pb_sys_style1">' + "".join(parts) + "</div>\r\n"


def _table_pager(page: str, pages: list[str], current: int, total_rows: int) -> str:
    """VSB's older static pager: a table, 首页/上页 as ``a.Prev`` and 下页/尾页 as ``a.Next``
    (spans ``PrevDisabled``/``NextDisabled`` where there is nowhere to go), a 转到 box."""
    last = len(pages) - 1

    def link(target: int, label: str, kind: str) -> str:
        return f'<a href="{_rel(page, pages[target])}" class="{kind}">{label}</a>'

    # Many VSB sites style every pager link, 首页 and 上页 too, as a.Next: only the words
    # say which link goes where (half of these columns, chosen by the column's number).
    column = re.search(r"\d+", page)
    back_class = "Next" if column and int(column.group()) % 2 else "Prev"
    if current == 0:
        back = '<span class="PrevDisabled">首页</span><span class="PrevDisabled">上页</span>'
    else:
        back = link(0, "首页", back_class) + link(current - 1, "上页", back_class)
    if current == last:
        ahead = '<span class="NextDisabled">下页</span><span class="NextDisabled">尾页</span>'
    else:
        ahead = link(current + 1, "下页", "Next") + link(last, "尾页", "Next")
    return (
        '<table width="100%" align="left" cellpadding="0" cellspacing="0" class="headStyle">'
        '<tr><td colspan="0"><table cellspacing="0" class="pageList" cellpadding="0"><tr>\r\n'
        '<td nowrap align="left" width="1%" id="fanye126657">'
        f"共{total_rows}条&nbsp;&nbsp;{current + 1}/{len(pages)}&nbsp;</td>\r\n"
        f'<td nowrap align="left"><div>{back}{ahead}&nbsp;'
        '<input align="absmiddle" type="button" class="defaultButtonStyle" id="gotopagebut" '
        'name="goto" value="转到" onclick="javascript:_simple_list_gotopage_fun('
        f'{len(pages)},\'gotopage\',2)"><input size="2" align="absmiddle" type="text" '
        'class="defaultInputStyle" name="gotopage" value="" '
        'onKeyDown="if(event.keyCode==13){return false;}">页</div></td></tr></table>'
        "</td></tr></table>\r\n"
    )


# --------------------------------------------------------------------------- articles


def _paragraphs(rng: random.Random, target_bytes: int, encoding: str, extra: str) -> str:
    """Body paragraphs adding up to about ``target_bytes`` in the page's encoding."""
    out: list[str] = []
    size = 0
    while size < target_bytes:
        text = "".join(rng.sample(SENTENCES, rng.randint(2, 5)))
        if extra and rng.random() < 0.3:
            text += f"（联系人：王{rng.choice(extra[4:])}老师，「信息公开」咨询电话·023-6886{rng.randint(1000, 9999)}）"
        paragraph = f"<p>　　{text}</p>\r\n"
        out.append(paragraph)
        size += len(paragraph.encode(encoding))
    return "".join(out)


def _table(rng: random.Random) -> str:
    rows = "".join(
        f"<tr><td>{i}</td><td>{name}</td><td>{rng.randint(100, 99999)}.{rng.randint(0, 99):02d}</td>"
        f"<td>{rng.randint(100, 99999)}.{rng.randint(0, 99):02d}</td></tr>\r\n"
        for i, name in enumerate(
            (
                "财政拨款收入",
                "事业收入",
                "经营收入",
                "其他收入",
                "教育支出",
                "科学技术支出",
                "住房保障支出",
            ),
            start=1,
        )
    )
    return (
        '<table border="1" cellspacing="0" cellpadding="0" width="600"><tbody>\r\n'
        "<tr><th>序号</th><th>项目</th><th>本年预算数（万元）</th><th>上年预算数（万元）</th></tr>\r\n"
        f"{rows}</tbody></table>\r\n"
    )


def _article(
    rng: random.Random,
    page: str,
    column: Column,
    siblings: list[Column],
    news: int,
    title: str,
    when: dt.datetime,
    target_bytes: int,
    attachment: int | None,
) -> str:
    owner = _owner(news)
    extra = GBK_EXTRA if column.encoding == "gbk" else ""
    charset = "gb2312" if column.encoding == "gbk" else "UTF-8"
    head = _head(title, charset, column.name, column.tree, news, owner)
    top = (
        _header(page)
        + '<div class="bk"></div> \r\n<div class="container">\r\n <div class="ca-top"></div>\r\n'
        + ' <div class="ca-body">\r\n     <div class="wrap">\r\n     <div class="content col-left">\r\n'
        + _crumb(page, column, "正文")
        + '<form name="_newscontent_fromname">\r\n<div class="ct-body pdbody">\r\n'
        + f'<div class="ct-title">\r\n <div class="ch-title-2">{title}</div>\r\n</div>\r\n'
        + f'<div class="msgbar">发布时间： {when:%Y-%m-%d %H:%M:%S} &nbsp; 作者： &nbsp; 来源： \r\n'
        + ' &nbsp; 浏览次数：<span class="views" id="djs" /><script>_showDynClicks("wbnews", '
        + f"{owner}, {news})</script></span>&nbsp;次  </div>\r\n"
        + '<div class="ct-b-b">  <div id="vsb_content"><div class="v_news_content">\r\n'
        + f'<p class="vsbcontent_start">示大〔{when.year}〕{rng.randint(10, 480)}号</p>\r\n'
    )
    tail = ["</div></div>\r\n"]
    if attachment is not None:
        href = attachment_path(news)
        tail.append(
            '<UL style="list-style-type:none;">\r\n'
            f'<li>附件【<a href="{href}" target="_blank">{title}.pdf</a>】已下载'
            f'<span id="nattach{attachment}"><script language="javascript">getClickTimes({attachment},{owner},"wbnewsfile","attach")</script></span>次</li>\r\n'
            "</UL>\r\n"
        )
    tail.append(
        '</div>\r\n<div class="ct-b-btn"></div>\r\n</div>\r\n</form>\r\n</div>\r\n'
        + _sidebar(page, siblings, column)
        + "</div></div>\r\n</div>\r\n"
        + _footer()
    )
    frame = head + top + "".join(tail)
    budget = target_bytes - len(frame.encode(column.encoding, errors="xmlcharrefreplace"))
    body = _paragraphs(rng, budget, column.encoding, extra)
    if rng.random() < 0.2:
        body = body[: len(body) // 2] + _table(rng) + body[len(body) // 2 :]
    return head + top + body + "".join(tail)


def _pdf(rng: random.Random, title: str) -> bytes:
    """A small, valid one-page PDF (its text is not read during the crawl)."""
    filler = bytes(rng.getrandbits(8) for _ in range(rng.randint(20_000, 60_000)))
    stream = b"BT /F1 12 Tf 72 720 Td (" + title.encode("unicode_escape")[:60] + b") Tj ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
        b"<< /Length %d >>\nstream\n" % len(filler) + filler + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --------------------------------------------------------------------------- the site


def _columns(rng: random.Random, total_articles: int) -> list[Column]:
    data = yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))
    categories = {c["id"]: c["name"] for c in data["categories"]}
    items = sorted(data["items"], key=lambda item: item["id"])
    gbk_items = set(rng.sample([item["id"] for item in items], 5))
    weights = [rng.uniform(0.3, 1.7) for _ in items]
    counts = [max(3, round(total_articles * w / sum(weights))) for w in weights]
    columns: list[Column] = []
    next_news = 1000
    for item, count in zip(items, counts, strict=True):
        gbk = item["id"] in gbk_items
        column = Column(
            item=item["id"],
            name=item["title"],
            category=categories[item["category_id"]],
            path=f"/xxgksx/{CATEGORY_SLUGS[item['category_id']]}/sx{item['id']:02d}.htm",
            tree=1090 + item["id"],
            encoding="gbk" if gbk else "utf-8",
            # one GBK column's server header lies (says UTF-8), the others send none
            header_charset=("UTF-8" if item["id"] == min(gbk_items) else None) if gbk else "UTF-8",
            layout=rng.randrange(3),
            per_page=rng.choice((15, 20, 20, 25)),
        )
        for _ in range(count):
            next_news += rng.randint(1, 40)
            column.articles.append(next_news)
        column.articles.reverse()  # newest (highest id) first
        columns.append(column)
    return columns


def _write(path: Path, text: str, encoding: str, when: dt.datetime) -> int:
    data = text.encode(encoding, errors="xmlcharrefreplace")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stamp = when.replace(tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp()
    os.utime(path, (stamp, stamp))
    return len(data)


def generate(root: Path, *, seed: int = 2026, articles: int = 4650) -> Manifest:
    """Write the site under ``root`` (replaced) and return its manifest."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    rng = random.Random(seed)
    columns = _columns(rng, articles)
    # Drawn from a generator of their own, so that every other byte stays as it was.
    paged = [c for c in columns if len(c.list_pages()) >= 3]
    for column in random.Random(f"{seed}-table-pager").sample(paged, len(columns) // 5):
        column.pager = "table"
    by_category: dict[str, list[Column]] = {}
    for column in columns:
        by_category.setdefault(column.category, []).append(column)
    total_bytes = 0
    article_sizes: list[int] = []
    attachments = 0
    published = dt.datetime.combine(AS_OF, dt.time(9))
    for column in columns:
        siblings = by_category[column.category]
        newest = AS_OF - dt.timedelta(days=rng.randint(0, 60))
        dates = [_date_of(rng, newest, i) for i in range(len(column.articles))]
        dates.sort(reverse=True)
        titles: list[str] = []
        topic = column.name.split("、")[0].split("，")[0][:12]
        for news, when in zip(column.articles, dates, strict=True):
            title = rng.choice(TITLE_STEMS).format(topic, when.year)
            if column.encoding == "gbk" and rng.random() < 0.5:
                title = f"「{title}」·{rng.choice(GBK_EXTRA[4:])}"
            titles.append(title)
            page = article_path(column, news)
            attachment = None
            if rng.random() < 0.02:
                attachments += 1
                attachment = _wbfileid(news)
                column.attached.append(news)
                pdf = _pdf(rng, title)
                (root / "_attach").mkdir(exist_ok=True)
                (root / "_attach" / f"{attachment}.pdf").write_bytes(pdf)
                total_bytes += len(pdf)
            html = _article(
                rng,
                page,
                column,
                siblings,
                news,
                title,
                when,
                rng.randint(10_000, 29_000),
                attachment,
            )
            size = _write(root / page.lstrip("/"), html, column.encoding, when)
            article_sizes.append(size)
            total_bytes += size
        pages = column.list_pages()
        pager = _table_pager if column.pager == "table" else _pager
        for number, page in enumerate(pages):
            rows = list(
                range(
                    number * column.per_page,
                    min(len(column.articles), (number + 1) * column.per_page),
                )
            )
            body = "".join(
                _row(
                    column.layout,
                    i - number * column.per_page,
                    _rel(page, article_path(column, column.articles[i])),
                    titles[i],
                    dates[i],
                    rng.choice(SENTENCES)[:40],
                )
                for i in rows
            )
            charset = "gb2312" if column.encoding == "gbk" else "UTF-8"
            html = (
                _head(column.name, charset, column.name, column.tree, 0, column.tree)
                + _header(page)
                + '<div class="bk"></div> \r\n<div class="container">\r\n <div class="ca-body">\r\n'
                + '     <div class="wrap">\r\n     <div class="content col-left">\r\n'
                + _crumb(page, column, "列表")
                + f'<div class="list">\r\n<h2 class="lm-title">{column.name}</h2>\r\n<ul>\r\n{body}</ul>\r\n'
                + pager(page, pages, number, len(column.articles))
                + "</div>\r\n</div>\r\n"
                + _sidebar(page, siblings, column)
                + "</div></div>\r\n</div>\r\n"
                + _footer()
            )
            total_bytes += _write(root / page.lstrip("/"), html, column.encoding, published)
    (root / "robots.txt").write_text(
        "User-agent: *\nDisallow: /system/resource/\nDisallow: /_dwr/\nDisallow: /search.jsp\n",
        encoding="ascii",
    )
    pages_total = sum(len(c.list_pages()) + len(c.articles) for c in columns) + attachments
    manifest = Manifest(
        seed=seed,
        as_of=AS_OF.isoformat(),
        section=SECTION,
        columns=columns,
        attachments=attachments,
        pages=pages_total,
        bytes=total_bytes,
        article_bytes=(
            min(article_sizes),
            max(article_sizes),
            round(sum(article_sizes) / len(article_sizes)),
        ),
    )
    (root / "manifest.json").write_text(
        json.dumps(asdict(manifest), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    # the server's Content-Type charset, by path prefix (list pages and articles of a column)
    charsets = {c.stem: c.header_charset for c in columns} | {
        f"/info/{c.tree}/": c.header_charset for c in columns
    }
    (root / "charsets.json").write_text(json.dumps(charsets), encoding="utf-8")
    return manifest


def load_manifest(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    return data


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "bench" / "out" / "site")
    made = generate(target)
    print(f"{made.pages} pages, {made.bytes / 1e6:.1f} MB, articles {made.article_bytes} bytes")
