"""Retire every cached page and kept part, in every process, at once."""

from django.core.management.base import BaseCommand, CommandError

from lantana.core import generation


class Command(BaseCommand):
    help = (
        "Retire everything the site serves from cache (pages, kept parts, site "
        "chrome) in every process; nginx follows within FRONT_CACHE_SECONDS."
    )

    def handle(self, *args, **options):
        process = generation.generation()
        process.bump("purge_cache command")
        if process.pending is not None:
            raise CommandError(
                "The new cache generation is in the database but Redis did not take "
                "it; every process will find it there within a second. Check Redis."
            )
        value = generation.stored_value()
        self.stdout.write(f"Cache purged: generation {value}.")
