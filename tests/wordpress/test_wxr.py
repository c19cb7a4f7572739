"""Reading the export: streamed, so memory stays flat however large the file."""

import tracemalloc

from wordpress import wxr

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.1/">
<channel><title>Big</title><link>https://big.example</link><wp:wxr_version>1.1</wp:wxr_version>
"""
ITEM = """<item><title>Post {n}</title><dc:creator>a</dc:creator>
<content:encoded><![CDATA[<p>{body}</p>]]></content:encoded>
<wp:post_id>{n}</wp:post_id><wp:post_name>post-{n}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
"""


def test_a_large_export_streams_in_little_memory(tmp_path):
    path = tmp_path / "big.xml"
    body = "Steady steps, one day at a time. " * 300  # about 10 kB a post
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(1, 3001):
            out.write(ITEM.format(n=n, body=body))
        out.write("</channel></rss>\n")
    assert path.stat().st_size > 25 * 1024 * 1024

    tracemalloc.start()
    export = wxr.scan(path)
    count = sum(1 for _ in wxr.iter_content(path))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert export.version == "1.1" and export.counts == {"post": 3000}
    assert count == 3000
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
