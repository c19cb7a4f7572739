from django.core.management import call_command


def test_home_page_in_chromium(checker):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    checker.check("/", "home")
