"""The site's routing (lantana.core.routing.ChainRoutingMixin on the home page):
a child page wins over a routable page's sub-route of the same name."""

from django.test import RequestFactory


def test_a_sub_route_answers_when_no_child_has_its_name(client, make_clinician):
    make_clinician(role="clinical")
    response = client.get("/team/role/clinical/")
    assert response.status_code == 200
    assert response.context["page"].slug == "team"


def test_a_child_page_wins_over_a_sub_route(client, team_index, make_clinician):
    clash = make_clinician(slug="role", role="clinical")
    # The child takes its own URL and everything below it ...
    response = client.get("/team/role/")
    assert response.status_code == 200
    assert response.context["page"] == clash
    # ... so the index's /role/<role>/ listings are out of reach while it exists.
    assert client.get("/team/role/clinical/").status_code == 404
    # Wagtail's own routing would have served the listing (RoutablePageMixin.route
    # tries the sub-routes first): this is the one place the two differ.
    request = RequestFactory().get("/team/role/clinical/")
    index = team_index.specific
    routed = index.route(request, ["role", "clinical"])
    assert routed.page == index
    assert routed.args[0].__name__ == "team_by_role"
