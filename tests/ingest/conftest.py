import pytest

# A plan written for these tests (not a real document).
PLAN = """关于加快东湖片区建设的工作方案
一、主要任务
（一）年底前完成东湖大道改造提升工程，由规划建设与交通局牵头。
（二）2020年6月底前建成2个社区服务中心，新增停车位300个。
（三）加强组织领导，提高政治站位。
二、存在问题
部分项目前期工作推进缓慢，征迁进度滞后的问题依然突出。
"""


@pytest.fixture
def plan_bytes() -> bytes:
    return PLAN.encode("gb18030")
