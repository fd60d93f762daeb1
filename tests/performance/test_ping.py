"""The constant answer `make bench` measures the server's ceiling with."""


def test_ping_answers_pong_without_touching_the_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/ping")
    assert response.status_code == 200
    assert response.content == b"pong\n"
    assert response["Content-Type"] == "text/plain"
