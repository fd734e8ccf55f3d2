"""zs.demo.edu.cn: WebPlus (苏迪) admissions site."""
SCHOOL = "示例职业技术学院"

NAV = [("/", "首页"), ("/2361/list.htm", "招生章程与计划"),
       ("/2362/list.htm", "单独招生"), ("/2363/list.htm", "录取信息"), ("/2364/list.htm", "咨询与监督")]

COLS = {
    2361: "招生章程与招生计划",
    2362: "单独招生",
    2363: "录取信息",
    2364: "招生咨询与监督",
}


def P(*paras):
    return "\n".join(t if t.startswith("<") else f"<p>{t}</p>" for t in paras)


def table(rows):
    out = ['<table class="wp_editor_art_table" border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;">', "<tbody>"]
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>")
    return "\n".join(out + ["</tbody>", "</table>"])


PLAN_ROWS = [["省份", "批次", "科类", "计划数"], ["湖南", "高职专科批", "物理类", "2120"], ["湖南", "高职专科批", "历史类", "1380"],
             ["江西", "专科批", "物理类", "180"], ["贵州", "高职（专科）批", "物理类", "160"], ["广西", "高职高专批", "物理类", "150"],
             ["河南", "高职高专批", "理科", "140"]]

# articles: (col, artid, date, title, body, pdf)
ARTICLES = [
    (2361, 101234, "2026-06-12", f"{SCHOOL}2026年分省分专业招生计划",
     P(f"经湖南省教育厅核准，{SCHOOL}2026年普通高考面向全国14个省（区、市）招生，总计划5200人。分省分专业招生计划如下（各省以当地招生考试机构公布为准）：",
       table(PLAN_ROWS), "分专业招生计划详见各省招生考试机构公布的招生计划。"), None),
    (2361, 101192, "2026-05-28", f"{SCHOOL}2026年湖南省分批次分科类招生计划",
     P("我校2026年在湖南省高职专科批招生3500人，其中物理类2120人，历史类1380人。",
       table([["专业名称", "物理类", "历史类", "学费（元/年）"], ["机电一体化技术", "180", "20", "5500"],
              ["大数据技术", "160", "40", "5500"], ["新能源汽车技术", "150", "10", "5500"],
              ["大数据与会计", "60", "140", "4500"], ["视觉传达设计", "30", "60", "6500"]])), None),
    (2361, 101187, "2026-05-20", f"{SCHOOL}2026年招生章程",
     P("第一章 总则",
       "第一条 为规范学校招生工作，保证招生工作顺利进行，根据《中华人民共和国高等教育法》《中华人民共和国职业教育法》和教育部有关规定，结合学校实际，制定本章程。",
       f"第二条 学校全称：{SCHOOL}；国标代码：14999；办学层次：专科（高职）；办学类型：公办普通高等职业院校；学校地址：湖南省长沙市示例区职教大道88号。",
       "第二章 组织机构",
       "第三条 学校成立招生工作委员会，负责制定招生政策，讨论决定招生重大事宜。",
       "第四条 招生就业处是学校组织和实施招生工作的常设机构。",
       "第三章 招生计划",
       "第五条 学校根据办学条件和社会需求，编制分省分专业招生计划，经湖南省教育厅核准后，通过各省级招生考试机构向社会公布。",
       "第四章 录取规则",
       "第六条 学校执行各省级招生考试机构制定的投档规则，调阅考生档案比例原则上不超过学校招生计划数的105%。",
       "第七条 进档考生按照“分数优先、遵循志愿”的原则安排专业，专业志愿之间不设分数级差。",
       "第五章 收费标准",
       "第八条 学费按湖南省发展和改革委员会核定的标准执行：理工类专业5500元/生·年，文科类专业4500元/生·年，艺术类专业6500元/生·年；住宿费800—1200元/生·年。",
       "第六章 附则",
       "第九条 招生咨询电话：0731-86180088；招生监督电话：0731-86180099。",
       "第十条 本章程由学校招生就业处负责解释。"), None),
    (2361, 100986, "2025-06-10", f"{SCHOOL}2025年分省分专业招生计划",
     P("经湖南省教育厅核准，学校2025年面向全国13个省（区、市）招生，总计划5000人。", table(PLAN_ROWS[:5])), None),
    (2361, 100951, "2025-05-16", f"{SCHOOL}2025年招生章程", "__PDF__",
     ("/_upload/article/files/5a/1c/3e07d2b14f6a8c90e5d7f1b2a4c6/7d0b6c4e-9a1f-4e5b-8c2d-3f6a9b0e1d27.pdf",
      f"{SCHOOL}2025年招生章程.pdf",
      [[f"{SCHOOL}2025年招生章程", "第一章 总则", "第一条 为规范学校招生工作，根据教育部有关规定，制定本章程。",
        "第二章 组织机构", "第三章 招生计划", "第四章 录取规则", "第五章 收费标准", "第六章 附则"]])),
    (2361, 100722, "2024-06-11", f"{SCHOOL}2024年分省分专业招生计划",
     P("学校2024年面向全国12个省（区、市）招生，总计划4800人。"), None),
    (2362, 101102, "2026-03-02", f"{SCHOOL}2026年单独招生简章",
     P("根据湖南省教育厅关于做好2026年高职院校单独招生工作的通知，经省教育厅批准，学校2026年开展单独招生，现将有关事项公布如下：",
       "一、招生计划：单独招生计划1200人。", "二、报考条件：具有湖南省普通高考报名资格的中职毕业生。",
       "三、考试办法：文化素质测试与职业技能测试相结合。", "四、录取办法：按总成绩从高到低择优录取。"), None),
    (2363, 101301, "2026-08-20", "2026年各省录取最低分及录取人数统计",
     P("截至2026年8月20日，我校2026年普通高考录取工作已基本结束，各省录取情况如下：",
       table([["省份", "科类", "录取人数", "录取最低分"], ["湖南", "物理类", "2126", "382"], ["湖南", "历史类", "1384", "405"],
              ["江西", "物理类", "181", "346"], ["贵州", "物理类", "160", "312"], ["广西", "物理类", "151", "301"]])), None),
    (2363, 101288, "2026-07-25", "2026年湖南省录取分数线（物理类、历史类）",
     P("我校2026年在湖南省高职专科批投档线为：物理类382分，历史类405分。"), None),
    (2363, 101276, "2026-07-21", "2026年普通高考录取结果查询",
     P("考生可通过以下渠道查询录取结果：", "一、登录本网站首页“录取查询”栏目，输入考生号和姓名查询；",
       "二、关注学校官方微信公众号，点击“录取查询”；", "三、各省级招生考试机构官方网站。",
       "录取通知书将于7月底以EMS寄出。"), None),
    (2363, 101002, "2025-08-22", "2025年各省录取最低分及录取人数统计",
     P("学校2025年共录取新生4986人。",
       table([["省份", "科类", "录取人数", "录取最低分"], ["湖南", "物理类", "2050", "376"], ["湖南", "历史类", "1341", "398"]])), None),
    (2364, 101352, "2026-10-28", "关于2026级新生入学资格复查结果的公示",
     P("根据教育部《普通高等学校学生管理规定》和学校新生入学资格复查工作方案，学校对2026级新生进行了入学资格复查。",
       "经复查，5086名新生入学资格符合规定。复查期间共收到举报1件，经调查核实，所举报问题不属实。",
       "公示期为2026年10月28日至11月3日。如有异议，请在公示期内向招生就业处反映。"), None),
    (2364, 101198, "2026-06-01", "2026年招生咨询电话及考生申诉渠道",
     P("招生咨询电话：0731-86180088、0731-86180066", "招生咨询QQ群：731860088",
       "考生申诉渠道：考生对录取结果有异议的，可向学校招生就业处提出书面申诉，学校在收到申诉之日起5个工作日内予以答复。",
       "招生监督电话：0731-86180099（纪委办公室）", "电子邮箱：zsjd@demo.edu.cn"), None),
    (2364, 101011, "2025-10-30", "2025级新生入学资格复查结果公示",
     P("经复查，2025级4986名新生入学资格均符合规定，复查期间未收到举报。"), None),
]

# list pages: col -> list of pages (each a list of artids)
LISTS = {
    2361: [[101234, 101192, 101187, 100986, 100951], [100722]],
    2362: [[101102]],
    2363: [[101301, 101288, 101276, 101002]],
    2364: [[101352, 101198, 101011]],
}


def art_url(col, artid, date):
    y, m, d = date.split("-")
    return f"/{y}/{m}{d}/c{col}a{artid}/page.htm"


HEAD = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="renderer" content="webkit" />
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<meta name="viewport" content="width=1200">
<title>{title}</title>
<meta name="description" content="示例职业技术学院招生网" />

<link type="text/css" href="/_css/_system/system.css" rel="stylesheet"/>
<link type="text/css" href="/_upload/site/1/style/25/25.css" rel="stylesheet"/>
<link type="text/css" href="/_upload/site/00/4c/76/style/31/31.css" rel="stylesheet"/>
<link type="text/css" href="/_js/_portletPlugs/sudyNavi/css/sudyNav.css" rel="stylesheet" />
<link type="text/css" href="/_js/_portletPlugs/datepicker/css/datepicker.css" rel="stylesheet" />
<link type="text/css" href="/_js/_portletPlugs/simpleNews/css/simplenews.css" rel="stylesheet" />

<script language="javascript" src="/_js/jquery.min.js" sudy-wp-context="" sudy-wp-siteId="76"></script>
<script language="javascript" src="/_js/jquery.sudy.wp.visitcount.js"></script>
<script type="text/javascript" src="/_js/_portletPlugs/sudyNavi/jquery.sudyNav.js"></script>
<script type="text/javascript" src="/_js/_portletPlugs/datepicker/js/jquery.datepicker.js"></script>
<script type="text/javascript" src="/_js/_portletPlugs/datepicker/js/datepicker_lang_HK.js"></script>
<link rel="stylesheet" href="/_css/tpl2/system.css" type="text/css">
<link rel="stylesheet" href="/_css/tpl2/default/default.css" type="text/css">
<script type="text/javascript" src="/_js/tpl2/sudy.js"></script>
</head>
<body class="{body_class}">
<!--Start||head-->
<div class="wrapper header" id="header">
  <div class="inner">
    <div class="mod clearfix">
      <div class="head-left" frag="面板01">
        <!--logo开始-->
        <div class="sitelogo" frag="窗口01" portletmode="simpleSiteAttri">
          <a href="/" title="返回示例职业技术学院招生网首页"><img border='0' src='/_upload/site/00/4c/76/logo.png' /><span class="sitetitle">示例职业技术学院招生网</span></a>
        </div>
        <!--//logo结束-->
      </div>
      <div class="head-right">
        <div class="searchbox" frag="窗口02" portletmode="search"><div class="wp-search clearfix">
          <form action="/_web/_search/api/search/new.rst?locale=zh_CN&request_locale=zh_CN&_p=YXM9NzYmdD0zMSZkPTEwNCZwPTEmbT1TTiY_" method="post" target="_blank">
            <div class="search-input"><input name="keyword" class="search-title" type="text" placeholder="请输入关键词..."></div>
            <div class="search-btn"><input name="submit" class="search-submit" type="submit" value=""></div>
          </form>
        </div></div>
      </div>
    </div>
  </div>
</div>
<!--End||head-->
<!--Start||nav-->
<div class="wrapper nav wp-navi" id="nav">
  <div class="inner clearfix">
    <div class="wp-panel">
      <div class="wp-window" frag="窗口1">
        <ul class="wp-menu">
{nav}
        </ul>
      </div>
    </div>
  </div>
</div>
<!--End||nav-->
"""

FOOT = """<!--Start||footer-->
<div class="wrapper footer" id="footer">
  <div class="inner">
    <div class="mod clearfix">
      <div class="foot-left" frag="窗口90" portletmode="simpleSiteAttri">
        <p class="copyright"><span>版权所有：示例职业技术学院招生就业处</span><span>地址：湖南省长沙市示例区职教大道88号</span><span>邮编：410100</span></p>
      </div>
    </div>
  </div>
</div>
<!--End||footer-->
</body>
<script type="text/javascript" src="/_js/_portletPlugs/sudyNavi/jquery.sudyNav.js"></script>
<script type="text/javascript" src="/_js/_portletPlugs/wp_photos/layer/layer.min.js"></script>
</html>
"""


def nav_html(current):
    out = []
    for i, (href, label) in enumerate(NAV, start=1):
        cls = " selected" if href == current else ""
        out.append(f'          <li class="menu-item i{i}{cls}"><a class="menu-link" href="{href}" target="_self">{label}</a></li>')
    return "\n".join(out)


def list_page(col, k, pages, by_id):
    n = len(pages)
    rows = pages[k - 1]
    total = sum(len(p) for p in pages)
    per = len(pages[0])
    lis = []
    for i, artid in enumerate(rows, start=1):
        col_, _, date, title, _, _ = by_id[artid]
        url = art_url(col_, artid, date)
        lis.append(f"""<li class="news n{i} clearfix">
  <span class="news_title"><a href='{url}' target='_blank' title='{title}'>{title}</a></span>
  <span class="news_meta">{date}</span>
</li>""")
    def href(j):
        return f"/{col}/list.htm" if j == 1 else f"/{col}/list{j}.htm"
    first = prev = nxt = last = "javascript:void(0);"
    if k > 1:
        first, prev = href(1), href(k - 1)
    if k < n:
        nxt, last = href(k + 1), href(n)
    paging = f"""<div id="wp_paging_w6">
<ul class="wp_paging clearfix">
     <li class="pages_count">
         <span class="per_page">每页&nbsp;<em class="per_count">{per}</em>&nbsp;记录&nbsp;</span>
         <span class="all_count">总共&nbsp;<em class="all_count">{total}</em>&nbsp;记录&nbsp;</span>
     </li>
     <li class="page_nav">
         <a class="first" href="{first}" target="_self"><span>第一页</span></a>
         <a class="prev" href="{prev}" target="_self"><span>&lt;&lt;上一页</span></a>
         <a class="next" href="{nxt}" target="_self"><span>下一页&gt;&gt;</span></a>
         <a class="last" href="{last}" target="_self"><span>尾页</span></a>
     </li>
     <li class="page_jump">
         <span class="pages">页码&nbsp;<em class="curr_page">{k}</em>/<em class="all_pages">{n}</em></span>
         <span><input class="pageNum" type="text" /><input type="hidden" class="currPageURL" value=""></span>
         <span><a class="pagingJump" href="javascript:void(0);" target="_self">跳转到&nbsp;</a></span>
     </li>
</ul></div>"""
    name = COLS[col]
    menu = "\n".join(
        f'            <li class="wp_column column-{i}{" selected" if c == col else ""}"><a title="{COLS[c]}" href="/{c}/list.htm"><span class="column-name">{COLS[c]}</span></a></li>'
        for i, c in enumerate(COLS, start=1))
    return HEAD.format(title=name, body_class="list", nav=nav_html(f"/{col}/list.htm")) + f"""<!--Start||content-->
<div class="wrapper" id="l-container">
  <div class="inner">
    <div class="mod clearfix">
      <div class="col_menu">
        <div class="col_menu_head"><h3 class="col_name" frag="窗口3" portletmode="simpleColumnAnchor"><span class="col_name_text">招生信息</span></h3></div>
        <div class="col_menu_con">
          <div class="col_list" frag="窗口4" portletmode="simpleColumnList">
            <ul class="wp_listcolumn list-paddingleft-2">
{menu}
            </ul>
          </div>
        </div>
      </div>
      <div class="col_news">
        <div class="col_news_box">
          <div class="col_news_head">
            <ul class="col_metas clearfix" frag="窗口5" portletmode="simpleColumnAttri">
              <li class="col_title"><h2>{name}</h2></li>
              <li class="col_path"><span class="path_name">当前位置：</span><a href="/" target="_self">首页</a><span class='possplit'>&nbsp;&nbsp;</span><a href="/{col}/list.htm" target="_self">{name}</a></li>
            </ul>
          </div>
          <div class="col_news_con">
            <div class="col_news_list listcon">
              <div frag="窗口6" portletmode="simpleList" configs="{{'c1':'1','c2':'1','c3':'{per}','c4':'1','c5':'','c6':'0','c7':'0','c8':'1','c9':'0'}}">
<div id="wp_news_w6">
<ul class="news_list list2">
{chr(10).join(lis)}
</ul>
</div>
              </div>
{paging}
            </div>
          </div>
        </div>
      </div>
    </div>
  </div>
</div>
<!--End||content-->
""" + FOOT


def article_page(col, artid, date, title, body, publisher="招生就业处"):
    name = COLS[col]
    return HEAD.format(title=title, body_class="info", nav=nav_html(f"/{col}/list.htm")) + f"""<!--Start||content-->
<div class="wrapper" id="d-container">
  <div class="inner clearfix">
    <div class="infobox">
      <div class="col_path"><span class="path_name">当前位置：</span><a href="/" target="_self">首页</a><span class='possplit'>&nbsp;&nbsp;</span><a href="/{col}/list.htm" target="_self">{name}</a></div>
      <div class="article" frag="窗口3" portletmode="simpleArticleAttri">
        <h1 class="arti_title">{title}</h1>
        <h2 class="arti_title"></h2>
        <p class="arti_metas"><span class="arti_publisher">发布者：{publisher}</span><span class="arti_update">发布时间：{date}</span><span class="arti_views">浏览次数：<span class="WP_VisitCount" url="/_visitcountdisplay?siteId=76&type=3&articleId={artid}">{(artid * 7) % 3000 + 120}</span></span></p>
        <div class="entry">
          <div class="read"><div class='wp_articlecontent'>{body}</div></div>
        </div>
      </div>
    </div>
  </div>
</div>
<!--End||content-->
""" + FOOT


def home(by_id):
    blocks = []
    for col in (2361, 2363, 2364):
        items = [a for p in LISTS[col] for a in p][:4]
        lis = "\n".join(
            f"<li class=\"news n{i} clearfix\"><span class=\"news_title\"><a href='{art_url(col, a, by_id[a][2])}' target='_blank' title='{by_id[a][3]}'>{by_id[a][3]}</a></span><span class=\"news_meta\">{by_id[a][2]}</span></li>"
            for i, a in enumerate(items, start=1))
        blocks.append(f"""      <div class="post post{col} mbox">
        <div class="tt"><h3 class="tit"><span class="title">{COLS[col]}</span></h3><a class="more-btn" href="/{col}/list.htm">more+</a></div>
        <div class="con"><ul class="news_list clearfix">
{lis}
        </ul></div>
      </div>""")
    return HEAD.format(title="示例职业技术学院招生网", body_class="index", nav=nav_html("/")) + """<!--Start||content-->
<div class="wrapper" id="container">
  <div class="inner">
    <div class="mod clearfix">
      <div class="banner"><img src="/_upload/site/00/4c/76/banner2026.jpg" alt="示例职业技术学院欢迎你" /></div>
      <div class="quicklinks"><a href="/2363/list.htm">录取查询</a><a href="/2361/list.htm">招生计划</a><a href="/2362/list.htm">单独招生</a><a href="http://xxgk.demo.edu.cn/">信息公开</a></div>
""" + "\n".join(blocks) + """
    </div>
  </div>
</div>
<!--End||content-->
""" + FOOT
