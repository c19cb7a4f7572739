"""Writing a WordPress export into Lantana: topics, clinicians, images, articles, pages.

Each item is written in its own transaction, remembered in ImportedItem by its
WordPress id, and skipped on the next run unless WordPress changed it. The file is
checked whole (wxr.scan) before anything is written.
"""

import datetime
import hashlib
import html
import json
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.images import ImageFile
from django.core.files.storage import InMemoryStorage
from django.db import DatabaseError, transaction
from django.urls import get_resolver, reverse
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from articles.blocks import ARTICLE_RICH_TEXT_FEATURES
from articles.models import ArticleIndexPage, ArticlePage, Topic, clinician_for_user
from home.models import HomePage
from lantana.core.blocks import RICH_TEXT_FEATURES
from lantana.core.changes import many_changes
from lantana.core.models import StandardPage, User
from staff.models import ClinicianPage, StaffIndexPage

from . import wxr
from .html import BodyConverter, ImageRef, shorten, soup
from .indexing import indexed_at_the_end
from .media import FetchPolicy, MediaFetcher
from .models import ImportedItem
from .report import Report
from .text import fix_text

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
# Pillow's name for a format -> the extension the file is stored with.
IMAGE_FORMATS = {
    "JPEG": ".jpg",
    "PNG": ".png",
    "GIF": ".gif",
    "WEBP": ".webp",
    "AVIF": ".avif",
}
# Top-level paths our own URLs, Wagtail's and the web server use: no page slug.
RESERVED_SLUGS = {"admin", "documents", "_util", "static", "media", "search", "cms"}
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)|-scaled(?=\.[A-Za-z0-9]+$)")
UPLOADS = "/wp-content/uploads/"
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
UNCATEGORISED = {"uncategorized", "uncategorised"}
NO_DATE = "0000-00-00 00:00:00"
PLACEHOLDER_JOB_TITLE = "Author"


ITEM_ERRORS = (ValidationError, ValueError, LookupError, OSError, DatabaseError)


class Skip(Exception):
    """This item cannot be imported; the message says why, for the report."""


def fingerprint(*parts) -> str:
    data = json.dumps(parts, sort_keys=True, default=str).encode()
    return hashlib.sha256(data).hexdigest()


def plain(text: str) -> str:
    """Titles and excerpts: entities decoded, tags and odd encodings gone."""
    text = fix_text(html.unescape(text or ""))
    return re.sub(r"\s+", " ", soup(text).get_text(" ")).strip()


def reserved_slugs() -> set[str]:
    """First path segments a top-level page must not take: our URLs, language
    prefixes, static and media folders."""
    reserved = set(RESERVED_SLUGS)
    for pattern in get_resolver().url_patterns:
        first = str(pattern.pattern).lstrip("^/").split("/", 1)[0]
        if first and not any(c in first for c in "<(?\\$[]"):
            reserved.add(first.lower())
    reserved.update(code.split("-")[0].lower() for code, _name in settings.LANGUAGES)
    reserved.update(code.lower() for code, _name in settings.LANGUAGES)
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        if url and url.startswith("/"):
            reserved.add(url.strip("/").split("/", 1)[0])
    return reserved


def hosts_of(url: str) -> set[str]:
    """A blog's host with and without www."""
    host = (urlsplit(url or "").hostname or "").lower()
    if not host:
        return set()
    bare = host.removeprefix("www.")
    return {bare, f"www.{bare}"}


def parse_date(value: str) -> datetime.datetime | None:
    if not value or value == NO_DATE:
        return None
    try:
        return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


class Importer:
    def __init__(
        self,
        export: wxr.Export,
        *,
        uploads: Path | None = None,
        publish: bool = False,
        dry_run: bool = False,
        user: User | None = None,
        max_body_bytes: int = 2 * 1024 * 1024,
        stdout=None,
        tags_as_topics: bool = False,
        old_hosts: set[str] | None = None,
        fetch_policy: FetchPolicy | None = None,
        progress=None,
    ):
        self.export = export
        self.uploads = uploads.resolve() if uploads else None
        self.publish = publish
        self.dry_run = dry_run
        self.user = user
        self.max_body_bytes = max_body_bytes
        self.stdout = stdout
        self.report = Report()
        self.tags_as_topics = tags_as_topics
        self.progress = progress or (lambda kind, done, total: None)
        # The blog's own addresses; base_site_url is wordpress.com for a blog hosted
        # there, so it counts only when the export names nothing closer.
        self.old_hosts = hosts_of(export.blog_url) | hosts_of(export.link)
        if not self.old_hosts:
            self.old_hosts = hosts_of(export.site_url)
        for host in old_hosts or ():
            self.old_hosts |= hosts_of(f"//{host}")
        # Media may also live on the hosts the attachment records name (a CDN).
        self.media_hosts = self.old_hosts | {
            (urlsplit(a.url).hostname or "").lower()
            for a in export.attachments.values()
            if a.url
        } - {""}
        self.fetcher = None
        if fetch_policy is not None:
            fetch_policy.hosts = fetch_policy.hosts | self.media_hosts
            self.fetcher = MediaFetcher(fetch_policy)
        self.fetched: dict[str, object] = {}
        self.relink: set[str] = set()  # items whose links wait for later items
        self.relinking = False
        self.reserved = reserved_slugs()
        self.documents: dict[str, int | None] = {}
        self.images: dict[str, int | None] = {}  # attachment id or upload path
        self.attachment_by_file = {
            self.upload_path(a.file or a.url): a
            for a in export.attachments.values()
            if self.upload_path(a.file or a.url)
        }
        self.clinicians: dict[str, ClinicianPage] = {}  # by author login
        self.created_clinicians: set[int] = set()
        self.topics: dict[tuple[str, str], Topic] = {}  # (taxonomy, slug)
        self.submitted = 0
        self.current = ""  # the item being imported, for the report's lines

    # The whole run ---------------------------------------------------------
    def run(self) -> Report:
        try:
            # The page cache is purged once at the end, not for every post, and
            # each object is indexed for search and references once, at the end.
            with (
                many_changes(),
                self.dry_run_guard(),
                indexed_at_the_end(self.progress),
            ):
                self.find_places()
                self.import_topics()
                self.import_authors()
                self.import_attachments()
                self.import_content()
                self.relink_items()
                self.import_attachment_pages()
                self.summarise()
        finally:
            if self.fetcher is not None:
                self.fetcher.close()
        return self.report

    def import_content(self) -> None:
        pages, done = [], 0
        total = self.export.counts.get("post", 0) + self.export.counts.get("page", 0)
        for item in wxr.iter_content(self.export.path):
            if item.post_type == "post":
                self.each(item, self.import_post, "article")
                done += 1
                self.progress("posts and pages", done, total)
            else:
                pages.append(item)
        for item in self.page_order(pages):
            self.each(item, self.import_page, "page")
            done += 1
            self.progress("posts and pages", done, total)

    def relink_items(self) -> None:
        """Items that linked to posts imported after them: their links become page
        links now that every target exists (uncounted: they were counted once)."""
        if not self.relink:
            return
        self.relinking = True
        pages = []
        for item in wxr.iter_content(self.export.path):
            if f"{item.post_type}:{item.wp_id}" not in self.relink:
                continue
            if item.post_type == "post":
                self.each(item, self.import_post, "article")
            else:
                pages.append(item)
        for item in self.page_order(pages):
            self.each(item, self.import_page, "page")
        self.relinking = False

    def count(self, kind: str, outcome: str) -> None:
        if not self.relinking:
            self.report.count(kind, outcome)

    @contextmanager
    def dry_run_guard(self):
        """In a dry run, everything happens and is then rolled back; files stay in memory."""
        if not self.dry_run:
            yield
            return
        file_field = get_image_model()._meta.get_field("file")
        storage = file_field.storage
        file_field.storage = InMemoryStorage()
        try:
            with transaction.atomic():
                yield
                transaction.set_rollback(True)
        finally:
            file_field.storage = storage

    def each(self, item: wxr.Item, method, kind: str) -> None:
        label = f"{item.post_type} “{plain(item.title) or item.slug}” (WordPress id {item.wp_id})"
        self.current = label
        self.current_item = item
        self.safely(kind, label, method, item, label)

    def safely(self, kind: str, label: str, method, *args):
        """One item in one transaction: bad content skips it with a line, never a traceback."""
        try:
            with transaction.atomic():
                return method(*args)
        except Skip as reason:
            self.report.count(kind, "skipped")
            self.report.problem(f"{label} skipped: {reason}")
        except ITEM_ERRORS as error:
            self.report.count(kind, "skipped")
            self.report.problem(f"{label} skipped: {_one_line(error)}")
        return None

    def find_places(self) -> None:
        site = (
            Site.objects.filter(is_default_site=True)
            .select_related("root_page")
            .first()
        )
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            raise wxr.WXRError(
                "No home page is the default site's root: set up the site first "
                "(make run or the admin). Nothing was imported."
            )
        self.site, self.home = site, home
        self.article_index = ArticleIndexPage.objects.child_of(home).first()
        if self.article_index is None:
            self.article_index = ArticleIndexPage(title="Articles", slug="articles")
            home.add_child(instance=self.article_index)
            self.report.note("created the article index at /articles/")
        self.team_index = StaffIndexPage.objects.child_of(home).first()
        if self.team_index is None:
            self.team_index = StaffIndexPage(title="Our team", slug="team", live=False)
            home.add_child(instance=self.team_index)
            self.report.note("created an unpublished team index for the clinicians")

    # Remembering ---------------------------------------------------------------
    def remembered(self, kind: str, wp_id: str):
        item = ImportedItem.objects.filter(kind=kind, wp_id=wp_id).first()
        if item is None:
            return None, None
        model = item.content_type.model_class()
        target = model.objects.filter(pk=item.object_id).first() if model else None
        return item, target

    def remember(self, kind: str, wp_id: str, target, print_: str = "") -> None:
        ImportedItem.objects.update_or_create(
            kind=kind,
            wp_id=wp_id,
            defaults={
                "content_type": ContentType.objects.get_for_model(target),
                "object_id": target.pk,
                "fingerprint": print_,
            },
        )

    # Topics ------------------------------------------------------------------
    def import_topics(self) -> None:
        """Categories become topics; tags too with --tags-as-topics, else their
        archive pages redirect to a site search for the tag."""
        by_slug = {(t.taxonomy, t.slug): t for t in self.export.terms}
        for term in self.export.terms:
            if term.taxonomy == "post_tag" and not self.tags_as_topics:
                query = plain(term.name) or term.slug
                target = f"{reverse('home:search')}?{urlencode({'q': query})}"
                for path in (f"/tag/{term.slug}/", f"/?tag={term.slug}"):
                    self.redirect_to_url(path, target)
                continue
            label = f"{term.taxonomy} “{term.name or term.slug}”"
            self.safely(
                "topic", label, self.topic_for, term.taxonomy, term.slug, term.name
            )
        for term in self.export.terms:
            topic = self.topics.get(
                (
                    term.taxonomy,
                    slugify(unquote(term.slug or term.name), allow_unicode=True)[:60],
                )
            )
            if topic is None:
                continue
            if term.taxonomy == "category":
                path, parent, seen = [term.slug], term.parent_slug, {term.slug}
                while parent and parent not in seen:
                    seen.add(parent)
                    path.insert(0, parent)
                    parent = getattr(
                        by_slug.get(("category", parent)), "parent_slug", ""
                    )
                old = [f"/category/{'/'.join(path)}/"]
                if term.wp_id:
                    old.append(f"/?cat={term.wp_id}")
            else:
                old = [f"/tag/{term.slug}/", f"/?tag={term.slug}"]
            route = self.article_index.reverse_subpage(
                "topic_articles", args=[topic.slug]
            )
            for path in old:
                self.redirect(path, self.article_index, route=route)

    def topic_for(self, taxonomy: str, slug: str, name: str) -> Topic | None:
        slug = slugify(unquote(slug or name), allow_unicode=True)[:60]
        name = plain(name)[:60] or slug
        if not slug or slug in UNCATEGORISED:
            return None
        key = (taxonomy, slug)
        if key in self.topics:
            return self.topics[key]
        # WordPress's terms are the default language's (a Spanish topic is a
        # translation made in the admin).
        topics = Topic.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        topic = (
            topics.filter(slug=slug).first() or topics.filter(name__iexact=name).first()
        )
        if topic is None:
            topic = Topic.objects.create(name=name, slug=slug)
            self.report.count("topic", "created")
        else:
            self.report.count("topic", "unchanged")
        self.remember("term", f"{taxonomy}:{slug}", topic)
        self.topics[key] = topic
        return topic

    # Authors -> clinicians ------------------------------------------------------
    def import_authors(self) -> None:
        for author in self.export.authors.values():
            label = f"author “{author.display_name or author.login}”"
            self.safely("clinician", label, self.import_author, author)

    def import_author(self, author: wxr.Author) -> None:
        first, last = self.author_names(author)
        _item, clinician = self.remembered("author", author.login)
        if clinician is not None:
            self.report.count("clinician", "unchanged")
        else:
            clinician = self.match_clinician(author, first, last)
            if clinician is not None:
                self.report.count("clinician", "unchanged")
                self.report.note(
                    f"author “{author.display_name or author.login}” matched the "
                    f"existing clinician {clinician.full_name}"
                )
            else:
                clinician = ClinicianPage(
                    title=f"{first} {last}".strip(),
                    slug=self.free_slug(self.team_index, slugify(f"{first} {last}")),
                    first_name=first,
                    last_name=last,
                    job_title=PLACEHOLDER_JOB_TITLE,
                    live=False,
                )
                self.team_index.add_child(instance=clinician)
                clinician.save_revision(user=self.user)
                self.created_clinicians.add(clinician.pk)
                self.report.count("clinician", "created")
                self.report.problem(
                    f"clinician draft {clinician.full_name} created from the "
                    "WordPress author: add a job title, role and photo, then publish"
                )
            self.remember("author", author.login, clinician)
        self.clinicians[author.login] = clinician
        # The author archive: a draft profile answers 404 until it is published.
        self.redirect(f"/author/{author.login}/", clinician)

    def author_names(self, author: wxr.Author) -> tuple[str, str]:
        first, last = plain(author.first_name), plain(author.last_name)
        if not (first or last):
            words = plain(author.display_name or author.login).split()
            first, last = (
                (words[0], " ".join(words[1:])) if words else (author.login, "")
            )
        return first[:60], last[:60]

    def match_clinician(self, author, first: str, last: str) -> ClinicianPage | None:
        if first and last:
            match = ClinicianPage.objects.filter(
                first_name__iexact=first, last_name__iexact=last
            ).first()
            if match:
                return match
        if author.email:
            user = User.objects.filter(email__iexact=author.email).first()
            if user and (match := clinician_for_user(user)):
                return match
        return ClinicianPage.objects.filter(slug=slugify(author.login)).first()

    # Attachments -> images and documents ----------------------------------------
    def attachment_kind(self, attachment: wxr.Attachment) -> str:
        suffix = Path(urlsplit(attachment.file or attachment.url).path).suffix.lower()
        if suffix in IMAGE_EXTENSIONS:
            return "image"
        if suffix.lstrip(".") in settings.WAGTAILDOCS_EXTENSIONS:
            return "document"
        return ""

    def import_attachments(self) -> None:
        self.prefetch()
        attachments = list(self.export.attachments.values())
        for done, attachment in enumerate(attachments, 1):
            name = attachment.file or attachment.url
            kind = self.attachment_kind(attachment)
            label = f"attachment {name} (WordPress id {attachment.wp_id})"
            if kind == "image":
                self.safely("image", label, self.image_for_attachment, attachment)
            elif kind == "document":
                self.safely("document", label, self.document_for_attachment, attachment)
            else:
                self.report.count("document", "skipped")
                self.report.problem(
                    f"{label}: a {Path(name).suffix or 'file'} is neither an image nor "
                    "a document type the site serves; add it in the admin if needed"
                )
            self.progress("media", done, len(attachments))

    def prefetch(self) -> None:
        """With --fetch-media, every attachment not yet imported and not in the
        uploads folder is downloaded now, a few at a time."""
        if self.fetcher is None:
            return
        wanted = []
        for attachment in self.export.attachments.values():
            kind = self.attachment_kind(attachment)
            if not kind or not attachment.url:
                continue
            if ImportedItem.objects.filter(
                kind="attachment", wp_id=attachment.wp_id
            ).exists():
                continue  # imported by an earlier run: never fetched again
            if self.find_upload(self.upload_path(attachment.file or attachment.url)):
                continue
            wanted.append((attachment.url, kind))
        if wanted:
            self.report.note(
                f"fetched media from {', '.join(sorted(self.fetcher.hosts))}"
            )
            self.fetched.update(self.fetcher.fetch_all(wanted))

    def source_file(
        self, relative: str, url: str, kind: str
    ) -> tuple[Path | None, str]:
        """Where an attachment's bytes are: the uploads folder, else a download."""
        path = self.find_upload(relative)
        if path is not None:
            return path, ""
        if self.fetcher is None or not url:
            where = (
                f"in {self.uploads}" if self.uploads else "(no --uploads folder given)"
            )
            return None, f"not found {where} and --fetch-media not given"
        fetched = self.fetched.get(url)
        if fetched is None:
            fetched = self.fetched[url] = self.fetcher.fetch(url, kind)
        return fetched.path, fetched.problem

    def document_for_attachment(self, attachment: wxr.Attachment) -> int | None:
        if attachment.wp_id in self.documents:
            return self.documents[attachment.wp_id]
        self.documents[attachment.wp_id] = None
        item, document = self.remembered("attachment", attachment.wp_id)
        if document is not None:
            self.count("document", "unchanged")
            self.documents[attachment.wp_id] = document.pk
            return document.pk
        relative = self.upload_path(attachment.file or attachment.url)
        path, problem = self.source_file(relative, attachment.url, "document")
        name = Path(relative or urlsplit(attachment.url).path).name
        if path is None:
            self.count("document", "skipped")
            self.report.problem(f"document {name} skipped: {problem}")
            return None
        with open(path, "rb") as handle:
            document = get_document_model()(
                title=(plain(attachment.title) or Path(name).stem)[:255],
                file=File(handle, name=name),
            )
            document.save()
        self.remember("attachment", attachment.wp_id, document)
        self.count("document", "created")
        self.documents[attachment.wp_id] = document.pk
        return document.pk

    def upload_path(self, url: str) -> str:
        """'https://old/wp-content/uploads/2023/05/a.jpg' or '2023/05/a.jpg' -> '2023/05/a.jpg'."""
        if not url:
            return ""
        path = unquote(urlsplit(url).path)
        if UPLOADS in path:
            path = path.split(UPLOADS, 1)[1]
        elif urlsplit(url).scheme or url.startswith("/"):
            return ""
        return path.lstrip("/")

    def image_for_attachment(self, attachment: wxr.Attachment) -> int | None:
        key = f"attachment:{attachment.wp_id}"
        if key not in self.images:
            self.images[key] = self.import_image(
                "attachment",
                attachment.wp_id,
                self.upload_path(attachment.file or attachment.url),
                plain(attachment.title),
                plain(attachment.alt),
                attachment.url,
            )
        return self.images[key]

    def import_image(self, *args) -> int | None:
        """The image's id, or None with a report line; a broken one never stops a post."""
        try:
            with transaction.atomic():
                return self.import_image_file(*args)
        except ITEM_ERRORS as error:
            self.report.count("image", "skipped")
            self.report.problem(
                f"image {args[2] or args[1]} skipped: {_one_line(error)}"
            )
            return None

    def import_image_file(
        self, kind: str, wp_id: str, relative: str, title: str, alt: str, url: str = ""
    ):
        item, image = self.remembered(kind, wp_id)
        print_ = fingerprint(relative, title, alt)
        if image is not None:
            if item.fingerprint != print_:
                image.title, image.description = title or image.title, alt[:255]
                image.save(update_fields=["title", "description"])
                self.remember(kind, wp_id, image, print_)
                self.report.count("image", "updated")
            else:
                self.report.count("image", "unchanged")
            return image.pk
        path, problem = self.source_file(relative, url, "image")
        if path is None:
            self.report.count("image", "skipped")
            self.report.problem(
                f"image {relative or wp_id} skipped: {problem}; articles import without it"
            )
            return None
        try:
            with PILImage.open(path) as picture:
                picture.verify()
                real = picture.format
        except Exception:  # Pillow raises many kinds for a broken file
            self.report.count("image", "skipped")
            self.report.problem(f"image {relative} is not a readable image; left out")
            return None
        if real not in IMAGE_FORMATS:
            self.report.count("image", "skipped")
            self.report.problem(
                f"image {relative} is a {real}, which the site cannot serve"
            )
            return None
        # Stored under the extension of what the bytes are, whatever the name said.
        stem = Path(relative or urlsplit(url).path).stem or "image"
        name = f"{slugify(stem) or 'image'}{IMAGE_FORMATS[real]}"
        with transaction.atomic(), open(path, "rb") as handle:
            image = get_image_model()(
                title=(title or stem)[:255],
                description=alt[:255],
                file=ImageFile(handle, name=name),
            )
            image.save()
            self.remember(kind, wp_id, image, print_)
        self.report.count("image", "created")
        return image.pk

    def find_upload(self, relative: str) -> Path | None:
        if not (self.uploads and relative):
            return None
        path = (self.uploads / relative).resolve()
        if not path.is_relative_to(self.uploads) or not path.is_file():
            return None
        return path

    def resolve_image(self, ref: ImageRef) -> int | None:
        """The library image for an <img> in a body, importing it once."""
        problems = len(self.report.problems)
        image_id = self.find_image(ref)
        for position in range(problems, len(self.report.problems)):
            self.report.problems[position] = (
                f"{self.current}: {self.report.problems[position]}"
            )
        if image_id is None and len(self.report.problems) == problems:
            name = urlsplit(ref.src).path.rsplit("/", 1)[-1] or f"id {ref.wp_id}"
            self.report.problem(f"{self.current}: image {name} left out (see above)")
        return image_id

    def find_image(self, ref: ImageRef) -> int | None:
        if ref.wp_id and ref.wp_id in self.export.attachments:
            return self.image_for_attachment(self.export.attachments[ref.wp_id])
        src = ref.src.strip()
        if not src:
            return None
        if src.startswith("data:"):
            self.report.problem(
                "an image written into the page (data: URL) was left out"
            )
            return None
        parts = urlsplit(src)
        if parts.hostname and parts.hostname.lower() not in self.media_hosts:
            self.report.problem(
                f"an image from another site ({parts.hostname}) was left out: we never "
                "download; add it to the image library by hand"
            )
            return None
        relative = self.upload_path(src)
        if not relative:
            self.report.problem(
                f"image {parts.path} is not under wp-content/uploads; left out"
            )
            return None
        original = SIZE_SUFFIX.sub("", relative)
        for candidate in (relative, original):
            attachment = self.attachment_by_file.get(candidate)
            if attachment:
                return self.image_for_attachment(attachment)
        key = f"upload:{original}"
        if key not in self.images:
            found = self.find_upload(original) and original or relative
            self.images[key] = self.import_image(
                "upload", found, found, Path(found).stem.replace("-", " "), ref.alt, src
            )
        return self.images[key]

    # Posts -> articles ------------------------------------------------------------
    def import_post(self, item: wxr.Item, label: str) -> None:
        if item.status in SKIPPED_STATUSES:
            raise Skip(f"its status is “{item.status}”")
        self.check_size(item)
        print_ = fingerprint(item, self.publish, self.tags_as_topics)
        record, page = self.remembered("post", item.wp_id)
        if page is not None and record.fingerprint == print_ and not self.relinking:
            self.count("article", "unchanged")
            self.item_redirects(item, page, "p")
            return
        converted = self.converter(ArticlePage, item).convert(item.content)
        body = self.valid_blocks(ArticlePage, converted, label)
        fields = {
            "title": plain(item.title)[:255] or f"Post {item.wp_id}",
            "summary": self.summary(item, converted, 300),
            "body": body,
            "publication_date": self.local_date(item),
            "author": self.clinicians.get(item.creator),
            "hero_image_id": self.thumbnail(item),
            "keywords": self.keywords(item),
        }
        created = page is None
        if created:
            page = ArticlePage(live=False, **fields)
            page.slug = self.free_slug(self.article_index, self.slug(item), label)
            self.article_index.add_child(instance=page)
        else:
            page = page.specific
            for name, value in fields.items():
                setattr(page, name, value)
        page.topics.set(self.item_topics(item))
        self.save(page, item, label)
        self.use_author_box(item, converted)
        self.remember("post", item.wp_id, page, print_)
        self.count("article", "created" if created else "updated")
        self.item_redirects(item, page, "p")
        if not self.relinking:
            for line in converted.notes:
                self.report.problem(f"{label}: {line}")

    def item_redirects(self, item: wxr.Item, page, key: str) -> None:
        """A published item's permalink and its /?p= (or /?page_id=) address."""
        if self.is_public(item):
            for path in (self.old_path(item.link), f"/?{key}={item.wp_id}"):
                self.redirect(path, page)

    def is_public(self, item: wxr.Item) -> bool:
        return item.status == "publish" and not item.password

    def import_page(self, item: wxr.Item, label: str) -> None:
        if item.status in SKIPPED_STATUSES:
            raise Skip(f"its status is “{item.status}”")
        self.check_size(item)
        parent = self.page_parent(item, label)
        print_ = fingerprint(item, self.publish, parent.pk)
        record, page = self.remembered("page", item.wp_id)
        if page is not None and record.fingerprint == print_ and not self.relinking:
            self.count("page", "unchanged")
            self.item_redirects(item, page, "page_id")
            return
        converted = self.converter(StandardPage, item).convert(item.content)
        fields = {
            "title": plain(item.title)[:255] or f"Page {item.wp_id}",
            "intro": plain(item.excerpt)[:400],
            "body": self.valid_blocks(StandardPage, converted, label),
            "hero_image_id": self.thumbnail(item),
        }
        created = page is None
        if created:
            page = StandardPage(live=False, **fields)
            page.slug = self.free_slug(parent, self.slug(item), label)
            parent.add_child(instance=page)
        else:
            page = page.specific
            for name, value in fields.items():
                setattr(page, name, value)
            if page.get_parent().pk != parent.pk:
                page.move(parent, pos="last-child", user=self.user)
        self.save(page, item, label)
        self.remember("page", item.wp_id, page, print_)
        self.count("page", "created" if created else "updated")
        self.item_redirects(item, page, "page_id")
        if not self.relinking:
            for line in converted.notes:
                self.report.problem(f"{label}: {line}")

    def page_order(self, pages: list[wxr.Item]) -> list[wxr.Item]:
        """Parents before children, siblings in WordPress's menu order."""
        by_id = {page.wp_id: page for page in pages}

        def depth(page, seen=()):
            parent = by_id.get(page.parent_id)
            if parent is None or page.wp_id in seen:
                return 0
            return 1 + depth(parent, (*seen, page.wp_id))

        return sorted(pages, key=lambda p: (depth(p), p.menu_order, p.wp_id))

    def page_parent(self, item: wxr.Item, label: str):
        if item.parent_id in ("", "0"):
            return self.home
        _record, parent = self.remembered("page", item.parent_id)
        if parent is None:
            self.report.problem(
                f"{label}: its WordPress parent (id {item.parent_id}) was not imported; "
                "placed under the home page"
            )
            return self.home
        if not StandardPage.can_create_at(parent.specific):
            self.report.problem(
                f"{label}: a standard page may not sit under “{parent.title}”; "
                "placed under the home page"
            )
            return self.home
        return parent

    # Shared by posts and pages ------------------------------------------------
    def check_size(self, item: wxr.Item) -> None:
        size = len(item.content.encode("utf-8", "replace"))
        if size > self.max_body_bytes:
            raise Skip(
                f"its body is {size / 1024 / 1024:.1f} MB, over the "
                f"{self.max_body_bytes / 1024 / 1024:.0f} MB limit (--max-body-mb); "
                "usually pasted images or markup, so nothing of it was imported"
            )

    def converter(self, model, item: wxr.Item) -> BodyConverter:
        stream_block = model._meta.get_field("body").stream_block
        features = (
            ARTICLE_RICH_TEXT_FEATURES if model is ArticlePage else RICH_TEXT_FEATURES
        )
        return BodyConverter(
            features=features,
            block_types=set(stream_block.child_blocks),
            resolve_image=self.resolve_image,
            old_hosts=self.old_hosts | self.media_hosts,
            resolve_link=self.resolve_link,
            gallery_ids=lambda attrs: self.gallery_ids(item, attrs),
        )

    def resolve_link(self, url: str) -> tuple[str, int] | None:
        """A link to the old site -> ("page", id) or ("document", id), when imported.

        A link to a post or page not imported yet stays an old address (which
        redirects) and the item is converted again once every item exists.
        """
        path = wxr.permalink_path(url)
        if UPLOADS in path:
            relative = self.upload_path(url)
            attachment = self.attachment_by_file.get(relative)
            if attachment and self.attachment_kind(attachment) == "document":
                document_id = self.documents.get(attachment.wp_id)
                return ("document", document_id) if document_id else None
            return None
        query = parse_qs(urlsplit(url).query)
        target = self.export.permalinks.get(path)
        for key, kind in (("p", "post"), ("page_id", "page")):
            if not target and query.get(key):
                target = (kind, query[key][0])
        if not target:
            return None
        _record, page = self.remembered(*target)
        if page is not None:
            return ("page", page.pk)
        item = getattr(self, "current_item", None)
        if item is not None and not self.relinking:
            self.relink.add(f"{item.post_type}:{item.wp_id}")
        return None

    def gallery_ids(self, item: wxr.Item, attrs: dict) -> list[str]:
        """The attachments a [gallery] shows: ids/include, else the post's own."""
        named = attrs.get("ids") or attrs.get("include") or ""
        ids = [part.strip() for part in named.split(",") if part.strip()]
        if not ids:
            source = attrs.get("id") or item.wp_id
            ids = [a.wp_id for a in self.export.children_of(source)]
        excluded = {part.strip() for part in attrs.get("exclude", "").split(",")}
        return [
            wp_id
            for wp_id in ids
            if wp_id not in excluded
            and wp_id in self.export.attachments
            and self.attachment_kind(self.export.attachments[wp_id]) == "image"
        ]

    def valid_blocks(self, model, converted, label: str) -> list[dict]:
        """Only blocks an editor could save again: each one is cleaned by its block."""
        stream_block = model._meta.get_field("body").stream_block
        kept = []
        for raw in converted.blocks:
            block = stream_block.child_blocks.get(raw["type"])
            if block is None:
                continue
            try:
                block.clean(block.to_python(raw["value"]))
            except ValidationError as error:
                self.report.problem(
                    f"{label}: a {raw['type']} block was left out ({_one_line(error)})"
                )
                continue
            kept.append(raw)
        return kept

    def summary(self, item: wxr.Item, converted, limit: int) -> str:
        return (
            shorten(plain(item.excerpt), limit)
            or shorten(converted.first_sentence(), limit)
            or shorten(plain(item.title), limit)
            or "Imported from WordPress."
        )

    def slug(self, item: wxr.Item) -> str:
        slug = slugify(unquote(item.slug), allow_unicode=True)[:200]
        return (
            slug
            or slugify(plain(item.title), allow_unicode=True)[:200]
            or f"wp-{item.wp_id}"
        )

    def free_slug(self, parent, slug: str, label: str = "") -> str:
        slug = slug or "imported"
        top_level = parent.pk == self.home.pk
        if top_level and slug in self.reserved:
            slug = f"{slug}-page"
        candidate, number = slug, 1
        while parent.get_children().filter(slug=candidate).exists() or (
            top_level and candidate in self.reserved
        ):
            number += 1
            candidate = f"{slug}-{number}"
        if candidate != slug and label:
            self.report.problem(
                f"{label}: the address {slug} was taken; used {candidate}"
            )
        return candidate

    def local_date(self, item: wxr.Item) -> datetime.date:
        moment = parse_date(item.post_date) or parse_date(item.post_date_gmt)
        return moment.date() if moment else timezone.localdate()

    def keywords(self, item: wxr.Item) -> str:
        """Tags, for site search, when they are not topics."""
        if self.tags_as_topics:
            return ""
        names = [
            plain(name)
            for domain, _slug, name in item.categories
            if domain == "post_tag"
        ]
        return shorten(", ".join(dict.fromkeys(n for n in names if n)), 500)

    def item_topics(self, item: wxr.Item) -> list[Topic]:
        topics = []
        domains = ("category", "post_tag") if self.tags_as_topics else ("category",)
        for domain, nicename, name in item.categories:
            if domain in domains:
                topic = self.topic_for(domain, nicename, name)
                if topic is not None and topic not in topics:
                    topics.append(topic)
        return topics

    def thumbnail(self, item: wxr.Item) -> int | None:
        attachment = self.export.attachments.get(item.meta.get("_thumbnail_id", ""))
        return self.image_for_attachment(attachment) if attachment else None

    def use_author_box(self, item: wxr.Item, converted) -> None:
        """A WordPress author box gives a new clinician draft its short bio."""
        clinician = self.clinicians.get(item.creator)
        if not (
            converted.author_bio
            and clinician
            and clinician.pk in self.created_clinicians
        ):
            return
        clinician = ClinicianPage.objects.get(pk=clinician.pk)
        if clinician.short_bio:
            return
        clinician.short_bio = shorten(converted.author_bio, 300)
        clinician.biography = f"<p>{html.escape(converted.author_bio)}</p>"
        clinician.save()
        clinician.save_revision(user=self.user)

    def save(self, page, item: wxr.Item, label: str) -> None:
        """A revision, then the WordPress status: live, in review or a draft."""
        revision = page.save_revision(user=self.user, log_action=True)
        if item.password:
            self.report.problem(
                f"{label}: password-protected in WordPress; kept as a draft, not public"
            )
        if not self.is_public(item):
            if page.live:
                page.unpublish(user=self.user)
                self.report.problem(
                    f"{label}: no longer public in WordPress; unpublished"
                )
            if item.status in ("private", "future", "pending"):
                self.report.note(f"{item.status} posts and pages were kept as drafts")
            return
        if self.publish:
            revision.publish(user=self.user)
            self.keep_dates(page, item)
            return
        workflow = page.get_workflow()
        if workflow is None:
            self.report.problem(
                f"no workflow applies to {page._meta.verbose_name}s: published WordPress "
                "items wait as drafts; publish them in the admin (or run with --publish)"
            )
            return
        if page.workflow_in_progress:
            return
        if not self.dry_run:  # starting a workflow notifies reviewers by email
            workflow.start(page, self.user)
        self.submitted += 1
        self.report.note(
            f"published WordPress items were submitted to the “{workflow.name}” workflow"
        )

    def keep_dates(self, page, item: wxr.Item) -> None:
        published = parse_date(item.post_date_gmt)
        modified = parse_date(item.modified_gmt) or published
        if not published:
            return
        utc = datetime.UTC
        type(page).objects.filter(pk=page.pk).update(
            first_published_at=published.replace(tzinfo=utc),
            last_published_at=max(modified, published).replace(tzinfo=utc),
        )

    # Redirects -----------------------------------------------------------------
    def old_path(self, link: str) -> str:
        parts = urlsplit(link or "")
        if parts.hostname and parts.hostname.lower() not in self.old_hosts:
            return ""
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def redirect(self, old: str, page, route: str = "") -> None:
        if not old or old == "/":
            return
        old_path = Redirect.normalise_path(old)
        new_path = Redirect.normalise_path(
            (page.relative_url(self.site) or "") + route.lstrip("/")
        )
        if old_path == new_path:
            return
        existing = Redirect.objects.filter(old_path=old_path, site=self.site).first()
        if existing is None:
            Redirect.objects.create(
                old_path=old_path,
                site=self.site,
                redirect_page=page,
                redirect_page_route_path=Redirect.normalise_page_route_path(route),
                is_permanent=True,
            )
            self.count("redirect", "created")
        elif existing.redirect_page_id == page.pk:
            self.count("redirect", "unchanged")
        else:
            self.count("redirect", "skipped")
            self.report.problem(f"a redirect from {old_path} already exists; kept it")

    def redirect_to_url(self, old: str, target: str) -> None:
        old_path = Redirect.normalise_path(old)
        existing = Redirect.objects.filter(old_path=old_path, site=self.site).first()
        if existing is None:
            Redirect.objects.create(
                old_path=old_path,
                site=self.site,
                redirect_link=target,
                is_permanent=True,
            )
            self.count("redirect", "created")
        elif existing.redirect_link == target:
            self.count("redirect", "unchanged")
        else:
            self.count("redirect", "skipped")
            self.report.problem(f"a redirect from {old_path} already exists; kept it")

    def import_attachment_pages(self) -> None:
        """An attachment's own page on the old site leads to the post it sits in."""
        for attachment in self.export.attachments.values():
            _record, page = self.remembered("post", attachment.parent_id)
            if page is None:
                _record, page = self.remembered("page", attachment.parent_id)
            if page is None:
                continue
            for path in (
                self.old_path(attachment.link),
                f"/?attachment_id={attachment.wp_id}",
            ):
                self.redirect(path, page)

    def summarise(self) -> None:
        if self.submitted:
            self.report.note(f"{self.submitted} item(s) await review before going live")


def _one_line(error: Exception) -> str:
    if isinstance(error, ValidationError):
        messages = error.messages if hasattr(error, "messages") else [str(error)]
        return "; ".join(messages)[:300]
    return str(error).splitlines()[0][:300] if str(error) else type(error).__name__
