import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantana.settings.production")
django.setup(set_prefix=False)

# Django's WSGI handler, answering page-cache hits before the middleware runs,
# behind a branch answering insight beacons before it (insights/wsgi.py).
from insights.wsgi import BeaconWSGIBranch  # noqa: E402
from lantana.pagecache.handler import PageCacheWSGIHandler  # noqa: E402

handler = PageCacheWSGIHandler()
application = BeaconWSGIBranch(handler)
# Asked first by the worker production runs (lantana/workers.py): a page-cache
# hit is written out whole, without gunicorn building a WSGI response for it.
application.final_answer = handler.final_answer
