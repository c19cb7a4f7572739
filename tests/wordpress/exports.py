"""Small WordPress exports written by the tests, one per rule the importer keeps."""

from html import escape
from pathlib import Path

NS_12 = "https://wordpress.org/export/1.2/"


def item(
    wp_id,
    title,
    content="",
    *,
    post_type="post",
    slug=None,
    link=None,
    status="publish",
    parent="0",
    excerpt="",
    categories=(),
    meta=None,
    attachment_url="",
    date="2023-05-14 09:30:00",
) -> str:
    slug = slug if slug is not None else f"post-{wp_id}"
    link = link or f"https://blog.example/2023/05/{slug}/"
    terms = "".join(
        f'<category domain="{domain}" nicename="{nice}"><![CDATA[{name}]]></category>'
        for domain, nice, name in categories
    )
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"
        for key, value in (meta or {}).items()
    )
    return f"""<item>
<title>{escape(title)}</title>
<link>{escape(link)}</link>
<dc:creator><![CDATA[maya]]></dc:creator>
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
<wp:post_id>{wp_id}</wp:post_id>
<wp:post_date>{date}</wp:post_date>
<wp:post_date_gmt>{date}</wp:post_date_gmt>
<wp:post_name>{escape(slug)}</wp:post_name>
<wp:status>{status}</wp:status>
<wp:post_parent>{parent}</wp:post_parent>
<wp:menu_order>0</wp:menu_order>
<wp:post_type>{post_type}</wp:post_type>
<wp:attachment_url>{escape(attachment_url)}</wp:attachment_url>
{terms}{metas}
</item>
"""


def attachment(wp_id, url, *, parent="0", title=None, link=None, file="") -> str:
    return item(
        wp_id,
        title or f"Attachment {wp_id}",
        post_type="attachment",
        status="inherit",
        parent=parent,
        link=link or f"https://blog.example/?attachment_id={wp_id}",
        attachment_url=url,
        meta={"_wp_attached_file": file} if file else None,
    )


def export(
    *items: str,
    namespace: str = NS_12,
    excerpt_namespace: str | None = None,
    version: str = "1.2",
    link: str = "https://blog.example",
    base_site: str | None = None,
    base_blog: str | None = None,
    terms: str = "",
) -> str:
    excerpt_namespace = excerpt_namespace or f"{namespace}excerpt/"
    base_site = base_site or link
    blog = f"<wp:base_blog_url>{base_blog}</wp:base_blog_url>" if base_blog else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="{excerpt_namespace}"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{namespace}">
<channel>
<title>Test blog</title>
<link>{link}</link>
<wp:wxr_version>{version}</wp:wxr_version>
<wp:base_site_url>{base_site}</wp:base_site_url>
{blog}
<wp:author><wp:author_login>maya</wp:author_login><wp:author_email>maya@blog.example</wp:author_email><wp:author_display_name><![CDATA[Maya Okafor]]></wp:author_display_name><wp:author_first_name><![CDATA[Maya]]></wp:author_first_name><wp:author_last_name><![CDATA[Okafor]]></wp:author_last_name></wp:author>
{terms}
{"".join(items)}
</channel>
</rss>
"""


def write(tmp_path: Path, text: str, name: str = "export.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
