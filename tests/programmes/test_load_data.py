"""The made-up volume `make bench` measures can still be made: the command writes every
column a sign-up click needs, whatever the model has grown since."""

import pytest
from django.core.management import call_command

from programmes.models import Programme, SignUpClick


@pytest.mark.django_db
def test_generate_load_data_makes_programmes_and_clicks():
    call_command("generate_load_data", programmes=30, roles=5, clicks=500, verbosity=0)
    assert Programme.objects.count() >= 30
    assert SignUpClick.objects.count() == 500
    assert not SignUpClick.objects.exclude(campaign="").exists()
