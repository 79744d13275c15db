"""The demo zone's organisation, built from the units the seed documents name.

Seed-000 and seed-004 speak of the 泉州台商投资区: its Party working committee
(党工委) and administrative committee (管委会), four areas (四大片区, of which
湖东 and 白沙 are named), towns, departments and outside bodies (市直有关部门).
Leaders are listed by position; their names are invented — the real people named
in the documents are not made into accounts.
"""

from __future__ import annotations

# (name, short name, kind, parent name or "")
UNITS: tuple[tuple[str, str, str, str], ...] = (
    ("泉州台商投资区党工委", "党工委", "party_committee", ""),
    ("泉州台商投资区管委会", "管委会", "admin_committee", ""),
    ("党政办公室", "党政办", "department", "泉州台商投资区管委会"),
    ("党工委督查室", "督查室", "department", "泉州台商投资区党工委"),
    ("经济发展局", "经发局", "department", "泉州台商投资区管委会"),
    ("财政局", "财政局", "department", "泉州台商投资区管委会"),
    ("招商局", "招商局", "department", "泉州台商投资区管委会"),
    ("台港澳事务局", "台港澳局", "department", "泉州台商投资区管委会"),
    ("科技和人才工作局", "科技局", "department", "泉州台商投资区管委会"),
    ("规划建设与交通局", "规建局", "department", "泉州台商投资区管委会"),
    ("自然资源局", "资源局", "department", "泉州台商投资区管委会"),
    ("社会事业局", "社事局", "department", "泉州台商投资区管委会"),
    ("卫生健康局", "卫健局", "department", "泉州台商投资区管委会"),
    ("生态环境局", "环境局", "department", "泉州台商投资区管委会"),
    ("应急管理局", "应急局", "department", "泉州台商投资区管委会"),
    ("统计局", "统计局", "department", "泉州台商投资区管委会"),
    ("重点项目服务中心", "项目办", "department", "泉州台商投资区管委会"),
    ("征迁安置办公室", "征迁办", "department", "泉州台商投资区管委会"),
    ("融媒体中心", "融媒体", "department", "泉州台商投资区管委会"),
    ("湖东片区指挥部", "湖东片区", "area", "泉州台商投资区管委会"),
    ("白沙片区指挥部", "白沙片区", "area", "泉州台商投资区管委会"),
    ("秀涂片区指挥部", "秀涂片区", "area", "泉州台商投资区管委会"),
    ("百崎片区指挥部", "百崎片区", "area", "泉州台商投资区管委会"),
    ("洛阳镇", "洛阳镇", "town", "泉州台商投资区管委会"),
    ("东园镇", "东园镇", "town", "泉州台商投资区管委会"),
    ("张坂镇", "张坂镇", "town", "泉州台商投资区管委会"),
    ("百崎回族乡", "百崎乡", "town", "泉州台商投资区管委会"),
    ("台商区城市建设集团", "城建集团", "state_firm", "泉州台商投资区管委会"),
    ("泉州市发展和改革委员会", "市发改委", "outside", ""),
    ("泉州市台港澳事务办公室", "市台港澳办", "outside", ""),
    ("泉州市统计局", "市统计局", "outside", ""),
)

# (name, position, unit, units overseen) — names invented.
PEOPLE: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("周立群", "党工委书记", "泉州台商投资区党工委", ()),
    ("郑海明", "管委会主任", "泉州台商投资区管委会", ()),
    ("黄振华", "党工委副书记", "泉州台商投资区党工委", ("党政办公室", "党工委督查室", "融媒体中心", "社会事业局")),
    ("林晓东", "管委会副主任", "泉州台商投资区管委会", ("经济发展局", "招商局", "台港澳事务局", "科技和人才工作局", "统计局")),
    ("蔡文斌", "管委会副主任", "泉州台商投资区管委会", ("规划建设与交通局", "自然资源局", "重点项目服务中心", "湖东片区指挥部", "台商区城市建设集团")),
    ("许雅琴", "管委会副主任", "泉州台商投资区管委会", ("白沙片区指挥部", "征迁安置办公室", "生态环境局", "应急管理局", "卫生健康局")),
    ("陈慧敏", "督查室主任", "党工委督查室", ()),
    ("吴少杰", "督查员", "党工委督查室", ()),
    ("李建平", "局长", "经济发展局", ()),
    ("王丽芳", "综合科科员（联络员）", "经济发展局", ()),
    ("洪志强", "局长", "规划建设与交通局", ()),
    ("苏晓燕", "办公室主任（联络员）", "规划建设与交通局", ()),
    ("庄明辉", "局长", "台港澳事务局", ()),
    ("杨静", "办公室科员（联络员）", "台港澳事务局", ()),
    ("刘春梅", "局长", "招商局", ()),
    ("方国栋", "指挥长", "白沙片区指挥部", ()),
    ("谢婷", "综合组（联络员）", "白沙片区指挥部", ()),
    ("张伟", "统计员", "统计局", ()),
    ("卢海燕", "项目专员", "重点项目服务中心", ()),
    ("何俊", "信息科科长", "党政办公室", ()),
)

DEMO_PASSWORD = "duban-demo-2019"  # noqa: S105 - the demo's published password, printed at start

# (username, person name, roles, what the account shows)
ACCOUNTS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("admin", "何俊", ("admin",), "administrator: users, units, settings"),
    ("supervisor", "陈慧敏", ("supervisor",), "supervision office (督查室): registers, assigns, signs off"),
    ("inspector", "吴少杰", ("supervisor",), "second supervisor, for dual sign-off"),
    ("secretary", "周立群", ("top_leader",), "top leader (书记): cockpit, instructions"),
    ("director", "郑海明", ("top_leader",), "top leader (主任)"),
    ("leader", "林晓东", ("leader",), "leader in charge of economy, investment, Taiwan affairs"),
    ("leader2", "蔡文斌", ("leader",), "leader in charge of planning, construction, projects"),
    ("leader3", "许雅琴", ("leader",), "leader in charge of 白沙 area, land clearance, environment"),
    ("leader4", "黄振华", ("leader",), "deputy secretary in charge of the office, media, social affairs"),
    ("liaison", "王丽芳", ("liaison",), "liaison of 经济发展局"),
    ("liaison2", "苏晓燕", ("liaison",), "liaison of 规划建设与交通局"),
    ("liaison3", "杨静", ("liaison",), "liaison of 台港澳事务局"),
    ("liaison4", "谢婷", ("liaison",), "liaison of 白沙片区指挥部"),
    ("statistician", "张伟", ("statistician",), "statistician (统计员): indicator values"),
    ("projects", "卢海燕", ("project_officer",), "project officer (项目办): key-project ledger"),
)
