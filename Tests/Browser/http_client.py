"""A signed-in HTTP client of the running MotCua, without a browser: cookies, the form token, forms and
multipart uploads; redirects are not followed (their status and Location are what the tests read)."""
import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request

from test_pages import DEMO_PASSWORD


# A person received at the desk: the intake form's fields but the receiving unit (see Client.receiving_unit).
INTAKE = {"procedure": "DEMO-HT-06", "channel": "inPerson", "applicantKind": "person", "applicantName": "Lê Thị Hoa",
          "identifier": "001301012345", "birthYear": "2001", "gender": "female"}


class Client:
    timeout = 60

    def __init__(self, base_url, username=None):
        """Signed in as `username`, or a visitor with the sign-in page's form token when None."""
        self.base = base_url
        self.location, self.headers = None, None
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        status, page = self.get("/sign-in")
        self.token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        if username:
            status, _ = self.post("/sign-in", {"username": username, "password": DEMO_PASSWORD})
            assert status in (302, 303), (username, status)
            self.refresh_token()

    def receiving_unit(self):
        """The id of the first unit the signed-in desk officer receives dossiers for, from the intake form."""
        _, page = self.get("/dossiers/new")
        return re.search(r'name="receivingUnit"[^>]*>\s*<option value="(\d+)"', page).group(1)

    def cookie_header(self):
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)

    def refresh_token(self):
        _, page = self.get("/")
        found = re.search(r'name="_csrf" value="([^"]+)"', page)
        if found:
            self.token = found.group(1)

    def request(self, method, path, form=None):
        data = urllib.parse.urlencode(dict(form or {}, _csrf=self.token)).encode() if method == "POST" else None
        return self.send(urllib.request.Request(self.base + path, data=data, method=method))

    def send(self, request):
        """The status and the text of the answer; the Location of a redirect and the headers are kept in
        `location` and `headers`. A connection that fails raises (OSError)."""
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                self.location, self.headers = response.headers.get("Location"), response.headers
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            self.location, self.headers = error.headers.get("Location"), error.headers
            return error.code, error.read().decode("utf-8", "replace")

    def upload(self, path, fields, name, content):
        """A multipart form with one file, as a browser sends it (the name in UTF-8 between quotes)."""
        boundary = "----motcua" + "".join(f"{byte:02x}" for byte in os.urandom(8))
        parts = []
        for key, value in dict(fields, _csrf=self.token).items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.send(urllib.request.Request(self.base + path, data=body, method="POST",
                                                headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}))

    def download(self, path):
        """The status and the bytes of a GET."""
        try:
            with self.opener.open(urllib.request.Request(self.base + path), timeout=self.timeout) as response:
                self.location, self.headers = response.headers.get("Location"), response.headers
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            self.location, self.headers = error.headers.get("Location"), error.headers
            return error.code, error.read()

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form):
        return self.request("POST", path, form)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
