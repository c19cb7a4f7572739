import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from demo.articles import load_articles
from demo.contact import load_contact
from demo.costs import load_costs
from demo.insights import load_insights
from demo.leads import load_leads, login_line
from demo.logins import ADMIN_FILE, read_login, write_login
from demo.notices import load_notices_and_credentials
from demo.site import load_clinic, load_home, load_menu, load_pages
from demo.team import load_team
from demo.translations import load_spanish


class Command(BaseCommand):
    help = (
        "Load Lantana's demo content. Safe to run again: it adds only what is missing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            # 1. The page tree's root, the home page and the site.
            home, site = load_home()
            self.stdout.write("1. Home page and site ready")

            # 2. Clinic details and pictures.
            images = load_clinic(site, home)
            self.stdout.write("2. Clinic details and pictures ready")

            # 3. Site-wide pages and the Charleston location.
            load_pages(home, images)
            self.stdout.write("3. Pages and the Charleston location ready")

            # 4. The team first: articles name clinicians, leads name the location.
            self.stdout.write("4. Team, articles and contact pages ready")
            load_team(home, self.stdout)
            load_articles(home, self.stdout)
            load_contact(home, self.stdout)
            load_costs(home, self.stdout)
            load_leads(home, self.stdout)
            load_notices_and_credentials(home, self.stdout)
            # Made-up daily counts, so the Insights dashboard has something to show.
            load_insights(self.stdout)

            # 5. Main menu, once every page it links to exists.
            load_menu(site, home)
            self.stdout.write("5. Main menu ready")

            # 6. Spanish, once every English thing it translates exists.
            load_spanish(home, self.stdout)
            self.stdout.write("6. Spanish versions ready")

        self.ensure_admin()

    def ensure_admin(self):
        User = get_user_model()
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@lantana.example", password)
            write_login(ADMIN_FILE, "admin", password)
        if saved := read_login(ADMIN_FILE):
            username, password = saved
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
        if line := login_line():
            self.stdout.write(self.style.SUCCESS(f"Lead desk (intake) login: {line}"))
        self.stdout.write(
            "On first sign-in each user sets up an authenticator app (scan the QR code, "
            "or type the key it shows) and saves ten recovery codes; README: Staff access."
        )
