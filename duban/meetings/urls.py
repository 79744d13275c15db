from django.urls import path

from duban.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("<int:meeting_id>/entries/<int:entry_id>/decide/", views.decide, name="decide"),
    path("<int:meeting_id>/publish/", views.publish, name="publish"),
    path("<int:meeting_id>/pack.docx", views.pack, name="pack"),
    path("<int:meeting_id>/minutes.docx", views.minutes, name="minutes"),
]
