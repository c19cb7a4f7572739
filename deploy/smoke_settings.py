"""Production settings plus the demo app: deploy/smoke.sh and make bench load the demo
content with them into the database production then serves. Never a real deployment's
settings (DJANGO_SETTINGS_MODULE=deploy.smoke_settings)."""

from lantana.settings.production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
