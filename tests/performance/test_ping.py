"""The constant answer for liveness probes, which `make bench` measures against the bare app."""


def test_ping_answers_pong_without_touching_the_database(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/ping")
    assert response.status_code == 200
    assert response.content == b"pong\n"
    assert response["Content-Type"] == "text/plain"
