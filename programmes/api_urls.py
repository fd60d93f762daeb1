from django.urls import path

from programmes import api

app_name = "programmes_api"

urlpatterns = [path("programmes", api.programmes, name="programmes")]
