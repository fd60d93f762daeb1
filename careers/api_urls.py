from django.urls import path

from careers import api

app_name = "careers_api"

urlpatterns = [path("roles", api.roles, name="roles")]
