import importlib
import os
import secrets
import stat
from datetime import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from contact.demo_leads import login_line
from home.models import HomePage
from lantana.core import demo_content
from lantana.core.demo import get_or_create_image, get_or_create_page
from lantana.core.demo_images import draw_scene
from lantana.core.factories import base_url_address, ensure_root, make_site_root
from lantana.core.models import NavigationSettings, SiteSettings, StandardPage
from locations.models import (
    LocationIndexPage,
    LocationOperatingHours,
    LocationPage,
    LocationPhoto,
)

# Each app that has demo content exposes load(home, stdout) in <app>/demo.py.
APP_DEMOS = ["staff.demo", "articles.demo", "contact.demo", "contact.demo_leads"]


class Command(BaseCommand):
    help = (
        "Load Lantana's demo content. Safe to run again: it adds only what is missing."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "load_demo refuses to run under production settings "
                f"({settings.SETTINGS_MODULE}): it adds fictional clinicians, "
                "articles, leads and demo logins. Use it with lantana.settings.dev."
            )
        with transaction.atomic():
            # 1. The page tree's root and the site.
            root = ensure_root()
            home = get_or_create_page(root, HomePage, "home", **demo_content.HOME)
            # Where `make run` serves (PORT), so page and sitemap URLs point there.
            site = make_site_root(home, *base_url_address())
            self.stdout.write("1. Home page and site ready")

            # 2. Clinic details and pictures.
            self.load_settings(site)
            images = self.load_images()
            if home.hero_image_id is None:
                home.hero_image = images["hero"]
                home.save_revision().publish()
            self.stdout.write("2. Clinic details and pictures ready")

            # 3. Site-wide pages and the Charleston location.
            pages = self.load_pages(home, images)
            self.stdout.write("3. Pages and the Charleston location ready")

            # 4. Content of the other apps, when they provide it.
            for module_name in APP_DEMOS:
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError:
                    continue
                module.load(home, self.stdout)
            self.stdout.write("4. Team, articles and contact pages ready")

            # 5. Main menu, once every page it links to exists.
            self.load_menu(site, home, pages)
            self.stdout.write("5. Main menu ready")

        self.ensure_admin()

    def load_settings(self, site):
        # From the database, never the cache: a cache kept from another database
        # (a re-created one, a restored backup) would say the details are there.
        clinic, _ = SiteSettings.objects.get_or_create(site=site)
        if not clinic.phone:
            for field, value in demo_content.CLINIC.items():
                setattr(clinic, field, value)
            clinic.save()

    def load_images(self) -> dict:
        return {
            key: get_or_create_image(
                title, alt, lambda kind=kind, seed=seed: draw_scene(kind, seed)
            )
            for key, (title, alt, kind, seed) in demo_content.IMAGES.items()
        }

    def load_pages(self, home, images) -> dict:
        pages = {}
        for slug, fields in demo_content.STANDARD_PAGES.items():
            fields = dict(fields)
            children = fields.pop("children", {})
            page = get_or_create_page(home, StandardPage, slug, **fields)
            for child_slug, child_fields in children.items():
                get_or_create_page(page, StandardPage, child_slug, **child_fields)
            pages[slug] = page
        index = get_or_create_page(
            home, LocationIndexPage, "locations", **demo_content.LOCATIONS
        )
        pages["locations"] = index
        charleston = index.get_children().filter(slug="charleston").first()
        if charleston is None:
            charleston = LocationPage(
                slug="charleston",
                hero_image=images["location"],
                **demo_content.CHARLESTON,
            )
            for day, opens, closes in demo_content.CHARLESTON_HOURS:
                charleston.hours.add(
                    LocationOperatingHours(
                        day=day,
                        opens=time.fromisoformat(opens) if opens else None,
                        closes=time.fromisoformat(closes) if closes else None,
                        closed=opens is None,
                    )
                )
            for key, caption in (
                ("garden", "The courtyard garden behind our group rooms"),
                ("water", "The harbor at the end of our street"),
            ):
                charleston.photos.add(LocationPhoto(image=images[key], caption=caption))
            index.add_child(instance=charleston)
            charleston.save_revision().publish()
        pages["charleston"] = charleston.specific
        if not home.offerings:
            home.offerings = demo_content.home_offerings(pages["programs"])
            home.hero_cta_page = pages["admissions"]
            home.save_revision().publish()
        return pages

    def load_menu(self, site, home, pages):
        navigation = NavigationSettings.for_site(site)
        if navigation.main_menu:
            return
        wanted = [
            "about",
            "programs",
            "team",
            "articles",
            "admissions",
            "locations",
            "contact",
        ]
        children = {page.slug: page for page in home.get_children().live()}
        navigation.main_menu = [
            {
                "type": "link",
                "value": {"page": children[slug].pk, "url": "", "label": ""},
            }
            for slug in wanted
            if slug in children
        ]
        navigation.save()

    def ensure_admin(self):
        User = get_user_model()
        login_file = Path(settings.DEMO_LOGIN_DIR) / ".demo-login"
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@lantana.example", password)
            login_file.parent.mkdir(parents=True, exist_ok=True)
            login_file.write_text(f"admin {password}\n")
            os.chmod(login_file, stat.S_IRUSR | stat.S_IWUSR)
        if login_file.exists():
            username, password = login_file.read_text().split()[:2]
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin login: http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/ "
                    f"user '{username}' password '{password}'"
                )
            )
            # No second step is set up on a password alone (access/enrolment.py).
            self.stdout.write(
                "First sign-in of a demo login: `manage.py issue_enrolment_link "
                "USERNAME` prints the one-time link that sets up its authenticator app."
            )
        else:
            self.stdout.write("An admin user already exists; use its password.")
        self.print_intake_login()
        self.stdout.write(
            "On first sign-in each user sets up an authenticator app (scan the QR code, "
            "or type the key it shows) and saves ten recovery codes; README: Staff access."
        )

    def print_intake_login(self):
        if line := login_line():
            self.stdout.write(self.style.SUCCESS(f"Lead desk (intake) login: {line}"))
