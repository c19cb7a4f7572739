def test_home_page_renders(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Recovery is possible" in response.content
