"""VSB (博达 Visual SiteBuilder 9) static-export templates for xxgk.demo.edu.cn, modelled on xxgk.swu.edu.cn."""
import posixpath
import random

OWNER = 1856302217
SITE_TITLE = "示例职业技术学院信息公开网"

# Categories of 信息公开事项 with their columns (slug path, tree id, menu label).
# The left tree of every list page shows all categories and expands the current one.
CATEGORIES = [
    ("jbxx", "基本信息", [
        ("/xxgksx/jbxx/xxjj.htm", 1032, "学校简介"),
        ("/xxgksx/jbxx/jgsz.htm", 1033, "机构设置"),
        ("/xxgksx/jbxx/xxzcjgzzd.htm", 1034, "规章制度"),
        ("/xxgksx/jbxx/jzgdbdh.htm", 1035, "教职工代表大会"),
        ("/xxgksx/jbxx/xswyh.htm", 1036, "学术委员会"),
        ("/xxgksx/jbxx/fzgh.htm", 1037, "发展规划与工作要点"),
        ("/xxgknb.htm", 1030, "信息公开年度报告"),
    ]),
    ("zsks", "招生考试信息", [
        ("http://zs.demo.edu.cn/2361/list.htm", None, "招生章程与招生计划"),
        ("http://zs.demo.edu.cn/2363/list.htm", None, "录取信息"),
        ("http://zs.demo.edu.cn/2364/list.htm", None, "招生咨询与监督"),
    ]),
    ("cwzcsf", "财务、资产及收费信息", [
        ("/xxgksx/cwzcsf/cwzczd.htm", 1052, "财务、资产管理制度"),
        ("/xxgksx/cwzcsf/sjzccsy.htm", 1053, "受捐赠财产的使用与管理情况"),
        ("/zbcg/", None, "招投标信息"),
        ("/xxgksx/cwzcsf/szyszb_srysb_zcysb_czbkzcysb.htm", 1057, "收支预算总表、收入预算表、支出预算表、财政拨款支出预算表"),
        ("/xxgksx/cwzcsf/bmjs.htm", 1058, "部门决算"),
        ("http://cwc.demo.edu.cn/xxgk/sfgs.htm", None, "收费公示"),
    ]),
    ("rssz", "人事师资信息", [
        ("/xxgksx/rssz/xjldgbshjzqk.htm", 1061, "校级领导干部社会兼职情况"),
        ("/xxgksx/rssz/xjldgbygcgqk.htm", 1062, "校级领导干部因公出国（境）情况"),
        ("/xxgksx/rssz/gwszglypybf.htm", 1063, "岗位设置管理与聘用办法"),
        ("/xxgksx/rssz/zcgbrm_rypzxx.htm", 1064, "校内中层干部任免、人员招聘信息"),
        ("/xxgksx/rssz/jzgzyjjbf.htm", 1065, "教职工争议解决办法"),
    ]),
    ("jxzl", "教学质量信息", [
        ("/xxgksx/jxzl/zlnb.htm", 1071, "高等职业教育质量年度报告"),
        ("/xxgksx/jxzl/zysz.htm", 1072, "专业设置"),
        ("http://jy.demo.edu.cn/jyzd/Index.html", None, "就业指导与服务"),
        ("http://jy.demo.edu.cn/jysj/Index.html", None, "毕业生就业数据"),
        ("http://jy.demo.edu.cn/jyzl/Index.html", None, "毕业生就业质量年度报告"),
        ("/xxgksx/jxzl/ysjyfzndbg.htm", 1078, "艺术教育发展年度报告"),
    ]),
    ("xsglfw", "学生管理服务信息", [
        ("/xxgksx/xsglfw/xjglbf.htm", 1081, "学籍管理办法"),
        ("/xxgksx/xsglfw/xszz.htm", 1082, "学生资助"),
        ("/xxgksx/xsglfw/xsjlcfbf.htm", 1083, "学生奖励处罚办法"),
        ("/xxgksx/xsglfw/xsssbf.htm", 1084, "学生申诉办法"),
    ]),
    ("xfjs1", "学风建设信息", [
        ("/xxgksx/xfjs1/xfjsjg.htm", 1091, "学风建设机构"),
        ("/xxgksx/xfjs1/xsgfzd.htm", 1092, "学术规范制度"),
        ("/xxgksx/xfjs1/xsbdxwccjz.htm", 1093, "学术不端行为查处机制"),
    ]),
    ("xwxk", "学位、学科信息", []),
    ("dwjl", "对外交流与合作信息", [
        ("/xxgksx/dwjl/zwhzbxqk.htm", 1101, "中外合作办学情况"),
    ]),
    ("qt", "其他", [
        ("/xxgksx/qt/xszg.htm", 1111, "巡视整改"),
        ("/xxgksx/qt/tfsj.htm", 1112, "突发事件"),
    ]),
]
CATEGORY_NAME = {slug: name for slug, name, _ in CATEGORIES}


def first_column(slug):
    for s, _, cols in CATEGORIES:
        if s == slug and cols:
            return cols[0][0]
    return "/xxgksx.htm"


def rel(from_path, to):
    """Relative href from the page at from_path to the site path `to` (absolute URLs kept)."""
    if to.startswith("http"):
        return to
    base = posixpath.dirname(from_path)
    target = to
    if to.endswith("/"):
        r = posixpath.relpath(to.rstrip("/") or "/", base)
        return r + "/"
    return posixpath.relpath(target, base)


def header(path):
    p = lambda t: rel(path, t)  # noqa: E731
    return f"""<!-- header begins -->
<div id="header">
<div class="banner">
<div class="banner-wrap">
<div class="logo"><a href="{p('/index.htm')}"><img src="{p('/dfiles/10086/xxgk/images/logo.png')}" alt="{SITE_TITLE}" /></a></div>
<div class="search">
<script type="text/javascript">
    function _nl_ys_check(){{
        var keyword = document.getElementById('showkeycode1031296').value;
        if(keyword==null||keyword==""){{
            alert("请输入你要检索的内容！");
            return false;
        }}
        var  base64 = new Base64();
        document.getElementById("lucenenewssearchkey1031296").value = base64.encode(keyword);
        new VsbFormFunc().disableAutoEnable(document.getElementById("showkeycode1031296"));
        return true;
    }}
</script>
<form action="{p('/search.jsp')}?wbtreeid=1001" method="post" id="au0a" name="au0a" onsubmit="return _nl_ys_check()" class="searchBox">
 <input type="hidden" id="lucenenewssearchkey1031296" name="lucenenewssearchkey" value=""><input type="hidden" id="_lucenesearchtype1031296" name="_lucenesearchtype" value="1"><input type="hidden" id="searchScope1031296" name="searchScope" value="0">
 <input name="showkeycode" id="showkeycode1031296" value="请输入关键词" type="text" onfocus="if(this.value=='请输入关键词')this.value=''" onblur="if(this.value=='')this.value='请输入关键词'" maxlength="24">
 <input type="submit" id="btnSearch" value="" />
</form><script language="javascript" src="/system/resource/js/base64.js"></script><script language="javascript" src="/system/resource/js/formfunc.js"></script>
</div>
<div class="bk"></div>
    <!--banner over-->
    <div class="mainNav">
    <ul id="nav" class="nav">
  <li class="nLi home">
                <h3 style="background:none"><a href="{p('/index.htm')}" target="_self">首　页</a></h3>
            </li>

<li class="nLi">
                    <h3 id="nLi_1026"><a href="{p('/xxgkml.htm')}" target="_self">信息公开目录</a></h3>
            </li>

<li class="nLi">
                    <h3 id="nLi_1026"><a href="{p('/xxgkzd.htm')}" target="_self">信息公开制度</a></h3>
            </li>

<li class="nLi">
                    <h3 id="nLi_1026"><a href="{p('/xxgksq.htm')}" target="_self">信息公开申请</a></h3>
            </li>

<li class="nLi">
                    <h3 id="nLi_1026"><a href="{p('/xxgknb.htm')}" target="_self">信息公开年报</a></h3>
            </li>

<li class="nLi">
                    <h3 id="nLi_1026"><a href="{p('/gzjg.htm')}" target="_self">工作机构</a></h3>
            </li>

<li class="nLi">
                    <h3 id="nLi_1026"><a href="{p('/xxgksx.htm')}" target="_self">信息公开事项</a></h3>
            </li>

    </ul>
    <div class="bk"></div>
   </div>
   <div class="bk"></div>
 </div>
 </div>
</div>
<!-- header ends -->
"""


FOOTER = """<div id="footer">
  <div class="foot-info">
  <!-- 版权内容请在本组件"内容配置-版权"处填写 -->
<div class="f-l">示例职业技术学院 版权所有&nbsp;&nbsp;&nbsp;&nbsp;地址：湖南省长沙市示例区职教大道88号&nbsp;&nbsp;&nbsp;&nbsp;邮编：410100<br />湘ICP备10008611号-1&nbsp;&nbsp;&nbsp;&nbsp;湘公网安备43010002000861号</div>
  <div class="bk"></div>
  </div>
</div>"""


def head(path, title, tree, news=None, keywords=None, description=None, template="list"):
    p = lambda t: rel(path, t)  # noqa: E731
    kw = f'<META Name="keywords" Content="{keywords}" />\n' if keywords else f'<META Name="keywords" Content="{SITE_TITLE}" />\n'
    desc = f'<META Name="description" Content="{description}" />\n' if description else ""
    jsq = (f"_jsq_({tree},'/content.jsp',{news},{OWNER})" if news
           else f"_jsq_({tree},'/list.jsp',-1,{OWNER})")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>{title}</title>{kw}{desc}
<link href="{p('/dfiles/10086/xxgk/css/reset.css')}" rel="stylesheet" type="text/css" />
<link href="{p('/dfiles/10086/xxgk/css/style.css')}" rel="stylesheet" type="text/css" />
<script src="{p('/dfiles/10086/xxgk/js/jquery.min.js')}" type="text/javascript"></script>
<script src="{p('/dfiles/10086/xxgk/js/site.js')}" type="text/javascript"></script>

<!--Announced by Visual SiteBuilder 9-->
<link rel="stylesheet" type="text/css" href="{p('/_sitegray/_sitegray_d.css')}" />
<script language="javascript" src="{p('/_sitegray/_sitegray.js')}"></script>
<!-- CustomerNO:77656262657232307e7847505356574200030001415c -->
<link rel="stylesheet" type="text/css" href="{p('/' + template + '.vsb.css')}" />
<script type="text/javascript" src="/system/resource/js/counter.js"></script>
<script type="text/javascript">{jsq}</script>
</head>
<body>
"""


def left_tree(path, current_cat, current_col):
    out = ['<div class="left-bar">', '<div class="lm-name">信息公开事项</div>', '<ul class="topmenu">']
    for slug, name, cols in CATEGORIES:
        cls = ' class="on"' if slug == current_cat else ""
        out.append(f'<li{cls}><a href="{rel(path, first_column(slug))}">{name}</a>')
        if slug == current_cat and cols:
            out.append('<ul class="submenu">')
            for col_path, _, label in cols:
                c = ' class="on"' if col_path == current_col else ""
                out.append(f'<li{c}><a href="{rel(path, col_path)}">{label}</a></li>')
            out.append("</ul>")
        out.append("</li>")
    out += ["</ul>", "</div><!--left-->"]
    return "\n".join(out)


def breadcrumb(path, cat, col_path, col_name, leaf=None):
    parts = [f'<a href="{rel(path, "/index.htm")}">首页</a>']
    if cat == "_top":
        pass
    else:
        parts.append(f'<a href="{rel(path, "/xxgksx.htm")}">信息公开事项</a>')
        parts.append(f'<a href="{rel(path, first_column(cat))}">{CATEGORY_NAME[cat]}</a>')
    parts.append(f'<a href="{rel(path, col_path)}">{col_name}</a>')
    inner = "\n                  &gt; \n                ".join(parts)
    if leaf:
        inner += "\n                  &gt; \n                " + leaf
    return f"""<div class="currentPath">当前位置：
{inner}
</div>"""


# ---------------------------------------------------------------- list rows


def cn_date(d):
    y, m, dd = d.split("-")
    return f"{y}年{m}月{dd}日"


def truncate(title, n=24):
    return title if len(title) <= n else title[: n - 2] + "..."


def row(layout, i, href, title, date, sticky=False):
    top = '<span class="top">[置顶]</span>' if sticky else ""
    if layout == "time":
        return (f'<li id="line_u8_{i}">{top}<a href="{href}" target="_blank" title="{title}">{title}</a>'
                f'<span class="time">{cn_date(date)}</span></li>')
    if layout == "samp":
        return (f'<li id="line_u9_{i}">{top}<a href="{href}" title="{title}">{truncate(title)}</a>'
                f"\n    <samp>{cn_date(date)}</samp></li>")
    if layout == "paren":
        return (f'<li id="line_u10_{i}"><span class="date">({date})</span>{top}<a href="{href}" '
                f'target="_blank" title="{title}">{title}</a></li>')
    if layout == "fr":
        return (f'<li id="line_u11_{i}">{top}<a href="{href}" target="_blank" title="{title}">{title}</a> '
                f'<span class="fr">{date}</span></li>')
    raise ValueError(layout)


def page_file(col_path, k, n):
    """Reading-order page k (1-based) of an n-page VSB column: col.htm, col/(n-1).htm ... col/1.htm."""
    if k == 1:
        return col_path
    return col_path[:-4] + f"/{n - k + 1}.htm"


def pager(path, col_path, k, n, total):
    if n <= 1:
        return f"""<div class="pb_sys_common pb_sys_normal pb_sys_style1">
<span class="p_t">共{total}条</span>
<span class="p_pages">
<span class="p_first_d p_fun_d">首页</span>
<span class="p_prev_d p_fun_d">上页</span>
<span class="p_no_d">1</span>
<span class="p_next_d p_fun_d">下页</span>
<span class="p_last_d p_fun_d">尾页</span>
</span></div>"""
    href = lambda j: rel(path, page_file(col_path, j, n))  # noqa: E731
    out = ['<div class="pb_sys_common pb_sys_normal pb_sys_style1">', f'<span class="p_t">共{total}条</span>',
           '<span class="p_pages">']
    if k == 1:
        out += ['<span class="p_first_d p_fun_d">首页</span>', '<span class="p_prev_d p_fun_d">上页</span>']
    else:
        out += [f'<span class="p_first p_fun"><a href="{href(1)}">首页</a></span>',
                f'<span class="p_prev p_fun"><a href="{href(k - 1)}">上页</a></span>']
    for j in range(1, n + 1):
        if j == k:
            out.append(f'<span class="p_no_d">{j}</span>')
        else:
            out.append(f'<span class="p_no"><a href="{href(j)}">{j}</a></span>')
    if k == n:
        out += ['<span class="p_next_d p_fun_d">下页</span>', '<span class="p_last_d p_fun_d">尾页</span>']
    else:
        out += [f'<span class="p_next p_fun"><a href="{href(k + 1)}">下页</a></span>',
                f'<span class="p_last p_fun"><a href="{href(n)}">尾页</a></span>']
    out += ["</span></div>"]
    return "\n".join(out)


def list_page(path, cat, col_path, tree, col_name, rows_html, pager_html, inner_html=None):
    """A column page. Everything a rule should count sits inside div.list."""
    body_inner = inner_html if inner_html is not None else (
        "<ul>\n" + "\n".join(rows_html) + "\n</ul>\n" + pager_html)
    left = left_tree(path, cat, col_path) if cat not in ("_top",) else top_left(path, col_path)
    return head(path, f"{col_name}-{SITE_TITLE}", tree) + header(path) + f"""
<div class="bk"></div>
<div class="container">
 <div class="ca-top"><script language="javascript" src="/system/resource/js/dynclicks.js"></script>
<img src="{rel(path, '/dfiles/10086/xxgk/images/fla.jpg')}" />
   <div class="bk"></div>
 </div>
 <div class="bk"></div>
     <div class="ca-body">
     <div class="wrap">
      <div class="bk"></div>
{left}
         <div class="content r_b col-right">
                <div class="ct-title">
                    <div class="ct-tit col-left">{col_name}</div>
                    {breadcrumb(path, cat, col_path, col_name)}
                    <div class="bk"></div>
               </div>
               <div class="ct-body">
<div class="list">
{body_inner}
</div>
<script language="javascript" src="/system/resource/js/centerCutImg.js"></script><script language="javascript" src="/system/resource/js/ajax.js"></script>
               </div>
         </div>
         <div class="bk"></div>
     </div><!--wrap-->
     </div>
     <div class="ca-bot"></div>
</div>
<!-- container ends -->
<div class="bk"></div>
{FOOTER}</body>
</html>
"""


TOP_COLUMNS = [
    ("/xxgkml.htm", "信息公开目录"),
    ("/xxgkzd.htm", "信息公开制度"),
    ("/xxgksq.htm", "信息公开申请"),
    ("/xxgknb.htm", "信息公开年报"),
    ("/gzjg.htm", "工作机构"),
    ("/xxgksx.htm", "信息公开事项"),
]


def top_left(path, current):
    out = ['<div class="left-bar">', '<div class="lm-name">信息公开</div>', '<ul class="topmenu">']
    for p_, label in TOP_COLUMNS:
        c = ' class="on"' if p_ == current else ""
        out.append(f'<li{c}><a href="{rel(path, p_)}">{label}</a></li>')
    out += ["</ul>", "</div><!--left-->"]
    return "\n".join(out)


# ---------------------------------------------------------------- article pages

ICON = {"pdf": "icon_pdf.gif", "xlsx": "icon_xls.gif", "xls": "icon_xls.gif", "docx": "icon_doc.gif", "doc": "icon_doc.gif"}


def attach_inline(att):
    ext = att["name"].rsplit(".", 1)[-1].lower()
    sid = att.get("span", "5E2C1")
    return (f'<p>&nbsp;<span id="{sid}" retain="true"><img border="0" src="/system/resource/images/fileTypeImages/{ICON.get(ext, "icon_pdf.gif")}" '
            f'data_ue_src="/system/resource/images/fileTypeImages/{ICON.get(ext, "icon_pdf.gif")}" vsbhref="vurl" '
            f'vurl="/system/resource/images/fileTypeImages/{ICON.get(ext, "icon_pdf.gif")}" vheight="" vwidth="" '
            f'orisrc="/system/resource/images/fileTypeImages/{ICON.get(ext, "icon_pdf.gif")}"><a href="{att["url"]}">{att["name"]}</a></span>&nbsp;</p>')


def attach_block(atts):
    if not atts:
        return ""
    lis = []
    for a in atts:
        fid = a["fid"]
        lis.append(f'            <li>附件【<a href="{a["url"]}" target="_blank">{a["name"]}</a>】已下载<span id="nattach{fid}">'
                   f'<script language="javascript">getClickTimes({fid},{OWNER},"wbnewsfile","attach")</script></span>次</li>')
    return ('\n    <p>\n        <UL style="list-style-type:none;"> \n' + "\n".join(lis) + "\n        </UL>\n    </p>")


def article_page(path, cat, col_path, col_name, tree, news, title, when, body, atts=(), source="", author="",
                 variant=0, content_id="vsb_content"):
    """A VSB article at /info/<tree>/<news>.htm; variant 0 = SWU xxgk template, 1 = department template."""
    p = lambda t: rel(path, t)  # noqa: E731
    desc = title
    if variant == 0:
        msg = (f'<div class="msgbar">发布时间： {when} &nbsp; 作者： {author}&nbsp; 来源： {source}\n'
               f'     &nbsp; 浏览次数：<span class="views" id="djs" /><script>_showDynClicks("wbnews", {OWNER}, {news})</script></span>&nbsp;次  </div>')
        title_html = f'<div class="ct-title">\n             <div class="ch-title-2">{title}</div>\n            \n         </div>'
    else:
        msg = (f'<div class="msgbar">发布时间： {when}&nbsp; 作者： {author or "本站编辑"}&nbsp; 来源： {source or "本站原创"}\n'
               f'    &nbsp; 浏览次数：<script>_showDynClicks("wbnews", {OWNER}, {news})</script></div>')
        title_html = f'<div class="ct-body-tit">{title}</div>'
    crumb = breadcrumb(path, cat, col_path, col_name, leaf="正文")
    return head(path, f"{title}-{SITE_TITLE}", tree, news=news, keywords=f"信息公开,{col_name}",
                description=desc, template="content") + header(path) + f"""
<div class="bk"></div>
<div class="container">
 <div class="ca-top">    <script language="javascript" src="/system/resource/js/dynclicks.js"></script>
<img src="{p('/dfiles/10086/xxgk/images/fla.jpg')}" />
   <div class="bk"></div>
 </div>
 <div class="bk"></div>
     <div class="ca-body">
     <div class="wrap">
      <div class="bk"></div>
     <div class="content col-left">
          {crumb}
        <div class="bk"></div>
        <div class="ct-top"></div>

<script language="javascript" src="{p('/_dwr/interface/NewsvoteDWR.js')}"></script><script language="javascript" src="{p('/_dwr/engine.js')}"></script><script language="javascript" src="/system/resource/js/news/newscontent.js"></script><script language="javascript" src="/system/resource/js/ajax.js"></script><form name="_newscontent_fromname"><script language="javascript" src="/system/resource/js/jquery/jquery-latest.min.js"></script>
<div class="ct-body pdbody">
              {title_html}
           {msg}
            <div class="ct-b-top"></div>
  <div class="ct-b-b">  <div id="{content_id}"><div class="v_news_content">
{body}
</div></div><div id="div_vote_id"></div>
    {attach_block(atts)}
  </div>
            <div class="ct-b-btn"></div>
            <div class="bk"></div>
             <div class="pageset"></div>
             <div class="bk"></div>
         </div>
</form>

         <div class="ct-bot"></div>
         <div class="bk"></div>
         </div>
         <div class="right-bar">
<img src="{p('/dfiles/10086/xxgk/images/news/right.jpg')}" />

</div>
         <div class="bk"></div>
     </div><!--wrap-->
     </div>
     <div class="ca-bot"></div>
</div>

<!-- container ends -->
<div class="bk"></div>
{FOOTER}</body>
</html>
"""


_rng = random.Random(20261130)


def clock(date, seconds=True):
    h = _rng.randint(8, 17)
    m = _rng.randint(0, 59)
    s = _rng.randint(0, 59)
    return f"{date} {h:02d}:{m:02d}:{s:02d}" if seconds else f"{date} {h:02d}:{m:02d}"
