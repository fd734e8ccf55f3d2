"""jy.demo.edu.cn: an old ASP (动易-style static HTML) careers site, served as GB18030 bytes
while declaring charset=gb2312. Text includes characters outside GB2312 (·, 喆, 堃, 珺, —) and one
outside GBK (䶮), so only a GB18030 decoder reads every page cleanly."""
SCHOOL = "示例职业技术学院"

CLASSES = {
    "jyzd": "就业指导",
    "jysj": "就业数据",
    "jyzl": "质量报告",
}

# (class, id, date(full), list_date_display, title, body_paragraphs)
ARTICLES = [
    ("jyzd", 1187, "2026-11-20", "[11-20]", "2027届毕业生就业指导系列讲座安排",
     ["为帮助2027届毕业生做好求职准备，就业指导中心将于11月下旬至12月举办就业指导系列讲座，具体安排如下：",
      "第一讲：「简历制作与面试技巧」，主讲：张喆老师，时间：11月25日14:30，地点：图书馆报告厅；",
      "第二讲：「国企招聘与事业单位考试」，主讲：李堃老师，时间：12月2日14:30；",
      "第三讲：「少数民族毕业生就业政策」，主讲：阿依古丽·买买提老师，时间：12月9日14:30。",
      "请各二级学院组织毕业班学生参加。"]),
    ("jyzd", 1179, "2026-11-06", "[11-06]", "关于举办2027届毕业生秋季校园双选会的通知",
     ["为搭建毕业生与用人单位的供需平台，学校定于2026年11月14日在体育馆举办2027届毕业生秋季校园双选会，预计参会企业260家，提供岗位5800余个。",
      "联系人：王䶮、刘珺，电话：0731-86180077。"]),
    ("jyzd", 1172, "2026-10-31", "[10-31]", "湖南省促进高校毕业生就业创业政策解读",
     ["一、基层就业政策：「三支一扶」、大学生志愿服务西部计划等；",
      "二、创业扶持政策：创业担保贷款、一次性创业补贴；",
      "三、就业服务：毕业生可登录「湖南省高校毕业生就业信息网」获取招聘信息。"]),
    ("jyzd", 1165, "2026-10-12", "[10-12]", "「职引未来」大中城市联合招聘高校毕业生专场活动",
     ["根据教育部、人力资源社会保障部统一部署，「职引未来」大中城市联合招聘高校毕业生秋季专场活动将于10月至11月举办，欢迎毕业生积极参加。"]),
    ("jyzd", 1151, "2026-09-03", "[09-03]", "就业指导中心2026年下半年就业服务安排",
     ["2026年下半年，就业指导中心将开展就业指导课程教学、职业生涯规划大赛、校园招聘会、困难毕业生帮扶等工作。",
      "一对一就业咨询：每周二、周四下午，学生事务服务中心3号窗口。"]),
    ("jyzd", 1102, "2025-12-19", "[12-19]", "关于做好2026届毕业生就业政策宣讲工作的通知",
     ["各二级学院：为使毕业生全面了解国家和省促进就业政策，请于12月底前完成毕业生就业政策宣讲工作。"]),
    ("jysj", 1160, "2026-09-15", "2026-09-15", "2026届毕业生毕业去向落实率及就业流向统计",
     ["截至2026年8月31日，我校2026届毕业生5012人，毕业去向落实率为93.8%。",
      "就业流向：在湖南省内就业占62.4%，广东省占18.7%，其他省份占13.1%；升学（专升本）占9.6%；制造业占41.2%，信息传输和软件业占15.3%。"]),
    ("jysj", 1159, "2026-09-15", "2026-09-15", "2026届毕业生规模及专业结构",
     ["2026届毕业生共5012人，其中男生3108人、女生1904人。",
      "专业结构：智能制造类专业1486人，电子信息类1205人，汽车类842人，财经商贸类916人，土木建筑类352人，文化艺术类211人。"]),
    ("jysj", 1012, "2025-09-12", "2025-09-12", "2025届毕业生毕业去向落实率及就业流向统计",
     ["截至2025年8月31日，我校2025届毕业生4967人，毕业去向落实率为93.6%。"]),
    ("jyzl", 886, "2024-12-20", "2024-12-20", f"{SCHOOL}2024届毕业生就业质量年度报告",
     ["根据教育部办公厅关于编制发布高校毕业生就业质量年度报告的通知要求，学校编制了2024届毕业生就业质量年度报告。",
      "第一部分 毕业生就业基本情况", "第二部分 毕业生就业相关分析", "第三部分 就业工作主要举措",
      "第四部分 发展趋势及对教育教学的反馈。"]),
    ("jyzl", 752, "2023-12-25", "2023-12-25", f"{SCHOOL}2023届毕业生就业质量年度报告",
     ["学校2023届毕业生就业质量年度报告全文如下。", "第一部分 毕业生就业基本情况。"]),
]

PAGES = {
    "jyzd": [[1187, 1179, 1172, 1165, 1151], [1102]],
    "jysj": [[1160, 1159, 1012]],
    "jyzl": [[886, 752]],
}


def art_path(cls, aid, date):
    y, m, _ = date.split("-")
    return f"/{cls}/{y}{m}/{aid}.html"


def _head(title, depth):
    up = "../" * depth
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<title>{title}</title>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="keywords" content="示例职业技术学院,就业信息网,就业指导中心">
<link href="{up}Skin/DefaultSkin.css" rel="stylesheet" type="text/css">
<script language="JavaScript" type="text/JavaScript" src="{up}js/menu.js"></script>
</head>
<body leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr><td><img src="{up}Images/top_banner.jpg" width="980" height="120" border="0"></td></tr>
</table>
<table width="980" height="34" border="0" align="center" cellpadding="0" cellspacing="0" class="menu_bg">
  <tr><td align="center" class="menu">|&nbsp;<a href="{up}index.htm">网站首页</a>&nbsp;|&nbsp;<a href="{up}jyzd/Index.html">就业指导</a>&nbsp;|&nbsp;<a href="{up}jysj/Index.html">就业数据</a>&nbsp;|&nbsp;<a href="{up}jyzl/Index.html">质量报告</a>&nbsp;|&nbsp;<a href="http://xxgk.demo.edu.cn/">信息公开</a>&nbsp;|</td></tr>
</table>
"""


def _left(depth):
    up = "../" * depth
    return f"""    <td width="200" valign="top" class="left_bg">
      <table width="100%" border="0" cellspacing="0" cellpadding="0">
        <tr><td class="left_title">栏目导航</td></tr>
        <tr><td class="left_menu"><a href="{up}jyzd/Index.html">·就业指导</a><br><a href="{up}jysj/Index.html">·就业数据</a><br><a href="{up}jyzl/Index.html">·质量报告</a></td></tr>
        <tr><td class="left_title">联系我们</td></tr>
        <tr><td class="left_text">示例职业技术学院就业指导中心<br>地址：学生事务服务中心二楼<br>电话：0731-86180077</td></tr>
      </table>
    </td>
"""


FOOT = """<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" class="foot">
  <tr><td height="60" align="center">Copyright © 2008—2026&nbsp;示例职业技术学院招生就业处·就业指导中心&nbsp;&nbsp;技术支持：现代教育技术中心<br>建议使用IE8.0以上浏览器、1024×768分辨率浏览本站</td></tr>
</table>
</body>
</html>
"""


def list_page(cls, k, by_id):
    pages = PAGES[cls]
    n = len(pages)
    total = sum(len(p) for p in pages)
    per = len(pages[0])
    here = f"/{cls}/Index.html" if k == 1 else f"/{cls}/List_{k}.html"
    rows = []
    for aid in pages[k - 1]:
        _, _, date, disp, title, _ = by_id[aid]
        href = art_path(cls, aid, date)[len(cls) + 2:]  # relative to /cls/
        rows.append(f"""        <tr>
          <td width="20" height="26" align="center"><img src="../Images/arrow.gif" width="7" height="7"></td>
          <td><a href="{href}" title="{title}" target="_blank">{title}</a></td>
          <td width="90" align="right"><font color="#999999">{disp}</font></td>
        </tr>""")

    def href(j):
        return "Index.html" if j == 1 else f"List_{j}.html"
    nav = []
    nav.append("首页" if k == 1 else f'<a href="{href(1)}">首页</a>')
    nav.append("上一页" if k == 1 else f'<a href="{href(k - 1)}">上一页</a>')
    nav.append("下一页" if k == n else f'<a href="{href(k + 1)}">下一页</a>')
    nav.append("尾页" if k == n else f'<a href="{href(n)}">尾页</a>')
    pager = (f'共 <b>{total}</b> 篇文章&nbsp;&nbsp;' + "&nbsp;".join(nav)
             + f'&nbsp;页次：<strong><font color="red">{k}</font>/{n}</strong>页&nbsp;<b>{per}</b>篇文章/页')
    name = CLASSES[cls]
    return _head(f"{name}-示例职业技术学院就业信息网", 1) + f"""<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
{_left(1)}    <td width="780" valign="top" class="main">
      <table width="100%" border="0" cellspacing="0" cellpadding="0" class="position">
        <tr><td height="30">您现在的位置：&nbsp;<a href="../index.htm">示例职业技术学院就业信息网</a>&nbsp;&gt;&gt;&nbsp;<a href="Index.html">{name}</a>&nbsp;&gt;&gt;&nbsp;文章列表</td></tr>
      </table>
      <table width="100%" border="0" cellspacing="0" cellpadding="0" class="newslist">
{chr(10).join(rows)}
        <tr>
          <td colspan="3" align="center" height="36">{pager}</td>
        </tr>
      </table>
    </td>
  </tr>
</table>
""" + FOOT, here


def article_page(cls, aid, date, title, paras):
    name = CLASSES[cls]
    body = "\n".join(f"<p>　　{t}</p>" for t in paras)
    hh = 8 + aid % 9
    mm = aid % 60
    y, m, d = date.split("-")
    when = f"{y}-{int(m)}-{int(d)} {hh}:{mm:02d}:{(aid * 7) % 60:02d}"
    return _head(f"{title}-示例职业技术学院就业信息网", 2) + f"""<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
{_left(2)}    <td width="780" valign="top" class="main">
      <table width="100%" border="0" cellspacing="0" cellpadding="0" class="position">
        <tr><td height="30">您现在的位置：&nbsp;<a href="../../index.htm">示例职业技术学院就业信息网</a>&nbsp;&gt;&gt;&nbsp;<a href="../Index.html">{name}</a>&nbsp;&gt;&gt;&nbsp;正文</td></tr>
      </table>
      <table width="96%" border="0" align="center" cellpadding="0" cellspacing="0" class="article">
        <tr><td height="50" align="center" class="article_title"><font size="4"><b>{title}</b></font></td></tr>
        <tr><td height="26" align="center" class="article_info">作者：就业指导中心&nbsp;&nbsp;来源：本站原创&nbsp;&nbsp;点击数：<script language="javascript" src="../../Article/GetHits.asp?ArticleID={aid}"></script>&nbsp;&nbsp;更新时间：{when}</td></tr>
        <tr><td class="article_content" id="fontzoom">
{body}
        </td></tr>
      </table>
    </td>
  </tr>
</table>
""" + FOOT


def home(by_id):
    def block(cls, n):
        items = [a for p in PAGES[cls] for a in p][:n]
        return "\n".join(
            f'<tr><td height="24">·<a href="{art_path(cls, a, by_id[a][2])[1:]}" target="_blank" title="{by_id[a][4]}">{by_id[a][4]}</a></td><td width="60" align="right">{by_id[a][3] if by_id[a][3].startswith("[") else "[" + by_id[a][2][5:] + "]"}</td></tr>'
            for a in items)
    return _head("示例职业技术学院就业信息网", 0) + f"""<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td width="485" valign="top"><table width="100%" class="box"><tr><td class="box_title" colspan="2">就业指导</td></tr>
{block("jyzd", 5)}
    </table></td>
    <td width="10"></td>
    <td width="485" valign="top"><table width="100%" class="box"><tr><td class="box_title" colspan="2">就业数据</td></tr>
{block("jysj", 3)}
    </table></td>
  </tr>
</table>
""" + FOOT
