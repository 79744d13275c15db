"""Key-project endpoints (重点项目接口), under the projects policy.

Reads follow the scope (the offices: everything; a leader: their portfolio; a liaison:
its unit's projects and leads); a project, report or lead out of scope answers 404
like a missing one. The project office writes the ledger; a lead unit's liaison
submits its projects' monthly reports (multipart, with photos); the supervision office
turns a problem into a supervision item. Errors have one shape: ``{code, message, fields}``.
"""

from ninja import Router

from duban.projects.api import leads, projects, reports

router = Router(tags=["projects"])
router.add_router("", projects.router)
router.add_router("", reports.router)
router.add_router("", leads.router)
