from django.urls import path

from duban.supervision.views import actions, files, item, ledger, notifications, portfolio, sources, todo

app_name = "supervision"
urlpatterns = [
    path("ledger/", ledger.ledger, name="ledger"),
    path("ledger/bulk/", ledger.ledger_bulk, name="ledger_bulk"),
    path("sources/", sources.source_list, name="source_list"),
    path("sources/new/", sources.source_new, name="source_new"),
    path("sources/<int:source_id>/", ledger.source_ledger, name="source_ledger"),
    path("sources/<int:source_id>/edit/", sources.source_edit, name="source_edit"),
    path("sources/<int:source_id>/items/new/", item.item_new, name="item_new"),
    path("items/<int:item_id>/", item.item_detail, name="item_detail"),
    path("items/<int:item_id>/edit/", item.item_edit, name="item_edit"),
    path("items/<int:item_id>/move/", item.item_move_view, name="item_move"),
    path("items/<int:item_id>/act/<str:action>/", actions.item_action, name="item_action"),
    path("items/<int:item_id>/report/", actions.report_new, name="report_new"),
    path("items/<int:item_id>/instruction/", actions.instruction_new, name="instruction_new"),
    path("items/<int:item_id>/judgement/", actions.judgement_edit, name="judgement_edit"),
    path("items/<int:item_id>/milestones/new/", actions.milestone_new, name="milestone_new"),
    path("items/<int:item_id>/milestones/<int:milestone_id>/done/", actions.milestone_mark_done,
         name="milestone_done"),
    path("items/<int:item_id>/follow-up/", actions.followup_schedule_view, name="followup_schedule"),
    path("items/<int:item_id>/follow-up/record/", actions.followup_record_view, name="followup_record"),
    path("files/<int:attachment_id>/", files.attachment_download, name="file"),
    path("files/<int:attachment_id>/view/", files.attachment_preview, name="file_preview"),
    path("items/<int:item_id>/urge/", actions.urge_new, name="urge_new"),
    path("todo/", todo.todo, name="todo"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notification_read_all, name="notifications_read_all"),
    path("notifications/<int:notification_id>/read/", notifications.notification_read,
         name="notification_read"),
    path("portfolio/", portfolio.portfolio, name="portfolio"),
]
