from tests.pagecache.conftest import (  # noqa: F401  (shared fixtures)
    articles,
    clinician,
    contact_page,
    make_article,
    photo,
    team,
    topic,
)
