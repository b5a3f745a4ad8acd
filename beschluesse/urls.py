from django.urls import path

from beschluesse import views

app_name = "beschluesse"

urlpatterns = [
    path("", views.conference_list, name="conference-list"),
]
