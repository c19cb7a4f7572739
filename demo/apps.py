from django.apps import AppConfig


class DemoConfig(AppConfig):
    """load_demo and the demo's builders and words. Installed by the dev and test
    settings only: under production settings `load_demo` is an unknown command."""

    name = "demo"
    verbose_name = "Demo content"
