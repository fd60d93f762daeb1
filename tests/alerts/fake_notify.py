"""A local stand-in for GOV.UK Notify's HTTP API, on a port the system picks.

It checks each request as Notify does: a bearer JSON Web Token signed (HS256) with the API
key's secret, whose `iss` is the service ID and whose `iat` is within 30 seconds of now, and a
JSON body with the fields `send_email_notification` sends. It answers as Notify does, and can
be told to fail the next requests with given statuses."""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

SERVICE_ID = str(uuid.UUID(int=1))
SECRET = str(uuid.UUID(int=2))
API_KEY = f"test_key-{SERVICE_ID}-{SECRET}"
EMAIL_FIELDS = {
    "email_address",
    "template_id",
    "personalisation",
    "reference",
    "email_reply_to_id",
    "one_click_unsubscribe_url",
}


class FakeNotify:
    def __init__(self):
        self.sent: list[dict] = []
        self.rejected: list[str] = []
        self.fail_next: list[int] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def check(self, headers, body: bytes) -> tuple[int, str]:
        """The status and error Notify would answer with, or (201, "")."""
        auth = headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return 401, "Unauthorized: authentication token must be provided"
        try:
            claims = jwt.decode(
                auth.removeprefix("Bearer "),
                SECRET,
                algorithms=["HS256"],
                options={"require": ["iss", "iat"], "verify_iat": False},
            )
        except jwt.PyJWTError as error:
            return 403, f"Invalid token: {error}"
        if claims["iss"] != SERVICE_ID or abs(time.time() - claims["iat"]) > 30:
            return 403, "Invalid token: iss or iat"
        if headers.get("Content-type") != "application/json":
            return 400, "Content-type must be application/json"
        try:
            data = json.loads(body)
        except ValueError:
            return 400, "Invalid JSON"
        if not isinstance(data, dict) or set(data) - EMAIL_FIELDS:
            return 400, f"Additional properties are not allowed: {sorted(set(data) - EMAIL_FIELDS)}"
        if not isinstance(data.get("email_address"), str) or "@" not in data["email_address"]:
            return 400, "email_address Not a valid email address"
        try:
            uuid.UUID(str(data.get("template_id")))
        except ValueError:
            return 400, "template_id is not a valid UUID"
        personalisation = data.get("personalisation", {})
        if not isinstance(personalisation, dict) or not all(
            isinstance(v, str) for v in personalisation.values()
        ):
            return 400, "personalisation must be an object of strings"
        url = data.get("one_click_unsubscribe_url")
        if url is not None and not (
            isinstance(url, str) and url.startswith(("https://", "http://"))
        ):
            return 400, "one_click_unsubscribe_url is not a valid URL"
        return 201, ""

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, payload: dict) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path != "/v2/notifications/email":
                    return self._answer(
                        404, {"status_code": 404, "errors": [{"message": "Not found"}]}
                    )
                if fake.fail_next:
                    status = fake.fail_next.pop(0)
                    error = {"error": "Fault", "message": f"Fake failure {status}"}
                    return self._answer(status, {"status_code": status, "errors": [error]})
                status, message = fake.check(self.headers, body)
                if status != 201:
                    fake.rejected.append(message)
                    error = {"error": "BadRequestError", "message": message}
                    return self._answer(status, {"status_code": status, "errors": [error]})
                data = json.loads(body)
                fake.sent.append(data)
                notification_id = str(uuid.uuid4())
                return self._answer(
                    201,
                    {
                        "id": notification_id,
                        "reference": data.get("reference"),
                        "content": {
                            "subject": "",
                            "body": "",
                            "from_email": "alerts@example.gov.uk",
                        },
                        "uri": f"{fake.base_url}/v2/notifications/{notification_id}",
                        "template": {"id": data["template_id"], "version": 1, "uri": ""},
                    },
                )

        return Handler
